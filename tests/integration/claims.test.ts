// Coordinator and registry in one stream: a coordinator's value is not reverted by a later import, a
// different registry (or curation) value is kept beside it as a dispute until a coordinator confirms one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { listDisputes, resolveClaim } from '@/lib/trials/claims';
import { describeEvent } from '@/lib/trials/describe-event';
import { importStudy, upsertCuration } from '@/lib/trials/import';
import { getTrial } from '@/lib/trials/queries';
import { updateTrial } from '@/lib/trials/update';
import { createTestDb, type TestDb } from '../helpers/db';
import { caught } from '../helpers/errors';
import { assignCoordinator, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

const NCT = 'NCT01234567';
const OTHER_NCT = 'NCT07654321';
const CURATION = {
  nctId: NCT,
  asOf: '2025-06',
  plainSummary: 'A plain summary.',
  sources: [{ label: 'A test source', url: 'https://example.org/source', asOf: '2025-06' }],
};
const EDITED_AT = new Date('2026-11-20T10:00:00Z');
const later = (day: number) => ({ now: new Date(`2026-11-${day}T06:00:00Z`) });
const SITES = {
  boston: { facility: 'Test Hospital', city: 'Boston', state: 'Massachusetts', country: 'United States' },
  paris: { facility: 'Hôpital de Test', city: 'Paris', country: 'France' },
};

/** The registry record as it might be posted later: a status, a posting date and any other changes. */
const posted = (date: string, status: string, protocolSection: Record<string, unknown> = {}) =>
  study(NCT, { protocolSection: { ...protocolSection, statusModule: { overallStatus: status, lastUpdatePostDateStruct: { date, type: 'ACTUAL' } } } });
const withSites = (boston: string, paris = 'NOT_YET_RECRUITING') => ({
  contactsLocationsModule: { locations: [{ ...SITES.boston, status: boston }, { ...SITES.paris, status: paris }] },
});

let t: TestDb;
let people: Record<'member' | 'otherCoordinator' | 'coordinator' | 'admin', Actor>;
beforeEach(() => {
  t = createTestDb();
  upsertCuration(t.db, CURATION);
  importStudy(t.db, study(NCT));
  importStudy(t.db, study(OTHER_NCT));
  people = {
    member: createUser(t.db, 'member@example.org'),
    otherCoordinator: createUser(t.db, 'other@example.org'),
    coordinator: createUser(t.db, 'coord@example.org'),
    admin: createUser(t.db, 'admin@example.org', 'admin'),
  };
  assignCoordinator(t.db, people.otherCoordinator, OTHER_NCT);
  assignCoordinator(t.db, people.coordinator, NCT);
});
afterEach(() => t.close());

const q = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params) as T[];
const trial = (nctId = NCT) =>
  q<{ id: number; overall_status: string; plain_summary: string | null; primary_completion_date: string | null; enrollment_count: number | null; version: number }>(
    'SELECT id, overall_status, plain_summary, primary_completion_date, enrollment_count, version FROM trials WHERE nct_id = ?',
    nctId,
  )[0]!;
const sites = () => q<{ facility: string; status: string }>('SELECT facility, status FROM trial_locations WHERE trial_id = ? ORDER BY position', trial().id);
type ClaimRow = { field: string; value: string | null; set_by: string | null; set_at: string; disputed_at: string | null; other_value: string | null; other_source: string | null; other_as_of: string | null; dismissed_value: string | null };
const claims = (nctId = NCT) => q<ClaimRow>('SELECT c.* FROM trial_field_claims c JOIN trials t ON t.id = c.trial_id WHERE t.nct_id = ? ORDER BY c.field', nctId);
const claim = (field: string) => claims().find((c) => c.field === field);
type EventRow = { id: number; kind: string; field: string | null; from_value: string | null; to_value: string | null; occurred_at: string | null; source: string; reason: string | null; text: string | null; actor_user_id: string | null };
const events = (after = 0) => q<EventRow>('SELECT * FROM trial_events WHERE trial_id = ? AND id > ? ORDER BY id', trial().id, after);
const lastEventId = () => q<{ id: number }>('SELECT coalesce(max(id), 0) id FROM trial_events')[0]!.id;
const sentence = (e: EventRow) =>
  describeEvent({ kind: e.kind as never, field: e.field, fromValue: JSON.parse(e.from_value ?? 'null'), toValue: JSON.parse(e.to_value ?? 'null'), text: e.text, source: e.source as never });

