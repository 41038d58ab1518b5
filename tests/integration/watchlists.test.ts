// Watchlists as their users meet them: watch and unwatch, saved searches, sharing and following, who may read
// what, e-mail choices and one-click unsubscribe, and a list's trials with the latest change first.
// Real SQLite built by the real migrations, trials from the real importer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { importStudy } from '@/lib/trials/import';
import { updateTrial } from '@/lib/trials/update';
import { getWatchlistView, listMyWatchlists, listPublicWatchlists } from '@/lib/watchlists/views';
import {
  addToWatchlist,
  createWatchlist,
  DEFAULT_WATCHLIST_NAME,
  deleteWatchlist,
  removeFromWatchlist,
  resolveWatchlistTrialIds,
  rotateShareToken,
  saveSearch,
  setEmailCadence,
  subscribe,
  unsubscribe,
  unsubscribeByToken,
  unwatchTrial,
  updateWatchlist,
  watchingState,
  watchTrial,
} from '@/lib/watchlists/watchlists';
import { study } from '../fixtures/ctgov/build';
import { createTestDb, type TestDb } from '../helpers/db';
import { caught } from '../helpers/errors';
import { assignCoordinator, createUser } from '../helpers/users';

const SOD1_RECRUITING = 'NCT00000001';
const OTHER_RECRUITING = 'NCT00000002';
const SOD1_COMPLETED = 'NCT00000003';
const NO_EVENTS = 'NCT00000004';

const EMAILS = { owner: 'owner@example.org', member: 'member@example.org', coordinator: 'coord@example.org', admin: 'admin@example.org' };

let t: TestDb;
let owner: Actor;
let member: Actor;
let coordinator: Actor;
let admin: Actor;

beforeEach(() => {
  t = createTestDb();
  importStudy(t.db, study(SOD1_RECRUITING, { protocolSection: { identificationModule: { briefTitle: 'Antisense drug in SOD1 ALS', acronym: 'ALPHA' } } }));
  importStudy(t.db, study(OTHER_RECRUITING, { protocolSection: { identificationModule: { briefTitle: 'An oral drug in sporadic ALS' } } }));
  importStudy(
    t.db,
    study(SOD1_COMPLETED, { protocolSection: { identificationModule: { briefTitle: 'Earlier SOD1 study' }, statusModule: { overallStatus: 'COMPLETED' } } }),
  );
  // No first-posted date and no actual start: a trial with no events at all.
  importStudy(
    t.db,
    study(NO_EVENTS, {
      protocolSection: { statusModule: { studyFirstPostDateStruct: undefined, startDateStruct: { date: '2027-01', type: 'ESTIMATED' }, overallStatus: 'NOT_YET_RECRUITING' } },
    }),
  );
  owner = createUser(t.db, EMAILS.owner);
  member = createUser(t.db, EMAILS.member);
  coordinator = createUser(t.db, EMAILS.coordinator);
  admin = createUser(t.db, EMAILS.admin, 'admin');
  assignCoordinator(t.db, coordinator, OTHER_RECRUITING);
});
afterEach(() => t.close());

