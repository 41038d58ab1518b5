// Watchlists and subscriptions: the writes, plus which trials a list holds. A list is trials chosen one by one
// or a saved /trials search (its trials are whatever matches now). Everyone following a list, its owner
// included, has a subscription row with their e-mail choice; notifications fan out from those rows (drizzle/0006).
// Every write parses its input and authorises inside one IMMEDIATE transaction, reading the role from the database.
// A list the actor may not see answers 404, never 403: ids must not confirm that someone's private list exists.
import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { EMAIL_CADENCES, subscriptions, trials, VISIBILITIES, watchlistMatches, watchlists, watchlistTrials } from '@/db/schema';
import { coordinatesAnyTrial } from '@/lib/auth/admin';
import { assertSignedIn, type Actor } from '@/lib/auth/permissions';
import { AppError, isAppError, parseInput } from '@/lib/errors';
import { parseListParams, type ListParams } from '@/lib/trials/list-params';
import { filterConditions } from '@/lib/trials/queries';
import { NCT_ID } from '@/lib/trials/vocab';

export const DEFAULT_WATCHLIST_NAME = 'Watched trials';

export type Visibility = (typeof VISIBILITIES)[number];
export type EmailCadence = (typeof EMAIL_CADENCES)[number];
export type WatchlistRef = { id: number; kind: 'trials' | 'search'; searchQuery: string | null };

/** 32 random bytes, base64url: share links, feed addresses and unsubscribe links. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

const nameSchema = z
  .string('give the list a name')
  .trim()
  .min(1, 'give the list a name')
  .max(80, 'a list name is at most 80 characters');
const visibilitySchema = z.enum(VISIBILITIES, 'must be private, shared or public');
const nctIdSchema = z
  .string('give the trial’s NCT number')
  .trim()
  .toUpperCase()
  .regex(NCT_ID, 'must be an NCT number: NCT followed by 8 digits, e.g. NCT04856982');
const watchlistIdSchema = z.coerce.number('must be a watchlist id').int('must be a watchlist id').positive('must be a watchlist id');
const tokenSchema = z.string('give the link’s token').trim().min(1, 'give the link’s token').max(200, 'this is not a link token');

const createSchema = z.strictObject({ name: nameSchema, kind: z.literal('trials', 'must be trials').optional(), visibility: visibilitySchema.optional() });
const saveSearchSchema = z.strictObject({
  name: nameSchema,
  query: z.string('give the search as a /trials query').max(2000, 'a search is at most 2,000 characters'),
  visibility: visibilitySchema.optional(),
});
const updateSchema = z.strictObject({ name: nameSchema.optional(), visibility: visibilitySchema.optional() });
const trialSchema = z.strictObject({ nctId: nctIdSchema });
const subscribeSchema = z.union([z.strictObject({ watchlistId: watchlistIdSchema }), z.strictObject({ shareToken: tokenSchema })], 'give a watchlistId or a shareToken');
const unsubscribeSchema = z.strictObject({ watchlistId: watchlistIdSchema });
const cadenceSchema = z.strictObject({ watchlistId: watchlistIdSchema, cadence: z.enum(EMAIL_CADENCES, 'must be immediate, daily, weekly or never') });

/** Public lists are curated: only admins and people coordinating at least one trial may publish one. */
function assertMayPublish(database: DbOrTx, who: Actor): void {
  if (who.role === 'admin' || coordinatesAnyTrial(database, who.userId)) return;
  throw new AppError('forbidden:watchlist', 'visibility: only trial coordinators and admins can make a list public. Share it by link instead.', {
    field: 'visibility',
    details: { fields: { visibility: 'only trial coordinators and admins can make a list public; share it by link instead' } },
  });
}

const notFound = () => new AppError('not_found:watchlist', 'There is no such watchlist, or it is not shared with you.');