/** The coordinator's edit every scenario starts from: status, plain summary, a date and a site. */
function edit() {
  return updateTrial(
    t.db,
    NCT,
    {
      version: 1,
      overallStatus: 'ACTIVE_NOT_RECRUITING',
      reason: 'Enrolment target reached',
      plainSummary: 'The coordinator’s summary.',
      primaryCompletionDate: { date: '2026-09', type: 'ESTIMATED' },
      sites: [{ position: 0, status: 'COMPLETED' }],
    },
    people.coordinator,
    EDITED_AT,
  );
}
const edited = { overall_status: 'ACTIVE_NOT_RECRUITING', plain_summary: 'The coordinator’s summary.', primary_completion_date: '2026-09' };

describe("a coordinator's edit", () => {
  it('claims each field it changes, with who, when and the value it replaced', () => {
    expect(edit()).toMatchObject({ version: 2, events: 4 });
    expect(claims().map((c) => [c.field, JSON.parse(c.value!), c.set_by, c.set_at, c.disputed_at, JSON.parse(c.dismissed_value!)])).toEqual([
      [
        'locations',
        [
          { ...SITES.boston, status: 'COMPLETED' },
          { ...SITES.paris, state: null, status: 'NOT_YET_RECRUITING' },
        ],
        people.coordinator.userId,
        EDITED_AT.toISOString(),
        null,
        [
          { ...SITES.boston, status: 'RECRUITING' },
          { ...SITES.paris, state: null, status: 'NOT_YET_RECRUITING' },
        ],
      ],
      ['overallStatus', 'ACTIVE_NOT_RECRUITING', people.coordinator.userId, EDITED_AT.toISOString(), null, 'RECRUITING'],
      ['plainSummary', 'The coordinator’s summary.', people.coordinator.userId, EDITED_AT.toISOString(), null, 'A plain summary.'],
      ['primaryCompletionDate', { date: '2026-09', type: 'ESTIMATED' }, people.coordinator.userId, EDITED_AT.toISOString(), null, { date: '2026-03', type: 'ESTIMATED' }],
    ]);
  });

  it('is not reverted by re-importing the same record, nor by re-seeding with curation, and raises no dispute', () => {
    edit();
    const before = lastEventId();
    expect(importStudy(t.db, study(NCT), later(21)).outcome).toBe('unchanged');
    // What the seed does on every server start: store the curation, import the record.
    upsertCuration(t.db, CURATION);
    expect(importStudy(t.db, study(NCT), later(22)).outcome).toBe('unchanged');
    expect(trial()).toMatchObject({ ...edited, version: 2 });
    expect(sites().map((s) => s.status)).toEqual(['COMPLETED', 'NOT_YET_RECRUITING']);
    expect(events(before)).toEqual([]);
    expect(claims().every((c) => c.disputed_at === null)).toBe(true);
    expect(listDisputes(t.db, trial().id)).toEqual([]);
  });

  it('on a field no source gives (no curation) is not disputed by that silence', () => {
    updateTrial(t.db, OTHER_NCT, { version: 1, plainSummary: 'Written by the coordinator.', maxMonthsSinceOnset: 24 }, people.otherCoordinator, EDITED_AT);
    expect(importStudy(t.db, study(OTHER_NCT), later(21)).outcome).toBe('unchanged');
    expect(q('SELECT plain_summary, max_months_since_onset FROM trials WHERE nct_id = ?', OTHER_NCT)).toEqual([
      { plain_summary: 'Written by the coordinator.', max_months_since_onset: 24 },
    ]);
    expect(claims(OTHER_NCT).map((c) => [c.field, c.disputed_at])).toEqual([
      ['maxMonthsSinceOnset', null],
      ['plainSummary', null],
    ]);
  });
});

