// Applies the committed drizzle-kit migrations. Safe to call on every start: applied ones are skipped.
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

export function migrateDatabase(database: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
  migrate(database, { migrationsFolder });
}
