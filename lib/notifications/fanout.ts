// Fan-out of news to followers, in the transaction that makes the news (an outbox).
// - Events: a trigger on trial_events (drizzle/0006_notify_followers.sql) writes one notification per
//   follower and its e-mail delivery for every news event, whoever appends it; nothing to call here.
// - Saved searches: a trial that comes to match a saved search is news for the list's followers. Writers of
//   trials (import, coordinator update, claim resolution) call refreshSearchMatches after writing the trial;
//   it keeps watchlist_matches (the searches' membership) current and notifies the new matches.
// A trial that stops matching and later matches again is announced again: its return to the search is news
// (e.g. recruiting again), and the trial's events in between reached the list's followers only while it
// matched. The dedupe key carries the trial's version (`match:<list>:<trial>:<version>`): one notification per
// person per time it comes to match, however often the same state is refreshed.
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db, DbOrTx } from '@/db/client';
import { trialBiomarkers, trialGenes, trialLocations, trials, watchlistMatches, watchlists } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { parseListParams, type ListParams } from '@/lib/trials/list-params';
import { filterConditions, toFtsQuery } from '@/lib/trials/queries';

export type SearchMatchRefresh = { added: number; removed: number; notified: number };

type Match = { watchlistId: number; trialId: number };
type NewMatch = Match & { dedupeKey: string };

/** Rows per multi-row statement: well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;
const MAX_CACHED_QUERIES = 1000;
const parsedQueries = new Map<string, ListParams | null>();

/** A saved search's filters, parsed once per process; null for a query that no longer parses. */
function savedSearchParams(query: string): ListParams | null {
  let params = parsedQueries.get(query);
  if (params === undefined) {
    try {
      params = parseListParams(new URLSearchParams(query));
    } catch (error) {
      if (!isAppError(error)) throw error;
      params = null;
    }
    if (parsedQueries.size >= MAX_CACHED_QUERIES) parsedQueries.clear();
    parsedQueries.set(query, params);
  }
  return params;
}

/** A text search joins trials_fts, so it reads a trial's search row. */
const searchesText = (params: ListParams) => params.q !== undefined && toFtsQuery(params.q) !== null;

const list = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * Which of the given trials the filters match now, with their versions: filterConditions as /trials uses it,
 * except that gene, biomarker and country are asked of these trials' own rows. The list's semi-joins
 * materialise every trial with that gene or country, 60 ms a search at 500,000 trials on every write; these
 * correlated forms mean the same (a test compares them with listTrials) and read a few rows.
 */
function matchingQuery(tx: DbOrTx, params: ListParams, which: SQL) {
  const where: SQL[] = filterConditions({ ...params, gene: [], biomarker: [], country: [] }, true);
  if (params.gene.length) where.push(sql`EXISTS (SELECT 1 FROM ${trialGenes} WHERE ${trialGenes.trialId} = ${trials.id} AND ${trialGenes.gene} IN (${list(params.gene)}))`);
  if (params.biomarker.length)
    where.push(sql`EXISTS (SELECT 1 FROM ${trialBiomarkers} WHERE ${trialBiomarkers.trialId} = ${trials.id} AND ${trialBiomarkers.biomarker} IN (${list(params.biomarker)}))`);
  if (params.country.length)
    where.push(sql`EXISTS (SELECT 1 FROM ${trialLocations} WHERE ${trialLocations.trialId} = ${trials.id} AND ${trialLocations.country} COLLATE NOCASE IN (${list(params.country)}))`);
  // Text search joins the FTS table on the trial's rowid, so it looks at these trials only, not every match.
  const text = searchesText(params);
  const base = tx.select({ id: trials.id, version: trials.version }).from(trials).$dynamic();
  const joined = text ? base.innerJoin(sql`trials_fts`, sql`trials_fts.rowid = ${trials.id}`) : base;
  return joined.where(and(which, ...where));
}

type TrialMatch = { id: number; version: number };
const matchingTrials = (tx: DbOrTx, params: ListParams, trialIds: number[]): TrialMatch[] => matchingQuery(tx, params, inArray(trials.id, trialIds)).all();

