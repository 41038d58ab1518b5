// The benchmark database generator (npm run bench:data) at a tiny size: built by the real migrations, the
// sizes asked for, the same data for the same seed, and usable by the app's own read and write paths.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchDatabase, type BenchMeta } from '@/bench/lib/build-database';
import { parseBenchDataArgs, UsageError, type BenchDataOptions } from '@/bench/lib/options';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { parseListParams } from '@/lib/trials/list-params';
import { getReadiness, getTrial, listTrials } from '@/lib/trials/queries';
import { refreshTrialSearch } from '@/lib/trials/search-index';
import { updateTrial } from '@/lib/trials/update';
import { getWatchlistView } from '@/lib/watchlists/views';

const SIZE = { trials: 300, users: 50, watches: 500, eventsPerTrial: 10, seed: 7 };

let dir: string;
let built: { meta: BenchMeta; db: Db }[];
const options = (name: string, overrides: Partial<BenchDataOptions> = {}): BenchDataOptions => ({ ...SIZE, out: path.join(dir, name, 'bench.sqlite'), ...overrides });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'als-bench-data-'));
  built = ['a', 'b'].map((name) => {
    const meta = buildBenchDatabase(options(name));
    return { meta, db: openDatabase(path.join(dir, name, 'bench.sqlite')) };
  });
}, 60_000);

