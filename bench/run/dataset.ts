// What the benchmark needs to know about its database: sample trial ids, the user watching ~200 trials and
// their list, the most followed trial, search terms, and the table counts. Read from the metadata that
// `npm run bench:data` writes beside the database when it is there, checked against the database, and
// otherwise found in the database itself (so any database made by the real migrations can be benchmarked).
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { BenchMeta } from '../lib/build-database';

export type BenchTargets = {
  source: 'meta' | 'database' | 'meta+database';
  nctIds: string[];
  /** The list's owner, and a session of theirs from the meta file when it is still valid in the database. */
  watcher: { userId: string; watchlistId: number; trials: number; name: string; sessionToken?: string } | null;
  /** Auth.js's session cookie name (authjs.session-token on http). */
  cookieName: string;
  followedTrial: { nctId: string; followers: number } | null;
  searchTerms: string[];
  counts: Record<string, number>;
  meta: unknown;
};

const NCT = /^NCT\d{8}$/;

/** The fields read from bench/data.ts's meta file; any may be missing (an older or hand-made file). */
type MetaFields = {
  sample?: Record<string, string[] | undefined>;
  watcher?: { userId?: string; watchlistId?: number; sessionToken?: string };
  fanout?: { nctId?: string };
  session?: { cookie?: string };
  searchTerms?: ({ q?: string } | string)[];
};

function fromMeta(meta: Pick<BenchMeta, 'sample' | 'watcher' | 'fanout' | 'session' | 'searchTerms'> | MetaFields) {
  const m = meta as MetaFields;
  return {
    // Every sample list (all kinds, recruiting, SOD1, completed), for a wider rotation.
    nctIds: [...new Set(Object.values(m.sample ?? {}).flatMap((ids) => (Array.isArray(ids) ? ids : [])))].filter((id) => typeof id === 'string' && NCT.test(id)),
    searchTerms: (m.searchTerms ?? []).map((t) => (typeof t === 'string' ? t : (t.q ?? ''))).filter(Boolean),
    watcher:
      typeof m.watcher?.userId === 'string' && typeof m.watcher.watchlistId === 'number'
        ? { userId: m.watcher.userId, watchlistId: m.watcher.watchlistId, sessionToken: m.watcher.sessionToken }
        : undefined,
    followedNctId: m.fanout?.nctId,
    cookieName: m.session?.cookie,
  };
}

const STOP = new Set(
  'with from that this study trial trials phase versus after into their patients participants subjects people amyotrophic lateral sclerosis disease treatment effect effects safety efficacy evaluate randomized controlled double blind placebo open label extension tolerability single multiple dose doses group groups years year month months week weeks than have will been were which what when while among using based clinical'.split(' '),
);

/** About n rows' ids spread evenly over a table's id range, looked up by rowid (no scan of a large table). */
function spreadIds(sqlite: Database.Database, table: string, n: number): number[] {
  const { lo, hi } = sqlite.prepare(`SELECT min(id) AS lo, max(id) AS hi FROM "${table}"`).get() as { lo: number | null; hi: number | null };
  if (lo === null || hi === null) return [];
  const step = Math.max(1, Math.floor((hi - lo + 1) / n));
  const ids: number[] = [];
  for (let id = lo; id <= hi && ids.length < n; id += step) ids.push(id);
  return ids;
}

function byIds<T>(sqlite: Database.Database, sql: string, ids: number[]): T[] {
  // json_each keeps it one statement whatever the number of ids.
  return sqlite.prepare(sql.replace('$IDS', 'SELECT value FROM json_each(?)')).all(JSON.stringify(ids)) as T[];
}

/** Words from trial titles, sponsors and interventions: frequent ones (many matches) and rarer ones (few). */
function termsFromDatabase(sqlite: Database.Database, n = 60): string[] {
  const rows = byIds<{ t: string; s: string | null }>(sqlite, 'SELECT brief_title AS t, lead_sponsor AS s FROM trials WHERE id IN ($IDS)', spreadIds(sqlite, 'trials', 3000));
  const interventions = byIds<{ name: string }>(sqlite, 'SELECT name FROM trial_interventions WHERE id IN ($IDS)', spreadIds(sqlite, 'trial_interventions', 1000)).map((r) => r.name);
  const freq = new Map<string, number>();
  for (const text of [...rows.map((r) => r.t), ...rows.map((r) => r.s ?? ''), ...interventions])
    for (const word of text.toLowerCase().match(/\p{L}[\p{L}\p{N}-]{3,}/gu) ?? []) if (!STOP.has(word)) freq.set(word, (freq.get(word) ?? 0) + 1);
  const sorted = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  const half = Math.ceil(n / 2);
  const common = sorted.slice(0, half);
  const rest = sorted.slice(half);
  const rare = rest.filter((_, i) => i % Math.max(1, Math.floor(rest.length / half)) === 0);
  return [...common, ...rare].slice(0, n);
}

