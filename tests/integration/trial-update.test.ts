import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { importStudy } from '@/lib/trials/import';
import { describeEvent } from '@/lib/trials/describe-event';
import { fieldErrors, updateTrial } from '@/lib/trials/update';
import { createTestDb, type TestDb } from '../helpers/db';
import { caught } from '../helpers/errors';
import { assignCoordinator, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

let t: TestDb;
let people: Record<'member' | 'otherCoordinator' | 'coordinator' | 'admin', Actor>;
beforeEach(() => {
  t = createTestDb();
  importStudy(t.db, study('NCT01234567'));
  importStudy(t.db, study('NCT07654321'));
  people = {
    member: createUser(t.db, 'member@example.org'),
    otherCoordinator: createUser(t.db, 'other@example.org'),
    coordinator: createUser(t.db, 'coord@example.org'),
    admin: createUser(t.db, 'admin@example.org', 'admin'),
  };
  assignCoordinator(t.db, people.otherCoordinator, 'NCT07654321');
  assignCoordinator(t.db, people.coordinator, 'NCT01234567');
});
afterEach(() => t.close());

const snapshot = () => ({
  trial: t.db.$client.prepare("SELECT * FROM trials WHERE nct_id = 'NCT01234567'").get(),
  events: t.db.$client.prepare('SELECT count(*) n FROM trial_events').get(),
});
const statusChange = { version: 1, overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment target reached' };

describe('who may update a trial', () => {
  it.each([
    ['anonymous', null, 401],
    ['a member', 'member', 403],
    ['a coordinator of another trial', 'otherCoordinator', 403],
  ] as const)('%s is refused and nothing changes', (_who, key, status) => {
    const before = snapshot();
    const error = caught(() => updateTrial(t.db, 'NCT01234567', statusChange, key ? people[key] : null));
    expect(error.status).toBe(status);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['a coordinator of this trial', 'coordinator'],
    ['an admin', 'admin'],
  ] as const)('%s may, and the change is attributed', (_who, key) => {
    const result = updateTrial(t.db, 'NCT01234567', statusChange, people[key]);
    expect(result).toEqual({ nctId: 'NCT01234567', version: 2, events: 1 });
    const event = t.db.$client.prepare("SELECT kind, field, from_value, to_value, reason, source, actor_user_id, trial_version FROM trial_events WHERE source = 'coordinator'").get();
    expect(event).toEqual({
      kind: 'status_changed',
      field: 'overallStatus',
      from_value: '"RECRUITING"',
      to_value: '"ACTIVE_NOT_RECRUITING"',
      reason: 'Enrolment target reached',
      source: 'coordinator',
      actor_user_id: people[key].userId,
      trial_version: 2,
    });
  });

  it('a member demoted from admin loses the right at once (the role is read from the database)', () => {
    const stale: Actor = { userId: people.member.userId, role: 'admin' };
    expect(caught(() => updateTrial(t.db, 'NCT01234567', statusChange, stale)).status).toBe(403);
  });
});

describe('what an update must carry', () => {
  it('a status change without a reason is refused, naming the field', () => {
    const before = snapshot();
    const error = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, overallStatus: 'COMPLETED' }, people.coordinator));
    expect([error.status, error.field]).toEqual([400, 'reason']);
    expect(fieldErrors(error)).toEqual({ reason: 'say why the status changed; families see it beside the change.' });
    expect(snapshot()).toEqual(before);
  });

  it('a missing reason is named beside the other errors, so the form can show them all at once', () => {
    const error = caught(() =>
      updateTrial(t.db, 'NCT01234567', { version: 1, overallStatus: 'COMPLETED', primaryCompletionDate: { date: 'soon', type: 'ACTUAL' } }, people.coordinator),
    );
    expect(error.status).toBe(400);
    expect(Object.keys(fieldErrors(error))).toEqual(['primaryCompletionDate.date', 'reason']);
    // Keeping the status as it is needs no reason.
    const unchanged = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, overallStatus: 'RECRUITING', enrollment: { count: -1, type: 'ACTUAL' } }, people.coordinator));
    expect(Object.keys(fieldErrors(unchanged))).toEqual(['enrollment.count']);
  });

  it('bad values are refused with the field and why', () => {
    const error = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, enrollment: { count: -5, type: 'ACTUAL' } }, people.coordinator));
    expect([error.status, error.field]).toEqual([400, 'enrollment.count']);
    expect(caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, startDate: { date: 'soon', type: 'ACTUAL' } }, people.coordinator)).field).toBe('startDate.date');
    expect(caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, sponsor: 'x' }, people.coordinator)).status).toBe(400);
  });

  it('writes every changed field as its own event, in one transaction with the trial', () => {
    const result = updateTrial(
      t.db,
      'NCT01234567',
      { version: 1, primaryCompletionDate: { date: '2026-09', type: 'ESTIMATED' }, enrollment: { count: 98, type: 'ACTUAL' }, maxMonthsSinceOnset: 24, note: 'Thank you to everyone taking part.' },
      people.coordinator,
    );
    expect(result.events).toBe(4);
    const kinds = t.db.$client.prepare("SELECT kind, field FROM trial_events WHERE source = 'coordinator' ORDER BY id").all();
    expect(kinds).toEqual([
      { kind: 'date_changed', field: 'primaryCompletionDate' },
      { kind: 'enrolment_changed', field: 'enrollment' },
      { kind: 'record_updated', field: 'maxMonthsSinceOnset' },
      { kind: 'note', field: null },
    ]);
    expect(t.db.$client.prepare("SELECT primary_completion_date, enrollment_count, max_months_since_onset, version FROM trials WHERE nct_id = 'NCT01234567'").get()).toEqual({
      primary_completion_date: '2026-09',
      enrollment_count: 98,
      max_months_since_onset: 24,
      version: 2,
    });
  });
});

