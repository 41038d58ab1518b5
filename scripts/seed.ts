// npm run db:seed: migrate, then load the curated ALS trials (idempotent: running it again adds nothing twice).
import { closeDatabase, databaseLocation, describeSeed, migrate, reportSeedErrors, seed } from './database';

async function main(): Promise<void> {
  const { database, applied } = migrate();
  if (applied > 0) console.log(`${databaseLocation()}: ${applied} migration(s) applied.`);
  try {
    const summary = await seed(database);
    console.log(`Seeded ${databaseLocation()}: ${describeSeed(summary)}`);
    reportSeedErrors(summary);
    // A curated record that does not import is a bug in db/seed: fail loudly.
    if (summary.failed > 0) process.exitCode = 1;
  } finally {
    closeDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error('Seeding failed:', error);
  process.exitCode = 1;
});