afterAll(() => {
  for (const b of built ?? []) b.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T = Record<string, unknown>>(db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as T[];
const one = <T = Record<string, unknown>>(db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).get(...params) as T;
const count = (db: Db, query: string, ...params: unknown[]) => one<{ n: number }>(db, query, ...params).n;
const digest = (db: Db, query: string) => createHash('sha256').update(JSON.stringify(all(db, query))).digest('hex');
const params = (query: string) => parseListParams(new URLSearchParams(query));

describe('npm run bench:data', () => {
  it('builds through the real migrations: the health check passes and the schema is exactly a migrated one, triggers included', () => {
    const { db } = built[0]!;
    expect(getReadiness(db)).toEqual({ ok: true, trials: SIZE.trials, migrations: expect.any(Number) });
    const fresh = openDatabase(path.join(dir, 'fresh.sqlite'));
    migrateDatabase(fresh);
    const schema = (d: Db) => all(d, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name");
    expect(schema(db)).toEqual(schema(fresh));
    expect(schema(db).map((o) => o.name)).toContain('trial_events_notify_followers');
    fresh.$client.close();
  });

  it('makes the sizes asked for, with about ten events per trial and no dangling references', () => {
    const { db, meta } = built[0]!;
    expect(count(db, 'SELECT count(*) AS n FROM trials')).toBe(SIZE.trials);
    expect(count(db, 'SELECT count(*) AS n FROM trials_fts')).toBe(SIZE.trials);
    expect(count(db, 'SELECT count(*) AS n FROM users')).toBe(SIZE.users);
    expect(count(db, 'SELECT count(*) AS n FROM watchlist_trials')).toBe(SIZE.watches);
    const events = count(db, 'SELECT count(*) AS n FROM trial_events') / SIZE.trials;
    expect(events).toBeGreaterThan(7);
    expect(events).toBeLessThan(13);
    expect(meta.counts).toMatchObject({ trials: SIZE.trials, users: SIZE.users, watchlist_trials: SIZE.watches });
    expect(all(db, 'PRAGMA foreign_key_check')).toEqual([]);
    // Every trial's version is the version its newest event produced.
    expect(count(db, 'SELECT count(*) AS n FROM trials t WHERE version <> (SELECT max(trial_version) FROM trial_events e WHERE e.trial_id = t.id)')).toBe(0);
    expect(all(db, "SELECT DISTINCT substr(nct_id, 1, 4) AS p FROM trials")).toEqual([{ p: 'NCT9' }]);
    // What has happened is dated before the synthetic registry's today; nothing actual lies in its future.
    for (const column of ['start_date', 'primary_completion_date', 'completion_date'])
      expect(count(db, `SELECT count(*) AS n FROM trials WHERE ${column}_type = 'ACTUAL' AND ${column} > ?`, meta.referenceDate), column).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM trial_events WHERE recorded_at > ?', `${meta.referenceDate}T23:59:59Z`)).toBe(0);
  });

  it('builds the same data from the same seed, and other data from another', () => {
    const [a, b] = built.map((x) => x.db) as [Db, Db];
    for (const query of [
      'SELECT nct_id, brief_title, overall_status FROM trials ORDER BY id',
      'SELECT trial_id, count(*) FROM trial_events GROUP BY trial_id ORDER BY trial_id',
      'SELECT * FROM trials ORDER BY id',
      'SELECT * FROM trial_events ORDER BY id',
      'SELECT * FROM trial_locations ORDER BY id',
      'SELECT * FROM users ORDER BY id',
      'SELECT * FROM watchlist_trials ORDER BY watchlist_id, trial_id',
      'SELECT * FROM subscriptions ORDER BY watchlist_id, user_id',
    ])
      expect(digest(a, query), query).toBe(digest(b, query));
    const other = buildBenchDatabase(options('c', { seed: SIZE.seed + 1 }));
    const c = openDatabase(path.join(dir, 'c', 'bench.sqlite'));
    expect(digest(c, 'SELECT nct_id, brief_title FROM trials ORDER BY id')).not.toBe(digest(a, 'SELECT nct_id, brief_title FROM trials ORDER BY id'));
    expect(other.counts.trials).toBe(SIZE.trials);
    c.$client.close();
  });

  it('writes the search index rows exactly as the app writes them', () => {
    const { db } = built[0]!;
    for (const id of [1, 2, 150, 300]) {
      const row = () => one(db, 'SELECT title, interventions, sponsor, conditions, summary FROM trials_fts WHERE rowid = ?', id);
      const generated = row();
      db.transaction((tx) => refreshTrialSearch(tx, id));
      expect(row()).toEqual(generated);
    }
  });

  it('lets the trial list filter and search it, and shows a trial whole', () => {
    const { db, meta } = built[0]!;
    expect(listTrials(params(''), db).total).toBe(SIZE.trials);
    for (const term of meta.searchTerms.filter((t) => t.matches > 0)) expect(listTrials(params(`q=${encodeURIComponent(term.q)}`), db).total).toBe(term.matches);
    expect(meta.searchTerms.find((t) => t.q === 'amyotrophic')!.matches).toBe(SIZE.trials);
    expect(listTrials(params('q=riluzole&recruiting=true'), db).items.length).toBeGreaterThan(0);
    for (const filter of meta.filters) expect(listTrials(params(filter.query), db).total).toBe(filter.total);
    expect(meta.filters.find((f) => f.query === 'recruiting=true')!.total).toBeGreaterThan(0);
    expect(listTrials(params('country=United States&phase=2'), db).total).toBeGreaterThan(0);
    const trial = getTrial(meta.sample.recruitingNctIds[0]!, db)!;
    expect(trial.events.length).toBeGreaterThan(0);
    expect(trial.recruiting).toBe(true);
  });

  it('gives user #1 a list of exactly 200 trials, which the watchlist page can read', () => {
    const { db, meta } = built[0]!;
    expect(meta.watcher.trials).toBe(200);
    expect(count(db, 'SELECT count(*) AS n FROM watchlist_trials WHERE watchlist_id = ?', meta.watcher.watchlistId)).toBe(200);
    expect(count(db, 'SELECT count(*) AS n FROM watchlist_trials w JOIN watchlists l ON l.id = w.watchlist_id WHERE l.owner_id = ?', meta.watcher.userId)).toBe(200);
    const view = getWatchlistView(db, { userId: meta.watcher.userId, role: 'member' }, { id: meta.watcher.watchlistId });
    expect(view.isOwner).toBe(true);
    expect(view.trials).toHaveLength(200);
    expect(view.trials.every((t) => t.latestChange !== null)).toBe(true);
    expect(getWatchlistView(db, null, { shareToken: meta.watcher.shareToken }).trials).toHaveLength(200);
    // The session in the meta file signs user #1 in (Auth.js database sessions).
    expect(one(db, 'SELECT userId FROM sessions WHERE sessionToken = ?', meta.watcher.sessionToken)).toEqual({ userId: meta.watcher.userId });
  });

  it('has everyone follow the first trial, and the restored trigger fans a change out to all of them but its author', () => {
    const { db, meta } = built[1]!;
    expect(meta.fanout.followers).toBe(SIZE.users);
    expect(count(db, 'SELECT count(*) AS n FROM notifications')).toBe(0);
    const followers = count(
      db,
      `SELECT count(DISTINCT s.user_id) AS n FROM subscriptions s
       WHERE s.watchlist_id IN (SELECT watchlist_id FROM watchlist_trials WHERE trial_id = ? UNION SELECT watchlist_id FROM watchlist_matches WHERE trial_id = ?)`,
      meta.fanout.trialId,
      meta.fanout.trialId,
    );
    expect(followers).toBe(SIZE.users);
    const { version } = one<{ version: number }>(db, 'SELECT version FROM trials WHERE id = ?', meta.fanout.trialId);
    updateTrial(db, meta.fanout.nctId, { version, note: 'Benchmark note' }, { userId: meta.fanout.coordinatorUserId, role: 'member' });
    expect(count(db, 'SELECT count(*) AS n FROM notifications')).toBe(SIZE.users - 1);
  });

  it('refuses sizes it cannot honour, naming the option', () => {
    expect(() => parseBenchDataArgs(['--trials', '600000'])).toThrow(/--trials/);
    expect(() => parseBenchDataArgs(['--users', '100', '--watches', '100'])).toThrow(UsageError);
    expect(() => parseBenchDataArgs(['--users=2'])).toThrow(/--users/);
    expect(() => parseBenchDataArgs(['--trails', '5'])).toThrow(/unknown option --trails/);
    expect(parseBenchDataArgs(['--trials=500_000', '--users', '100000', '--watches', '1,000,000'])).toMatchObject({ trials: 500_000, users: 100_000, watches: 1_000_000 });
  });
});