describe('recruiting sites', () => {
  const sites = () => t.db.$client.prepare("SELECT facility, city, status FROM trial_locations l JOIN trials t ON t.id = l.trial_id WHERE t.nct_id = 'NCT01234567' ORDER BY position").all();

  it("a site's new status is written and recorded as one event that reads as a sentence", () => {
    const result = updateTrial(t.db, 'NCT01234567', { version: 1, sites: [{ position: 1, status: 'RECRUITING' }, { position: 0, status: 'RECRUITING' }] }, people.coordinator);
    expect(result).toEqual({ nctId: 'NCT01234567', version: 2, events: 1 });
    expect(sites()).toEqual([
      { facility: 'Test Hospital', city: 'Boston', status: 'RECRUITING' },
      { facility: 'Hôpital de Test', city: 'Paris', status: 'RECRUITING' },
    ]);
    const event = t.db.$client.prepare("SELECT kind, field, from_value, to_value, source FROM trial_events WHERE source = 'coordinator'").get() as Record<string, string>;
    expect(event).toMatchObject({ kind: 'record_updated', field: 'locations', source: 'coordinator' });
    expect(JSON.parse(event.from_value!)).toEqual({ removed: [{ facility: 'Hôpital de Test', city: 'Paris', state: null, country: 'France', status: 'NOT_YET_RECRUITING' }] });
    expect(describeEvent({ kind: 'record_updated', field: 'locations', fromValue: JSON.parse(event.from_value!), toValue: JSON.parse(event.to_value!), text: null, source: 'coordinator' })).toBe(
      'Site Hôpital de Test, Paris: now recruiting',
    );
  });

  it('a status a site already has changes nothing', () => {
    expect(updateTrial(t.db, 'NCT01234567', { version: 1, sites: [{ position: 0, status: 'RECRUITING' }] }, people.coordinator)).toEqual({ nctId: 'NCT01234567', version: 1, events: 0 });
  });

  it('an unknown or repeated position is refused, naming the entry, and nothing changes', () => {
    const before = snapshot();
    const unknown = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, sites: [{ position: 0, status: 'COMPLETED' }, { position: 7, status: 'COMPLETED' }] }, people.coordinator));
    expect([unknown.status, unknown.field]).toEqual([400, 'sites.1.position']);
    expect(fieldErrors(unknown)).toEqual({ 'sites.1.position': 'this trial has no site at position 7' });
    const twice = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, sites: [{ position: 0, status: 'COMPLETED' }, { position: 0, status: 'SUSPENDED' }] }, people.coordinator));
    expect(fieldErrors(twice)).toEqual({ 'sites.1.position': 'site 0 is listed twice' });
    const badStatus = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, sites: [{ position: 0, status: 'OPEN' }] }, people.coordinator));
    expect([badStatus.status, badStatus.field]).toEqual([400, 'sites.0.status']);
    expect(snapshot()).toEqual(before);
    expect(sites()).toEqual([
      { facility: 'Test Hospital', city: 'Boston', status: 'RECRUITING' },
      { facility: 'Hôpital de Test', city: 'Paris', status: 'NOT_YET_RECRUITING' },
    ]);
  });
});

