// The delivery worker against a real SMTP server (the mail catcher) and a database built by the real
// migrations: what a follower finds in their mailbox, when digests go out, retries when SMTP is down, two
// workers at once, and the unsubscribe link. Notifications and deliveries are written here directly, for
// lists that hold no trials, so the fan-out trigger (drizzle/0006) adds nothing of its own; one test goes
// through the trigger from an import.
import crypto from 'node:crypto';
import net from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { deliveries, deliveryAttempts, emailSends, notifications, subscriptions, trialEvents, trials, users, watchlists, watchlistTrials } from '@/db/schema';
import { resetEnv } from '@/lib/env';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '@/lib/mail/catcher';
import { renderNotificationEmail } from '@/lib/notifications/email';
import { MAX_ATTEMPTS, messageIdFor, runDeliveryBatch } from '@/lib/notifications/worker';
import { importStudy } from '@/lib/trials/import';
import { createTestDb, type TestDb } from '../helpers/db';
import { createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

type UnsubscribeRoute = typeof import('@/app/api/unsubscribe/[token]/route');

const BASE = 'http://localhost:3000';
const TRIAL = 'NCT01234567';
const IMPORTED = 'NCT07654321';

let t: TestDb;
let catcher: MailCatcher;
let route: UnsubscribeRoute;
let trialId: number;
let statusEventId: number;
let dateEventId: number;
let seq = 0;

function useSmtp(port: number): void {
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  resetEnv(); // the transport is rebuilt when the URL it reads changes
}

/** A port nothing listens on: SMTP is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Follower = { userId: string; email: string; listId: number; token: string };

/** A person following one list of their own (holding no trials, so the trigger leaves it alone). */
function follower(cadence: 'immediate' | 'daily' | 'weekly' = 'immediate', listName = 'Sam’s trials', name: string | null = null): Follower {
  const email = `follower${++seq}@example.org`;
  const { userId } = createUser(t.db, email);
  if (name) t.db.update(users).set({ name }).where(eq(users.id, userId)).run();
  return { userId, email, ...addList(userId, cadence, listName) };
}

function addList(userId: string, cadence: 'immediate' | 'daily' | 'weekly', name: string): { listId: number; token: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const list = t.db
    .insert(watchlists)
    .values({ ownerId: userId, name, kind: 'trials', shareToken: crypto.randomUUID(), feedToken: crypto.randomUUID() })
    .returning({ id: watchlists.id })
    .get();
  t.db.insert(subscriptions).values({ watchlistId: list.id, userId, emailCadence: cadence, unsubscribeToken: token }).run();
  return { listId: list.id, token };
}

/** A notification and its e-mail delivery, as the fan-out writes them. */
function notify(who: { userId: string; listId: number }, eventId: number, cadence: 'immediate' | 'daily' | 'weekly' = 'immediate', dueAt = new Date().toISOString()) {
  const n = t.db
    .insert(notifications)
    .values({ userId: who.userId, trialId, eventId, watchlistId: who.listId, kind: 'event', dedupeKey: `test:${++seq}` })
    .returning({ id: notifications.id })
    .get();
  t.db.insert(deliveries).values({ notificationId: n.id, userId: who.userId, channel: 'email', cadence, idempotencyKey: `${n.id}:email`, dueAt }).run();
  return n.id;
}

const inbox = async (to: string): Promise<CaughtMessage[]> =>
  (await fetch(`http://localhost:${catcher.httpPort}/api/messages?to=${encodeURIComponent(to)}`)).json() as Promise<CaughtMessage[]>;

const sendOf = (batchKey: string) => t.db.select().from(emailSends).where(eq(emailSends.batchKey, batchKey)).get();
const attemptsOf = (sendId: number) => t.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.sendId, sendId)).orderBy(asc(deliveryAttempts.id)).all();

beforeAll(async () => {
  t = createTestDb();
  importStudy(t.db, study(TRIAL, { protocolSection: { identificationModule: { acronym: 'TESTAMAB' } } }));
  trialId = t.db.select({ id: trials.id }).from(trials).where(eq(trials.nctId, TRIAL)).get()!.id;
  const event = (values: Partial<typeof trialEvents.$inferInsert>) =>
    t.db.insert(trialEvents).values({ trialId, kind: 'note', source: 'registry', ...values }).returning({ id: trialEvents.id }).get().id;
  statusEventId = event({ kind: 'status_changed', field: 'overallStatus', fromValue: 'RECRUITING', toValue: 'COMPLETED', occurredAt: '2026-03-14' });
  dateEventId = event({
    kind: 'date_changed',
    field: 'primaryCompletionDate',
    fromValue: { date: '2026-03', type: 'ESTIMATED' },
    toValue: { date: '2026-09', type: 'ESTIMATED' },
    occurredAt: '2026-02-01',
  });

  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  process.env.AUTH_URL = BASE;
  process.env.DATABASE_PATH = t.file; // the route handler's process-wide db()
  useSmtp(catcher.smtpPort);
  route = await import('@/app/api/unsubscribe/[token]/route');
});