type ListRow = { id: number; ownerId: string; name: string; kind: 'trials' | 'search'; searchQuery: string | null; visibility: Visibility };
/** A list's own columns, for every query that reads lists (here and views.ts). */
export const listColumns = {
  id: watchlists.id,
  ownerId: watchlists.ownerId,
  name: watchlists.name,
  kind: watchlists.kind,
  searchQuery: watchlists.searchQuery,
  visibility: watchlists.visibility,
};

function isSubscribed(database: DbOrTx, watchlistId: number, userId: string): boolean {
  return !!database
    .select({ userId: subscriptions.userId })
    .from(subscriptions)
    .where(and(eq(subscriptions.watchlistId, watchlistId), eq(subscriptions.userId, userId)))
    .get();
}

/**
 * Whether this person may read the list when they name it by id: its owner, anyone for a public list,
 * a follower for a shared one (others reach a shared list only through its link). Shared with views.ts.
 */
export function maySeeById(database: DbOrTx, userId: string | null, list: Pick<ListRow, 'id' | 'ownerId' | 'visibility'>): boolean {
  if (userId !== null && list.ownerId === userId) return true;
  if (list.visibility === 'public') return true;
  return list.visibility === 'shared' && userId !== null && isSubscribed(database, list.id, userId);
}

/** The list, if the actor owns it: 404 when they may not even see it, 403 when they may see but not change it. */
function ownListOrThrow(database: DbOrTx, who: Actor, rawId: unknown): ListRow {
  const id = watchlistIdSchema.safeParse(rawId);
  if (!id.success) throw notFound();
  const list = database.select(listColumns).from(watchlists).where(eq(watchlists.id, id.data)).get();
  if (!list || !maySeeById(database, who.userId, list)) throw notFound();
  if (list.ownerId !== who.userId) throw new AppError('forbidden:watchlist', 'Only the person who made this list can change it.');
  return list;
}

function trialIdOrThrow(database: DbOrTx, nctId: string): number {
  const trial = database.select({ id: trials.id }).from(trials).where(eq(trials.nctId, nctId)).get();
  if (!trial)
    throw new AppError('not_found:trial', `nctId: the tracker has no trial ${nctId}.`, { field: 'nctId', details: { fields: { nctId: `the tracker has no trial ${nctId}` } } });
  return trial.id;
}

function addSubscription(database: DbOrTx, watchlistId: number, userId: string, at: string, cadence: EmailCadence = 'immediate'): void {
  database
    .insert(subscriptions)
    .values({ watchlistId, userId, emailCadence: cadence, unsubscribeToken: newToken(), createdAt: at })
    .onConflictDoNothing()
    .run();
}

function insertList(database: DbOrTx, ownerId: string, values: { name: string; kind: 'trials' | 'search'; searchQuery?: string; visibility: Visibility }, at: string) {
  const row = database
    .insert(watchlists)
    .values({ ownerId, ...values, shareToken: newToken(), feedToken: newToken(), createdAt: at, updatedAt: at })
    .returning({ id: watchlists.id, name: watchlists.name })
    .get();
  addSubscription(database, row.id, ownerId, at);
  return row;
}

/** A new list of trials chosen one by one; its maker follows it (e-mail at once) from the start. */
export function createWatchlist(database: Db, actor: Actor | null, rawInput: unknown, now = new Date()): { id: number; name: string } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const input = parseInput(createSchema, rawInput, 'bad_request:watchlist', 'input');
    const visibility = input.visibility ?? 'private';
    if (visibility === 'public') assertMayPublish(tx, who);
    return insertList(tx, who.userId, { name: input.name, kind: 'trials', visibility }, now.toISOString());
  }, { behavior: 'immediate' });
}

const NOT_FILTERS = ['page', 'pageSize', 'sort'];
const LIST_KEYS = ['biomarker', 'gene', 'modality', 'phase', 'route', 'status'] as const;

/**
 * A /trials query string as a saved search keeps it: parsed by the list's own rules (so it means exactly what
 * the page showed), paging and order dropped, keys and values sorted. `gene=FUS,SOD1` and `?gene=sod1&gene=FUS`
 * are one search. A bad query is a 400 naming `query` (details.parameter names the parameter at fault).
 */
