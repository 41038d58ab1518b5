// The server actions as a browser posts to them: each exported action called with a real FormData (the
// fields its form sends), for each kind of person, against a temp database built by the real migrations.
// Only WHO is asking is mocked (the Auth.js session behind currentActor) and Next's cache (revalidatePath
// needs a running Next); the database, the data functions and their authorisation are the real ones.
// Every refusal is checked twice: the state the form gets back, and that no table changed. An action that
// ends in Next's redirect() is read as the URL it redirects to (the real NEXT_REDIRECT error, caught).
//
// Not here: app/signin/actions.ts. signOutAction ends a session (no data of the app changes) and
// requestSignInLink hands over to Auth.js's signIn (e-mail sending and its rate limit are covered by
// sign-in-rate-limit.test.ts and the e2e sign-in journey); importing that file pulls in '@/auth'.
import crypto from 'node:crypto';
import { getURLFromRedirectError } from 'next/dist/client/components/redirect';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { createApiToken } from '@/lib/auth/tokens';
import { resetEnv } from '@/lib/env';
import { importStudy } from '@/lib/trials/import';
import { updateTrial } from '@/lib/trials/update';
import { createTestDb, type TestDb } from '../helpers/db';
import { assignCoordinator as assignDirectly, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

// Who is asking: what the session would say for the person the test acts as. Never the database.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => session.actor }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

import { revalidatePath } from 'next/cache';
import { createTokenAction, revokeTokenAction } from '@/app/account/actions';
import { assignCoordinatorAction, removeCoordinatorAction } from '@/app/admin/actions';
import { resolveDisputeAction, saveTrialUpdate } from '@/app/coordinate/[nctId]/actions';

type Who = 'anonymous' | 'member' | 'otherCoordinator' | 'coordinator' | 'admin';
type Person = Exclude<Who, 'anonymous'>;
const EVERYONE: Who[] = ['anonymous', 'member', 'otherCoordinator', 'coordinator', 'admin'];
const THIS = 'NCT01234567';
const OTHER = 'NCT07654321';
const EMAILS: Record<Person, string> = {
  member: 'member@example.org',
  otherCoordinator: 'other.coordinator@example.org',
  coordinator: 'coordinator@example.org',
  admin: 'admin@example.org',
};
/** Signed up, acts in no test: the person an admin makes a coordinator. */
const RELATIVE = 'relative@example.org';

let t: TestDb;
let people: Record<Person, Actor>;
let relative: Actor;
let coordinatorTokenId: number;
/** The disputed trial's version, as the dispute form would post it. */
let otherVersion: number;

type Globals = { __alsDb?: { $client: { close: () => void } } };
const globals = globalThis as unknown as Globals;

beforeEach(() => {
  t = createTestDb();
  importStudy(t.db, study(THIS));
  importStudy(t.db, study(OTHER));
  people = {
    member: createUser(t.db, EMAILS.member),
    otherCoordinator: createUser(t.db, EMAILS.otherCoordinator),
    coordinator: createUser(t.db, EMAILS.coordinator),
    admin: createUser(t.db, EMAILS.admin, 'admin'),
  };
  relative = createUser(t.db, RELATIVE);
  assignDirectly(t.db, people.otherCoordinator, OTHER);
  assignDirectly(t.db, people.coordinator, THIS);
  coordinatorTokenId = createApiToken(t.db, people.coordinator, { name: 'laptop' }).id;
  // A dispute on the other trial: its coordinator set the status, then a registry record said otherwise.
  updateTrial(t.db, OTHER, { version: 1, overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment closed' }, people.otherCoordinator, new Date('2026-11-20T10:00:00Z'));
  importStudy(t.db, study(OTHER, { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastUpdatePostDateStruct: { date: '2026-11-21', type: 'ACTUAL' } } } }), {
    now: new Date('2026-11-21T06:00:00Z'),
  });
  otherVersion = row<{ version: number }>('SELECT version FROM trials WHERE nct_id = ?', OTHER).version;
  expect(row('SELECT disputed_at FROM trial_field_claims WHERE field = ?', 'overallStatus')).toMatchObject({ disputed_at: expect.any(String) });

  // The actions use the process-wide db(), which opens DATABASE_PATH on first use: this test's file, opened afresh.
  process.env.DATABASE_PATH = t.file;
  resetEnv();
  delete globals.__alsDb;
  session.actor = null;
  vi.mocked(revalidatePath).mockClear();
});

afterEach(() => {
  globals.__alsDb?.$client.close();
  delete globals.__alsDb;
  t.close();
});

function row<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T {
  return t.db.$client.prepare(sql).get(...params) as T;
}
function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  return t.db.$client.prepare(sql).all(...params) as T[];
}