afterAll(async () => {
  const { db } = await import('@/db/client');
  db().$client.close();
  await catcher.close();
  t.close();
});

beforeEach(async () => {
  useSmtp(catcher.smtpPort);
  await fetch(`http://localhost:${catcher.httpPort}/api/messages`, { method: 'DELETE' });
});

describe('an immediate notification', () => {
  it('arrives as one e-mail with text and HTML parts, the trial linked, and one-click unsubscribe headers', async () => {
    const sam = follower('immediate', 'Sam’s <b>trials</b>', 'Sam');
    const id = notify(sam, statusEventId);

    const result = await runDeliveryBatch(t.db, { workerId: 'test-worker' });
    expect(result).toMatchObject({ grouped: 1, attempted: 1, sent: 1, failed: 0, gaveUp: 0, cancelled: 0 });

    const [mail, ...rest] = await inbox(sam.email);
    expect(rest).toEqual([]);
    expect(mail!.subject).toBe('TESTAMAB: Status changed from Recruiting to Completed');
    expect(mail!.text).toContain('Hello Sam,');
    expect(mail!.text).toContain('- Status changed from Recruiting to Completed');
    expect(mail!.text).toContain('14 March 2026, from ClinicalTrials.gov');
    expect(mail!.text).toContain(`${BASE}/trials/${TRIAL}`);
    expect(mail!.text).toContain('You get this e-mail because you follow “Sam’s <b>trials</b>”');
    expect(mail!.text).toContain(`${BASE}/watchlists/${sam.listId}`);
    expect(mail!.text).toContain(`${BASE}/api/unsubscribe/${sam.token}`);
    // The HTML part: headings, the trial as a link, every value escaped.
    expect(mail!.html).toMatch(/<h1[^>]*>A trial you follow has changed<\/h1>/);
    expect(mail!.html).toContain(`href="${BASE}/trials/${TRIAL}"`);
    expect(mail!.html).toContain('Sam’s &#60;b&#62;trials&#60;/b&#62;');
    expect(mail!.html).not.toContain('<b>trials</b>');
    expect(mail!.html).not.toMatch(/<img/i);
    expect(mail!.html).toContain(`href="${BASE}/api/unsubscribe/${sam.token}"`);

    expect(mail!.headers['list-unsubscribe']).toBe(`<${BASE}/api/unsubscribe/${sam.token}>`);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.headers['message-id']).toBe(messageIdFor(`immediate:${id}`, BASE));

    const send = sendOf(`immediate:${id}`)!;
    expect(send).toMatchObject({ status: 'sent', attempts: 1, messageId: messageIdFor(`immediate:${id}`, BASE), lastError: null });
    expect(send.sentAt).toBeTruthy();
    expect(t.db.select({ status: deliveries.status, sendId: deliveries.sendId }).from(deliveries).where(eq(deliveries.notificationId, id)).get()).toEqual({ status: 'sent', sendId: send.id });
    expect(attemptsOf(send.id)).toMatchObject([{ ok: true, error: null, workerId: 'test-worker' }]);

    // Nothing is sent twice: the next batch finds nothing due.
    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker' })).toMatchObject({ grouped: 0, attempted: 0 });
    expect(await inbox(sam.email)).toHaveLength(1);
  });

  it('goes out through the fan-out when an import changes a trial on a followed list', async () => {
    importStudy(t.db, study(IMPORTED));
    const kim = follower('immediate', 'Kim’s trials');
    const imported = t.db.select({ id: trials.id }).from(trials).where(eq(trials.nctId, IMPORTED)).get()!;
    t.db.insert(watchlistTrials).values({ watchlistId: kim.listId, trialId: imported.id }).run();

    importStudy(t.db, study(IMPORTED, { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastUpdatePostDateStruct: { date: '2026-04-02', type: 'ACTUAL' } } } }));
    await runDeliveryBatch(t.db, { workerId: 'test-worker' });

    const mail = await inbox(kim.email);
    expect(mail.map((m) => m.subject)).toEqual([`${IMPORTED}: Status changed from Recruiting to Completed`]);
    expect(mail[0]!.text).toContain('2 April 2026, from ClinicalTrials.gov');
  });
});