describe('lost updates', () => {
  it('a stale save is refused with what changed in the meantime', () => {
    updateTrial(t.db, 'NCT01234567', { version: 1, phase: 'phase-3' }, people.admin);
    const before = snapshot();
    const error = caught(() => updateTrial(t.db, 'NCT01234567', statusChange, people.coordinator));
    expect(error.status).toBe(409);
    expect(error.details?.currentVersion).toBe(2);
    expect(error.details?.changes).toEqual([expect.objectContaining({ text: 'Phase changed from Phase 2 to Phase 3', source: 'coordinator' })]);
    expect(snapshot()).toEqual(before);
  });

  it('20 conflicting saves at once from 20 connections: one succeeds, 19 get 409, one set of events', async () => {
    const worker = `
      const { workerData, parentPort } = require('node:worker_threads');
      require('tsx/cjs'); // compiles the project's TypeScript (and its '@/' paths) as it is required
      // Real files, not aliases: eval'd code has no tsconfig to resolve '@/' against.
      const { openDatabase } = require(workerData.root + '/db/client.ts');
      const { updateTrial } = require(workerData.root + '/lib/trials/update.ts');
      const db = openDatabase(workerData.file, 10000);
      const start = new Int32Array(workerData.gate);
      Atomics.wait(start, 0, 0);
      try {
        const r = updateTrial(db, 'NCT01234567', { version: 1, overallStatus: 'SUSPENDED', reason: 'Save number ' + workerData.i }, workerData.actor);
        parentPort.postMessage({ ok: true, version: r.version });
      } catch (e) {
        parentPort.postMessage({ ok: false, status: e.status ?? 500, message: String(e.message) });
      }
    `;
    const gate = new SharedArrayBuffer(4);
    const workers = Array.from({ length: 20 }, (_, i) => new Worker(worker, { eval: true, workerData: { root: process.cwd(), file: t.file, gate, i, actor: people.coordinator } }));
    const results = workers.map((w) => new Promise<{ ok: boolean; status?: number; message?: string }>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); }));
    await new Promise((r) => setTimeout(r, 1500)); // let every worker open its connection and wait at the gate
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    const outcomes = await Promise.all(results);
    await Promise.all(workers.map((w) => w.terminate()));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => o.status)).toEqual(Array(19).fill(409));
    const events = t.db.$client.prepare("SELECT count(*) n FROM trial_events WHERE source = 'coordinator'").get();
    expect(events).toEqual({ n: 1 });
    expect(t.db.$client.prepare("SELECT version, overall_status FROM trials WHERE nct_id = 'NCT01234567'").get()).toEqual({ version: 2, overall_status: 'SUSPENDED' });
  }, 60_000);
});

describe('dates', () => {
  it.each(['2024-02-30', '2024-02-31', '2024-04-31', '2023-02-29', '2100-02-29'])('%s does not exist and is refused, naming the field', (date) => {
    const before = snapshot();
    const error = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, primaryCompletionDate: { date, type: 'ESTIMATED' } }, people.coordinator));
    expect([error.status, error.message]).toEqual([400, 'primaryCompletionDate.date: is not a real date']);
    expect(fieldErrors(error)).toEqual({ 'primaryCompletionDate.date': 'is not a real date' });
    expect(snapshot()).toEqual(before);
  });

  it.each(['2024-02-29', '2000-02-29', '2024-04-30', '2024-12-31', '2024-02', '2024'])('%s is accepted', (date) => {
    expect(updateTrial(t.db, 'NCT01234567', { version: 1, startDate: { date, type: 'ACTUAL' } }, people.coordinator).version).toBe(2);
  });

  it('a malformed date keeps its format message', () => {
    const error = caught(() => updateTrial(t.db, 'NCT01234567', { version: 1, completionDate: { date: '2024-13-01', type: 'ESTIMATED' } }, people.coordinator));
    expect(fieldErrors(error)).toEqual({ 'completionDate.date': 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD' });
  });
});
