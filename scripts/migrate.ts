// npm run db:migrate: apply the committed migrations to DATABASE_PATH.
import { closeDatabase, databaseLocation, migrate } from './database';

try {
  const { database, applied, total } = migrate();
  closeDatabase(database);
  console.log(`${databaseLocation()}: ${applied} migration(s) applied (${total} in total).`);
} catch (error) {
  console.error('Migration failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