export function canonicalSearchQuery(query: string): { query: string; params: ListParams } {
  const input = new URLSearchParams(query.trim().replace(/^\?/, ''));
  for (const key of NOT_FILTERS) input.delete(key);
  let params: ListParams;
  try {
    params = parseListParams(input);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError('bad_request:watchlist', `query: ${error.message}`, { field: 'query', details: { fields: { query: error.message }, parameter: error.field } });
  }
  const entries: [string, string][] = [];
  for (const key of LIST_KEYS) if (params[key].length) entries.push([key, [...params[key]].sort().join(',')]);
  for (const country of [...params.country].sort((a, b) => a.localeCompare(b))) entries.push(['country', country]);
  for (const key of ['recruiting', 'placebo', 'ole'] as const) if (params[key] !== undefined) entries.push([key, String(params[key])]);
  if (params.q !== undefined) entries.push(['q', params.q]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { query: new URLSearchParams(entries).toString(), params };
}

function parseStoredQuery(searchQuery: string | null): ListParams | null {
  try {
    return parseListParams(new URLSearchParams(searchQuery ?? ''));
  } catch (error) {
    // A stored search the vocabulary no longer accepts matches nothing rather than everything.
    console.error(`A saved search no longer parses (${searchQuery}):`, error);
    return null;
  }
}

/**
 * SQL true for the trials the list holds now, to use in a query over `trials`: the chosen trials, or the
 * saved search's filters exactly as the /trials list applies them.
 */
export function watchlistTrialCondition(list: WatchlistRef): SQL {
  if (list.kind === 'trials') return sql`${trials.id} IN (SELECT ${watchlistTrials.trialId} FROM ${watchlistTrials} WHERE ${watchlistTrials.watchlistId} = ${list.id})`;
  const params = parseStoredQuery(list.searchQuery);
  if (!params) return sql`0`;
  return searchCondition(params);
}

/** The trials a saved search matches, as one condition; never empty, so it can always stand after WHERE. */
const searchCondition = (params: ListParams): SQL => and(...filterConditions(params, false)) ?? sql`1`;

/** The internal ids of the list's trials now: the chosen ones, or whatever the saved search matches at this moment. */
export function resolveWatchlistTrialIds(database: DbOrTx, watchlist: WatchlistRef): number[] {
  return database
    .select({ id: trials.id })
    .from(trials)
    .where(watchlistTrialCondition(watchlist))
    .orderBy(asc(trials.id))
    .all()
    .map((r) => r.id);
}

/**
 * Saves a /trials search as a list. Its current matches are recorded in watchlist_matches in the same
 * transaction, so only trials that come to match later are news ("came to match" starts from now).
 */
export function saveSearch(database: Db, actor: Actor | null, rawInput: unknown, now = new Date()): { id: number; name: string } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const input = parseInput(saveSearchSchema, rawInput, 'bad_request:watchlist', 'input');
    const { query, params } = canonicalSearchQuery(input.query);
    const visibility = input.visibility ?? 'private';
    if (visibility === 'public') assertMayPublish(tx, who);
    const at = now.toISOString();
    const list = insertList(tx, who.userId, { name: input.name, kind: 'search', searchQuery: query, visibility }, at);
    // One INSERT … SELECT with the list's own WHERE: no paging through matches, whatever their number.
    tx.insert(watchlistMatches)
      .select(
        tx
          .select({ watchlistId: sql<number>`${list.id}`.as('watchlist_id'), trialId: trials.id, since: sql<string>`${at}`.as('since') })
          .from(trials)
          // Never an empty WHERE: SQLite cannot parse INSERT … SELECT … ON CONFLICT without one ("all trials").
          .where(searchCondition(params)),
      )
      .onConflictDoNothing()
      .run();
    return list;
  }, { behavior: 'immediate' });
}