type OneTrialQuery<T> = { all: (values: { trialId: number }) => T[] };
/** The queries refreshSearchMatches asks of one trial, prepared once per connection (and per saved query). */
type PreparedQueries = { matching: Map<string, OneTrialQuery<TrialMatch>>; current: OneTrialQuery<Match> };
const preparedByConnection = new WeakMap<Database.Database, PreparedQueries>();

function preparedFor(database: Db): PreparedQueries {
  let prepared = preparedByConnection.get(database.$client);
  if (!prepared) {
    const current = database
      .select({ watchlistId: watchlistMatches.watchlistId, trialId: watchlistMatches.trialId })
      .from(watchlistMatches)
      .where(eq(watchlistMatches.trialId, sql.placeholder('trialId')))
      .prepare();
    preparedByConnection.set(database.$client, (prepared = { matching: new Map(), current }));
  }
  return prepared;
}

function matchingOneTrial(database: Db, query: string, params: ListParams, trialId: number): TrialMatch[] {
  const { matching } = preparedFor(database);
  let statement = matching.get(query);
  if (!statement) {
    if (matching.size >= MAX_CACHED_QUERIES) matching.clear();
    matching.set(query, (statement = matchingQuery(database, params, eq(trials.id, sql.placeholder('trialId'))).prepare()));
  }
  return statement.all({ trialId });
}

const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
const key = (m: Match) => `${m.watchlistId}:${m.trialId}`;

export type SavedSearch = { id: number; query: string | null };
/**
 * The saved searches, read once in a transaction on `database` by a writer that refreshes many trials one at a
 * time and changes no list (the importer): it pays nothing per trial when there are none, and the queries are
 * prepared once per connection rather than built for every trial (about 0.1 ms a search a trial).
 */
export type SavedSearches = { searches: SavedSearch[]; database: Db };

/** Every saved search's list and query: what refreshSearchMatches evaluates. */
export function listSavedSearches(tx: DbOrTx): SavedSearch[] {
  return tx
    .select({ id: watchlists.id, query: watchlists.searchQuery })
    .from(watchlists)
    .where(and(eq(watchlists.kind, 'search'), isNotNull(watchlists.searchQuery)))
    .all();
}

/**
 * Whether refreshing these searches reads trials_fts: if not, a writer may write a trial's search row after
 * refreshing its matches, within the same transaction.
 */
export function searchesReadSearchIndex(searches: SavedSearch[]): boolean {
  return searches.some((s) => {
    const params = s.query === null ? null : savedSearchParams(s.query);
    return params !== null && searchesText(params);
  });
}

/**
 * Brings the saved searches' memberships up to date for these trials, now that they are written: adds the
 * trials that match a search and removes those that no longer do; every new match notifies the list's
 * followers (and queues their e-mail) in the caller's transaction. One query and no more when nobody saved a search.
 */
