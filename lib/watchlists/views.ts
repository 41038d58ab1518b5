// What the watchlist pages read: your lists, the public lists, and one list with its trials, latest change
// first. People appear by name or masked address (personLabel), never by another's e-mail; tokens only to owners.
// A list the reader may not see is 404, never 403: its existence is not confirmed to anyone but its owner.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { subscriptions, trialEvents, trials, users, watchlists, watchlistTrials, type Watchlist } from '@/db/schema';
import { personLabel } from '@/lib/auth/admin';
import type { Actor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { describeEvent } from '@/lib/trials/describe-event';
import type { EventKind, EventSource, Phase, Status } from '@/lib/trials/vocab';
import { listColumns, maySeeById, watchlistTrialCondition, type EmailCadence, type Visibility } from './watchlists';
import { describableEventColumns } from '@/lib/trials/event-columns';

export type MyWatchlist = {
  id: number;
  name: string;
  kind: Watchlist['kind'];
  visibility: Visibility;
  searchQuery: string | null;
  isOwner: boolean;
  /** The reader's e-mail choice; null when they do not follow it (an owner who unfollowed their own list). */
  cadence: EmailCadence | null;
  /** Trials in it now (for a saved search: matching now). */
  trialCount: number;
  /** Only for its owner. */
  feedToken: string | null;
  /** Only for its owner. */
  shareToken: string | null;
};

export type PublicWatchlist = { id: number; name: string; kind: Watchlist['kind']; searchQuery: string | null; trialCount: number; curator: string; subscribed: boolean };

export type WatchlistTrialView = {
  nctId: string;
  briefTitle: string;
  acronym: string | null;
  overallStatus: Status | null;
  phase: Phase | null;
  latestChange: { text: string; recordedAt: string; occurredAt: string | null; source: EventSource } | null;
};

export type WatchlistView = {
  id: number;
  name: string;
  kind: Watchlist['kind'];
  searchQuery: string | null;
  visibility: Visibility;
  isOwner: boolean;
  subscribed: boolean;
  cadence: EmailCadence | null;
  /** Who keeps the list: name or masked address. */
  curator: string;
  trials: WatchlistTrialView[];
};

type ListRow = Pick<Watchlist, 'id' | 'ownerId' | 'name' | 'kind' | 'searchQuery' | 'visibility'>;

/** Trials per list now: one grouped query for chosen trials, one count per saved search. */
function trialCounts(database: DbOrTx, lists: ListRow[]): Map<number, number> {
  const counts = new Map<number, number>();
  const chosen = lists.filter((l) => l.kind === 'trials').map((l) => l.id);
  if (chosen.length)
    for (const r of database
      .select({ id: watchlistTrials.watchlistId, n: sql<number>`count(*)` })
      .from(watchlistTrials)
      .where(inArray(watchlistTrials.watchlistId, chosen))
      .groupBy(watchlistTrials.watchlistId)
      .all())
      counts.set(r.id, r.n);
  for (const l of lists.filter((l) => l.kind === 'search')) {
    const [row] = database.select({ n: sql<number>`count(*)` }).from(trials).where(watchlistTrialCondition(l)).all();
    counts.set(l.id, row?.n ?? 0);
  }
  return counts;
}

/** The reader's own lists (first) and the lists they follow, each by name. */
export function listMyWatchlists(database: DbOrTx, actor: Actor): MyWatchlist[] {
  return database.transaction((tx) => {
    const mine = eq(watchlists.ownerId, actor.userId);
    // Someone else's list is theirs to follow only while it is not private (making it private ends others' follows).
    const followed = and(sql`${watchlists.visibility} <> 'private'`, sql`${watchlists.id} IN (SELECT ${subscriptions.watchlistId} FROM ${subscriptions} WHERE ${subscriptions.userId} = ${actor.userId})`);
    const rows = tx
      .select({
        ...listColumns,
        feedToken: watchlists.feedToken,
        shareToken: watchlists.shareToken,
        cadence: subscriptions.emailCadence,
      })
      .from(watchlists)
      .leftJoin(subscriptions, and(eq(subscriptions.watchlistId, watchlists.id), eq(subscriptions.userId, actor.userId)))
      .where(or(mine, followed))
      .orderBy(sql`${watchlists.ownerId} = ${actor.userId} DESC`, sql`${watchlists.name} COLLATE NOCASE`, asc(watchlists.id))
      .all();
    const counts = trialCounts(tx, rows);
    return rows.map((r) => {
      const isOwner = r.ownerId === actor.userId;
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        visibility: r.visibility,
        searchQuery: r.searchQuery,
        isOwner,
        cadence: r.cadence ?? null,
        trialCount: counts.get(r.id) ?? 0,
        feedToken: isOwner ? r.feedToken : null,
        shareToken: isOwner ? r.shareToken : null,
      };
    });
  });
}

