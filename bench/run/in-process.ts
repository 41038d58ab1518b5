// The benchmarks that need no server: full-text search through the app's own query function, the importer
// against JSON.parse alone, and the notification fan-out against a bare INSERT … SELECT (bench/fanout.ts's
// method, as a function that returns its figures).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import type { Actor } from '@/lib/auth/permissions';
import { importStudies, importStudy } from '@/lib/trials/import';
import { parseListParams } from '@/lib/trials/list-params';
import { listTrials, toFtsQuery } from '@/lib/trials/queries';
import { updateTrial } from '@/lib/trials/update';
import { clonedRecordTexts } from './records';

export const now = () => process.hrtime.bigint();
export const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
export const median = (xs: number[]) => percentile(xs, 50);
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  // Nearest rank.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------- search

/** ~n search texts as people type them: single words, word pairs, and prefixes of words. */
export function searchQueries(terms: string[], n: number): string[] {
  const words = terms.filter((t) => t.trim() !== '');
  if (words.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const a = words[i % words.length]!;
    const b = words[(i * 7 + 3) % words.length]!;
    switch (i % 4) {
      case 0:
      case 1:
        out.push(a);
        break;
      case 2:
        out.push(`${a} ${b}`);
        break;
      default:
        out.push(a.length > 5 ? a.slice(0, Math.max(4, Math.ceil(a.length * 0.6))) : a);
    }
  }
  return out;
}

export type FtsResult = {
  queries: number;
  distinct: number;
  /** listTrials({ q }): the COUNT and the first page by relevance, what GET /api/trials?q= and /trials?q= run. */
  listTrials: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** The same, only for the first time each distinct query was asked: nothing about it cached yet (lib/trials/cache.ts). */
  firstAsked: { n: number; p50: number; p95: number; max: number };
  /** The bare FTS5 query: the first 25 matches by bm25, no count, no trial rows. */
  bareMatch: { p50: number; p95: number; max: number };
  matches: { p50: number; max: number };
  slowest: { q: string; ms: number; total: number }[];
};

export function benchFts(dbPath: string, queries: string[]): FtsResult {
  const database = openDatabase(dbPath);
  try {
    const bare = database.$client.prepare('SELECT rowid FROM trials_fts WHERE trials_fts MATCH ? ORDER BY bm25(trials_fts, 10.0, 5.0, 2.0, 1.0, 1.0) LIMIT 25');
    // One unmeasured pass on another connection, so the figures are of a warm page cache, as a running
    // server has, while this connection's cached counts start empty.
    const warm = openDatabase(dbPath);
    for (const q of queries.slice(0, 20)) listTrials(parseListParams({ q }), warm);
    warm.$client.close();
    const asked = new Set<string>();
    const firstTimes: number[] = [];
    const times: number[] = [];
    const bareTimes: number[] = [];
    const totals: number[] = [];
    const all: { q: string; ms: number; total: number }[] = [];
    for (const q of queries) {
      const params = parseListParams({ q });
      let start = now();
      const result = listTrials(params, database);
      const ms = msSince(start);
      times.push(ms);
      if (!asked.has(q)) firstTimes.push(ms);
      asked.add(q);
      totals.push(result.total);
      all.push({ q, ms: round(ms), total: result.total });
      const match = toFtsQuery(q);
      if (match) {
        start = now();
        bare.all(match);
        bareTimes.push(msSince(start));
      }
    }
    return {
      queries: queries.length,
      distinct: new Set(queries).size,
      listTrials: {
        p50: round(percentile(times, 50)),
        p95: round(percentile(times, 95)),
        p99: round(percentile(times, 99)),
        max: round(Math.max(...times)),
        mean: round(times.reduce((a, b) => a + b, 0) / times.length),
      },
      firstAsked: {
        n: firstTimes.length,
        p50: round(percentile(firstTimes, 50)),
        p95: round(percentile(firstTimes, 95)),
        max: round(Math.max(...firstTimes)),
      },
      bareMatch: { p50: round(percentile(bareTimes, 50)), p95: round(percentile(bareTimes, 95)), max: round(Math.max(...bareTimes)) },
      matches: { p50: percentile(totals, 50), max: Math.max(...totals) },
      slowest: all.sort((a, b) => b.ms - a.ms).slice(0, 5),
    };
  } finally {
    database.$client.close();
  }
}

