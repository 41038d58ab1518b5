// The delivery worker: turns due deliveries (the outbox) into e-mails and sends each e-mail once.
//
// 1. Group: in one IMMEDIATE transaction, due pending deliveries get an `email_sends` row (one per
//    notification when 'immediate', one per person, cadence and digest time otherwise) and point at it.
// 2. Send: each due e-mail is claimed by one UPDATE inside an IMMEDIATE transaction (status 'sending',
//    attempts + 1, a lease in next_attempt_at), so two workers never hold the same e-mail. After SMTP
//    accepts it, one transaction marks the e-mail and its deliveries sent and records the attempt; a failure
//    records the attempt and schedules a retry with backoff, until MAX_ATTEMPTS.
//
// The one window left: if the worker dies after the SMTP server accepted a message but before the 'sent'
// commit, the claim's lease runs out and the e-mail is sent again. No SMTP client can close that window
// (the server's "250 OK" and our commit cannot be one atomic step); the Message-ID is derived from the
// e-mail's batch key, so the repeat carries the same Message-ID and receiving systems drop it as a duplicate.
// The window is the few milliseconds between the server's reply and the commit.
import crypto from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, asc, eq, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db as processDb, type Db } from '@/db/client';
import {
  deliveries,
  deliveryAttempts,
  emailSends,
  notifications,
  subscriptions,
  trialEvents,
  trials,
  users,
  watchlistMatches,
  watchlists,
  watchlistTrials,
} from '@/db/schema';
import { appUrl } from '@/lib/env';
import { sendMail, type OutgoingMail } from '@/lib/mail/transport';
import { describeEvent } from '@/lib/trials/describe-event';
import { unsubscribeByToken } from '@/lib/watchlists/watchlists';
import { renderNotificationEmail, type EmailCadence, type NotificationEmailItem } from './email';

/** Attempts per e-mail before giving up (about 4 hours of retries with the backoff below). */
export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;
/** next_attempt_at of an e-mail nobody will try again (given up on, or nothing left in it to send). */
const NEVER = '9999-12-31T23:59:59.999Z';
/** Due deliveries grouped per batch; the rest wait for the next one. */
const GROUP_LIMIT = 5000;

const settingsSchema = z.object({
  /** Pause between batches when nothing more is due. */
  WORKER_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  /** How long a claim holds an e-mail: longer than one SMTP send can take (the transport gives up within 50 s). */
  WORKER_LEASE_MS: z.coerce.number().int().min(100).max(86_400_000).default(120_000),
  /** Pause before each e-mail after the first in a batch, for SMTP providers that limit messages per second. */
  WORKER_SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** E-mails sent per batch at most. */
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
});
export type WorkerSettings = z.infer<typeof settingsSchema>;