const count = (table: string, where = '1') => (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
const trialId = (nctId: string) => (t.db.$client.prepare('SELECT id FROM trials WHERE nct_id = ?').get(nctId) as { id: number }).id;
const shareTokenOf = (id: number) => (t.db.$client.prepare('SELECT share_token AS s FROM watchlists WHERE id = ?').get(id) as { s: string }).s;
const nctIds = (view: { trials: { nctId: string }[] }) => view.trials.map((x) => x.nctId);

describe('watching a trial', () => {
  it('makes the default list on first use, is idempotent, and unwatching clears every own list', () => {
    expect(listMyWatchlists(t.db, owner)).toEqual([]);
    const first = watchTrial(t.db, owner, { nctId: SOD1_RECRUITING });
    const again = watchTrial(t.db, owner, { nctId: 'nct00000001' });
    expect(first).toEqual({ watching: true, watchlistId: again.watchlistId });
    const lists = listMyWatchlists(t.db, owner);
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ name: DEFAULT_WATCHLIST_NAME, kind: 'trials', visibility: 'private', isOwner: true, cadence: 'immediate', trialCount: 1 });
    expect(watchingState(t.db, owner, [SOD1_RECRUITING, OTHER_RECRUITING])).toEqual({ [SOD1_RECRUITING]: true, [OTHER_RECRUITING]: false });
    expect(watchingState(t.db, member, [SOD1_RECRUITING])).toEqual({ [SOD1_RECRUITING]: false });
    expect(watchingState(t.db, null, [SOD1_RECRUITING])).toEqual({ [SOD1_RECRUITING]: false });

    // The same trial also in another list of theirs: unwatching removes it from both.
    const other = createWatchlist(t.db, owner, { name: 'For Mum' });
    addToWatchlist(t.db, owner, other.id, { nctId: SOD1_RECRUITING });
    expect(unwatchTrial(t.db, owner, { nctId: SOD1_RECRUITING })).toEqual({ watching: false });
    expect(unwatchTrial(t.db, owner, { nctId: SOD1_RECRUITING })).toEqual({ watching: false });
    expect(watchingState(t.db, owner, [SOD1_RECRUITING])[SOD1_RECRUITING]).toBe(false);
    expect(count('watchlist_trials')).toBe(0);
    // The default list is kept (empty) and reused.
    expect(watchTrial(t.db, owner, { nctId: OTHER_RECRUITING }).watchlistId).toBe(first.watchlistId);
  });

  it('refuses nobody (401), a malformed id (400) and an unknown trial (404)', () => {
    expect(caught(() => watchTrial(t.db, null, { nctId: SOD1_RECRUITING })).status).toBe(401);
    expect(caught(() => unwatchTrial(t.db, null, { nctId: SOD1_RECRUITING })).status).toBe(401);
    const bad = caught(() => watchTrial(t.db, owner, { nctId: 'nope' }));
    expect([bad.status, bad.field]).toEqual([400, 'nctId']);
    expect(caught(() => watchTrial(t.db, owner, { nctId: 'NCT09999999' })).status).toBe(404);
    expect(caught(() => unwatchTrial(t.db, owner, { nctId: 'NCT09999999' })).status).toBe(404);
    expect(count('watchlists')).toBe(0);
  });

  it('adds and removes trials of a list one by one, owner only', () => {
    const list = createWatchlist(t.db, owner, { name: '  Family  ' });
    expect(list.name).toBe('Family');
    expect(addToWatchlist(t.db, owner, list.id, { nctId: OTHER_RECRUITING })).toMatchObject({ inList: true });
    expect(addToWatchlist(t.db, owner, list.id, { nctId: OTHER_RECRUITING })).toMatchObject({ inList: true });
    expect(caught(() => addToWatchlist(t.db, member, list.id, { nctId: SOD1_RECRUITING })).status).toBe(404);
    expect(resolveWatchlistTrialIds(t.db, { id: list.id, kind: 'trials', searchQuery: null })).toEqual([trialId(OTHER_RECRUITING)]);
    expect(removeFromWatchlist(t.db, owner, list.id, { nctId: OTHER_RECRUITING })).toMatchObject({ inList: false });
    expect(resolveWatchlistTrialIds(t.db, { id: list.id, kind: 'trials', searchQuery: null })).toEqual([]);
  });
});

