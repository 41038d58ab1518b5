// Counts over the whole registry (how many trials match, the facet counts beside the list) cost a scan
// of up to 500,000 trials, but change only when a trial does. They are kept per connection, keyed by the
// query and by trials_generation (drizzle/0008: bumped by triggers on every insert, update and delete of
// trials, and every write to a trial's child rows updates the trial too), so a change anywhere — an
// import, a coordinator's save, another process — makes every cached count stale at once.
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { serializeListParams, type ListParams } from './list-params';

/**
 * Entries kept per connection and kind of entry (the key up to its "?"); least recently used go first. A count
 * or a facet result is a few kB; a list page up to ~120 kB (100 trials), so fewer of those are kept: anyone can
 * ask for many different pages, and the server's heap is capped (scripts/server-node-args.ts).
 */
export const CACHE_ENTRIES = 500;
export const CACHE_ENTRIES_BY_KIND: Record<string, number> = { list: 100, board: 20 };

type Store = { generation: number; kinds: Map<string, Map<string, unknown>>; hits: number; misses: number };
const stores = new WeakMap<Database.Database, Store>();

/** The connection behind a database handle, when it is the database itself (not a transaction). */
function clientOf(database: DbOrTx): Database.Database | null {
  const client = (database as { $client?: Database.Database }).$client;
  return client && typeof client.prepare === 'function' ? client : null;
}

export function trialsGeneration(database: DbOrTx): number {
  return database.get<{ n: number } | undefined>(sql`SELECT n FROM trials_generation WHERE id = 1`)?.n ?? 0;
}

/**
 * `compute()`'s result for `key` under the current trials generation, computed at most once per
 * generation. Call it inside the read transaction that `compute` uses (pass that transaction's
 * `generation`), so the number and the counts come from the same snapshot. Not cached when the
 * connection is inside a write the caller may yet roll back.
 */
export function memoByGeneration<T>(database: DbOrTx, generation: number, key: string, compute: () => T, outerClient?: Database.Database | null): T {
  const client = outerClient ?? clientOf(database);
  if (!client) return compute();
  let store = stores.get(client);
  if (!store || store.generation !== generation) {
    store = { generation, kinds: new Map(), hits: store?.hits ?? 0, misses: store?.misses ?? 0 };
    stores.set(client, store);
  }
  const kind = key.slice(0, Math.max(0, key.indexOf('?')));
  let entries = store.kinds.get(kind);
  if (!entries) store.kinds.set(kind, (entries = new Map()));
  if (entries.has(key)) {
    const value = entries.get(key) as T;
    entries.delete(key);
    entries.set(key, value);
    store.hits++;
    return value;
  }
  const value = compute();
  store.misses++;
  entries.set(key, value);
  if (entries.size > (CACHE_ENTRIES_BY_KIND[kind] ?? CACHE_ENTRIES)) entries.delete(entries.keys().next().value as string);
  return value;
}

/**
 * Runs `read` in one read transaction with the generation read first, caching by generation only when
 * the connection was not already inside a transaction (a caller's write that may still roll back).
 */
export function cachedRead<T>(database: DbOrTx, read: (tx: DbOrTx, memo: <V>(key: string, compute: () => V) => V) => T): T {
  const client = clientOf(database);
  const cacheable = client !== null && !client.inTransaction;
  return database.transaction((tx) => {
    if (!cacheable) return read(tx, (_key, compute) => compute());
    const generation = trialsGeneration(tx);
    return read(tx, (key, compute) => memoByGeneration(tx, generation, key, compute, client));
  });
}

/** Hits and misses so far on this connection (for the benchmark's report and tests). */
export function cacheStats(database: DbOrTx): { hits: number; misses: number; entries: number } {
  const client = clientOf(database);
  const store = client ? stores.get(client) : undefined;
  const entries = store ? [...store.kinds.values()].reduce((n, m) => n + m.size, 0) : 0;
  return { hits: store?.hits ?? 0, misses: store?.misses ?? 0, entries };
}

/** The filters of a list request as a cache key: page, page size and order do not change a count. */
export const filtersKey = (p: ListParams): string =>
  serializeListParams({ ...p, sort: undefined, page: undefined, pageSize: undefined }).toString();
