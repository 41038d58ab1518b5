// npm run admin:create -- someone@example.org
// Makes that person an admin (creating their account if needed) and records the grant in role_changes.
// They then sign in with an e-mailed link like anyone else.
import { createAdmin } from '../lib/auth/admin';
import { isAppError } from '../lib/errors';
import { closeDatabase, databaseLocation, migrate } from './database';

function main(): void {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1) {
    console.error('Usage: npm run admin:create -- someone@example.org');
    process.exit(2);
  }
  const { database } = migrate();
  try {
    const result = createAdmin(database, args[0], 'npm run admin:create');
    const who = args[0]!.trim().toLowerCase();
    if (result.alreadyAdmin) console.log(`${who} is already an admin (${databaseLocation()}).`);
    else console.log(`${who} is now an admin${result.created ? ' (new account)' : ''}. They sign in at /signin with that address.`);
  } catch (error) {
    console.error(`admin:create: ${isAppError(error) ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    closeDatabase(database);
  }
}

main();