const TABLES = ['trials', 'trial_events', 'trial_locations', 'trial_field_claims', 'trial_coordinators', 'role_changes', 'users', 'sessions', 'api_tokens'] as const;
type Table = (typeof TABLES)[number];
type Snapshot = Record<Table, unknown[]>;

/** Every row of every table an action could touch. */
function everything(): Snapshot {
  return Object.fromEntries(TABLES.map((name) => [name, rows(`SELECT * FROM ${name} ORDER BY rowid`)])) as Snapshot;
}
function changedTables(before: Snapshot, after: Snapshot): Table[] {
  return TABLES.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
}

function actAs(who: Who): Actor | null {
  session.actor = who === 'anonymous' ? null : people[who];
  return session.actor;
}

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, String(value));
  return data;
}

const yesNo = (v: unknown) => (v === 1 ? 'yes' : v === 0 ? 'no' : undefined);

/**
 * The coordinator's form as the browser posts it: every control, filled with the trial's current values
 * (what the page renders), then the changes the person made. React's own `$ACTION_…` fields included.
 */
function updateForm(nctId: string, changes: Record<string, string | number>): FormData {
  const trial = row<Record<string, string | number | null>>('SELECT * FROM trials WHERE nct_id = ?', nctId);
  const fields: Record<string, string | number> = {
    $ACTION_ID_0123456789abcdef: '',
    nctId,
    version: trial.version!,
    overallStatus: trial.overall_status ?? '',
    reason: '',
    phase: trial.phase ?? '',
    'startDate.date': trial.start_date ?? '',
    'startDate.type': trial.start_date_type ?? 'ESTIMATED',
    'primaryCompletionDate.date': trial.primary_completion_date ?? '',
    'primaryCompletionDate.type': trial.primary_completion_date_type ?? 'ESTIMATED',
    'completionDate.date': trial.completion_date ?? '',
    'completionDate.type': trial.completion_date_type ?? 'ESTIMATED',
    'enrollment.count': trial.enrollment_count ?? '',
    'enrollment.type': trial.enrollment_type ?? 'ESTIMATED',
    maxMonthsSinceOnset: trial.max_months_since_onset ?? '',
    minVitalCapacityPct: trial.min_vital_capacity_pct ?? '',
    plainSummary: trial.plain_summary ?? '',
    note: '',
  };
  for (const field of ['riluzoleAllowed', 'edaravoneAllowed'] as const) {
    const checked = yesNo(trial[field === 'riluzoleAllowed' ? 'riluzole_allowed' : 'edaravone_allowed']);
    if (checked) fields[field] = checked; // an unchecked radio group posts nothing
  }
  rows<{ position: number; status: string | null }>('SELECT position, status FROM trial_locations WHERE trial_id = ? ORDER BY position', trial.id).forEach((site, index) => {
    fields[`sites.${index}.position`] = site.position;
    fields[`sites.${index}.was`] = site.status ?? '';
    fields[`sites.${index}.status`] = site.status ?? '';
  });
  return form({ ...fields, ...changes });
}