describe('a later import that differs', () => {
  it("keeps the coordinator's value, records the registry's with its date, and says so once", () => {
    edit();
    const before = lastEventId();
    const record = posted('2026-11-18', 'SUSPENDED', { designModule: { enrollmentInfo: { count: 98, type: 'ACTUAL' } } });
    expect(importStudy(t.db, record, later(21))).toMatchObject({ outcome: 'updated', events: 2 });

    expect(trial()).toMatchObject({ ...edited, enrollment_count: 98, version: 3 });
    expect(claim('overallStatus')).toMatchObject({
      value: '"ACTIVE_NOT_RECRUITING"',
      disputed_at: '2026-11-21T06:00:00.000Z',
      other_value: '"SUSPENDED"',
      other_source: 'registry',
      other_as_of: '2026-11-18',
    });
    // The unclaimed enrolment changes as any import would; the claimed status only as a dispute.
    const added = events(before);
    expect(added.map((e) => [e.kind, e.field, e.source, e.occurred_at])).toEqual([
      ['enrolment_changed', 'enrollment', 'registry', '2026-11-18'],
      ['source_differs', 'overallStatus', 'registry', '2026-11-18'],
    ]);
    expect(sentence(added[1]!)).toBe("Status: ClinicalTrials.gov says Suspended; the trial's coordinator says Active, not recruiting");

    const again = lastEventId();
    expect(importStudy(t.db, record, later(22)).outcome).toBe('unchanged');
    expect(events(again)).toEqual([]);
  });

  it('is listed for the trial page with both values in words, their sources and dates', () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(21));
    const expected = [
      {
        field: 'overallStatus',
        label: 'Status',
        coordinator: { value: 'Active, not recruiting', setAt: EDITED_AT.toISOString() },
        other: { source: 'registry', value: 'Suspended', asOf: '2026-11-18', seenAt: '2026-11-21T06:00:00.000Z' },
      },
    ];
    expect(listDisputes(t.db, trial().id)).toEqual(expected);
    expect(getTrial(NCT, t.db)!.disputes).toEqual(expected);
  });

  it('from curation is a dispute with the curated value, as of the curation', () => {
    edit();
    upsertCuration(t.db, { ...CURATION, asOf: '2026-10', plainSummary: 'A newer curated summary.' });
    importStudy(t.db, study(NCT), later(21));
    expect(trial().plain_summary).toBe('The coordinator’s summary.');
    expect(claim('plainSummary')).toMatchObject({ other_value: '"A newer curated summary."', other_source: 'curation', other_as_of: '2026-10' });
    const [event] = events().filter((e) => e.kind === 'source_differs');
    expect(event).toMatchObject({ source: 'curation', occurred_at: '2026-10' });
    expect(sentence(event!)).toBe("Plain-language summary: the curated record says “A newer curated summary.”; the trial's coordinator says “The coordinator’s summary.”");
  });

  it("on a site is a dispute on the trial's site list, which stays the coordinator's", () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'RECRUITING', withSites('ACTIVE_NOT_RECRUITING')), later(21));
    expect(sites().map((s) => s.status)).toEqual(['COMPLETED', 'NOT_YET_RECRUITING']);
    const [event] = events().filter((e) => e.kind === 'source_differs' && e.field === 'locations');
    expect(sentence(event!)).toBe(
      "Trial sites: ClinicalTrials.gov and the trial's coordinator differ (Test Hospital, Boston: active, not recruiting per ClinicalTrials.gov, completed per the coordinator)",
    );
    expect(listDisputes(t.db, trial().id).find((d) => d.field === 'locations')).toMatchObject({
      label: 'Trial sites',
      coordinator: { value: 'Test Hospital, Boston: completed' },
      other: { source: 'registry', value: 'Test Hospital, Boston: active, not recruiting', asOf: '2026-11-18' },
    });
  });

  it('that agrees with the coordinator ends the claim quietly; the registry then drives the field again', () => {
    edit();
    const before = lastEventId();
    importStudy(t.db, posted('2026-11-18', 'ACTIVE_NOT_RECRUITING'), later(21));
    expect(claim('overallStatus')).toBeUndefined();
    expect(trial().overall_status).toBe('ACTIVE_NOT_RECRUITING');
    expect(events(before).filter((e) => e.field === 'overallStatus')).toEqual([]);

    importStudy(t.db, posted('2026-12-01', 'COMPLETED'), later(22));
    expect(trial().overall_status).toBe('COMPLETED');
    expect(events(before).map((e) => [e.kind, e.field, e.source])).toEqual([['status_changed', 'overallStatus', 'registry']]);
  });

  it('and a coordinator editing the field again treats the disputed value as reviewed', () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(21));
    updateTrial(t.db, NCT, { version: 3, overallStatus: 'COMPLETED', reason: 'Last participant finished' }, people.coordinator, later(22).now);
    expect(claim('overallStatus')).toMatchObject({ value: '"COMPLETED"', disputed_at: null, dismissed_value: '"SUSPENDED"' });
    const before = lastEventId();
    expect(importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(23)).outcome).toBe('unchanged');
    expect(events(before)).toEqual([]);
  });
});