describe('digests', () => {
  const due = '2030-01-02T07:00:00.000Z';
  const before = new Date(Date.parse(due) - 60_000);

  it('gather a day’s changes into one e-mail, sent only when due, naming every list it comes from', async () => {
    const ana = follower('daily', 'Ana’s trials');
    const second = addList(ana.userId, 'daily', 'All SOD1 trials');
    notify(ana, statusEventId, 'daily', due);
    notify(ana, dateEventId, 'daily', due);
    notify({ userId: ana.userId, listId: second.listId }, dateEventId, 'daily', due);

    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: before })).toMatchObject({ grouped: 0, attempted: 0 });
    expect(await inbox(ana.email)).toEqual([]);

    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: new Date(due) })).toMatchObject({ grouped: 3, attempted: 1, sent: 1 });
    const [digest, ...rest] = await inbox(ana.email);
    expect(rest).toEqual([]);
    expect(digest!.subject).toBe('3 changes to ALS trials you follow (daily digest)');
    expect(digest!.text).toContain('3 changes to trials you follow, since your last daily digest:');
    expect(digest!.text).toContain('Status changed from Recruiting to Completed');
    expect(digest!.text).toContain('Primary completion moved from March 2026 (estimated) to September 2026 (estimated)');
    expect(digest!.text).toContain('because you follow “Ana’s trials” and “All SOD1 trials”');
    expect(digest!.html).toMatch(/<h1[^>]*>Your daily digest<\/h1>/);
    // One link stops both lists in the e-mail.
    expect(digest!.headers['list-unsubscribe']).toBe(`<${BASE}/api/unsubscribe/${ana.token}.${second.token}>`);
    expect(digest!.headers['message-id']).toBe(messageIdFor(`digest:${ana.userId}:daily:${due}`, BASE));

    // A change queued for the same digest after it went out is not lost: it goes in a follow-up e-mail.
    const late = notify(ana, statusEventId, 'daily', due);
    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: new Date(due) })).toMatchObject({ grouped: 1, sent: 1 });
    expect(await inbox(ana.email)).toHaveLength(2);
    const lateDelivery = t.db.select({ id: deliveries.id, status: deliveries.status }).from(deliveries).where(eq(deliveries.notificationId, late)).get()!;
    expect(lateDelivery.status).toBe('sent');
    expect(sendOf(`digest:${ana.userId}:daily:${due}+${lateDelivery.id}`)?.status).toBe('sent');
  });
});