/** The worker's settings from the environment; a wrong value names the variable. */
export function workerSettings(source: Record<string, string | undefined> = process.env): WorkerSettings {
  const parsed = settingsSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

/** `host:pid:random`, written on every attempt, so a person can tell workers apart. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * The same e-mail always gets the same Message-ID: a resend after a crash is recognisable as a duplicate.
 * The app's address is hashed in too, so two installations (a laptop and the server) never share one.
 */
export function messageIdFor(batchKey: string, baseUrl = appUrl()): string {
  const hash = crypto.createHash('sha256').update(`${baseUrl}\n${batchKey}`).digest('hex').slice(0, 40);
  return `<${hash}@${new URL(baseUrl).hostname || 'als-trial-tracker'}>`;
}

/** 1 min, 2, 4, … 6 h at most, each ±25 % so failed e-mails do not all come back at once. */
export function backoffMs(attempts: number, random = Math.random): number {
  const exact = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.min(BACKOFF_MAX_MS, Math.round(exact * (0.75 + random() * 0.5)));
}

export type DeliveryBatchOptions = {
  /** The time to act at (tests); otherwise the clock, read at each step. */
  now?: Date;
  workerId: string;
  /** E-mails attempted at most (default WORKER_BATCH_SIZE). */
  limit?: number;
  send?: (mail: OutgoingMail) => Promise<string>;
  leaseMs?: number;
  sendIntervalMs?: number;
  baseUrl?: string;
  /** Stops the batch between e-mails (the worker is shutting down). */
  signal?: AbortSignal;
};

export type DeliveryBatchResult = {
  /** Deliveries put into an e-mail in this batch. */
  grouped: number;
  /** E-mails claimed and tried. */
  attempted: number;
  sent: number;
  /** Attempts that failed and will be retried. */
  failed: number;
  /** E-mails given up on: MAX_ATTEMPTS reached, or refused permanently by the server (5xx). */
  gaveUp: number;
  /** Deliveries dropped at send time: e-mail turned off for their list, the list or the address gone. */
  cancelled: number;
  /** True when the batch stopped at its limit with more due. */
  more: boolean;
};

type Claim = { id: number; batchKey: string; userId: string; attempts: number };

/** Puts due deliveries into e-mails; also gives up on e-mails whose last allowed attempt never finished. */
function groupDueDeliveries(database: Db, nowIso: string, workerId: string): number {
  return database.transaction(
    (tx) => {
      const abandoned = tx
        .update(emailSends)
        .set({ status: 'failed', lastError: 'The last allowed attempt did not finish (its worker stopped). Given up.', nextAttemptAt: NEVER })
        .where(and(eq(emailSends.status, 'sending'), lte(emailSends.nextAttemptAt, nowIso), sql`${emailSends.attempts} >= ${MAX_ATTEMPTS}`))
        .returning({ id: emailSends.id })
        .all();
      for (const { id } of abandoned) tx.insert(deliveryAttempts).values({ sendId: id, at: nowIso, ok: false, error: 'Interrupted: the worker that claimed it stopped before recording a result.', workerId }).run();

      const due = tx
        .select({ id: deliveries.id, notificationId: deliveries.notificationId, userId: deliveries.userId, cadence: deliveries.cadence, dueAt: deliveries.dueAt })
        .from(deliveries)
        .where(and(eq(deliveries.status, 'pending'), eq(deliveries.channel, 'email'), isNull(deliveries.sendId), lte(deliveries.dueAt, nowIso)))
        .orderBy(asc(deliveries.dueAt), asc(deliveries.id))
        .limit(GROUP_LIMIT)
        .all();
      const opened = new Map<string, number>();
      for (const d of due) {
        const key = d.cadence === 'immediate' ? `immediate:${d.notificationId}` : `digest:${d.userId}:${d.cadence}:${d.dueAt}`;
        let sendId = opened.get(key);
        if (sendId === undefined) {
          // An e-mail already tried is never added to: a late delivery for the same digest goes in a follow-up.
          const existing = tx.select({ id: emailSends.id, status: emailSends.status, attempts: emailSends.attempts }).from(emailSends).where(eq(emailSends.batchKey, key)).get();
          const batchKey = existing && (existing.status !== 'pending' || existing.attempts > 0) ? `${key}+${d.id}` : key;
          tx.insert(emailSends).values({ batchKey, userId: d.userId, status: 'pending', nextAttemptAt: nowIso }).onConflictDoNothing().run();
          sendId = tx.select({ id: emailSends.id }).from(emailSends).where(eq(emailSends.batchKey, batchKey)).get()!.id;
          opened.set(key, sendId);
        }
        tx.update(deliveries).set({ sendId }).where(and(eq(deliveries.id, d.id), isNull(deliveries.sendId))).run();
      }
      return due.length;
    },
    { behavior: 'immediate' },
  );
}

/** E-mails that may be tried now: new, failed and due again, or claimed by a worker whose lease ran out. */
function dueSends(database: Db, nowIso: string, limit: number): number[] {
  return database
    .select({ id: emailSends.id })
    .from(emailSends)
    .where(and(inArray(emailSends.status, ['pending', 'failed', 'sending']), lte(emailSends.nextAttemptAt, nowIso), lt(emailSends.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(emailSends.nextAttemptAt), asc(emailSends.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Takes one e-mail for this worker, or null when another worker has it (or it is no longer due). */
function claim(database: Db, id: number, nowIso: string, leaseUntil: string, workerId: string): Claim | null {
  return database.transaction(
    (tx) => {
      const before = tx.select({ status: emailSends.status }).from(emailSends).where(eq(emailSends.id, id)).get();
      const row = tx
        .update(emailSends)
        .set({ status: 'sending', attempts: sql`${emailSends.attempts} + 1`, nextAttemptAt: leaseUntil })
        .where(
          and(
            eq(emailSends.id, id),
            inArray(emailSends.status, ['pending', 'failed', 'sending']),
            lte(emailSends.nextAttemptAt, nowIso),
            lt(emailSends.attempts, MAX_ATTEMPTS),
          ),
        )
        .returning({ id: emailSends.id, batchKey: emailSends.batchKey, userId: emailSends.userId, attempts: emailSends.attempts })
        .get();
      // A lease that ran out: the attempt it covered never reported back. It may have reached the SMTP server.
      if (row && before?.status === 'sending')
        tx.insert(deliveryAttempts).values({ sendId: id, at: nowIso, ok: false, error: 'Interrupted: the worker that claimed it stopped before recording a result; taken over by this worker.', workerId }).run();
      return row ?? null;
    },
    { behavior: 'immediate' },
  );
}

type Content = { deliveryIds: number[]; mail: OutgoingMail; cancelled: number } | { deliveryIds: []; mail: null; cancelled: number };
type CoveringList = { id: number; name: string; token: string };

/**
 * The lists that still e-mail this person about each trial: their subscriptions not set to 'never' whose list
 * holds the trial (chosen, or matching a saved search) or brought the notification. A trial no such list
 * covers any more is not e-mailed about: the person turned e-mail off (or unfollowed) after it was queued.
 */
function coveringLists(database: Db, userId: string, trialIds: number[]): (trialId: number, broughtBy: number | null) => CoveringList[] {
  const subs = database
    .select({ id: watchlists.id, name: watchlists.name, token: subscriptions.unsubscribeToken })
    .from(subscriptions)
    .innerJoin(watchlists, eq(watchlists.id, subscriptions.watchlistId))
    .where(and(eq(subscriptions.userId, userId), ne(subscriptions.emailCadence, 'never')))
    .orderBy(asc(watchlists.id))
    .all();
  const ids = subs.map((l) => l.id);
  const held = new Set<string>();
  if (ids.length && trialIds.length) {
    for (const table of [watchlistTrials, watchlistMatches]) {
      const rows = database
        .select({ watchlistId: table.watchlistId, trialId: table.trialId })
        .from(table)
        .where(and(inArray(table.watchlistId, ids), inArray(table.trialId, trialIds)))
        .all();
      for (const r of rows) held.add(`${r.watchlistId}:${r.trialId}`);
    }
  }
  return (trialId, broughtBy) => subs.filter((l) => l.id === broughtBy || held.has(`${l.id}:${trialId}`));
}

/** The e-mail's content from its pending deliveries; those no list e-mails about any more are cancelled here. */
function buildEmail(database: Db, sendId: number, claimed: Claim, cadence: EmailCadence | null, baseUrl: string): Content {
  const rows = database
    .select({
      deliveryId: deliveries.id,
      cadence: deliveries.cadence,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      trialId: notifications.trialId,
      watchlistId: notifications.watchlistId,
      watchlistName: watchlists.name,
      email: users.email,
      name: users.name,
      nctId: trials.nctId,
      briefTitle: trials.briefTitle,
      acronym: trials.acronym,
      eventKind: trialEvents.kind,
      field: trialEvents.field,
      fromValue: trialEvents.fromValue,
      toValue: trialEvents.toValue,
      eventText: trialEvents.text,
      source: trialEvents.source,
      occurredAt: trialEvents.occurredAt,
      reason: trialEvents.reason,
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(trials, eq(trials.id, notifications.trialId))
    .leftJoin(trialEvents, eq(trialEvents.id, notifications.eventId))
    .leftJoin(watchlists, eq(watchlists.id, notifications.watchlistId))
    .where(and(eq(deliveries.sendId, sendId), eq(deliveries.status, 'pending')))
    .orderBy(asc(notifications.id))
    .all();

  const covering = coveringLists(database, claimed.userId, [...new Set(rows.map((r) => r.trialId))]);
  const lists = new Map<number, CoveringList>();
  const keep: typeof rows = [];
  const drop: number[] = [];
  for (const r of rows) {
    const by = r.email ? covering(r.trialId, r.watchlistId) : [];
    if (!by.length) {
      drop.push(r.deliveryId);
      continue;
    }
    keep.push(r);
    for (const l of by) lists.set(l.id, l);
  }
  if (drop.length) database.update(deliveries).set({ status: 'cancelled' }).where(and(inArray(deliveries.id, drop), eq(deliveries.status, 'pending'))).run();
  if (!keep.length) return { deliveryIds: [], mail: null, cancelled: drop.length };

  const items: NotificationEmailItem[] = keep.map((r) => ({
    trial: { nctId: r.nctId, briefTitle: r.briefTitle, acronym: r.acronym },
    text:
      r.kind === 'new_match'
        ? `Now matches your saved search${r.watchlistName ? ` “${r.watchlistName}”` : ''}`
        : r.eventKind && r.source
          ? describeEvent({ kind: r.eventKind, field: r.field, fromValue: r.fromValue, toValue: r.toValue, text: r.eventText, source: r.source })
          : "The trial's record changed",
    reason: r.reason,
    source: r.kind === 'new_match' || !r.source ? 'tracker' : r.source,
    occurredAt: r.kind === 'new_match' ? r.createdAt : (r.occurredAt ?? r.createdAt),
  }));
  const named = [...lists.values()].sort((a, b) => a.id - b.id);
  // One link stops e-mail from every list in this e-mail: their tokens joined by dots (base64url has no dot).
  const unsubscribeUrl = `${baseUrl}/api/unsubscribe/${named.map((l) => l.token).join('.')}`;
  const manageUrl = named.length === 1 ? `${baseUrl}/watchlists/${named[0]!.id}` : `${baseUrl}/watchlists`;
  const rendered = renderNotificationEmail({
    recipientName: keep[0]!.name,
    items,
    cadence: cadence ?? keep[0]!.cadence,
    watchlistNames: named.map((l) => l.name),
    unsubscribeUrl,
    manageUrl,
    baseUrl,
  });
  return {
    deliveryIds: keep.map((r) => r.deliveryId),
    cancelled: drop.length,
    mail: {
      to: keep[0]!.email!,
      ...rendered,
      headers: {
        'Message-ID': messageIdFor(claimed.batchKey, baseUrl),
        // RFC 8058 one-click: mail programs POST `List-Unsubscribe=One-Click` to this URL, with no cookies.
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // RFC 3834: no out-of-office replies to a notification.
        'Auto-Submitted': 'auto-generated',
      },
    },
  };
}

const cadenceOf = (batchKey: string): EmailCadence | null => {
  const m = /^digest:.*:(daily|weekly):/.exec(batchKey);
  return m ? (m[1] as EmailCadence) : batchKey.startsWith('immediate:') ? 'immediate' : null;
};

/** Every e-mail in it was cancelled: nothing to send, nothing to retry. The attempt counter is handed back. */
function closeEmpty(database: Db, claimed: Claim): void {
  database
    .update(emailSends)
    .set({ status: 'failed', attempts: claimed.attempts - 1, lastError: 'Not sent: e-mail was turned off for every change in it.', nextAttemptAt: NEVER })
    .where(and(eq(emailSends.id, claimed.id), eq(emailSends.status, 'sending'), eq(emailSends.attempts, claimed.attempts)))
    .run();
}

function recordSent(database: Db, claimed: Claim, deliveryIds: number[], messageId: string, nowIso: string, workerId: string): void {
  database.transaction(
    (tx) => {
      // Fenced by the attempt number: if this worker's lease ran out and another worker took the e-mail, the
      // row is theirs to finish (they are sending it again, with the same Message-ID).
      const mine = tx
        .update(emailSends)
        .set({ status: 'sent', messageId, sentAt: nowIso, lastError: null })
        .where(and(eq(emailSends.id, claimed.id), eq(emailSends.status, 'sending'), eq(emailSends.attempts, claimed.attempts)))
        .run().changes;
      if (mine) tx.update(deliveries).set({ status: 'sent' }).where(and(inArray(deliveries.id, deliveryIds), eq(deliveries.status, 'pending'))).run();
      tx.insert(deliveryAttempts)
        .values({ sendId: claimed.id, at: nowIso, ok: true, error: mine ? null : 'Sent after this worker’s lease ran out; another worker had taken the e-mail.', workerId })
        .run();
    },
    { behavior: 'immediate' },
  );
}

/** Records a failed attempt; returns true when the e-mail is given up on. */
function recordFailure(database: Db, claimed: Claim, error: unknown, now: Date, workerId: string): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  // 5xx is the server's final answer (no such mailbox, refused): trying again cannot help.
  const permanent = typeof code === 'number' && code >= 500 && code < 600;
  const giveUp = permanent || claimed.attempts >= MAX_ATTEMPTS;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const nowIso = now.toISOString();
  database.transaction(
    (tx) => {
      tx.insert(deliveryAttempts).values({ sendId: claimed.id, at: nowIso, ok: false, error: message, workerId }).run();
      tx.update(emailSends)
        .set({
          status: 'failed',
          lastError: giveUp ? `${message} (given up after ${claimed.attempts} attempt${claimed.attempts === 1 ? '' : 's'})` : message,
          nextAttemptAt: giveUp ? NEVER : new Date(now.getTime() + backoffMs(claimed.attempts)).toISOString(),
        })
        .where(and(eq(emailSends.id, claimed.id), eq(emailSends.status, 'sending'), eq(emailSends.attempts, claimed.attempts)))
        .run();
    },
    { behavior: 'immediate' },
  );
  return giveUp;
}

/** One pass: group what is due into e-mails, then send what is due, each e-mail by one worker only. */
export async function runDeliveryBatch(database: Db, options: DeliveryBatchOptions): Promise<DeliveryBatchResult> {
  const settings = workerSettings();
  const { workerId, signal } = options;
  const clock = () => options.now ?? new Date();
  const limit = options.limit ?? settings.WORKER_BATCH_SIZE;
  const leaseMs = options.leaseMs ?? settings.WORKER_LEASE_MS;
  const sendIntervalMs = options.sendIntervalMs ?? settings.WORKER_SEND_INTERVAL_MS;
  const send = options.send ?? sendMail;
  const baseUrl = (options.baseUrl ?? appUrl()).replace(/\/+$/, '');
  const result: DeliveryBatchResult = { grouped: 0, attempted: 0, sent: 0, failed: 0, gaveUp: 0, cancelled: 0, more: false };

  result.grouped = groupDueDeliveries(database, clock().toISOString(), workerId);
  const candidates = dueSends(database, clock().toISOString(), limit);
  result.more = candidates.length >= limit || result.grouped >= GROUP_LIMIT;

  let first = true;
  for (const id of candidates) {
    if (signal?.aborted) break;
    if (sendIntervalMs > 0 && !first) {
      try {
        await sleep(sendIntervalMs, undefined, { signal });
      } catch {
        break; // stopped while pausing
      }
    }
    const start = clock();
    const claimed = claim(database, id, start.toISOString(), new Date(start.getTime() + leaseMs).toISOString(), workerId);
    if (!claimed) continue;
    first = false;
    try {
      const content = buildEmail(database, id, claimed, cadenceOf(claimed.batchKey), baseUrl);
      result.cancelled += content.cancelled;
      if (!content.mail) {
        closeEmpty(database, claimed);
        continue;
      }
      const messageId = await send(content.mail);
      recordSent(database, claimed, content.deliveryIds, messageId || content.mail.headers!['Message-ID']!, clock().toISOString(), workerId);
      result.sent += 1;
    } catch (error) {
      if (recordFailure(database, claimed, error, clock(), workerId)) result.gaveUp += 1;
      else result.failed += 1;
    }
  }
  result.attempted = result.sent + result.failed + result.gaveUp;
  return result;
}

export type DeliveryWorker = { workerId: string; stop(): Promise<void> };

export type DeliveryWorkerOptions = {
  intervalMs?: number;
  database?: Db;
  workerId?: string;
  /** Called after every batch; by default a line is logged for batches that did something. */
  onBatch?: (result: DeliveryBatchResult, workerId: string) => void;
};

export function describeBatch(r: DeliveryBatchResult): string {
  return `grouped ${r.grouped}, sent ${r.sent}, failed ${r.failed} (will retry), gave up ${r.gaveUp}, cancelled ${r.cancelled}${r.more ? ', more due' : ''}`;
}

const logBusyBatch = (r: DeliveryBatchResult, workerId: string) => {
  if (r.grouped || r.attempted || r.cancelled || r.gaveUp) console.log(`Delivery worker ${workerId}: ${describeBatch(r)}`);
};

/**
 * Runs batches until stopped: the next batch starts when the last one has finished (never two at once in
 * one worker), at once when more is due, else after intervalMs. stop() waits for the e-mail in hand.
 */
export function startDeliveryWorker({ intervalMs, database, workerId = newWorkerId(), onBatch = logBusyBatch }: DeliveryWorkerOptions = {}): DeliveryWorker {
  const interval = intervalMs ?? workerSettings().WORKER_INTERVAL_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    let more = false;
    try {
      const result = await runDeliveryBatch(database ?? processDb(), { workerId, signal: controller.signal });
      more = result.more;
      onBatch(result, workerId);
    } catch (error) {
      console.error(`Delivery worker ${workerId}: the batch failed; trying again in ${interval} ms.`, error);
    }
    if (!controller.signal.aborted) timer = setTimeout(() => (running = tick()), more ? 0 : interval);
  };
  running = tick();

  return {
    workerId,
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

/** An unsubscribe link's last segment: one token per list in the e-mail, joined by dots. */
const linkSchema = z
  .string()
  .max(2000)
  .transform((link) => link.split('.'))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{8,200}$/)).min(1).max(50));

/** The tokens of an unsubscribe link, or null for a malformed one. */
function tokensOf(link: string): string[] | null {
  const parsed = linkSchema.safeParse(link);
  return parsed.success ? [...new Set(parsed.data)] : null;
}

export type UnsubscribeTarget = { lists: Array<{ watchlistName: string; emailing: boolean }> };

/** What an unsubscribe link would stop, without changing anything (the page a GET shows); null for an unknown link. */
export function getUnsubscribeTarget(database: Db, link: string): UnsubscribeTarget | null {
  const tokens = tokensOf(link);
  if (!tokens) return null;
  const rows = database
    .select({ watchlistName: watchlists.name, cadence: subscriptions.emailCadence })
    .from(subscriptions)
    .innerJoin(watchlists, eq(watchlists.id, subscriptions.watchlistId))
    .where(inArray(subscriptions.unsubscribeToken, tokens))
    .orderBy(asc(watchlists.name))
    .all();
  return rows.length ? { lists: rows.map((r) => ({ watchlistName: r.watchlistName, emailing: r.cadence !== 'never' })) } : null;
}

/**
 * One-click unsubscribe: e-mail 'never' for every list the link names (unsubscribeByToken for each). The
 * token is the authority: mail programs call this without cookies. Deliveries already waiting are dropped by
 * the worker when it sends. Null when the link matches no subscription.
 */
export function unsubscribeEmails(database: Db, link: string): { watchlistNames: string[] } | null {
  const tokens = tokensOf(link);
  if (!tokens) return null;
  const names = tokens.flatMap((token) => unsubscribeByToken(database, token)?.watchlistName ?? []);
  return names.length ? { watchlistNames: names.sort((a, b) => a.localeCompare(b)) } : null;
}
