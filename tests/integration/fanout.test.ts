// Followers hear of every change to what they follow, once, in the transaction that makes the change:
// the trigger on trial_events (drizzle/0006) for events, refreshSearchMatches for saved searches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { subscriptions, trialEvents, watchlistMatches, watchlists, watchlistTrials } from '@/db/schema';
import type { Actor } from '@/lib/auth/permissions';
import { refreshSearchMatches } from '@/lib/notifications/fanout';
import { resolveClaim } from '@/lib/trials/claims';
import { importStudies, importStudy, upsertCuration } from '@/lib/trials/import';
import { parseListParams } from '@/lib/trials/list-params';
import { listTrials } from '@/lib/trials/queries';
import { updateTrial } from '@/lib/trials/update';
import { createTestDb, type TestDb } from '../helpers/db';
import { assignCoordinator, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

const WATCHED = 'NCT01234567';
const OTHER = 'NCT07654321';
const NEW_TRIAL = 'NCT05555555';
type Cadence = 'immediate' | 'daily' | 'weekly' | 'never';

let t: TestDb;
let coordinator: Actor;
let versions: Record<string, number>;
beforeEach(() => {
  t = createTestDb();
  importStudy(t.db, study(WATCHED), { now: new Date('2025-02-01T00:00:00Z') });
  importStudy(t.db, study(OTHER), { now: new Date('2025-02-01T00:00:00Z') });
  coordinator = createUser(t.db, 'coord@example.org');
  assignCoordinator(t.db, coordinator, WATCHED);
  versions = { [WATCHED]: 1, [OTHER]: 1 };
});
afterEach(() => t.close());

const q = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params) as T[];
const trialId = (nctId: string) => q<{ id: number }>('SELECT id FROM trials WHERE nct_id = ?', nctId)[0]!.id;
const notificationsOf = (who: Actor) =>
  q<{ id: number; kind: string; trial_id: number; event_id: number | null; watchlist_id: number | null; dedupe_key: string; created_at: string }>(
    'SELECT id, kind, trial_id, event_id, watchlist_id, dedupe_key, created_at FROM notifications WHERE user_id = ? ORDER BY id',
    who.userId,
  );
const deliveriesOf = (who: Actor) =>
  q<{ notification_id: number; cadence: string; idempotency_key: string; due_at: string; status: string }>(
    'SELECT notification_id, cadence, idempotency_key, due_at, status FROM deliveries WHERE user_id = ? ORDER BY id',
    who.userId,
  );
const count = (table: string) => q<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;

let tokens = 0;
const token = () => `token-${++tokens}`;

/** A list of chosen trials, followed (subscribed) by its owner with the given e-mail choice. */
function watch(db: Db, who: Actor, nctIds: string[], cadence: Cadence = 'immediate'): number {
  const list = db
    .insert(watchlists)
    .values({ ownerId: who.userId, name: `Watched by ${who.userId.slice(0, 4)}`, kind: 'trials', shareToken: token(), feedToken: token() })
    .returning({ id: watchlists.id })
    .get();
  for (const nctId of nctIds) db.insert(watchlistTrials).values({ watchlistId: list.id, trialId: trialId(nctId) }).run();
  db.insert(subscriptions).values({ watchlistId: list.id, userId: who.userId, emailCadence: cadence, unsubscribeToken: token() }).run();
  return list.id;
}

/** A saved search as a list (its current matches recorded, as saving one does), followed by its owner. */
function saveSearch(db: Db, who: Actor, name: string, searchQuery: string, cadence: Cadence = 'immediate'): number {
  const list = db
    .insert(watchlists)
    .values({ ownerId: who.userId, name, kind: 'search', searchQuery, shareToken: token(), feedToken: token() })
    .returning({ id: watchlists.id })
    .get();
  db.insert(subscriptions).values({ watchlistId: list.id, userId: who.userId, emailCadence: cadence, unsubscribeToken: token() }).run();
  return list.id;
}

function setStatus(nctId: string, overallStatus: string, now = new Date('2025-03-02T10:00:00Z')) {
  const result = updateTrial(t.db, nctId, { version: versions[nctId], overallStatus, reason: 'Enrolment target reached' }, coordinator, now);
  versions[nctId] = result.version;
  return result;
}