export function refreshSearchMatches(tx: DbOrTx, trialIds: number[], now: Date, saved?: SavedSearches): SearchMatchRefresh {
  const result: SearchMatchRefresh = { added: 0, removed: 0, notified: 0 };
  if (trialIds.length === 0) return result;
  const searches = saved?.searches ?? listSavedSearches(tx);
  if (searches.length === 0) return result;

  const ids = [...new Set(trialIds)];
  const one = saved && ids.length === 1 ? { database: saved.database, trialId: ids[0]! } : null;
  const listsByQuery = new Map<string, number[]>();
  for (const s of searches) listsByQuery.set(s.query!, [...(listsByQuery.get(s.query!) ?? []), s.id]);
  const wanted = new Map<string, Match & { version: number }>();
  // A search whose query no longer parses (a vocabulary changed) is left as it was rather than emptied.
  const evaluated = new Set<number>();
  for (const [query, lists] of listsByQuery) {
    const params = savedSearchParams(query);
    if (!params) continue;
    lists.forEach((id) => evaluated.add(id));
    for (const trial of one ? matchingOneTrial(one.database, query, params, one.trialId) : matchingTrials(tx, params, ids))
      for (const watchlistId of lists) wanted.set(key({ watchlistId, trialId: trial.id }), { watchlistId, trialId: trial.id, version: trial.version });
  }

  const current = one
    ? preparedFor(one.database).current.all({ trialId: one.trialId })
    : tx
        .select({ watchlistId: watchlistMatches.watchlistId, trialId: watchlistMatches.trialId })
        .from(watchlistMatches)
        .where(inArray(watchlistMatches.trialId, ids))
        .all();
  const held = new Set(current.map(key));
  const gone = current.filter((m) => evaluated.has(m.watchlistId) && !wanted.has(key(m)));
  const fresh: NewMatch[] = [...wanted.values()]
    .filter((m) => !held.has(key(m)))
    // Per person, not per list: someone following two searches that both come to match hears it once
    // (the smallest list id is listed first, and wins the INSERT OR IGNORE), as the event trigger does.
    .sort((a, b) => a.watchlistId - b.watchlistId)
    .map((m) => ({ watchlistId: m.watchlistId, trialId: m.trialId, dedupeKey: `match:${m.trialId}:${m.version}` }));

  const nowIso = now.toISOString();
  for (const part of chunks(gone)) {
    const pairs = sql.join(part.map((m) => sql`(${m.watchlistId}, ${m.trialId})`), sql`, `);
    result.removed += tx.run(sql`DELETE FROM ${watchlistMatches} WHERE (watchlist_id, trial_id) IN (VALUES ${pairs})`).changes;
  }
  for (const part of chunks(fresh)) {
    result.added += tx.insert(watchlistMatches).values(part.map((m) => ({ watchlistId: m.watchlistId, trialId: m.trialId, since: nowIso }))).run().changes;
    result.notified += notifyNewMatches(tx, part, nowIso);
  }
  return result;
}

/** When an e-mail of this cadence is due: as drizzle/0006_notify_followers.sql computes it for events. */
const dueAt = (cadence: SQL, at: string) => sql`CASE ${cadence}
  WHEN 'immediate' THEN ${at}
  WHEN 'daily' THEN strftime('%Y-%m-%dT07:00:00.000Z', ${at}, '-7 hours', '+1 day')
  ELSE strftime('%Y-%m-%dT07:00:00.000Z', ${at}, '-7 hours', '+1 day', 'weekday 1') END`;

/** One notification per follower of each list for each new match, and its e-mail unless they chose 'never'. */
function notifyNewMatches(tx: DbOrTx, matches: NewMatch[], nowIso: string): number {
  const fresh = sql`WITH fresh (watchlist_id, trial_id, dedupe_key) AS (VALUES ${sql.join(
    matches.map((m) => sql`(${m.watchlistId}, ${m.trialId}, ${m.dedupeKey})`),
    sql`, `,
  )})`;
  const notified = tx.run(sql`${fresh}
    INSERT OR IGNORE INTO notifications (user_id, trial_id, event_id, watchlist_id, kind, dedupe_key, created_at)
    SELECT s.user_id, f.trial_id, NULL, f.watchlist_id, 'new_match', f.dedupe_key, ${nowIso}
    FROM fresh f JOIN subscriptions s ON s.watchlist_id = f.watchlist_id`).changes;
  if (notified === 0) return 0;
  tx.run(sql`${fresh}
    INSERT OR IGNORE INTO deliveries (notification_id, user_id, channel, cadence, idempotency_key, due_at, created_at)
    SELECT n.id, n.user_id, 'email', s.email_cadence, n.id || ':email', ${dueAt(sql`s.email_cadence`, nowIso)}, ${nowIso}
    FROM fresh f
    JOIN subscriptions s ON s.watchlist_id = f.watchlist_id AND s.email_cadence <> 'never'
    JOIN notifications n ON n.user_id = s.user_id AND n.dedupe_key = f.dedupe_key`);
  return notified;
}
