// The inbox: a person's own notifications, newest first, 25 a page, with an unread count; read marks touch
// only their own. Notifications are written by the real fan-out (coordinator updates and saved searches).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { subscriptions, watchlists, watchlistTrials } from '@/db/schema';
import type { Actor } from '@/lib/auth/permissions';
import { INBOX_PAGE_SIZE, listInbox, markRead, unreadCount } from '@/lib/notifications/inbox';
import { importStudy } from '@/lib/trials/import';
import { updateTrial } from '@/lib/trials/update';
import { createTestDb, type TestDb } from '../helpers/db';
import { caught } from '../helpers/errors';
import { assignCoordinator, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

const NCT = 'NCT01234567';
const NOTES = 30;

let t: TestDb;
let ann: Actor;
let bob: Actor;
let coordinator: Actor;
let version = 1;
let tokens = 0;
const token = () => `token-${++tokens}`;

function follow(db: Db, who: Actor, values: { name: string; kind: 'trials' | 'search'; searchQuery?: string }, nctId?: string): number {
  const list = db.insert(watchlists).values({ ownerId: who.userId, shareToken: token(), feedToken: token(), ...values }).returning({ id: watchlists.id }).get();
  if (nctId) {
    const trial = db.$client.prepare('SELECT id FROM trials WHERE nct_id = ?').get(nctId) as { id: number };
    db.insert(watchlistTrials).values({ watchlistId: list.id, trialId: trial.id }).run();
  }
  db.insert(subscriptions).values({ watchlistId: list.id, userId: who.userId, emailCadence: 'never', unsubscribeToken: token() }).run();
  return list.id;
}

const update = (input: Record<string, unknown>, at: string) => {
  version = updateTrial(t.db, NCT, { version, ...input }, coordinator, new Date(at)).version;
};

beforeEach(() => {
  t = createTestDb();
  version = 1;
  importStudy(t.db, study(NCT, { protocolSection: { identificationModule: { acronym: 'ALPHA' } } }), { now: new Date('2025-01-01T00:00:00Z') });
  ann = createUser(t.db, 'ann@example.org');
  bob = createUser(t.db, 'bob@example.org');
  coordinator = createUser(t.db, 'coord@example.org');
  assignCoordinator(t.db, coordinator, NCT);
  follow(t.db, ann, { name: 'Ann’s trials', kind: 'trials' }, NCT);
  follow(t.db, bob, { name: 'Bob’s private list', kind: 'trials' }, NCT);
  for (let i = 1; i <= NOTES; i++) update({ note: `Note ${i}` }, new Date(Date.UTC(2025, 1, 1) + i * 3_600_000).toISOString());
});
afterEach(() => t.close());


describe('reading the inbox', () => {
  it('pages newest first, 25 a page, and a page past the end shows the last one', () => {
    const first = listInbox(t.db, ann, {});
    expect(first).toMatchObject({ unread: NOTES, total: NOTES, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(INBOX_PAGE_SIZE);
    expect(first.items[0]!.text).toBe(`Note ${NOTES}`);
    const second = listInbox(t.db, ann, { page: 2 });
    expect(second.items.map((i) => i.text)).toEqual(['Note 5', 'Note 4', 'Note 3', 'Note 2', 'Note 1']);
    expect(listInbox(t.db, ann, { page: 9 })).toMatchObject({ page: 2, items: second.items });
  });

  it('says what changed in a sentence, with the reason, the trial and the list it came through', () => {
    update({ overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment target reached' }, '2025-03-02T10:00:00Z');
    const [item] = listInbox(t.db, ann, {}).items;
    expect(item).toEqual({
      id: expect.any(Number),
      kind: 'event',
      trial: { nctId: NCT, briefTitle: `Test study ${NCT}`, acronym: 'ALPHA' },
      text: 'Status changed from Recruiting to Active, not recruiting',
      reason: 'Enrolment target reached',
      source: 'coordinator',
      occurredAt: '2025-03-02',
      createdAt: '2025-03-02T10:00:00.000Z',
      readAt: null,
      watchlistName: 'Ann’s trials',
    });
  });

  it('a trial that comes to match a saved search is said so, with the search’s name', () => {
    follow(t.db, ann, { name: 'Not recruiting', kind: 'search', searchQuery: 'recruiting=false' });
    update({ overallStatus: 'COMPLETED', reason: 'Last participant finished' }, '2025-03-03T10:00:00Z');
    const [match, change] = listInbox(t.db, ann, {}).items;
    expect(match).toMatchObject({ kind: 'new_match', text: 'Now matches your saved search “Not recruiting”', source: 'search', watchlistName: 'Not recruiting' });
    expect(change).toMatchObject({ kind: 'event', text: 'Status changed from Recruiting to Completed' });
  });

  it('unreadOnly leaves out what was read; the unread count follows', () => {
    const ids = listInbox(t.db, ann, {}).items.slice(0, 3).map((i) => i.id);
    expect(markRead(t.db, ann, { ids })).toEqual({ unread: NOTES - 3 });
    expect(unreadCount(t.db, ann)).toBe(NOTES - 3);
    const unread = listInbox(t.db, ann, { unreadOnly: true });
    expect(unread).toMatchObject({ unread: NOTES - 3, total: NOTES - 3, pageCount: 2 });
    expect(unread.items.map((i) => i.id)).not.toContain(ids[0]);
    expect(listInbox(t.db, ann, {}).items.slice(0, 3).every((i) => i.readAt !== null)).toBe(true);
  });
});

describe('privacy', () => {
  it('each person sees only their own notifications, and nothing about anyone else', () => {
    const annIds = listInbox(t.db, ann, { page: 1 }).items.map((i) => i.id);
    const bobIds = listInbox(t.db, bob, { page: 1 }).items.map((i) => i.id);
    expect(annIds.filter((id) => bobIds.includes(id))).toEqual([]);
    const everything = JSON.stringify([listInbox(t.db, ann, { page: 1 }), listInbox(t.db, ann, { page: 2 })]);
    for (const secret of [bob.userId, coordinator.userId, ann.userId, 'bob@example.org', 'coord@example.org', 'Bob’s private list']) expect(everything).not.toContain(secret);
  });

  it("marking someone else's notifications read does nothing to them", () => {
    const bobIds = listInbox(t.db, bob, {}).items.map((i) => i.id);
    expect(markRead(t.db, ann, { ids: bobIds })).toEqual({ unread: NOTES });
    expect(unreadCount(t.db, bob)).toBe(NOTES);
    expect(markRead(t.db, ann, { all: true })).toEqual({ unread: 0 });
    expect(unreadCount(t.db, bob)).toBe(NOTES);
    expect(listInbox(t.db, bob, {}).items.every((i) => i.readAt === null)).toBe(true);
  });

  it('nobody signed in is refused (401)', () => {
    expect(caught(() => listInbox(t.db, null, {})).status).toBe(401);
    expect(caught(() => unreadCount(t.db, null)).status).toBe(401);
    expect(caught(() => markRead(t.db, null, { all: true })).status).toBe(401);
    expect(unreadCount(t.db, ann)).toBe(NOTES);
  });

  it('malformed requests are refused (400) and change nothing', () => {
    for (const body of [{}, { ids: [] }, { ids: ['1'] }, { all: false }, { ids: [1], all: true }, null, 'all'])
      expect(caught(() => markRead(t.db, ann, body)).status).toBe(400);
    expect(caught(() => listInbox(t.db, ann, { page: Number('two') })).status).toBe(400);
    expect(caught(() => listInbox(t.db, ann, { page: 0 })).status).toBe(400);
    expect(unreadCount(t.db, ann)).toBe(NOTES);
  });
});