/** Every address of someone else: the actor's own, and any the actor typed into the form, may come back. */
function expectNoOtherAddresses(state: unknown, actor: Actor | null, posted: FormData): void {
  const own = actor ? row<{ email: string }>('SELECT email FROM users WHERE id = ?', actor.userId).email : null;
  const typed = new Set([...posted.values()].map((v) => String(v).trim().toLowerCase()));
  const json = JSON.stringify(state);
  for (const { email } of rows<{ email: string | null }>('SELECT email FROM users')) {
    if (!email || email === own || typed.has(email)) continue;
    expect(json, `the answer shows ${email}`).not.toContain(email);
  }
}

type Answer = { error?: unknown; redirect?: string; [key: string]: unknown };

/** The state the action returned, or where it redirected (success of the forms whose row goes away). */
async function answerOf(run: () => Promise<object>): Promise<Answer> {
  try {
    return (await run()) as Answer;
  } catch (error) {
    if (isRedirectError(error)) return { redirect: getURLFromRedirectError(error) };
    throw error;
  }
}
/** How the form is told "no": an ActionError (status and code) or, for the small forms, a message. */
type Refusal = { status: number; code: string } | { message: string };

function refusalIn(state: Answer): Refusal {
  expect(state.error, JSON.stringify(state)).toBeDefined();
  if (typeof state.error === 'string') return { message: state.error };
  const error = state.error as { status: number; code: string };
  return { status: error.status, code: error.code };
}

type Case = {
  name: string;
  post: () => FormData;
  run: (data: FormData) => Promise<Answer>;
  allowed: Who[];
  refused: Partial<Record<Who, Refusal>>;
  /** The only tables a permitted call changes. */
  writes: Table[];
  /** What the permitted call answered and wrote. */
  check: (state: Answer, actor: Actor, before: Snapshot) => void;
  revalidates: string[];
};

const SIGN_IN_TO_EDIT = { message: 'Sign in to update a trial.' };
const NOT_YOUR_TRIAL = { message: 'Only a coordinator of this trial or an admin can update it.' };
const SIGN_IN_AS_ADMIN = { message: 'Sign in as an admin to manage coordinators.' };
const ONLY_ADMINS = { message: 'Only an admin can manage coordinators.' };
const NO_SUCH_TOKEN = { message: 'You have no API token with this id.' };