describe('a coordinator settling a dispute', () => {
  const disputed = () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(21));
    return trial().version;
  };
  const snapshot = () => ({ trial: trial(), claims: claims(), events: lastEventId(), sites: sites() });

  it.each([
    ['anonymous', null, 401],
    ['a member', 'member', 403],
    ['a coordinator of another trial', 'otherCoordinator', 403],
  ] as const)('%s is refused and nothing changes', (_who, key, status) => {
    const version = disputed();
    const before = snapshot();
    const error = caught(() => resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'registry', version }, key ? people[key] : null));
    expect(error.status).toBe(status);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['a coordinator of this trial', 'coordinator'],
    ['an admin', 'admin'],
  ] as const)("%s may take the registry's value: the trial takes it and the claim ends", (_who, key) => {
    const version = disputed();
    const before = lastEventId();
    expect(resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'registry', version }, people[key], later(22).now)).toEqual({ nctId: NCT, version: version + 1, events: 1 });
    expect(trial()).toMatchObject({ overall_status: 'SUSPENDED', version: version + 1 });
    expect(claim('overallStatus')).toBeUndefined();
    expect(events(before)).toMatchObject([
      {
        kind: 'status_changed',
        field: 'overallStatus',
        from_value: '"ACTIVE_NOT_RECRUITING"',
        to_value: '"SUSPENDED"',
        source: 'coordinator',
        reason: "Confirmed ClinicalTrials.gov's value",
        actor_user_id: people[key].userId,
      },
    ]);
    expect(importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(23)).outcome).toBe('unchanged');
  });

  it('may keep their own: the dispute clears, the same registry value does not dispute again, a new one does', () => {
    const version = disputed();
    const before = lastEventId();
    resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'coordinator', version }, people.coordinator, later(22).now);
    expect(trial()).toMatchObject({ overall_status: 'ACTIVE_NOT_RECRUITING', version: version + 1 });
    expect(claim('overallStatus')).toMatchObject({ disputed_at: null, other_value: null, dismissed_value: '"SUSPENDED"' });
    const [confirmed] = events(before);
    expect(confirmed).toMatchObject({ kind: 'source_confirmed', source: 'coordinator', actor_user_id: people.coordinator.userId });
    expect(sentence(confirmed!)).toBe("Status: the trial's coordinator confirmed Active, not recruiting over ClinicalTrials.gov's Suspended");
    expect(listDisputes(t.db, trial().id)).toEqual([]);

    const afterConfirm = lastEventId();
    importStudy(t.db, posted('2026-11-25', 'SUSPENDED'), later(25));
    expect(events(afterConfirm).filter((e) => e.kind === 'source_differs')).toEqual([]);
    expect(claim('overallStatus')!.disputed_at).toBeNull();

    importStudy(t.db, posted('2026-12-01', 'TERMINATED'), later(26));
    expect(trial().overall_status).toBe('ACTIVE_NOT_RECRUITING');
    expect(events(afterConfirm).filter((e) => e.kind === 'source_differs').map((e) => e.to_value)).toEqual(['"TERMINATED"']);
    expect(claim('overallStatus')).toMatchObject({ other_value: '"TERMINATED"', other_as_of: '2026-12-01' });
  });

  it("of a site list takes the registry's sites when asked", () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'ACTIVE_NOT_RECRUITING', withSites('ACTIVE_NOT_RECRUITING')), later(21));
    const before = lastEventId();
    resolveClaim(t.db, NCT, { field: 'locations', keep: 'other', version: trial().version }, people.coordinator, later(22).now);
    expect(sites().map((s) => s.status)).toEqual(['ACTIVE_NOT_RECRUITING', 'NOT_YET_RECRUITING']);
    const [event] = events(before);
    expect(sentence(event!)).toBe('Site Test Hospital, Boston: now active, not recruiting');
    expect(event).toMatchObject({ source: 'coordinator', reason: "Confirmed ClinicalTrials.gov's value" });
  });

  it('from a stale page is refused with what changed, and nothing changes', () => {
    const version = disputed();
    resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'coordinator', version }, people.admin);
    const before = snapshot();
    const error = caught(() => resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'registry', version }, people.coordinator));
    expect(error.status).toBe(409);
    expect(error.details?.currentVersion).toBe(version + 1);
    expect(error.details?.changes).toEqual([expect.objectContaining({ text: "Status: the trial's coordinator confirmed Active, not recruiting over ClinicalTrials.gov's Suspended" })]);
    expect(snapshot()).toEqual(before);
  });

  it('that is not there, or asked wrongly, is refused with a clear message', () => {
    const version = disputed();
    const before = snapshot();
    const undisputed = caught(() => resolveClaim(t.db, NCT, { field: 'phase', keep: 'coordinator', version }, people.coordinator));
    expect([undisputed.status, undisputed.message]).toEqual([404, `No other source disagrees with the coordinator about the phase of ${NCT}: there is nothing to confirm.`]);
    const unknown = caught(() => resolveClaim(t.db, NCT, { field: 'sponsor', keep: 'coordinator', version }, people.coordinator));
    expect([unknown.status, unknown.field]).toEqual([400, 'field']);
    const wrongSource = caught(() => resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'curation', version }, people.coordinator));
    expect([wrongSource.status, wrongSource.field]).toEqual([400, 'keep']);
    expect(caught(() => resolveClaim(t.db, 'NCT99999999', { field: 'overallStatus', keep: 'coordinator', version }, people.admin)).status).toBe(404);
    expect(snapshot()).toEqual(before);
  });
});