describe('saved searches', () => {
  it('saves the unfiltered list ("all trials") with every trial as a current match', () => {
    const saved = saveSearch(t.db, owner, { name: 'All ALS trials', query: '' });
    const all = (t.db.$client.prepare('SELECT count(*) AS n FROM trials').get() as { n: number }).n;
    const matches = (t.db.$client.prepare('SELECT count(*) AS n FROM watchlist_matches WHERE watchlist_id = ?').get(saved.id) as { n: number }).n;
    expect(all).toBeGreaterThan(0);
    expect(matches).toBe(all);
  });

  it('keeps a canonical query, records the current matches, and resolves to what matches now', () => {
    const saved = saveSearch(t.db, owner, { name: 'SOD1 recruiting', query: '?sort=title&page=3&recruiting=yes&gene=sod1&pageSize=50' });
    const row = t.db.$client.prepare('SELECT kind, search_query AS q FROM watchlists WHERE id = ?').get(saved.id) as { kind: string; q: string };
    expect(row).toEqual({ kind: 'search', q: 'gene=SOD1&recruiting=true' });
    // Key and value order do not matter: one search, one canonical form.
    const other = saveSearch(t.db, owner, { name: 'Two genes', query: 'phase=2&gene=SOD1&gene=FUS' });
    expect((t.db.$client.prepare('SELECT search_query AS q FROM watchlists WHERE id = ?').get(other.id) as { q: string }).q).toBe('gene=FUS%2CSOD1&phase=phase-2');

    const matches = t.db.$client.prepare('SELECT trial_id AS id FROM watchlist_matches WHERE watchlist_id = ? ORDER BY trial_id').all(saved.id) as { id: number }[];
    expect(matches.map((m) => m.id)).toEqual([trialId(SOD1_RECRUITING)]);
    expect(resolveWatchlistTrialIds(t.db, { id: saved.id, kind: 'search', searchQuery: row.q })).toEqual([trialId(SOD1_RECRUITING)]);
    // The creator follows it, and it lists what matches now.
    const mine = listMyWatchlists(t.db, owner).find((l) => l.id === saved.id)!;
    expect(mine).toMatchObject({ kind: 'search', searchQuery: 'gene=SOD1&recruiting=true', cadence: 'immediate', trialCount: 1 });
    expect(nctIds(getWatchlistView(t.db, owner, { id: saved.id }))).toEqual([SOD1_RECRUITING]);

    // A trial that comes to match is in the list now (the fan-out, not this module, records it as news).
    importStudy(t.db, study('NCT00000005', { protocolSection: { identificationModule: { briefTitle: 'A new SOD1 trial' } } }));
    expect(nctIds(getWatchlistView(t.db, owner, { id: saved.id })).sort()).toEqual([SOD1_RECRUITING, 'NCT00000005']);
  });

  it('refuses a bad query with a 400 naming query, and saves nothing', () => {
    for (const query of ['gene=NOPE', 'colour=blue', 'recruiting=maybe']) {
      const error = caught(() => saveSearch(t.db, owner, { name: 'Bad', query }));
      expect(error.status).toBe(400);
      expect(error.field).toBe('query');
      expect(error.details?.fields).toHaveProperty('query');
    }
    const noName = caught(() => saveSearch(t.db, owner, { name: '   ', query: 'gene=SOD1' }));
    expect([noName.status, noName.field]).toEqual([400, 'name']);
    expect(caught(() => saveSearch(t.db, null, { name: 'x', query: 'gene=SOD1' })).status).toBe(401);
    expect(count('watchlists')).toBe(0);
    expect(count('watchlist_matches')).toBe(0);
  });
});

describe('visibility', () => {
  it('lets only coordinators and admins make a list public; anyone may share by link', () => {
    const refused = caught(() => createWatchlist(t.db, member, { name: 'All SOD1 trials', visibility: 'public' }));
    expect([refused.status, refused.field]).toEqual([403, 'visibility']);
    const mine = createWatchlist(t.db, member, { name: 'Mine', visibility: 'shared' });
    expect(caught(() => updateWatchlist(t.db, member, mine.id, { visibility: 'public' })).field).toBe('visibility');
    expect(caught(() => saveSearch(t.db, member, { name: 'SOD1', query: 'gene=SOD1', visibility: 'public' })).status).toBe(403);

    expect(createWatchlist(t.db, coordinator, { name: 'Coordinated', visibility: 'public' }).name).toBe('Coordinated');
    const adminList = createWatchlist(t.db, admin, { name: 'Admin list' });
    expect(updateWatchlist(t.db, admin, adminList.id, { visibility: 'public' })).toMatchObject({ visibility: 'public' });
    expect(listPublicWatchlists(t.db, null).map((l) => l.name)).toEqual(['Admin list', 'Coordinated']);
  });

  it('only the owner changes, rotates or deletes a list; others get 404 for a private list and 403 for a public one', () => {
    const priv = createWatchlist(t.db, owner, { name: 'Private' });
    const pub = createWatchlist(t.db, coordinator, { name: 'Public', visibility: 'public' });
    for (const fn of [() => updateWatchlist(t.db, member, priv.id, { name: 'Mine now' }), () => deleteWatchlist(t.db, member, priv.id), () => rotateShareToken(t.db, member, priv.id)])
      expect(caught(fn).status).toBe(404);
    expect(caught(() => updateWatchlist(t.db, member, pub.id, { name: 'Mine now' })).status).toBe(403);
    expect(caught(() => deleteWatchlist(t.db, member, pub.id)).status).toBe(403);
    expect(caught(() => updateWatchlist(t.db, null, priv.id, { name: 'x' })).status).toBe(401);
    expect(caught(() => deleteWatchlist(t.db, owner, 999_999)).status).toBe(404);
    expect(updateWatchlist(t.db, owner, priv.id, { name: 'Renamed' })).toEqual({ id: priv.id, name: 'Renamed', visibility: 'private' });
    expect(deleteWatchlist(t.db, owner, priv.id)).toEqual({ id: priv.id, deleted: true });
    expect(count('watchlists', `id = ${priv.id}`)).toBe(0);
    expect(count('subscriptions', `watchlist_id = ${priv.id}`)).toBe(0);
  });

  it('making a list private ends everyone else’s following of it', () => {
    const list = createWatchlist(t.db, owner, { name: 'Family', visibility: 'shared' });
    subscribe(t.db, member, { shareToken: shareTokenOf(list.id) });
    expect(listMyWatchlists(t.db, member).map((l) => l.id)).toEqual([list.id]);
    updateWatchlist(t.db, owner, list.id, { visibility: 'private' });
    expect(listMyWatchlists(t.db, member)).toEqual([]);
    expect(caught(() => getWatchlistView(t.db, member, { id: list.id })).status).toBe(404);
    expect(listMyWatchlists(t.db, owner)[0]).toMatchObject({ id: list.id, cadence: 'immediate' });
  });
});