const CASES: Case[] = [
  {
    name: 'saveTrialUpdate: change the status of THIS trial, with a reason',
    post: () => updateForm(THIS, { overallStatus: 'COMPLETED', reason: 'Last participant visit done' }),
    run: (data) => answerOf(() => saveTrialUpdate({ seq: 4 }, data)),
    allowed: ['coordinator', 'admin'],
    refused: {
      anonymous: { status: 401, code: 'unauthorized:session' },
      member: { status: 403, code: 'forbidden:trial' },
      otherCoordinator: { status: 403, code: 'forbidden:trial' },
    },
    writes: ['trials', 'trial_events', 'trial_field_claims'],
    check: (state, actor) => {
      expect(state).toEqual({ seq: 5, saved: { version: 2, events: 1 } });
      expect(row('SELECT overall_status, version FROM trials WHERE nct_id = ?', THIS)).toEqual({ overall_status: 'COMPLETED', version: 2 });
      const event = row('SELECT e.kind, e.field, e.source, e.reason, e.actor_user_id FROM trial_events e JOIN trials t ON t.id = e.trial_id WHERE t.nct_id = ? ORDER BY e.id DESC', THIS);
      expect(event).toEqual({ kind: 'status_changed', field: 'overallStatus', source: 'coordinator', reason: 'Last participant visit done', actor_user_id: actor.userId });
      expect(row('SELECT c.field, c.set_by FROM trial_field_claims c JOIN trials t ON t.id = c.trial_id WHERE t.nct_id = ?', THIS)).toEqual({ field: 'overallStatus', set_by: actor.userId });
    },
    revalidates: [`/trials/${THIS}`, `/coordinate/${THIS}`, '/'],
  },
  {
    // "This trial" is OTHER here, the disputed one: its coordinator is otherCoordinator.
    name: 'resolveDisputeAction: take the registry’s status on OTHER (coordinated by otherCoordinator)',
    post: () => form({ nctId: OTHER, field: 'overallStatus', version: otherVersion, keep: 'other' }),
    run: (data) => answerOf(() => resolveDisputeAction({ seq: 0 }, data)),
    allowed: ['otherCoordinator', 'admin'],
    refused: { anonymous: SIGN_IN_TO_EDIT, member: NOT_YOUR_TRIAL, coordinator: NOT_YOUR_TRIAL },
    writes: ['trials', 'trial_events', 'trial_field_claims'],
    check: (state, actor) => {
      // The dispute's form is gone once settled: the page says what happened.
      expect(state).toEqual({ redirect: expect.stringMatching(new RegExp(`^/coordinate/${OTHER}\\?settled=taken&at=\\d+$`)) });
      expect(row('SELECT overall_status, version FROM trials WHERE nct_id = ?', OTHER)).toEqual({ overall_status: 'COMPLETED', version: otherVersion + 1 });
      expect(rows('SELECT c.field FROM trial_field_claims c JOIN trials t ON t.id = c.trial_id WHERE t.nct_id = ?', OTHER)).toEqual([]);
      const event = row('SELECT e.field, e.source, e.actor_user_id FROM trial_events e JOIN trials t ON t.id = e.trial_id WHERE t.nct_id = ? ORDER BY e.id DESC', OTHER);
      expect(event).toEqual({ field: 'overallStatus', source: 'coordinator', actor_user_id: actor.userId });
    },
    revalidates: [`/trials/${OTHER}`],
  },
  {
    name: 'assignCoordinatorAction: make a signed-up relative a coordinator of THIS trial',
    post: () => form({ email: ` ${RELATIVE.toUpperCase()} `, nctId: THIS.toLowerCase() }),
    run: (data) => answerOf(() => assignCoordinatorAction({}, data)),
    allowed: ['admin'],
    refused: {
      anonymous: { status: 401, code: 'unauthorized:session' },
      member: { status: 403, code: 'forbidden:admin' },
      otherCoordinator: { status: 403, code: 'forbidden:admin' },
      coordinator: { status: 403, code: 'forbidden:admin' },
    },
    writes: ['trial_coordinators', 'role_changes'],
    check: (state, actor) => {
      // Masked, and the form is emptied: the address does not come back.
      expect(state).toEqual({ done: `r•••@example.org is now a coordinator of ${THIS}.` });
      expect(rows('SELECT c.user_id, c.assigned_by FROM trial_coordinators c JOIN trials t ON t.id = c.trial_id WHERE t.nct_id = ? ORDER BY c.rowid', THIS)).toEqual([
        { user_id: people.coordinator.userId, assigned_by: null },
        { user_id: relative.userId, assigned_by: actor.userId },
      ]);
      expect(row('SELECT user_id, change, actor_user_id FROM role_changes ORDER BY id DESC')).toEqual({ user_id: relative.userId, change: 'coordinator_assigned', actor_user_id: actor.userId });
    },
    revalidates: ['/admin'],
  },
  {
    name: 'removeCoordinatorAction: remove THIS trial’s coordinator',
    post: () => form({ userId: people.coordinator.userId, nctId: THIS }),
    run: (data) => answerOf(() => removeCoordinatorAction({}, data)),
    allowed: ['admin'],
    refused: { anonymous: SIGN_IN_AS_ADMIN, member: ONLY_ADMINS, otherCoordinator: ONLY_ADMINS, coordinator: ONLY_ADMINS },
    writes: ['trial_coordinators', 'role_changes'],
    check: (state, actor) => {
      expect(state).toEqual({ redirect: expect.stringMatching(new RegExp(`^/admin\\?removed=${THIS}&at=\\d+$`)) });
      expect(rows('SELECT c.user_id FROM trial_coordinators c JOIN trials t ON t.id = c.trial_id WHERE t.nct_id = ?', THIS)).toEqual([]);
      expect(row('SELECT user_id, change, actor_user_id FROM role_changes ORDER BY id DESC')).toEqual({ user_id: people.coordinator.userId, change: 'coordinator_removed', actor_user_id: actor.userId });
    },
    revalidates: ['/admin'],
  },
  {
    name: 'createTokenAction: create an API token (anyone signed in, for themselves)',
    post: () => form({ name: '  nightly script ' }),
    run: (data) => answerOf(() => createTokenAction({ seq: 2 }, data)),
    allowed: ['member', 'otherCoordinator', 'coordinator', 'admin'],
    refused: { anonymous: { status: 401, code: 'unauthorized:session' } },
    writes: ['api_tokens'],
    check: (state, actor, before) => {
      expect(state).toEqual({ seq: 3, created: { name: 'nightly script', token: expect.stringMatching(/^alst_[\w-]{43}$/) } });
      const token = (state.created as { token: string }).token;
      const added = rows<{ user_id: string; name: string; token_hash: string }>('SELECT user_id, name, token_hash FROM api_tokens ORDER BY id').slice(before.api_tokens.length);
      // Stored only as its hash, for the person who asked.
      expect(added).toEqual([{ user_id: actor.userId, name: 'nightly script', token_hash: crypto.createHash('sha256').update(token).digest('hex') }]);
      expect(JSON.stringify(everything())).not.toContain(token);
    },
    revalidates: ['/account'],
  },
  {
    name: 'revokeTokenAction: revoke the coordinator’s API token (only its owner may)',
    post: () => form({ id: coordinatorTokenId }),
    run: (data) => answerOf(() => revokeTokenAction({}, data)),
    allowed: ['coordinator'],
    // Someone else's token is "not found", admins included: its existence is not confirmed.
    refused: { anonymous: { message: 'Sign in to manage your API tokens.' }, member: NO_SUCH_TOKEN, otherCoordinator: NO_SUCH_TOKEN, admin: NO_SUCH_TOKEN },
    writes: ['api_tokens'],
    check: (state) => {
      expect(state).toEqual({ redirect: expect.stringMatching(/^\/account\?revoked=\d+&at=\d+$/) });
      expect(row('SELECT revoked_at FROM api_tokens WHERE id = ?', coordinatorTokenId)).toEqual({ revoked_at: expect.any(String) });
    },
    revalidates: ['/account'],
  },
];