const lastEvent = (nctId: string) =>
  q<{ id: number; kind: string; recorded_at: string }>('SELECT id, kind, recorded_at FROM trial_events WHERE trial_id = ? ORDER BY id DESC LIMIT 1', trialId(nctId))[0]!;

describe('events of followed trials', () => {
  it("a coordinator's status change: one notification per follower, e-mailed at once, and nothing for anyone else", () => {
    const ann = createUser(t.db, 'ann@example.org');
    const bob = createUser(t.db, 'bob@example.org');
    const otherFollower = createUser(t.db, 'carol@example.org');
    const nobody = createUser(t.db, 'dan@example.org');
    const annList = watch(t.db, ann, [WATCHED]);
    const bobList = watch(t.db, bob, [WATCHED, OTHER]);
    watch(t.db, otherFollower, [OTHER]);
    // The coordinator follows the trial too, but is not told of their own change.
    watch(t.db, coordinator, [WATCHED]);

    setStatus(WATCHED, 'ACTIVE_NOT_RECRUITING');

    const event = lastEvent(WATCHED);
    expect(event.kind).toBe('status_changed');
    for (const [who, list] of [[ann, annList], [bob, bobList]] as const) {
      expect(notificationsOf(who)).toEqual([
        { id: expect.any(Number), kind: 'event', trial_id: trialId(WATCHED), event_id: event.id, watchlist_id: list, dedupe_key: `event:${event.id}`, created_at: event.recorded_at },
      ]);
      const [n] = notificationsOf(who);
      expect(deliveriesOf(who)).toEqual([{ notification_id: n!.id, cadence: 'immediate', idempotency_key: `${n!.id}:email`, due_at: '2025-03-02T10:00:00.000Z', status: 'pending' }]);
    }
    expect(notificationsOf(otherFollower)).toEqual([]);
    expect(notificationsOf(nobody)).toEqual([]);
    expect(notificationsOf(coordinator)).toEqual([]);
    expect(count('notifications')).toBe(2);
    expect(count('deliveries')).toBe(2);
  });

  it('a change whose transaction fails after its events were written leaves no notification and no e-mail', () => {
    const ann = createUser(t.db, 'ann@example.org');
    watch(t.db, ann, [WATCHED]);
    const events = count('trial_events');
    let inside = 0;
    expect(() =>
      t.db.transaction((tx) => {
        tx.insert(trialEvents)
          .values({ trialId: trialId(WATCHED), kind: 'status_changed', field: 'overallStatus', fromValue: 'RECRUITING', toValue: 'SUSPENDED', source: 'coordinator', recordedAt: '2025-03-02T10:00:00.000Z' })
          .run();
        inside = count('notifications'); // the same connection, inside the transaction
        throw new Error('the write after the event failed');
      }),
    ).toThrow('the write after the event failed');
    // The trigger had written the notification inside the transaction; the rollback took it with the event.
    expect(inside).toBe(1);
    expect(count('trial_events')).toBe(events);
    expect(count('notifications')).toBe(0);
    expect(count('deliveries')).toBe(0);
  });

  it('a follower through several lists gets one notification, from their first list, e-mailed at their most frequent choice', () => {
    const ann = createUser(t.db, 'ann@example.org');
    const weekly = watch(t.db, ann, [WATCHED], 'weekly');
    watch(t.db, ann, [WATCHED, OTHER], 'daily');
    const search = saveSearch(t.db, ann, 'Recruiting', 'status=RECRUITING', 'never');
    t.db.insert(watchlistMatches).values({ watchlistId: search, trialId: trialId(WATCHED) }).run();

    setStatus(WATCHED, 'SUSPENDED', new Date('2025-03-05T10:00:00Z'));

    const notes = notificationsOf(ann);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.watchlist_id).toBe(weekly);
    expect(deliveriesOf(ann)).toEqual([expect.objectContaining({ cadence: 'daily', due_at: '2025-03-06T07:00:00.000Z' })]);
  });

  it("'never' still notifies in the inbox, with no e-mail", () => {
    const ann = createUser(t.db, 'ann@example.org');
    watch(t.db, ann, [WATCHED], 'never');
    setStatus(WATCHED, 'SUSPENDED');
    expect(notificationsOf(ann)).toHaveLength(1);
    expect(deliveriesOf(ann)).toEqual([]);
  });

  describe('digests are due at the next 07:00 UTC (daily) or Monday 07:00 UTC (weekly), strictly after the event', () => {
    it.each([
      ['Friday, a moment before 07:00', '2026-11-20T06:59:59.999Z', '2026-11-20T07:00:00.000Z', '2026-11-23T07:00:00.000Z'],
      ['Friday, 07:00 exactly', '2026-11-20T07:00:00.000Z', '2026-11-21T07:00:00.000Z', '2026-11-23T07:00:00.000Z'],
      ['Friday, a moment after 07:00', '2026-11-20T07:00:00.001Z', '2026-11-21T07:00:00.000Z', '2026-11-23T07:00:00.000Z'],
      ['Monday, a moment before 07:00', '2026-11-23T06:59:59.999Z', '2026-11-23T07:00:00.000Z', '2026-11-23T07:00:00.000Z'],
      ['Monday, 07:00 exactly', '2026-11-23T07:00:00.000Z', '2026-11-24T07:00:00.000Z', '2026-11-30T07:00:00.000Z'],
      ['Sunday night', '2026-11-29T23:30:00.000Z', '2026-11-30T07:00:00.000Z', '2026-11-30T07:00:00.000Z'],
      ['the last moment of the year', '2026-12-31T23:59:59.999Z', '2027-01-01T07:00:00.000Z', '2027-01-04T07:00:00.000Z'],
    ])('%s (%s)', (_when, recordedAt, daily, weekly) => {
      const dailyReader = createUser(t.db, 'daily@example.org');
      const weeklyReader = createUser(t.db, 'weekly@example.org');
      const atOnce = createUser(t.db, 'now@example.org');
      watch(t.db, dailyReader, [WATCHED], 'daily');
      watch(t.db, weeklyReader, [WATCHED], 'weekly');
      watch(t.db, atOnce, [WATCHED], 'immediate');
      t.db.insert(trialEvents).values({ trialId: trialId(WATCHED), kind: 'note', text: 'Site visits resume', source: 'coordinator', recordedAt }).run();
      expect(deliveriesOf(dailyReader)).toEqual([expect.objectContaining({ cadence: 'daily', due_at: daily })]);
      expect(deliveriesOf(weeklyReader)).toEqual([expect.objectContaining({ cadence: 'weekly', due_at: weekly })]);
      expect(deliveriesOf(atOnce)).toEqual([expect.objectContaining({ cadence: 'immediate', due_at: recordedAt })]);
    });
  });

  it('registry changes notify too; curated history being seeded and bookkeeping do not', () => {
    const ann = createUser(t.db, 'ann@example.org');
    watch(t.db, ann, [WATCHED]);
    upsertCuration(t.db, {
      nctId: WATCHED,
      asOf: '2025-02',
      sources: [{ label: 'A test source', url: 'https://example.org/source' }],
      history: [{ date: '2024-06', kind: 'status_changed', text: 'Enrolment paused for a protocol amendment', source: 'https://example.org/history' }],
    });
    importStudy(t.db, study(WATCHED), { now: new Date('2025-03-01T00:00:00Z') });
    expect(q("SELECT count(*) AS n FROM trial_events WHERE dedupe_key LIKE 'curation:%'")[0]).toEqual({ n: 1 });
    // A plain-language summary is a record update, not news.
    updateTrial(t.db, WATCHED, { version: 2, plainSummary: 'A clearer summary.' }, coordinator);
    expect(notificationsOf(ann)).toEqual([]);

    importStudy(
      t.db,
      study(WATCHED, { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastUpdatePostDateStruct: { date: '2025-03-10', type: 'ACTUAL' } } } }),
      { now: new Date('2025-03-11T00:00:00Z') },
    );
    const notes = notificationsOf(ann);
    expect(notes).toHaveLength(1);
    expect(q('SELECT kind, source FROM trial_events WHERE id = ?', notes[0]!.event_id)).toEqual([{ kind: 'status_changed', source: 'registry' }]);
  });
});