describe('following a list', () => {
  it('follows a public list by id, a shared list only by its link, and never a private one', () => {
    const pub = createWatchlist(t.db, coordinator, { name: 'All SOD1 trials', visibility: 'public' });
    const shared = createWatchlist(t.db, owner, { name: 'Dad’s trials', visibility: 'shared' });
    const priv = createWatchlist(t.db, owner, { name: 'Private' });

    expect(subscribe(t.db, member, { watchlistId: pub.id })).toEqual({ watchlistId: pub.id });
    expect(subscribe(t.db, member, { watchlistId: pub.id })).toEqual({ watchlistId: pub.id });
    expect(count('subscriptions', `watchlist_id = ${pub.id} AND user_id = '${member.userId}'`)).toBe(1);

    expect(caught(() => subscribe(t.db, member, { watchlistId: shared.id })).status).toBe(404);
    expect(subscribe(t.db, member, { shareToken: shareTokenOf(shared.id) })).toEqual({ watchlistId: shared.id });

    expect(caught(() => subscribe(t.db, member, { watchlistId: priv.id })).status).toBe(404);
    expect(caught(() => subscribe(t.db, member, { shareToken: shareTokenOf(priv.id) })).status).toBe(404);
    expect(caught(() => subscribe(t.db, member, { shareToken: 'not-a-token' })).status).toBe(404);
    expect(caught(() => subscribe(t.db, null, { watchlistId: pub.id })).status).toBe(401);
    expect(caught(() => subscribe(t.db, member, {})).status).toBe(400);

    // A rotated link no longer lets anyone new in; those already following keep following.
    const old = shareTokenOf(shared.id);
    rotateShareToken(t.db, owner, shared.id);
    expect(caught(() => subscribe(t.db, admin, { shareToken: old })).status).toBe(404);
    expect(getWatchlistView(t.db, member, { id: shared.id }).subscribed).toBe(true);

    expect(listMyWatchlists(t.db, member).map((l) => [l.name, l.isOwner])).toEqual([
      ['All SOD1 trials', false],
      ['Dad’s trials', false],
    ]);
    expect(listPublicWatchlists(t.db, member)).toEqual([
      { id: pub.id, name: 'All SOD1 trials', kind: 'trials', searchQuery: null, trialCount: 0, curator: 'c•••@example.org', subscribed: true },
    ]);
    expect(unsubscribe(t.db, member, { watchlistId: pub.id })).toEqual({ watchlistId: pub.id, subscribed: false });
    expect(unsubscribe(t.db, member, { watchlistId: pub.id })).toEqual({ watchlistId: pub.id, subscribed: false });
    expect(listPublicWatchlists(t.db, member)[0]!.subscribed).toBe(false);
  });

  it('lets a follower choose how often to hear by e-mail, and refuses someone who does not follow', () => {
    const pub = createWatchlist(t.db, coordinator, { name: 'All SOD1 trials', visibility: 'public' });
    subscribe(t.db, member, { watchlistId: pub.id });
    expect(setEmailCadence(t.db, member, { watchlistId: pub.id, cadence: 'weekly' })).toEqual({ watchlistId: pub.id, cadence: 'weekly' });
    expect(getWatchlistView(t.db, member, { id: pub.id }).cadence).toBe('weekly');
    expect(listMyWatchlists(t.db, member)[0]!.cadence).toBe('weekly');
    const bad = caught(() => setEmailCadence(t.db, member, { watchlistId: pub.id, cadence: 'hourly' }));
    expect([bad.status, bad.field]).toEqual([400, 'cadence']);
    expect(caught(() => setEmailCadence(t.db, admin, { watchlistId: pub.id, cadence: 'daily' })).status).toBe(404);
    // An owner who stopped following their own list may choose again, which follows it again.
    unsubscribe(t.db, coordinator, { watchlistId: pub.id });
    expect(listMyWatchlists(t.db, coordinator)[0]!.cadence).toBeNull();
    setEmailCadence(t.db, coordinator, { watchlistId: pub.id, cadence: 'daily' });
    expect(listMyWatchlists(t.db, coordinator)[0]!.cadence).toBe('daily');
  });

  it('one-click unsubscribe stops e-mail for that list only and keeps the inbox', () => {
    const pub = createWatchlist(t.db, coordinator, { name: 'All SOD1 trials', visibility: 'public' });
    subscribe(t.db, member, { watchlistId: pub.id });
    watchTrial(t.db, member, { nctId: SOD1_RECRUITING });
    const token = (t.db.$client.prepare('SELECT unsubscribe_token AS u FROM subscriptions WHERE watchlist_id = ? AND user_id = ?').get(pub.id, member.userId) as { u: string }).u;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(unsubscribeByToken(t.db, token)).toEqual({ watchlistName: 'All SOD1 trials' });
    expect(unsubscribeByToken(t.db, token)).toEqual({ watchlistName: 'All SOD1 trials' });
    expect(unsubscribeByToken(t.db, 'unknown')).toBeNull();
    expect(unsubscribeByToken(t.db, '')).toBeNull();
    const mine = listMyWatchlists(t.db, member);
    expect(mine.find((l) => l.id === pub.id)?.cadence).toBe('never');
    expect(mine.find((l) => l.name === DEFAULT_WATCHLIST_NAME)?.cadence).toBe('immediate');
  });
});