function countsOf(sqlite: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['trials', 'trial_events', 'trial_locations', 'users', 'watchlists', 'watchlist_trials', 'subscriptions', 'notifications']) {
    try {
      out[table] = (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    } catch {
      // A table this schema does not have.
    }
  }
  return out;
}

export function loadTargets(sqlite: Database.Database, metaPath: string | undefined): BenchTargets {
  let meta: unknown = null;
  if (metaPath && fs.existsSync(metaPath)) meta = JSON.parse(fs.readFileSync(metaPath, 'utf8'));
  const m = meta && typeof meta === 'object' ? fromMeta(meta as MetaFields) : undefined;
  let usedMeta = false;
  let usedDb = false;

  const exists = sqlite.prepare('SELECT 1 FROM trials WHERE nct_id = ?').pluck();
  let nctIds = (m?.nctIds ?? []).filter((id) => exists.get(id) !== undefined).slice(0, 200);
  if (nctIds.length >= 5) usedMeta = true;
  else {
    nctIds = byIds<{ nct_id: string }>(sqlite, 'SELECT nct_id FROM trials WHERE id IN ($IDS) ORDER BY id', spreadIds(sqlite, 'trials', 100)).map((r) => r.nct_id);
    usedDb = true;
  }

  const listInfo = sqlite.prepare(
    `SELECT w.id AS watchlistId, w.owner_id AS userId, w.name AS name, (SELECT count(*) FROM watchlist_trials t WHERE t.watchlist_id = w.id) AS trials
     FROM watchlists w WHERE w.id = ?`,
  );
  let watcher: BenchTargets['watcher'] = null;
  if (m?.watcher) {
    const row = listInfo.get(m.watcher.watchlistId) as BenchTargets['watcher'] | undefined;
    if (row && row.userId === m.watcher.userId) {
      const token = m.watcher.sessionToken;
      const valid =
        token !== undefined &&
        sqlite.prepare('SELECT 1 FROM sessions WHERE sessionToken = ? AND userId = ? AND expires > ?').get(token, row.userId, Date.now()) !== undefined;
      watcher = valid ? { ...row, sessionToken: token } : row;
      usedMeta = true;
    }
  }
  if (!watcher) {
    // The list nearest to 200 trials (the "user watching 200 trials").
    const best = sqlite
      .prepare('SELECT watchlist_id AS id, count(*) AS n FROM watchlist_trials GROUP BY watchlist_id ORDER BY abs(count(*) - 200), watchlist_id LIMIT 1')
      .get() as { id: number } | undefined;
    watcher = best ? ((listInfo.get(best.id) as BenchTargets['watcher']) ?? null) : null;
    usedDb = true;
  }

  const followers = sqlite.prepare(
    `SELECT count(DISTINCT w.owner_id) AS n FROM watchlist_trials wt JOIN watchlists w ON w.id = wt.watchlist_id JOIN trials t ON t.id = wt.trial_id WHERE t.nct_id = ?`,
  );
  let followedTrial: BenchTargets['followedTrial'] = null;
  if (m?.followedNctId && exists.get(m.followedNctId) !== undefined) {
    followedTrial = { nctId: m.followedNctId, followers: (followers.get(m.followedNctId) as { n: number }).n };
    usedMeta = true;
  } else {
    const top = sqlite
      .prepare('SELECT t.nct_id AS nctId, count(*) AS n FROM watchlist_trials wt JOIN trials t ON t.id = wt.trial_id GROUP BY wt.trial_id ORDER BY n DESC LIMIT 1')
      .get() as { nctId: string; n: number } | undefined;
    followedTrial = top ? { nctId: top.nctId, followers: top.n } : null;
    usedDb = true;
  }

  // The metadata's terms first, then words of the stored titles, sponsors and interventions (frequent and rare),
  // so a couple of hundred searches are not a handful repeated.
  const metaTerms = (m?.searchTerms ?? []).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (metaTerms.length) usedMeta = true;
  const searchTerms = [...new Set([...metaTerms, ...termsFromDatabase(sqlite)])];
  if (searchTerms.length > metaTerms.length) usedDb = true;

  return {
    source: usedMeta && usedDb ? 'meta+database' : usedMeta ? 'meta' : 'database',
    nctIds,
    watcher,
    cookieName: m?.cookieName ?? 'authjs.session-token',
    followedTrial,
    searchTerms,
    counts: countsOf(sqlite),
    meta,
  };
}