/** Lists curated by coordinators and admins for everyone, by name, with who keeps each. */
export function listPublicWatchlists(database: DbOrTx, actor: Actor | null): PublicWatchlist[] {
  return database.transaction((tx) => {
    const rows = tx
      .select({
        ...listColumns,
        ownerName: users.name,
        ownerEmail: users.email,
      })
      .from(watchlists)
      .innerJoin(users, eq(users.id, watchlists.ownerId))
      .where(eq(watchlists.visibility, 'public'))
      .orderBy(sql`${watchlists.name} COLLATE NOCASE`, asc(watchlists.id))
      .all();
    const followed = new Set(
      actor && rows.length
        ? tx
            .select({ id: subscriptions.watchlistId })
            .from(subscriptions)
            .where(and(eq(subscriptions.userId, actor.userId), inArray(subscriptions.watchlistId, rows.map((r) => r.id))))
            .all()
            .map((r) => r.id)
        : [],
    );
    const counts = trialCounts(tx, rows);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      searchQuery: r.searchQuery,
      trialCount: counts.get(r.id) ?? 0,
      curator: personLabel({ name: r.ownerName, email: r.ownerEmail }),
      subscribed: followed.has(r.id),
    }));
  });
}

const notFound = () => new AppError('not_found:watchlist', 'There is no such watchlist, or it is not shared with you.');

/** "When it happened" as the trial page's timeline orders events: the source's date, else when it was recorded. */
const happenedAt = sql`coalesce(${trialEvents.occurredAt}, ${trialEvents.recordedAt})`;

/** The list's trials, each with its latest change; most recent change first, trials with none last. */
function trialsWithLatestChange(database: DbOrTx, list: ListRow): WatchlistTrialView[] {
  const member = watchlistTrialCondition(list);
  const rows = database
    .select({ id: trials.id, nctId: trials.nctId, briefTitle: trials.briefTitle, acronym: trials.acronym, overallStatus: trials.overallStatus, phase: trials.phase })
    .from(trials)
    .where(member)
    .all();
  if (rows.length === 0) return [];
  // One pass over the members' events (trial_events_trial_idx), keeping each trial's newest by a window function.
  const ranked = database
    .select({
      trialId: trialEvents.trialId,
      ...describableEventColumns,
      occurredAt: trialEvents.occurredAt,
      recordedAt: trialEvents.recordedAt,
      at: happenedAt.mapWith(String).as('at'),
      rank: sql<number>`row_number() OVER (PARTITION BY ${trialEvents.trialId} ORDER BY ${happenedAt} DESC, ${trialEvents.id} DESC)`.as('rank'),
    })
    .from(trialEvents)
    .where(sql`${trialEvents.trialId} IN (SELECT ${trials.id} FROM ${trials} WHERE ${member})`)
    .as('ranked');
  const latest = new Map(
    database
      .select()
      .from(ranked)
      .where(eq(ranked.rank, 1))
      .all()
      .map((e) => [e.trialId, e]),
  );
  const out = rows.map((r) => {
    const e = latest.get(r.id);
    return {
      at: e?.at ?? null,
      view: {
        nctId: r.nctId,
        briefTitle: r.briefTitle,
        acronym: r.acronym,
        overallStatus: r.overallStatus,
        phase: r.phase,
        latestChange: e
          ? {
              text: describeEvent({ kind: e.kind as EventKind, field: e.field, fromValue: e.fromValue, toValue: e.toValue, text: e.text, source: e.source as EventSource }),
              recordedAt: e.recordedAt,
              occurredAt: e.occurredAt,
              source: e.source as EventSource,
            }
          : null,
      },
    };
  });
  out.sort((a, b) => {
    if (a.at !== b.at) return a.at === null ? 1 : b.at === null ? -1 : a.at < b.at ? 1 : -1;
    return a.view.nctId < b.view.nctId ? -1 : 1;
  });
  return out.map((o) => o.view);
}

/**
 * One list for reading. Its owner always; anyone for a public list; a shared list through its link's token
 * (or by id for someone following it); a private list for its owner only. Anything else is 404.
 */
export function getWatchlistView(database: DbOrTx, actor: Actor | null, ref: { id: number } | { shareToken: string }): WatchlistView {
  return database.transaction((tx) => {
    const columns = {
      ...listColumns,
      ownerName: users.name,
      ownerEmail: users.email,
    };
    const base = tx.select(columns).from(watchlists).innerJoin(users, eq(users.id, watchlists.ownerId));
    const userId = actor?.userId ?? null;
    let list;
    if ('shareToken' in ref) {
      if (typeof ref.shareToken !== 'string' || ref.shareToken.length === 0 || ref.shareToken.length > 200) throw notFound();
      list = base.where(eq(watchlists.shareToken, ref.shareToken)).get();
      if (list && list.visibility === 'private' && list.ownerId !== userId) list = undefined;
    } else {
      if (!Number.isSafeInteger(ref.id) || ref.id < 1) throw notFound();
      list = base.where(eq(watchlists.id, ref.id)).get();
      if (list && !maySeeById(tx, userId, list)) list = undefined;
    }
    if (!list) throw notFound();
    const subscription = userId
      ? tx
          .select({ cadence: subscriptions.emailCadence })
          .from(subscriptions)
          .where(and(eq(subscriptions.watchlistId, list.id), eq(subscriptions.userId, userId)))
          .get()
      : undefined;
    return {
      id: list.id,
      name: list.name,
      kind: list.kind,
      searchQuery: list.searchQuery,
      visibility: list.visibility,
      isOwner: list.ownerId === userId,
      subscribed: !!subscription,
      cadence: subscription?.cadence ?? null,
      curator: personLabel({ name: list.ownerName, email: list.ownerEmail }),
      trials: trialsWithLatestChange(tx, list),
    };
  });
}