/**
 * Renames a list or changes who sees it (its owner only). A list made private is no longer followed by anyone
 * else: their subscriptions end with their access, so nothing about it reaches them afterwards.
 */
export function updateWatchlist(database: Db, actor: Actor | null, id: unknown, rawInput: unknown, now = new Date()): { id: number; name: string; visibility: Visibility } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const list = ownListOrThrow(tx, who, id);
    const input = parseInput(updateSchema, rawInput, 'bad_request:watchlist', 'input');
    if (input.visibility === 'public' && list.visibility !== 'public') assertMayPublish(tx, who);
    const next = { name: input.name ?? list.name, visibility: input.visibility ?? list.visibility };
    // Going private cuts off every link handed out before: new feed and sharing tokens.
    const cutOff = next.visibility === 'private' && list.visibility !== 'private' ? { feedToken: newToken(), shareToken: newToken() } : {};
    tx.update(watchlists).set({ ...next, ...cutOff, updatedAt: now.toISOString() }).where(eq(watchlists.id, list.id)).run();
    if (next.visibility === 'private' && list.visibility !== 'private')
      tx.delete(subscriptions).where(and(eq(subscriptions.watchlistId, list.id), sql`${subscriptions.userId} <> ${who.userId}`)).run();
    return { id: list.id, ...next };
  }, { behavior: 'immediate' });
}

/** Deletes a list (its owner only), with its trials, matches and everyone's subscriptions to it. */
export function deleteWatchlist(database: Db, actor: Actor | null, id: unknown): { id: number; deleted: true } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const list = ownListOrThrow(tx, who, id);
    tx.delete(watchlists).where(eq(watchlists.id, list.id)).run();
    return { id: list.id, deleted: true as const };
  }, { behavior: 'immediate' });
}

/** New RSS/Atom/iCalendar addresses; the old ones answer 404 from now on. */
export function rotateFeedToken(database: Db, actor: Actor | null, id: unknown, now = new Date()): { feedToken: string } {
  return database.transaction((tx) => {
    const list = ownListOrThrow(tx, assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.'), id);
    const feedToken = newToken();
    tx.update(watchlists).set({ feedToken, updatedAt: now.toISOString() }).where(eq(watchlists.id, list.id)).run();
    return { feedToken };
  }, { behavior: 'immediate' });
}

/** A new sharing link; the old one stops working (people already following keep following). */
export function rotateShareToken(database: Db, actor: Actor | null, id: unknown, now = new Date()): { shareToken: string } {
  return database.transaction((tx) => {
    const list = ownListOrThrow(tx, assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.'), id);
    const shareToken = newToken();
    tx.update(watchlists).set({ shareToken, updatedAt: now.toISOString() }).where(eq(watchlists.id, list.id)).run();
    return { shareToken };
  }, { behavior: 'immediate' });
}

/**
 * The actor's default list: their oldest own trials list named DEFAULT_WATCHLIST_NAME, made on first use.
 * Found by name so that a list they made for something else (perhaps public) never silently receives watches.
 */
function defaultListId(tx: DbOrTx, userId: string, at: string): number {
  const existing = tx
    .select({ id: watchlists.id })
    .from(watchlists)
    .where(and(eq(watchlists.ownerId, userId), eq(watchlists.kind, 'trials'), eq(watchlists.name, DEFAULT_WATCHLIST_NAME)))
    .orderBy(asc(watchlists.id))
    .limit(1)
    .get();
  return existing?.id ?? insertList(tx, userId, { name: DEFAULT_WATCHLIST_NAME, kind: 'trials', visibility: 'private' }, at).id;
}

/** Watch a trial: it joins the actor's "Watched trials" list. Watching it again changes nothing. */
export function watchTrial(database: Db, actor: Actor | null, rawInput: unknown, now = new Date()): { watching: true; watchlistId: number } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const { nctId } = parseInput(trialSchema, rawInput, 'bad_request:watchlist', 'input');
    const trialId = trialIdOrThrow(tx, nctId);
    const at = now.toISOString();
    const watchlistId = defaultListId(tx, who.userId, at);
    tx.insert(watchlistTrials).values({ watchlistId, trialId, addedAt: at }).onConflictDoNothing().run();
    return { watching: true as const, watchlistId };
  }, { behavior: 'immediate' });
}