describe('a dispute is never settled silently', () => {
  const disputed = () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(21));
    return trial().version;
  };

  it("a coordinator saving over an open dispute records that their new value sets the other source's aside", () => {
    const version = disputed();
    const before = lastEventId();
    expect(updateTrial(t.db, NCT, { version, overallStatus: 'COMPLETED', reason: 'Last participant finished' }, people.coordinator, later(22).now)).toEqual({
      nctId: NCT,
      version: version + 1,
      events: 2,
    });
    const added = events(before);
    expect(added.map((e) => [e.kind, e.field, e.source, e.from_value, e.to_value, e.reason, e.actor_user_id])).toEqual([
      ['status_changed', 'overallStatus', 'coordinator', '"ACTIVE_NOT_RECRUITING"', '"COMPLETED"', 'Last participant finished', people.coordinator.userId],
      ['source_confirmed', 'overallStatus', 'coordinator', '"SUSPENDED"', '"COMPLETED"', 'Last participant finished', people.coordinator.userId],
    ]);
    expect(sentence(added[1]!)).toBe("Status: the trial's coordinator set Completed, setting aside ClinicalTrials.gov's Suspended");
    expect(q('SELECT trial_version FROM trial_events WHERE id = ?', added[1]!.id)).toEqual([{ trial_version: version + 1 }]);
    expect(claim('overallStatus')).toMatchObject({ value: '"COMPLETED"', disputed_at: null, dismissed_value: '"SUSPENDED"' });
    expect(listDisputes(t.db, trial().id)).toEqual([]);
  });

  it("names the curated record, and says so when the coordinator takes the other source's value through the form", () => {
    edit();
    upsertCuration(t.db, { ...CURATION, asOf: '2026-10', plainSummary: 'A newer curated summary.' });
    importStudy(t.db, study(NCT), later(21));
    const before = lastEventId();
    updateTrial(t.db, NCT, { version: trial().version, plainSummary: 'A newer curated summary.' }, people.coordinator, later(22).now);
    const [changed, settled] = events(before);
    expect(changed).toMatchObject({ kind: 'record_updated', field: 'plainSummary' });
    expect(settled).toMatchObject({ kind: 'source_confirmed', field: 'plainSummary', source: 'coordinator', reason: null, to_value: '"A newer curated summary."' });
    expect(sentence(settled!)).toBe('Plain-language summary: the trial\'s coordinator set “A newer curated summary.”, the value the curated record gives');
  });

  it('an edit of a field without a dispute records no confirmation', () => {
    edit();
    const before = lastEventId();
    updateTrial(t.db, NCT, { version: 2, overallStatus: 'COMPLETED', reason: 'Last participant finished' }, people.coordinator, later(22).now);
    expect(events(before).map((e) => e.kind)).toEqual(['status_changed']);
  });

  it('the registry bringing back a value the coordinator already set aside records the disagreement again', () => {
    let version = disputed();
    resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'coordinator', version }, people.coordinator, later(22).now);
    importStudy(t.db, posted('2026-11-24', 'TERMINATED'), later(24));
    version = trial().version;
    resolveClaim(t.db, NCT, { field: 'overallStatus', keep: 'coordinator', version }, people.coordinator, later(25).now);
    const before = lastEventId();
    expect(importStudy(t.db, posted('2026-11-26', 'SUSPENDED'), later(26))).toMatchObject({ outcome: 'updated', events: 1 });
    const [again] = events(before);
    expect(again).toMatchObject({ kind: 'source_differs', field: 'overallStatus', source: 'registry', to_value: '"SUSPENDED"', occurred_at: '2026-11-26' });
    expect(listDisputes(t.db, trial().id).map((d) => d.other.value)).toEqual(['Suspended']);
    // The same record again is the same disagreement: nothing new.
    const after = lastEventId();
    expect(importStudy(t.db, posted('2026-11-26', 'SUSPENDED'), later(27)).outcome).toBe('unchanged');
    expect(events(after)).toEqual([]);
  });

  it('the registry flipping back to a value it gave before records each newly opened dispute', () => {
    disputed();
    importStudy(t.db, posted('2026-11-22', 'TERMINATED'), later(22));
    const before = lastEventId();
    importStudy(t.db, posted('2026-11-23', 'SUSPENDED'), later(23));
    expect(events(before).map((e) => [e.kind, e.to_value])).toEqual([['source_differs', '"SUSPENDED"']]);
  });

  it('the registry going back to the value the coordinator set aside closes the dispute, and says so', () => {
    const version = disputed();
    const before = lastEventId();
    expect(importStudy(t.db, posted('2026-11-24', 'RECRUITING'), later(24))).toMatchObject({ outcome: 'updated', events: 1 });
    const [closed] = events(before);
    expect(closed).toMatchObject({ kind: 'source_confirmed', field: 'overallStatus', source: 'registry', occurred_at: '2026-11-24', from_value: '"SUSPENDED"', to_value: '"ACTIVE_NOT_RECRUITING"' });
    expect(sentence(closed!)).toBe(
      "Status: ClinicalTrials.gov now gives Recruiting, which the trial's coordinator already set aside, instead of its Suspended: the coordinator's Active, not recruiting stands",
    );
    expect(trial()).toMatchObject({ overall_status: 'ACTIVE_NOT_RECRUITING', version: version + 1 });
    expect(listDisputes(t.db, trial().id)).toEqual([]);
    const after = lastEventId();
    expect(importStudy(t.db, posted('2026-11-24', 'RECRUITING'), later(25)).outcome).toBe('unchanged');
    expect(events(after)).toEqual([]);
  });

  it('on a site list, by an edit or by the registry going back, is recorded in site terms', () => {
    edit();
    importStudy(t.db, posted('2026-11-18', 'ACTIVE_NOT_RECRUITING', withSites('ACTIVE_NOT_RECRUITING')), later(21));
    let before = lastEventId();
    updateTrial(t.db, NCT, { version: trial().version, sites: [{ position: 0, status: 'SUSPENDED' }] }, people.coordinator, later(22).now);
    const [, settled] = events(before);
    expect(settled).toMatchObject({ kind: 'source_confirmed', field: 'locations', source: 'coordinator' });
    expect(JSON.parse(settled!.from_value!)).toEqual({ removed: [{ ...SITES.boston, status: 'ACTIVE_NOT_RECRUITING' }] });
    expect(JSON.parse(settled!.to_value!)).toEqual({ added: [{ ...SITES.boston, status: 'SUSPENDED' }] });
    expect(sentence(settled!)).toBe("Trial sites: the trial's coordinator set their list, setting aside ClinicalTrials.gov's (1 site differs)");

    importStudy(t.db, posted('2026-11-24', 'ACTIVE_NOT_RECRUITING', withSites('RECRUITING')), later(24));
    expect(listDisputes(t.db, trial().id).map((d) => d.field)).toEqual(['locations']);
    before = lastEventId();
    importStudy(t.db, posted('2026-11-25', 'ACTIVE_NOT_RECRUITING', withSites('ACTIVE_NOT_RECRUITING')), later(25));
    const [closed] = events(before).filter((e) => e.field === 'locations');
    expect(closed).toMatchObject({ kind: 'source_confirmed', source: 'registry', occurred_at: '2026-11-25' });
    expect(sentence(closed!)).toBe(
      "Trial sites: ClinicalTrials.gov now gives the list the trial's coordinator already set aside, instead of its other list: the coordinator's list stands",
    );
    expect(listDisputes(t.db, trial().id)).toEqual([]);
    expect(sites().map((s) => s.status)).toEqual(['SUSPENDED', 'NOT_YET_RECRUITING']);
  });

  it('a new date on an open dispute moves the trial version, so a cached page is not served for it', () => {
    const version = disputed();
    // A dispute dated before the record that restates it: only its date can move.
    q("UPDATE trial_field_claims SET other_as_of = '2026-11-01' WHERE field = 'overallStatus' RETURNING field");
    expect(importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(22)).outcome).toBe('updated');
    expect(claim('overallStatus')!.other_as_of).toBe('2026-11-18');
    expect(trial().version).toBe(version + 1);
    expect(importStudy(t.db, posted('2026-11-18', 'SUSPENDED'), later(23)).outcome).toBe('unchanged');
    expect(trial().version).toBe(version + 1);
  });
});