describe.each(CASES)('$name', (c) => {
  it('names a refusal for everyone it does not allow', () => {
    expect(new Set([...c.allowed, ...Object.keys(c.refused)])).toEqual(new Set(EVERYONE));
  });

  it.each(EVERYONE)('as %s', async (who) => {
    const data = c.post();
    const actor = actAs(who);
    const before = everything();
    const state = await c.run(data);
    const after = everything();
    expectNoOtherAddresses(state, actor, data);
    if (c.allowed.includes(who)) {
      expect(state.error, JSON.stringify(state)).toBeUndefined();
      expect(changedTables(before, after)).toEqual(c.writes);
      c.check(state, actor!, before);
      expect(vi.mocked(revalidatePath).mock.calls.map(([path]) => path)).toEqual(c.revalidates);
    } else {
      expect(refusalIn(state)).toEqual(c.refused[who]);
      expect(after).toEqual(before);
      expect(revalidatePath).not.toHaveBeenCalled();
    }
  });
});

describe('saveTrialUpdate: what the form is told', () => {
  it('a status change without a reason: error.fields.reason, the form refilled, nothing written', async () => {
    actAs('coordinator');
    const data = updateForm(THIS, { overallStatus: 'COMPLETED' });
    const before = everything();
    const state = await saveTrialUpdate({ seq: 0 }, data);
    expect(state.error).toMatchObject({ status: 400, code: 'bad_request:trial', fields: { reason: expect.stringMatching(/why the status changed/) } });
    expect(state.saved).toBeUndefined();
    // Nothing typed is lost; React's own fields are not echoed.
    expect(state.values).toMatchObject({ nctId: THIS, overallStatus: 'COMPLETED', reason: '' });
    expect(Object.keys(state.values ?? {}).some((k) => k.startsWith('$ACTION'))).toBe(false);
    expect(everything()).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
    expectNoOtherAddresses(state, people.coordinator, data);
  });

  it('a reason too short is named on the reason control, with the other bad fields, and nothing is written', async () => {
    actAs('admin');
    const data = updateForm(THIS, { overallStatus: 'COMPLETED', reason: 'ok', 'enrollment.count': 'sixty' });
    const before = everything();
    const state = await saveTrialUpdate({ seq: 0 }, data);
    expect(state.error).toMatchObject({ status: 400, code: 'bad_request:trial' });
    expect(state.error?.fields).toMatchObject({ reason: 'give a reason of at least 3 characters', 'enrollment.count': 'must be a whole number of people, like 60' });
    expect(everything()).toEqual(before);
  });

  it('a stale version: conflict:trial with what changed since, nothing written; saving over the latest version then works', async () => {
    // The admin saves first, from the same version the coordinator's form was read at.
    actAs('admin');
    const stale = updateForm(THIS, { 'enrollment.count': 95, 'enrollment.type': 'ACTUAL' });
    const first = await saveTrialUpdate({ seq: 0 }, updateForm(THIS, { overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment closed early' }));
    expect(first.saved).toEqual({ version: 2, events: 1 });

    actAs('coordinator');
    const before = everything();
    vi.mocked(revalidatePath).mockClear();
    const state = await saveTrialUpdate({ seq: 7 }, stale);
    expect(state.seq).toBe(8);
    expect(state.error).toMatchObject({ status: 409, code: 'conflict:trial', details: { currentVersion: 2 } });
    const changes = (state.error?.details as { changes: { text: string; source: string; recordedAt: string }[] }).changes;
    expect(changes).toEqual([{ text: expect.any(String), source: 'coordinator', recordedAt: expect.any(String) }]);
    expect(changes[0]!.text).toMatch(/status/i);
    expect(state.values).toMatchObject({ 'enrollment.count': '95', version: '1' });
    expect(everything()).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
    expectNoOtherAddresses(state, people.coordinator, stale);

    // Having checked their entries against those changes (the admin's status is the one to keep), the
    // coordinator saves over the latest version: the button posts the version the conflict showed.
    stale.set('overallStatus', 'ACTIVE_NOT_RECRUITING');
    stale.set('overrideVersion', '2');
    const over = await saveTrialUpdate(state, stale);
    expect(over).toEqual({ seq: 9, saved: { version: 3, events: 1 } });
    expect(row('SELECT overall_status, enrollment_count, enrollment_type, version FROM trials WHERE nct_id = ?', THIS)).toEqual({
      overall_status: 'ACTIVE_NOT_RECRUITING',
      enrollment_count: 95,
      enrollment_type: 'ACTUAL',
      version: 3,
    });
  });

  it('a form posted with an unchanged trial writes nothing and says so', async () => {
    actAs('coordinator');
    const before = everything();
    const state = await saveTrialUpdate({ seq: 0 }, updateForm(THIS, {}));
    expect(state).toEqual({ seq: 1, saved: { version: 1, events: 0 } });
    expect(everything()).toEqual(before);
  });

  it('a form for no known trial: a 400 that writes nothing, for anyone', async () => {
    for (const who of EVERYONE) {
      actAs(who);
      const before = everything();
      const state = await saveTrialUpdate({ seq: 0 }, form({ nctId: 'NCT0123', version: 1, overallStatus: 'COMPLETED', reason: 'Done and dusted' }));
      expect(state.error, who).toMatchObject({ status: 400, code: 'bad_request:trial' });
      expect(everything()).toEqual(before);
    }
  });
});

describe('the small forms: refusals that change nothing and show nobody', () => {
  it('assigning someone who already coordinates: 409, shown masked, nothing written', async () => {
    actAs('admin');
    const data = form({ email: EMAILS.coordinator, nctId: THIS });
    const before = everything();
    const state = await assignCoordinatorAction({}, data);
    expect(state.error).toMatchObject({ status: 409, code: 'conflict:coordinator', message: `c•••@example.org is already a coordinator of ${THIS}.` });
    expect(everything()).toEqual(before);
    // Only what the admin typed comes back, to refill the form.
    expect(state.values).toEqual({ email: EMAILS.coordinator, nctId: THIS });
    expectNoOtherAddresses({ ...state, values: undefined }, people.admin, form({}));
  });

  it('assigning a bad address or an unknown trial names the field, and nothing is written', async () => {
    actAs('admin');
    const before = everything();
    const badEmail = await assignCoordinatorAction({}, form({ email: 'not an address', nctId: THIS }));
    expect(badEmail.error).toMatchObject({ status: 400, code: 'bad_request:coordinator', fields: { email: expect.any(String) } });
    const unknownTrial = await assignCoordinatorAction({}, form({ email: RELATIVE, nctId: 'NCT09999999' }));
    expect(unknownTrial.error).toMatchObject({ status: 404, code: 'not_found:trial', fields: { nctId: expect.any(String) } });
    expect(everything()).toEqual(before);
  });

  it('removing someone who is not a coordinator of the trial: refused, nothing written', async () => {
    actAs('admin');
    const before = everything();
    const state = await answerOf(() => removeCoordinatorAction({}, form({ userId: people.otherCoordinator.userId, nctId: THIS })));
    expect(state).toEqual({ error: `That person is not a coordinator of ${THIS}.` });
    expect(everything()).toEqual(before);
  });

  it('revoking a token that does not exist answers exactly like someone else’s token', async () => {
    actAs('member');
    const before = everything();
    const missing = await answerOf(() => revokeTokenAction({}, form({ id: 999_999 })));
    const theirs = await answerOf(() => revokeTokenAction({}, form({ id: coordinatorTokenId })));
    expect(missing).toEqual({ error: NO_SUCH_TOKEN.message });
    expect(theirs).toEqual(missing);
    expect(everything()).toEqual(before);
  });

  it('revoking one’s own token twice: the second time changes nothing', async () => {
    actAs('coordinator');
    const revoked = { redirect: expect.stringMatching(/^\/account\?revoked=\d+&/) };
    expect(await answerOf(() => revokeTokenAction({}, form({ id: coordinatorTokenId })))).toEqual(revoked);
    const before = everything();
    expect(await answerOf(() => revokeTokenAction({}, form({ id: coordinatorTokenId })))).toEqual(revoked);
    expect(everything()).toEqual(before);
  });

  it('a token without a name is refused on the name field, nothing written', async () => {
    actAs('member');
    const before = everything();
    const state = await createTokenAction({ seq: 0 }, form({ name: '   ' }));
    expect(state).toMatchObject({ seq: 1, name: '   ', error: { status: 400, code: 'bad_request:token', fields: { name: expect.any(String) } } });
    expect(everything()).toEqual(before);
  });

  it('a session whose account was deleted counts as signed out for every action', async () => {
    const ghost = createUser(t.db, 'ghost@example.org', 'admin');
    t.db.$client.prepare('DELETE FROM users WHERE id = ?').run(ghost.userId);
    session.actor = ghost;
    const before = everything();
    const answers = [
      await answerOf(() => saveTrialUpdate({ seq: 0 }, updateForm(THIS, { overallStatus: 'COMPLETED', reason: 'Last visit done' }))),
      await answerOf(() => resolveDisputeAction({ seq: 0 }, form({ nctId: OTHER, field: 'overallStatus', version: otherVersion, keep: 'other' }))),
      await answerOf(() => assignCoordinatorAction({}, form({ email: RELATIVE, nctId: THIS }))),
      await answerOf(() => removeCoordinatorAction({}, form({ userId: people.coordinator.userId, nctId: THIS }))),
      await answerOf(() => createTokenAction({ seq: 0 }, form({ name: 'script' }))),
      await answerOf(() => revokeTokenAction({}, form({ id: coordinatorTokenId }))),
    ];
    for (const state of answers) {
      const error = state.error;
      if (typeof error === 'string') expect(error).toBe('Your account no longer exists. Sign in again.');
      else expect(error).toMatchObject({ status: 401, code: 'unauthorized:session' });
    }
    expect(everything()).toEqual(before);
  });
});