const ownTrialLists = (userId: string) =>
  sql`${watchlistTrials.watchlistId} IN (SELECT ${watchlists.id} FROM ${watchlists} WHERE ${watchlists.ownerId} = ${userId} AND ${watchlists.kind} = 'trials')`;

/** Stop watching a trial: it leaves every trials list the actor owns (not lists they only follow). */
export function unwatchTrial(database: Db, actor: Actor | null, rawInput: unknown): { watching: false } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const { nctId } = parseInput(trialSchema, rawInput, 'bad_request:watchlist', 'input');
    const trialId = trialIdOrThrow(tx, nctId);
    tx.delete(watchlistTrials).where(and(eq(watchlistTrials.trialId, trialId), ownTrialLists(who.userId))).run();
    return { watching: false as const };
  }, { behavior: 'immediate' });
}

/** For each NCT id, whether the actor has it in any trials list of their own; all false for nobody. */
export function watchingState(database: DbOrTx, actor: Actor | null, nctIds: string[]): Record<string, boolean> {
  const state: Record<string, boolean> = Object.fromEntries(nctIds.map((id) => [id, false]));
  if (!actor || nctIds.length === 0) return state;
  const wanted = [...new Set(nctIds.map((id) => id.trim().toUpperCase()))];
  const watched = new Set(
    database
      .selectDistinct({ nctId: trials.nctId })
      .from(watchlistTrials)
      .innerJoin(trials, eq(trials.id, watchlistTrials.trialId))
      .where(and(inArray(trials.nctId, wanted), ownTrialLists(actor.userId)))
      .all()
      .map((r) => r.nctId),
  );
  for (const id of nctIds) state[id] = watched.has(id.trim().toUpperCase());
  return state;
}

function trialsListOrThrow(tx: DbOrTx, who: Actor, id: unknown): ListRow {
  const list = ownListOrThrow(tx, who, id);
  if (list.kind !== 'trials')
    throw new AppError('conflict:watchlist', 'This list is a saved search: its trials are whatever matches the search. Change the search instead.');
  return list;
}

/** Adds a trial to one of the actor's own trials lists. Adding it again changes nothing. */
export function addToWatchlist(database: Db, actor: Actor | null, id: unknown, rawInput: unknown, now = new Date()): { watchlistId: number; nctId: string; inList: true } {
  return database.transaction((tx) => {
    const list = trialsListOrThrow(tx, assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.'), id);
    const { nctId } = parseInput(trialSchema, rawInput, 'bad_request:watchlist', 'input');
    const trialId = trialIdOrThrow(tx, nctId);
    tx.insert(watchlistTrials).values({ watchlistId: list.id, trialId, addedAt: now.toISOString() }).onConflictDoNothing().run();
    return { watchlistId: list.id, nctId, inList: true as const };
  }, { behavior: 'immediate' });
}

/** Removes a trial from one of the actor's own trials lists. Removing it again changes nothing. */
export function removeFromWatchlist(database: Db, actor: Actor | null, id: unknown, rawInput: unknown): { watchlistId: number; nctId: string; inList: false } {
  return database.transaction((tx) => {
    const list = trialsListOrThrow(tx, assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.'), id);
    const { nctId } = parseInput(trialSchema, rawInput, 'bad_request:watchlist', 'input');
    const trialId = trialIdOrThrow(tx, nctId);
    tx.delete(watchlistTrials).where(and(eq(watchlistTrials.watchlistId, list.id), eq(watchlistTrials.trialId, trialId))).run();
    return { watchlistId: list.id, nctId, inList: false as const };
  }, { behavior: 'immediate' });
}

/**
 * Follow a list: a public one by id, a shared one by its link's token (or by id when already following), one's
 * own by either. Anything else is 404. Following again changes nothing (the e-mail choice is kept).
 */
export function subscribe(database: Db, actor: Actor | null, rawInput: unknown, now = new Date()): { watchlistId: number } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const input = parseInput(subscribeSchema, rawInput, 'bad_request:watchlist', 'input');
    let list: ListRow | undefined;
    if ('watchlistId' in input) {
      list = tx.select(listColumns).from(watchlists).where(eq(watchlists.id, input.watchlistId)).get();
      if (list && !maySeeById(tx, who.userId, list)) list = undefined;
    } else {
      list = tx.select(listColumns).from(watchlists).where(eq(watchlists.shareToken, input.shareToken)).get();
      if (list && list.visibility === 'private' && list.ownerId !== who.userId) list = undefined;
    }
    if (!list) throw notFound();
    addSubscription(tx, list.id, who.userId, now.toISOString());
    return { watchlistId: list.id };
  }, { behavior: 'immediate' });
}