describe('when SMTP fails', () => {
  it('retries with backoff, records every attempt, and sends once the server is back', async () => {
    const lee = follower();
    const id = notify(lee, statusEventId);
    useSmtp(await closedPort());
    const start = new Date();

    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: start })).toMatchObject({ attempted: 1, sent: 0, failed: 1 });
    const failed = sendOf(`immediate:${id}`)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    const wait = Date.parse(failed.nextAttemptAt) - start.getTime();
    expect(wait).toBeGreaterThanOrEqual(45_000); // one minute, ±25 %
    expect(wait).toBeLessThanOrEqual(75_000);

    // Not due yet: nothing is tried.
    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: new Date(start.getTime() + 30_000) })).toMatchObject({ attempted: 0 });

    useSmtp(catcher.smtpPort);
    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: new Date(start.getTime() + 2 * 60_000) })).toMatchObject({ attempted: 1, sent: 1 });
    expect(sendOf(`immediate:${id}`)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(attemptsOf(failed.id).map((a) => a.ok)).toEqual([false, true]);
    expect(attemptsOf(failed.id)[0]!.error).toMatch(/ECONNREFUSED|connect/i);
    expect(await inbox(lee.email)).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, with each one recorded`, async () => {
    const max = follower();
    const id = notify(max, statusEventId);
    useSmtp(await closedPort());
    const start = Date.now();
    const hours = (n: number) => new Date(start + n * 3_600_000);

    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const result = await runDeliveryBatch(t.db, { workerId: 'test-worker', now: hours(i * 8) });
      expect(result).toMatchObject(i < MAX_ATTEMPTS - 1 ? { attempted: 1, failed: 1, gaveUp: 0 } : { attempted: 1, failed: 0, gaveUp: 1 });
    }
    const send = sendOf(`immediate:${id}`)!;
    expect(send).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(send.lastError).toMatch(/given up after 8 attempts/);
    expect(attemptsOf(send.id)).toHaveLength(MAX_ATTEMPTS);
    expect(attemptsOf(send.id).every((a) => !a.ok && a.error)).toBe(true);

    useSmtp(catcher.smtpPort);
    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker', now: hours(MAX_ATTEMPTS * 8 + 24) })).toMatchObject({ attempted: 0 });
    expect(await inbox(max.email)).toEqual([]);
  });
});

describe('two workers at once', () => {
  it('send each e-mail exactly once', async () => {
    const kai = follower();
    const ids = Array.from({ length: 30 }, (_, i) => notify(kai, i % 2 ? statusEventId : dateEventId));
    const a: Db = openDatabase(t.file);
    const b: Db = openDatabase(t.file);
    try {
      const [ra, rb] = await Promise.all([runDeliveryBatch(a, { workerId: 'worker-a' }), runDeliveryBatch(b, { workerId: 'worker-b' })]);
      expect(ra.sent + rb.sent).toBe(30);
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
    } finally {
      a.$client.close();
      b.$client.close();
    }
    const mail = await inbox(kai.email);
    expect(mail).toHaveLength(30);
    expect(new Set(mail.map((m) => m.headers['message-id']))).toEqual(new Set(ids.map((id) => messageIdFor(`immediate:${id}`, BASE))));
    for (const id of ids) expect(attemptsOf(sendOf(`immediate:${id}`)!.id)).toHaveLength(1);
  });
});

describe('the unsubscribe link', () => {
  const call = (method: 'GET' | 'POST', token: string) =>
    route[method](
      new Request(`${BASE}/api/unsubscribe/${token}`, method === 'POST' ? { method, body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : { method }),
      { params: Promise.resolve({ token }) },
    );
  const cadenceOf = (f: Follower) =>
    t.db.select({ c: subscriptions.emailCadence }).from(subscriptions).where(and(eq(subscriptions.watchlistId, f.listId), eq(subscriptions.userId, f.userId))).get()!.c;

  it('opened (GET) changes nothing and leads to the confirm page', async () => {
    const jo = follower();
    const response = await call('GET', jo.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/unsubscribe/${jo.token}`);
    expect(cadenceOf(jo)).toBe('immediate');

    notify(jo, statusEventId);
    expect(await runDeliveryBatch(t.db, { workerId: 'test-worker' })).toMatchObject({ sent: 1 });
    expect(await inbox(jo.email)).toHaveLength(1);
  });

  it('posted with one click (no cookies) stops e-mail, including changes already queued', async () => {
    const pat = follower('immediate', 'Pat’s trials');
    notify(pat, statusEventId);

    const response = await call('POST', pat.token);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('you will get no more e-mail about “Pat’s trials”');
    expect(cadenceOf(pat)).toBe('never');
    // Idempotent: a mail program that posts twice gets the same answer.
    expect((await call('POST', pat.token)).status).toBe(200);

    const queued = await runDeliveryBatch(t.db, { workerId: 'test-worker' });
    expect(queued).toMatchObject({ sent: 0, cancelled: 1 });
    expect(await inbox(pat.email)).toEqual([]);
    expect(t.db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.userId, pat.userId)).all()).toEqual([{ status: 'cancelled' }]);
  });

  it('with a token that matches nothing answers 404 and changes nothing', async () => {
    const response = await call('POST', crypto.randomBytes(32).toString('base64url'));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/no longer valid/);
    expect((await call('POST', 'not a token')).status).toBe(404);
  });
});

describe('the e-mail itself', () => {
  it('escapes every value in the HTML part and keeps the words in the text part', () => {
    const email = renderNotificationEmail({
      recipientName: '<Jo>',
      items: [
        {
          trial: { nctId: 'NCT01234567', briefTitle: 'A "study" <script>alert(1)</script>', acronym: 'A&B' },
          text: 'Note: dose <10 mg & "more"',
          reason: '<i>registry typo</i>',
          source: 'coordinator',
          occurredAt: '2026-05-03',
        },
      ],
      cadence: 'weekly',
      watchlistNames: ['<List>'],
      unsubscribeUrl: `${BASE}/api/unsubscribe/abc"def`,
      manageUrl: `${BASE}/watchlists/1`,
      baseUrl: BASE,
    });
    expect(email.subject).toBe('One change to ALS trials you follow (weekly digest)');
    expect(email.html).not.toMatch(/<script|<i>|<Jo>|<List>|abc"def/);
    expect(email.html).toContain('&#60;script&#62;');
    expect(email.html).toContain('Reason given: &#60;i&#62;registry typo&#60;/i&#62;');
    expect(email.text).toContain('Reason given: <i>registry typo</i>');
    expect(email.text).toContain("3 May 2026, from the trial's coordinator");
    expect(email.text).toContain('You get these changes in one e-mail a week.');
  });
});