describe('saved searches', () => {
  const record = (status: string, name = 'Zolgensma') =>
    study(NEW_TRIAL, {
      protocolSection: {
        statusModule: { overallStatus: status },
        armsInterventionsModule: { interventions: [{ type: 'GENETIC', name }] },
      },
    });

  it('an import that makes a trial newly match notifies the followers once, whatever is imported again', () => {
    const ann = createUser(t.db, 'ann@example.org');
    const bob = createUser(t.db, 'bob@example.org');
    const search = saveSearch(t.db, ann, 'Gene therapy by name', 'q=zolgensma', 'daily');
    const other = saveSearch(t.db, bob, 'Completed', 'status=COMPLETED');

    importStudy(t.db, record('RECRUITING'), { now: new Date('2025-04-01T08:00:00Z') });
    const id = trialId(NEW_TRIAL);
    expect(q('SELECT watchlist_id, trial_id, since FROM watchlist_matches')).toEqual([{ watchlist_id: search, trial_id: id, since: '2025-04-01T08:00:00.000Z' }]);
    // The trial's own creation events (it started) came before it matched: the match is the news.
    expect(notificationsOf(ann)).toEqual([
      { id: expect.any(Number), kind: 'new_match', trial_id: id, event_id: null, watchlist_id: search, dedupe_key: `match:${id}:1`, created_at: '2025-04-01T08:00:00.000Z' },
    ]);
    expect(deliveriesOf(ann)).toEqual([expect.objectContaining({ cadence: 'daily', due_at: '2025-04-02T07:00:00.000Z' })]);
    expect(notificationsOf(bob)).toEqual([]);

    // The same record again, and a newer one that still matches: no second announcement.
    importStudy(t.db, record('RECRUITING'), { now: new Date('2025-04-02T08:00:00Z') });
    importStudy(t.db, study(NEW_TRIAL, { protocolSection: { armsInterventionsModule: { interventions: [{ name: 'Zolgensma' }, { name: 'Placebo' }] } } }), {
      now: new Date('2025-04-03T08:00:00Z'),
    });
    expect(notificationsOf(ann).filter((n) => n.kind === 'new_match')).toHaveLength(1);
    expect(q('SELECT watchlist_id FROM watchlist_matches WHERE watchlist_id = ?', other)).toEqual([]);
  });

  it('an import of many records matches saved searches, by text too, as record-by-record imports do', () => {
    const ann = createUser(t.db, 'ann@example.org');
    const byName = saveSearch(t.db, ann, 'Gene therapy by name', 'q=zolgensma');
    const byStatus = saveSearch(t.db, ann, 'Completed', 'status=COMPLETED');
    const other = (nctId: string, status: string, name: string) =>
      study(nctId, { protocolSection: { statusModule: { overallStatus: status }, armsInterventionsModule: { interventions: [{ type: 'DRUG', name }] } } });
    const summary = importStudies(
      t.db,
      [{ record: record('RECRUITING') }, { record: other('NCT05555556', 'COMPLETED', 'Zolgensma') }, { record: other('NCT05555557', 'COMPLETED', 'Riluzole') }, { record: other(WATCHED, 'RECRUITING', 'Zolgensma') }],
      { now: new Date('2025-04-01T08:00:00Z') },
    );
    expect(summary).toMatchObject({ created: 3, updated: 1, failed: 0 });
    const matches = q<{ watchlist_id: number; nct_id: string }>('SELECT m.watchlist_id, t.nct_id FROM watchlist_matches m JOIN trials t ON t.id = m.trial_id ORDER BY m.watchlist_id, t.nct_id');
    expect(matches).toEqual([
      { watchlist_id: byName, nct_id: WATCHED },
      { watchlist_id: byName, nct_id: NEW_TRIAL },
      { watchlist_id: byName, nct_id: 'NCT05555556' },
      { watchlist_id: byStatus, nct_id: 'NCT05555556' },
      { watchlist_id: byStatus, nct_id: 'NCT05555557' },
    ]);
    // One announcement per trial for ann, who follows both lists.
    expect(notificationsOf(ann).filter((n) => n.kind === 'new_match').map((n) => n.trial_id).sort()).toEqual(
      [WATCHED, NEW_TRIAL, 'NCT05555556', 'NCT05555557'].map(trialId).sort(),
    );
  });

  it('someone following two saved searches that both come to match hears it once', () => {
    const ann = createUser(t.db, 'ann@example.org');
    const first = saveSearch(t.db, ann, 'By name', 'q=zolgensma', 'immediate');
    saveSearch(t.db, ann, 'Recruiting', 'status=RECRUITING', 'immediate');
    importStudy(t.db, record('RECRUITING'), { now: new Date('2025-04-01T08:00:00Z') });
    const news = notificationsOf(ann).filter((n) => n.kind === 'new_match');
    expect(news).toHaveLength(1);
    expect(news[0]!.watchlist_id).toBe(first);
    expect(q("SELECT count(*) AS n FROM deliveries")).toEqual([{ n: 1 }]);
  });

  it('a trial that stops matching is told once more (it matched), and coming back is news again', () => {
    const ann = createUser(t.db, 'ann@example.org');
    const search = saveSearch(t.db, ann, 'Active, not recruiting', 'status=ACTIVE_NOT_RECRUITING');
    assignCoordinator(t.db, coordinator, OTHER);

    setStatus(OTHER, 'ACTIVE_NOT_RECRUITING');
    const id = trialId(OTHER);
    expect(notificationsOf(ann).map((n) => [n.kind, n.dedupe_key])).toEqual([['new_match', `match:${id}:2`]]);

    // Stops matching: the change is told to the search's followers, since the trial matched when it happened.
    setStatus(OTHER, 'RECRUITING');
    const stopped = lastEvent(OTHER);
    expect(q('SELECT * FROM watchlist_matches')).toEqual([]);
    expect(notificationsOf(ann).map((n) => [n.kind, n.event_id])).toEqual([
      ['new_match', null],
      ['event', stopped.id],
    ]);

    // Matches again: announced again (a new key per version), so a return to the search is never missed.
    setStatus(OTHER, 'ACTIVE_NOT_RECRUITING');
    expect(notificationsOf(ann).map((n) => n.dedupe_key)).toEqual([`match:${id}:2`, `event:${stopped.id}`, `match:${id}:4`]);
    expect(q('SELECT watchlist_id, trial_id FROM watchlist_matches')).toEqual([{ watchlist_id: search, trial_id: id }]);
  });

  it('several lists with one query each keep their own membership; a query that no longer parses is left alone', () => {
    const ann = createUser(t.db, 'ann@example.org');
    const bob = createUser(t.db, 'bob@example.org');
    const annSearch = saveSearch(t.db, ann, 'Recruiting', 'recruiting=true', 'never');
    const bobSearch = saveSearch(t.db, bob, 'Recruiting too', 'recruiting=true', 'weekly');
    const broken = saveSearch(t.db, bob, 'Old vocabulary', 'modality=telepathy');
    t.db.insert(watchlistMatches).values({ watchlistId: broken, trialId: trialId(WATCHED) }).run();

    const result = t.db.transaction((tx) => refreshSearchMatches(tx, [trialId(WATCHED), trialId(OTHER)], new Date('2025-05-01T12:00:00Z')));
    expect(result).toEqual({ added: 4, removed: 0, notified: 4 });
    expect(notificationsOf(ann)).toHaveLength(2);
    expect(deliveriesOf(ann)).toEqual([]);
    expect(deliveriesOf(bob)).toEqual([
      expect.objectContaining({ cadence: 'weekly', due_at: '2025-05-05T07:00:00.000Z' }),
      expect.objectContaining({ cadence: 'weekly', due_at: '2025-05-05T07:00:00.000Z' }),
    ]);
    expect(q('SELECT count(*) AS n FROM watchlist_matches WHERE watchlist_id IN (?, ?)', annSearch, bobSearch)[0]).toEqual({ n: 4 });
    expect(q('SELECT count(*) AS n FROM watchlist_matches WHERE watchlist_id = ?', broken)[0]).toEqual({ n: 1 });
    // Refreshing the same state again changes nothing.
    expect(t.db.transaction((tx) => refreshSearchMatches(tx, [trialId(WATCHED)], new Date('2025-05-02T12:00:00Z')))).toEqual({ added: 0, removed: 0, notified: 0 });
  });

  it("a dispute reaches the trial's followers, and settling it for the registry's value can make a new match", () => {
    const ann = createUser(t.db, 'ann@example.org');
    const bob = createUser(t.db, 'bob@example.org');
    watch(t.db, ann, [WATCHED]);
    const completed = saveSearch(t.db, bob, 'Completed', 'status=COMPLETED');
    setStatus(WATCHED, 'ACTIVE_NOT_RECRUITING');
    importStudy(
      t.db,
      study(WATCHED, { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastUpdatePostDateStruct: { date: '2025-03-10', type: 'ACTUAL' } } } }),
      { now: new Date('2025-03-11T00:00:00Z') },
    );
    // The coordinator's value stands, so the trial does not match "Completed" yet.
    expect(notificationsOf(bob)).toEqual([]);
    const version = q<{ version: number }>('SELECT version FROM trials WHERE id = ?', trialId(WATCHED))[0]!.version;
    resolveClaim(t.db, WATCHED, { field: 'overallStatus', keep: 'registry', version }, coordinator, new Date('2025-03-12T09:00:00Z'));

    const kinds = notificationsOf(ann).map((n) => q<{ kind: string }>('SELECT kind FROM trial_events WHERE id = ?', n.event_id)[0]!.kind);
    expect(kinds).toEqual(['status_changed', 'source_differs', 'status_changed']);
    expect(notificationsOf(bob)).toEqual([expect.objectContaining({ kind: 'new_match', watchlist_id: completed, created_at: '2025-03-12T09:00:00.000Z' })]);
  });

  it('a saved search matches exactly the trials /trials lists for its query', () => {
    const site = (country: string) => ({ facility: 'A hospital', city: 'A city', country, status: 'RECRUITING' });
    const records = [
      study('NCT00000011', { protocolSection: { armsInterventionsModule: { interventions: [{ type: 'DRUG', name: 'Tofersen' }] }, contactsLocationsModule: { locations: [site('germany')] } } }),
      study('NCT00000012', { protocolSection: { identificationModule: { briefTitle: 'A FUS-ALS study' }, statusModule: { overallStatus: 'COMPLETED' }, outcomesModule: { primaryOutcomes: [{ measure: 'ALSFRS-R' }], secondaryOutcomes: [] } } }),
      study('NCT00000013', { protocolSection: { identificationModule: { briefTitle: 'SOD1 natural history' }, contactsLocationsModule: { locations: [site('Japan')] } } }),
    ];
    for (const r of records) importStudy(t.db, r);
    const queries = [
      'gene=SOD1',
      'gene=SOD1,FUS&recruiting=true',
      'country=Germany',
      'country=FRANCE&country=Japan',
      'biomarker=neurofilament-light',
      'q=tofersen',
      'q=natural history&country=japan',
      'q=%22%22',
      'modality=aso&phase=2',
      'route=oral',
      'status=COMPLETED',
    ];
    const owner = createUser(t.db, 'ann@example.org');
    const lists = queries.map((query) => saveSearch(t.db, owner, query, query, 'never'));
    const all = q<{ id: number }>('SELECT id FROM trials ORDER BY id').map((r) => r.id);
    t.db.transaction((tx) => refreshSearchMatches(tx, all, new Date('2025-05-01T00:00:00Z')));
    queries.forEach((query, i) => {
      const listed = listTrials({ ...parseListParams(new URLSearchParams(query)), pageSize: 100 }, t.db).items.map((x) => x.nctId).sort();
      const matched = q<{ nct_id: string }>('SELECT nct_id FROM watchlist_matches JOIN trials ON trials.id = trial_id WHERE watchlist_id = ? ORDER BY nct_id', lists[i]).map((r) => r.nct_id);
      expect({ query, matched }).toEqual({ query, matched: listed });
    });
    expect(count('watchlist_matches')).toBeGreaterThan(queries.length);
  });

  it('with no saved searches, refreshing is a no-op', () => {
    expect(t.db.transaction((tx) => refreshSearchMatches(tx, [trialId(WATCHED)], new Date()))).toEqual({ added: 0, removed: 0, notified: 0 });
    expect(count('watchlist_matches')).toBe(0);
  });
});
