// A person's inbox: the notifications fan-out wrote for them (fanout.ts and the trigger in
// drizzle/0006), newest first, with each change in a sentence. Only ever the asker's own rows: every query
// is bounded by their user id, and nothing about other people (their ids, addresses, lists) is selected.
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { notifications, subscriptions, trialEvents, trials, watchlists } from '@/db/schema';
import type { Actor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { describeEvent } from '@/lib/trials/describe-event';
import type { EventSource } from '@/lib/trials/vocab';
import { describableEventColumns } from '@/lib/trials/event-columns';

export const INBOX_PAGE_SIZE = 25;
/** Ids per mark-read request: a page at a time in practice; `all` covers the rest. */
const MAX_IDS = 500;

export type InboxItem = {
  id: number;
  kind: 'event' | 'new_match';
  trial: { nctId: string; briefTitle: string; acronym: string | null };
  /** The change in one sentence, or that the trial now matches a saved search. */
  text: string;
  /** Why, when the trial's coordinator said. */
  reason?: string;
  /** Who the change came from; 'search' for a new match of a saved search. */
  source: EventSource | 'search';
  /** When it happened (a partial date as the source gives it); for a new match, when it came to match. */
  occurredAt: string | null;
  createdAt: string;
  readAt: string | null;
  /** The list it came through; null when that list was deleted since. */
  watchlistName: string | null;
};
export type Inbox = { items: InboxItem[]; unread: number; total: number; page: number; pageCount: number };

const listSchema = z
  .object({
    page: z.coerce.number('page must be a whole number from 1').int('page must be a whole number from 1').min(1, 'page must be a whole number from 1').default(1),
    unreadOnly: z.boolean('unreadOnly must be true or false').default(false),
  })
  .strict();
const markSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive(), 'ids must be a list of notification ids').min(1, 'ids must name at least one notification').max(MAX_IDS, `ids may name at most ${MAX_IDS} notifications`) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

function signedIn(actor: Actor | null, doing: string): Actor {
  if (!actor) throw new AppError('unauthorized:session', `Sign in to ${doing}.`);
  return actor;
}

function parsed<T>(schema: z.ZodType<T>, raw: unknown, message: string): T {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  // A field's own message names it; anything else (unknown keys, neither shape) gets the usage.
  const issue = result.error.issues[0];
  const field = issue?.path[0] !== undefined ? String(issue.path[0]) : undefined;
  throw new AppError('bad_request:notifications', field && issue ? issue.message : message, { field });
}

const countUnread = (database: DbOrTx, userId: string) =>
  database
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .get()?.n ?? 0;

/** The badge's number: answered from the (user_id, read_at) index alone. */
export function unreadCount(database: DbOrTx, actor: Actor | null): number {
  return countUnread(database, signedIn(actor, 'see your notifications').userId);
}

/** One page of the asker's notifications, newest first; `unreadOnly` leaves out what they have read. */
export function listInbox(database: DbOrTx, actor: Actor | null, raw: { page?: number; unreadOnly?: boolean } = {}): Inbox {
  const { userId } = signedIn(actor, 'see your notifications');
  const input = parsed(listSchema, raw, 'Give page as a whole number from 1 and unreadOnly as true or false.');
  const mine = input.unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const unread = countUnread(database, userId);
  const total = input.unreadOnly ? unread : (database.select({ n: count() }).from(notifications).where(mine).get()?.n ?? 0);
  const pageCount = Math.ceil(total / INBOX_PAGE_SIZE);
  // A page past the end shows the last one (a link kept from when there were more).
  const page = Math.max(1, Math.min(input.page, pageCount));
  const rows = database
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      nctId: trials.nctId,
      briefTitle: trials.briefTitle,
      acronym: trials.acronym,
      // A list's name only while the reader still follows it: a list made private (and renamed) must not
      // show its new name to people who used to follow it.
      watchlistName: sql<string | null>`CASE WHEN ${subscriptions.userId} IS NOT NULL THEN ${watchlists.name} END`,
      event: {
        ...describableEventColumns,
        reason: trialEvents.reason,
        occurredAt: trialEvents.occurredAt,
      },
    })
    .from(notifications)
    .innerJoin(trials, eq(trials.id, notifications.trialId))
    .leftJoin(trialEvents, eq(trialEvents.id, notifications.eventId))
    .leftJoin(watchlists, eq(watchlists.id, notifications.watchlistId))
    .leftJoin(subscriptions, and(eq(subscriptions.watchlistId, notifications.watchlistId), eq(subscriptions.userId, notifications.userId)))
    .where(mine)
    .orderBy(desc(notifications.id))
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .all();

  const items = rows.map((r): InboxItem => {
    const base = {
      id: r.id,
      kind: r.kind,
      trial: { nctId: r.nctId, briefTitle: r.briefTitle, acronym: r.acronym },
      createdAt: r.createdAt,
      readAt: r.readAt,
      watchlistName: r.watchlistName,
    };
    const e = r.event;
    if (r.kind === 'event' && e) {
      const item: InboxItem = { ...base, text: describeEvent(e), source: e.source, occurredAt: e.occurredAt };
      if (e.reason) item.reason = e.reason;
      return item;
    }
    const text = r.watchlistName ? `Now matches your saved search “${r.watchlistName}”` : 'Now matches a saved search you followed';
    return { ...base, text, source: 'search', occurredAt: r.createdAt };
  });
  return { items, unread, total, page, pageCount };
}

/**
 * Marks the asker's own notifications read. `raw` is a request body, checked here: `{ ids: number[] }`
 * (ids that are not theirs are ignored, never touched) or `{ all: true }`.
 */
export function markRead(database: Db, actor: Actor | null, raw: unknown, now = new Date()): { unread: number } {
  const { userId } = signedIn(actor, 'mark your notifications read');
  const input = parsed(markSchema, raw, `Send { "ids": [1, 2] } (at most ${MAX_IDS}) or { "all": true }.`);
  return database.transaction((tx) => {
    const own = and(eq(notifications.userId, userId), isNull(notifications.readAt));
    tx.update(notifications)
      .set({ readAt: now.toISOString() })
      .where('all' in input ? own : and(own, inArray(notifications.id, input.ids)))
      .run();
    return { unread: countUnread(tx, userId) };
  }, { behavior: 'immediate' });
}
