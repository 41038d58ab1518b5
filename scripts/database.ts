// Shared by the command-line scripts: bring the configured database up to date and say what was done.
// The server does the same at start-up in instrumentation.ts, so a bare `next start` works too.
import path from 'node:path';
import { db, type Db } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { env } from '../lib/env';

/** The database file as a person would look for it: an absolute path. */
export function databaseLocation(): string {
  const file = env().DATABASE_PATH;
  return file === ':memory:' ? file : path.resolve(file);
}

function appliedMigrationCount(database: Db): number {
  const sqlite = database.$client;
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

export function migrate(): { database: Db; applied: number; total: number } {
  const database = db();
  const before = appliedMigrationCount(database);
  migrateDatabase(database);
  const total = appliedMigrationCount(database);
  return { database, applied: total - before, total };
}

export type SeedSummary = Awaited<ReturnType<typeof import('../db/seed').seedCuratedTrials>>;

export async function seed(database: Db): Promise<SeedSummary> {
  const { seedCuratedTrials } = await import('../db/seed');
  return seedCuratedTrials(database);
}

/** "created: 40, updated: 0, …, errors: 0": counts in one line; the errors themselves are listed by the caller. */
export function describeSeed(summary: SeedSummary): string {
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.length : String(value)}`)
    .join(', ');
}

export function reportSeedErrors(summary: SeedSummary): void {
  for (const error of summary.errors) {
    console.warn(`  ${[error.file, error.nctId].filter(Boolean).join(' ') || 'seed'}: ${error.reason}`);
  }
}

export function closeDatabase(database: Db): void {
  database.$client.close();
}
