// A watchlist's feeds as a feed reader and a calendar app see them: the route handlers called with real
// Requests (no session: the token is the key), the output read back by standard parsers.
import { XMLParser } from 'fast-xml-parser';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { importStudy } from '@/lib/trials/import';
import { rotateFeedToken, saveSearch, watchTrial } from '@/lib/watchlists/watchlists';
import { study } from '../fixtures/ctgov/build';
import { createTestDb, type TestDb } from '../helpers/db';
import { createUser } from '../helpers/users';

type RssRoute = typeof import('@/app/feeds/[token]/rss.xml/route');
type AtomRoute = typeof import('@/app/feeds/[token]/atom.xml/route');
type CalendarRoute = typeof import('@/app/feeds/[token]/calendar.ics/route');

const WATCHED = 'NCT00000001';
const UNWATCHED = 'NCT00000002';
const CHANGE = 'Status changed from Recruiting to Active, not recruiting';

let t: TestDb;
let rss: RssRoute;
let atom: AtomRoute;
let calendar: CalendarRoute;
let owner: Actor;
let other: Actor;
let feedToken: string;
let otherFeedToken: string;
let watchlistId: number;

const feedTokenOf = (id: number) => (t.db.$client.prepare('SELECT feed_token AS f FROM watchlists WHERE id = ?').get(id) as { f: string }).f;

beforeAll(async () => {
  t = createTestDb();
  importStudy(t.db, study(WATCHED, { protocolSection: { identificationModule: { briefTitle: 'Antisense drug in SOD1 ALS', acronym: 'ALPHA' } } }), {
    now: new Date('2025-01-11T09:00:00Z'),
  });
  importStudy(t.db, study(UNWATCHED, { protocolSection: { identificationModule: { briefTitle: 'Someone else’s trial' } } }));
  owner = createUser(t.db, 'owner@example.org');
  other = createUser(t.db, 'other@example.org');
  watchlistId = watchTrial(t.db, owner, { nctId: WATCHED }).watchlistId;
  watchTrial(t.db, other, { nctId: UNWATCHED });
  // The registry posts a status change for the watched trial.
  importStudy(
    t.db,
    study(WATCHED, {
      protocolSection: {
        identificationModule: { briefTitle: 'Antisense drug in SOD1 ALS', acronym: 'ALPHA' },
        statusModule: { overallStatus: 'ACTIVE_NOT_RECRUITING', lastUpdatePostDateStruct: { date: '2025-06-02', type: 'ACTUAL' } },
      },
    }),
    { now: new Date('2025-06-03T08:00:00Z') },
  );
  feedToken = feedTokenOf(watchlistId);
  otherFeedToken = feedTokenOf(watchTrial(t.db, other, { nctId: UNWATCHED }).watchlistId);
  process.env.DATABASE_PATH = t.file;
  rss = await import('@/app/feeds/[token]/rss.xml/route');
  atom = await import('@/app/feeds/[token]/atom.xml/route');
  calendar = await import('@/app/feeds/[token]/calendar.ics/route');
});

afterAll(async () => {
  const { db } = await import('@/db/client');
  db().$client.close();
  t.close();
});

const context = (token: string) => ({ params: Promise.resolve({ token }) });
const getRss = (token: string, query = '', headers?: HeadersInit) => rss.GET(new Request(`http://localhost/feeds/${token}/rss.xml${query}`, { headers }), context(token));
const getAtom = (token: string) => atom.GET(new Request(`http://localhost/feeds/${token}/atom.xml`), context(token));
const getCalendar = (token: string) => calendar.GET(new Request(`http://localhost/feeds/${token}/calendar.ics`), context(token));
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'entry' || name === 'link' });
const asText = (v: unknown) => (typeof v === 'object' && v !== null && '#text' in v ? String((v as { '#text': unknown })['#text']) : String(v));