// ---------------------------------------------------------------------------------------------- import

export type ImportResult = {
  records: number;
  bytes: number;
  /** JSON.parse of every record's text, median of 3 rounds. */
  parseMs: number;
  /** JSON.parse plus importStudies into a fresh database made by the migrations. */
  importMs: number;
  recordsPerSecond: number;
  parseRecordsPerSecond: number;
  ratio: number;
  created: number;
  failed: number;
  events: number;
};

function tempDatabase(prefix: string): { database: Db; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const database = openDatabase(path.join(dir, 'bench.sqlite'));
  migrateDatabase(database);
  return { database, dir };
}

export function benchImport(records: number): ImportResult {
  const texts = clonedRecordTexts(records);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const parseRounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = now();
    let keep = 0;
    for (const text of texts) keep += (JSON.parse(text) as object) ? 1 : 0;
    parseRounds.push(msSince(start));
    if (keep !== texts.length) throw new Error('JSON.parse lost a record');
  }
  const { database, dir } = tempDatabase('als-bench-import-');
  try {
    const start = now();
    const summary = importStudies(
      database,
      texts.map((text) => ({ record: JSON.parse(text) as unknown })),
    );
    const importMs = msSince(start);
    if (summary.failed > 0) throw new Error(`import: ${summary.failed} records failed, e.g. ${summary.errors[0]?.reason}`);
    const parseMs = median(parseRounds);
    return {
      records,
      bytes,
      parseMs: round(parseMs),
      importMs: round(importMs),
      recordsPerSecond: Math.round(records / (importMs / 1000)),
      parseRecordsPerSecond: Math.round(records / (parseMs / 1000)),
      ratio: round(importMs / parseMs, 1),
      created: summary.created,
      failed: summary.failed,
      events: summary.events,
    };
  } finally {
    database.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- fan-out

const ROUNDS = 3;
// A mix of e-mail choices: most at once, some digests, a few in-app only (as bench/fanout.ts).
const CADENCES = ['immediate', 'immediate', 'immediate', 'immediate', 'immediate', 'immediate', 'daily', 'daily', 'weekly', 'never'] as const;

const minimalRecord = (nctId: string) => ({
  protocolSection: {
    identificationModule: { nctId, briefTitle: `Benchmark study ${nctId}` },
    statusModule: { overallStatus: 'RECRUITING', lastUpdatePostDateStruct: { date: '2025-01-10', type: 'ACTUAL' } },
  },
});

export type FanoutResult = {
  followers: number;
  notified: number;
  delivered: number;
  setUpMs: number;
  /** updateTrial on the followed trial, median of the rounds. */
  updateMs: number;
  /** The same change to a trial nobody follows. */
  controlMs: number;
  /** The difference: what the followers cost. */
  fanoutMs: number;
  /** INSERT … SELECT of the same notification rows into a table of the same shape and indexes. */
  bareMs: number;
  ratio: number;
  endToEndRatio: number;
};

/** The fan-out measurement (also printed alone by bench/fanout.ts): each follower with their own list and subscription (the trigger's worst case). */
export function benchFanout(followers: number): FanoutResult {
  const built = Date.now();
  const { database, dir } = tempDatabase('als-bench-fanout-');
  try {
    importStudy(database, minimalRecord('NCT90000001'));
    importStudy(database, minimalRecord('NCT90000002'));
    const sqlite = database.$client;
    const id = (nctId: string) => (sqlite.prepare('SELECT id FROM trials WHERE nct_id = ?').get(nctId) as { id: number }).id;
    const followed = id('NCT90000001');
    const coordinatorId = crypto.randomUUID();
    sqlite.transaction(() => {
      sqlite.prepare("INSERT INTO users (id, email, role) VALUES (?, 'coordinator@example.org', 'member')").run(coordinatorId);
      sqlite.prepare('INSERT INTO trial_coordinators (trial_id, user_id) VALUES (?, ?), (?, ?)').run(followed, coordinatorId, id('NCT90000002'), coordinatorId);
      const user = sqlite.prepare('INSERT INTO users (id, email) VALUES (?, ?)');
      const list = sqlite.prepare("INSERT INTO watchlists (owner_id, name, kind, share_token, feed_token) VALUES (?, 'Followed', 'trials', ?, ?) RETURNING id");
      const watch = sqlite.prepare('INSERT INTO watchlist_trials (watchlist_id, trial_id) VALUES (?, ?)');
      const subscribe = sqlite.prepare('INSERT INTO subscriptions (watchlist_id, user_id, email_cadence, unsubscribe_token) VALUES (?, ?, ?, ?)');
      for (let i = 0; i < followers; i++) {
        const userId = crypto.randomUUID();
        user.run(userId, `follower${i}@example.org`);
        const { id: listId } = list.get(userId, crypto.randomUUID(), crypto.randomUUID()) as { id: number };
        watch.run(listId, followed);
        subscribe.run(listId, userId, CADENCES[i % CADENCES.length], crypto.randomUUID());
      }
    })();
    for (const { sql } of sqlite.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'notifications' AND sql IS NOT NULL").all() as { sql: string }[])
      sqlite.exec(sql.replace(/`notifications`/g, '`scratch_notifications`').replace(/`notifications_/g, '`scratch_notifications_'));
    const setUpMs = Date.now() - built;

    const coordinator: Actor = { userId: coordinatorId, role: 'member' };
    const versions: Record<string, number> = { NCT90000001: 1, NCT90000002: 1 };
    const change = (nctId: string, round: number) => {
      const status = round % 2 === 0 ? 'ACTIVE_NOT_RECRUITING' : 'RECRUITING';
      const start = now();
      const result = updateTrial(database, nctId, { version: versions[nctId]!, overallStatus: status, reason: 'Benchmark round' }, coordinator);
      const took = msSince(start);
      versions[nctId] = result.version;
      return took;
    };
    const bare = sqlite.transaction((eventId: number) =>
      sqlite
        .prepare(
          `INSERT INTO scratch_notifications (user_id, trial_id, event_id, watchlist_id, kind, dedupe_key, created_at)
           SELECT user_id, trial_id, event_id, watchlist_id, kind, dedupe_key, created_at FROM notifications WHERE event_id = ?`,
        )
        .run(eventId),
    );
    const rounds = { update: [] as number[], control: [] as number[], bare: [] as number[] };
    let notified = 0;
    let delivered = 0;
    for (let round = 0; round < ROUNDS; round++) {
      rounds.control.push(change('NCT90000002', round));
      rounds.update.push(change('NCT90000001', round));
      const { id: eventId } = sqlite.prepare('SELECT max(id) AS id FROM trial_events WHERE trial_id = ?').get(followed) as { id: number };
      notified = (sqlite.prepare('SELECT count(*) AS n FROM notifications WHERE event_id = ?').get(eventId) as { n: number }).n;
      delivered = (
        sqlite.prepare('SELECT count(*) AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.event_id = ?').get(eventId) as { n: number }
      ).n;
      const start = now();
      const copied = bare(eventId).changes;
      rounds.bare.push(msSince(start));
      if (copied !== notified) throw new Error(`bare insert copied ${copied} rows, expected ${notified}`);
    }
    const update = median(rounds.update);
    const control = median(rounds.control);
    const bareMs = median(rounds.bare);
    const fanout = Math.max(0, update - control);
    return {
      followers,
      notified,
      delivered,
      setUpMs,
      updateMs: round(update),
      controlMs: round(control),
      fanoutMs: round(fanout),
      bareMs: round(bareMs),
      ratio: round(fanout / bareMs),
      endToEndRatio: round(update / bareMs),
    };
  } finally {
    database.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