/** Stop following a list (its owner may too: then they hear nothing about it). Nothing to stop is not an error. */
export function unsubscribe(database: Db, actor: Actor | null, rawInput: unknown): { watchlistId: number; subscribed: false } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const { watchlistId } = parseInput(unsubscribeSchema, rawInput, 'bad_request:watchlist', 'input');
    tx.delete(subscriptions).where(and(eq(subscriptions.watchlistId, watchlistId), eq(subscriptions.userId, who.userId))).run();
    return { watchlistId, subscribed: false as const };
  }, { behavior: 'immediate' });
}

/**
 * How often the actor hears by e-mail about a list they follow. Its owner may choose even after unfollowing
 * it (that follows it again, with this choice); anyone else must follow it first (404 otherwise).
 */
export function setEmailCadence(database: Db, actor: Actor | null, rawInput: unknown, now = new Date()): { watchlistId: number; cadence: EmailCadence } {
  return database.transaction((tx) => {
    const who = assertSignedIn(tx, actor, 'Sign in to keep watchlists and follow trials.');
    const { watchlistId, cadence } = parseInput(cadenceSchema, rawInput, 'bad_request:watchlist', 'input');
    const updated = tx
      .update(subscriptions)
      .set({ emailCadence: cadence })
      .where(and(eq(subscriptions.watchlistId, watchlistId), eq(subscriptions.userId, who.userId)))
      .run();
    if (updated.changes === 0) {
      const own = tx.select({ id: watchlists.id }).from(watchlists).where(and(eq(watchlists.id, watchlistId), eq(watchlists.ownerId, who.userId))).get();
      if (!own) throw new AppError('not_found:subscription', 'You do not follow this list. Follow it first, then choose how often to hear by e-mail.');
      addSubscription(tx, watchlistId, who.userId, now.toISOString(), cadence);
    }
    return { watchlistId, cadence };
  }, { behavior: 'immediate' });
}

/**
 * One-click unsubscribe from an e-mail's link (List-Unsubscribe-Post): no sign-in. It stops e-mail about that
 * list (cadence 'never') and keeps following it in the app, so the inbox still shows its changes; unfollowing
 * entirely is one click on the list's page. Null for an unknown token. Idempotent.
 */
export function unsubscribeByToken(database: Db, token: unknown): { watchlistName: string } | null {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return database.transaction((tx) => {
    const row = tx
      .select({ watchlistId: subscriptions.watchlistId, userId: subscriptions.userId, name: watchlists.name })
      .from(subscriptions)
      .innerJoin(watchlists, eq(watchlists.id, subscriptions.watchlistId))
      .where(eq(subscriptions.unsubscribeToken, parsed.data))
      .get();
    if (!row) return null;
    tx.update(subscriptions)
      .set({ emailCadence: 'never' })
      .where(and(eq(subscriptions.watchlistId, row.watchlistId), eq(subscriptions.userId, row.userId)))
      .run();
    return { watchlistName: row.name };
  }, { behavior: 'immediate' });
}
