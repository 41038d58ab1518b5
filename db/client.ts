// The one SQLite connection per process, opened lazily (next build loads route modules and must not
// open the database). WAL lets readers run beside the single writer; foreign keys are enforced.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { env } from '../lib/env';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string, busyTimeoutMs = 5000): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return drizzle(sqlite, { schema }) as Db;
}

const globalForDb = globalThis as unknown as { __alsDb?: Db };

/** The process-wide database. Survives hot reloads in development. */
export function db(): Db {
  if (!globalForDb.__alsDb) {
    const { DATABASE_PATH, DATABASE_BUSY_TIMEOUT_MS } = env();
    globalForDb.__alsDb = openDatabase(DATABASE_PATH, DATABASE_BUSY_TIMEOUT_MS);
  }
  return globalForDb.__alsDb;
}

/** A transaction handle; data functions that write accept either this or the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