function expectSecretHeaders(res: Response) {
  expect(res.headers.get('cache-control')).toBe('private, no-cache');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('RSS and Atom', () => {
  it('RSS 2.0 parses and carries the change, linked to the trial, with a stable id', async () => {
    const res = await getRss(feedToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expectSecretHeaders(res);
    const doc = parser.parse(await res.text());
    const items = doc.rss.channel.item as Record<string, unknown>[];
    const first = items[0]!;
    expect(first.title).toBe(`ALPHA: ${CHANGE}`);
    expect(first.link).toEqual([`http://localhost:3000/trials/${WATCHED}`]);
    expect(asText(first.guid)).toMatch(/^tag:localhost,2025:als-trial-tracker:event:\d+$/);
    expect(new Date(String(first.pubDate)).toISOString()).toBe('2025-06-03T08:00:00.000Z');
    // The trial's start is news too; its first posting is bookkeeping and the other person's trial is not here.
    expect(items.map((i) => i.title)).toEqual([`ALPHA: ${CHANGE}`, 'ALPHA: Trial started']);
    expect(JSON.stringify(doc)).not.toContain(UNWATCHED);
    // The same request again is the same document: a reader's If-None-Match gets a 304.
    const again = await getRss(feedToken, '', { 'If-None-Match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('Atom 1.0 parses, from atom.xml or ?format=atom', async () => {
    for (const res of [await getAtom(feedToken), await getRss(feedToken, '?format=atom')]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expectSecretHeaders(res);
      const doc = parser.parse(await res.text());
      const entries = doc.feed.entry as Record<string, unknown>[];
      expect(asText(entries[0]!.title)).toBe(`ALPHA: ${CHANGE}`);
      expect(asText(entries[0]!.id)).toMatch(/^tag:localhost,2025:als-trial-tracker:event:\d+$/);
      expect((entries[0]!.link as Record<string, string>[])[0]!['@_href']).toBe(`http://localhost:3000/trials/${WATCHED}`);
    }
  });

  it('a saved search’s feed carries trials that came to match after it was saved', async () => {
    const saved = saveSearch(t.db, owner, { name: 'SOD1', query: 'gene=SOD1' }, new Date('2025-07-01T00:00:00Z'));
    // The import records that the trial came to match (lib/notifications/fanout.ts refreshSearchMatches).
    importStudy(t.db, study('NCT00000003', { protocolSection: { identificationModule: { briefTitle: 'A new SOD1 trial', acronym: 'BETA' } } }), {
      now: new Date('2025-08-01T00:00:00Z'),
    });
    const doc = parser.parse(await (await getRss(feedTokenOf(saved.id))).text());
    const titles = (doc.rss.channel.item as Record<string, unknown>[]).map((i) => i.title);
    // Recorded in the same moment as the trial's own events: the match, the bigger news, comes first.
    expect(titles.slice(0, 2)).toEqual(['BETA: now matches “SOD1”', 'BETA: Trial started']);
    expect(titles).toContain(`ALPHA: ${CHANGE}`);
  });
});

describe('iCalendar', () => {
  it('parses and has the expected milestones as all-day events, estimates and partial dates said so', async () => {
    const res = await getCalendar(feedToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expectSecretHeaders(res);
    const parsed = ical.sync.parseICS(await res.text());
    const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    const byUid = Object.fromEntries(events.map((e) => [e.uid, e]));
    expect(Object.keys(byUid).sort()).toEqual([`${WATCHED}-completionDate@als-trial-tracker`, `${WATCHED}-primaryCompletionDate@als-trial-tracker`, `${WATCHED}-startDate@als-trial-tracker`]);

    const primary = byUid[`${WATCHED}-primaryCompletionDate@als-trial-tracker`]!;
    expect(primary.summary).toBe('ALPHA: Primary completion (estimated; March 2026, day not known)');
    expect(primary.datetype).toBe('date');
    // A date-only value: node-ical gives local midnight of that day.
    expect([primary.start.getFullYear(), primary.start.getMonth(), primary.start.getDate()]).toEqual([2026, 2, 1]);
    expect(primary.description).toContain('Only the month is known (March 2026)');
    const url = primary.url as unknown as string | { val: string };
    expect(typeof url === 'string' ? url : url.val).toBe(`http://localhost:3000/trials/${WATCHED}`);

    expect(byUid[`${WATCHED}-startDate@als-trial-tracker`]!.summary).toBe('ALPHA: Start');
    expect(byUid[`${WATCHED}-completionDate@als-trial-tracker`]!.summary).toBe('ALPHA: Completion (estimated; 2027, month not known)');
  });
});

describe('token-only access', () => {
  it('a rotated token’s addresses answer 404 in plain text; the new ones work', async () => {
    const old = feedToken;
    const { feedToken: fresh } = rotateFeedToken(t.db, owner, watchlistId);
    feedToken = fresh;
    for (const res of [await getRss(old), await getAtom(old), await getCalendar(old)]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expectSecretHeaders(res);
      expect(await res.text()).not.toContain('ALPHA');
    }
    expect((await getRss(fresh)).status).toBe(200);
    expect((await getCalendar(fresh)).status).toBe(200);
  });

  it('a private list’s feed is read only with its own token, never by guessing or with another list’s', async () => {
    for (const token of ['x', 'A'.repeat(43), '../../etc/passwd', otherFeedToken.slice(0, 42), `${feedToken}x`]) {
      expect((await getRss(token)).status).toBe(404);
      expect((await getCalendar(token)).status).toBe(404);
    }
    const others = await (await getRss(otherFeedToken)).text();
    expect(others).toContain(UNWATCHED);
    expect(others).not.toContain('ALPHA');
  });
});