describe('who reads a list', () => {
  type Reader = 'owner' | 'member' | 'anonymous';
  const readers = (): Record<Reader, Actor | null> => ({ owner, member, anonymous: null });
  const outcome = (reader: Reader, ref: { id: number } | { shareToken: string }) => {
    try {
      getWatchlistView(t.db, readers()[reader], ref);
      return 'reads';
    } catch (e) {
      if (e instanceof AppError) return e.status;
      throw e;
    }
  };

  it('follows the privacy matrix: nobody reads another’s private list, and a shared one needs its link', () => {
    const lists = {
      private: createWatchlist(t.db, owner, { name: 'Private' }).id,
      shared: createWatchlist(t.db, owner, { name: 'Shared', visibility: 'shared' }).id,
      public: (() => {
        assignCoordinator(t.db, owner, SOD1_RECRUITING);
        return createWatchlist(t.db, owner, { name: 'Public', visibility: 'public' }).id;
      })(),
    };
    const matrix = Object.fromEntries(
      (['owner', 'member', 'anonymous'] as Reader[]).map((r) => [
        r,
        {
          privateById: outcome(r, { id: lists.private }),
          privateByToken: outcome(r, { shareToken: shareTokenOf(lists.private) }),
          sharedById: outcome(r, { id: lists.shared }),
          sharedByToken: outcome(r, { shareToken: shareTokenOf(lists.shared) }),
          publicById: outcome(r, { id: lists.public }),
          unknownId: outcome(r, { id: 999_999 }),
          unknownToken: outcome(r, { shareToken: 'x'.repeat(43) }),
        },
      ]),
    );
    const stranger = { privateById: 404, privateByToken: 404, sharedById: 404, sharedByToken: 'reads', publicById: 'reads', unknownId: 404, unknownToken: 404 };
    expect(matrix).toEqual({
      owner: { privateById: 'reads', privateByToken: 'reads', sharedById: 'reads', sharedByToken: 'reads', publicById: 'reads', unknownId: 404, unknownToken: 404 },
      member: stranger,
      anonymous: stranger,
    });
    // Following a shared list through its link lets the follower open it by id too.
    subscribe(t.db, member, { shareToken: shareTokenOf(lists.shared) });
    expect(outcome('member', { id: lists.shared })).toBe('reads');
    expect(outcome('anonymous', { id: lists.shared })).toBe(404);
  });

  it('never shows another person’s e-mail address, nor an owner’s tokens to anyone else', () => {
    t.db.$client.prepare('UPDATE users SET name = ? WHERE id = ?').run('Dr Coordinator', coordinator.userId);
    const pub = createWatchlist(t.db, coordinator, { name: 'Public', visibility: 'public' });
    const shared = createWatchlist(t.db, owner, { name: 'Shared', visibility: 'shared' });
    watchTrial(t.db, owner, { nctId: SOD1_RECRUITING });
    subscribe(t.db, member, { watchlistId: pub.id });
    subscribe(t.db, member, { shareToken: shareTokenOf(shared.id) });

    const seenBy: [Actor | null, string[]][] = [
      [member, [EMAILS.owner, EMAILS.coordinator, EMAILS.admin]],
      [null, Object.values(EMAILS)],
    ];
    for (const [reader, others] of seenBy) {
      const views = [
        listPublicWatchlists(t.db, reader),
        getWatchlistView(t.db, reader, { id: pub.id }),
        getWatchlistView(t.db, reader, { shareToken: shareTokenOf(shared.id) }),
        reader ? listMyWatchlists(t.db, reader) : [],
      ];
      const json = JSON.stringify(views);
      for (const email of others) expect(json).not.toContain(email);
      expect(json).not.toContain(shareTokenOf(shared.id).slice(0, 20));
    }
    expect(getWatchlistView(t.db, member, { id: pub.id }).curator).toBe('Dr Coordinator');
    expect(getWatchlistView(t.db, member, { id: shared.id }).curator).toBe('o•••@example.org');
    for (const l of listMyWatchlists(t.db, member)) expect([l.feedToken, l.shareToken]).toEqual([null, null]);
    for (const l of listMyWatchlists(t.db, owner)) expect(l.feedToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('a list’s trials', () => {
  it('come latest change first, each with its change in words; trials with no events last', () => {
    for (const nctId of [NO_EVENTS, SOD1_RECRUITING, OTHER_RECRUITING]) watchTrial(t.db, owner, { nctId });
    // The registry posts a status change for OTHER_RECRUITING.
    importStudy(
      t.db,
      study(OTHER_RECRUITING, {
        protocolSection: {
          identificationModule: { briefTitle: 'An oral drug in sporadic ALS' },
          statusModule: { overallStatus: 'ACTIVE_NOT_RECRUITING', lastUpdatePostDateStruct: { date: '2025-06-02', type: 'ACTUAL' } },
        },
      }),
    );
    const { watchlistId } = watchTrial(t.db, owner, { nctId: SOD1_RECRUITING });
    let view = getWatchlistView(t.db, owner, { id: watchlistId });
    expect(nctIds(view)).toEqual([OTHER_RECRUITING, SOD1_RECRUITING, NO_EVENTS]);
    expect(view.trials[0]).toMatchObject({
      nctId: OTHER_RECRUITING,
      overallStatus: 'ACTIVE_NOT_RECRUITING',
      phase: 'phase-2',
      latestChange: { text: 'Status changed from Recruiting to Active, not recruiting', occurredAt: '2025-06-02', source: 'registry' },
    });
    expect(view.trials[1]).toMatchObject({ acronym: 'ALPHA', latestChange: { text: 'Trial started', occurredAt: '2024-03-01' } });
    expect(view.trials[2]!.latestChange).toBeNull();

    // Then the trial's coordinator (of SOD1_RECRUITING) changes its status: it moves to the top.
    assignCoordinator(t.db, coordinator, SOD1_RECRUITING);
    updateTrial(t.db, SOD1_RECRUITING, { version: 1, overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment complete' }, coordinator);
    view = getWatchlistView(t.db, owner, { id: watchlistId });
    expect(nctIds(view)).toEqual([SOD1_RECRUITING, OTHER_RECRUITING, NO_EVENTS]);
    expect(view.trials[0]!.latestChange).toMatchObject({ source: 'coordinator', text: expect.stringContaining('Active, not recruiting') });
  });

  it('reads a list of 200 watched trials quickly (one query for trials, one for their latest events)', () => {
    for (let i = 0; i < 200; i++) importStudy(t.db, study(`NCT1${String(i).padStart(7, '0')}`));
    const list = createWatchlist(t.db, owner, { name: 'Many' });
    for (let i = 0; i < 200; i++) addToWatchlist(t.db, owner, list.id, { nctId: `NCT1${String(i).padStart(7, '0')}` });
    const started = performance.now();
    const view = getWatchlistView(t.db, owner, { id: list.id });
    const ms = performance.now() - started;
    expect(view.trials).toHaveLength(200);
    expect(view.trials.every((x) => x.latestChange !== null)).toBe(true);
    expect(ms).toBeLessThan(250);
  });
});
