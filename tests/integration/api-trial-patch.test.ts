// The coordinators' API as their tools meet it: the real route handlers called with real Requests,
// authenticated by a session cookie or a personal API token, against a temp database built by the real
// migrations. Every refusal is checked twice: the answer, and that the trial and its history did not change.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema';
import type { Actor } from '@/lib/auth/permissions';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { importStudy } from '@/lib/trials/import';
import { createTestDb, type TestDb } from '../helpers/db';
import { assignCoordinator, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

type TrialRoute = typeof import('@/app/api/trials/[nctId]/route');
type Who = 'member' | 'otherCoordinator' | 'coordinator' | 'admin';
type Credentials = { session?: string; token?: string };
type ErrorBody = { error: { code: string; message: string; field?: string; details?: { currentVersion?: number; changes?: Array<{ text: string }> } } };

const TRIAL = 'NCT01234567';
const OTHER_TRIAL = 'NCT07654321';
const EMAILS: Record<Who, string> = {
  member: 'member@example.org',
  otherCoordinator: 'other.coordinator@example.org',
  coordinator: 'coordinator@example.org',
  admin: 'admin@example.org',
};

let t: TestDb;
let route: TrialRoute;
const people = {} as Record<Who, Actor>;
const credentials = {} as Record<Who, { session: string; token: string }>;
/** Every response body this file sees, for the e-mail check at the end. */
const seen: string[] = [];

function startSession(actor: Actor, expires = new Date(Date.now() + 86_400_000)): string {
  const sessionToken = crypto.randomUUID();
  t.db.insert(sessions).values({ sessionToken, userId: actor.userId, expires }).run();
  return sessionToken;
}

beforeAll(async () => {
  t = createTestDb();
  importStudy(t.db, study(TRIAL));
  importStudy(t.db, study(OTHER_TRIAL));
  for (const who of Object.keys(EMAILS) as Who[]) {
    people[who] = createUser(t.db, EMAILS[who], who === 'admin' ? 'admin' : 'member');
    credentials[who] = { session: startSession(people[who]), token: createApiToken(t.db, people[who], { name: `${who}'s tool` }).token };
  }
  assignCoordinator(t.db, people.otherCoordinator, OTHER_TRIAL);
  assignCoordinator(t.db, people.coordinator, TRIAL);
  // The handlers use the process-wide db(), which reads DATABASE_PATH on first use: point it here first.
  process.env.DATABASE_PATH = t.file;
  route = await import('@/app/api/trials/[nctId]/route');
});

afterAll(async () => {
  const { db } = await import('@/db/client');
  db().$client.close();
  t.close();
});

const url = (nctId: string) => `http://localhost/api/trials/${nctId}`;
const params = (nctId: string) => ({ params: Promise.resolve({ nctId }) });
async function keep(res: Response): Promise<Response> {
  seen.push(await res.clone().text());
  return res;
}

function authHeaders({ session, token }: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (session) headers.Cookie = `theme=dark; authjs.session-token=${session}`;
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

const get = (nctId = TRIAL, headers: Record<string, string> = {}) => route.GET(new Request(url(nctId), { headers }), params(nctId)).then(keep);

type PatchOptions = { as?: Credentials; ifMatch?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>; nctId?: string };
function patch({ as = {}, ifMatch, body = {}, rawBody, headers = {}, nctId = TRIAL }: PatchOptions): Promise<Response> {
  const all: Record<string, string> = { 'Content-Type': 'application/json', ...authHeaders(as), ...headers };
  if (ifMatch !== null) all['If-Match'] = ifMatch ?? `"${currentVersion()}"`;
  return route.PATCH(new Request(url(nctId), { method: 'PATCH', headers: all, body: rawBody ?? JSON.stringify(body) }), params(nctId)).then(keep);
}
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

const currentVersion = () => (t.db.$client.prepare('SELECT version FROM trials WHERE nct_id = ?').get(TRIAL) as { version: number }).version;
const snapshot = () => ({
  trial: t.db.$client.prepare('SELECT * FROM trials WHERE nct_id = ?').get(TRIAL),
  events: t.db.$client.prepare('SELECT count(*) AS n FROM trial_events').get(),
});
/** Sends the request and asserts the refusal left the trial and its history exactly as they were. */
async function refused(options: PatchOptions, status: number): Promise<ErrorBody['error'] & { res: Response }> {
  const before = snapshot();
  const res = await patch(options);
  expect(res.status, await res.clone().text()).toBe(status);
  expect(snapshot()).toEqual(before);
  return { ...(await errorOf(res)), res };
}

describe('GET /api/trials/{nctId}', () => {
  it('sends the version as a strong ETag, revalidated on every use', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number };
    expect(res.headers.get('etag')).toBe(`"${body.version}"`);
    expect(res.headers.get('cache-control')).toContain('no-cache');
  });

  it('answers If-None-Match with 304 and no body while the trial is unchanged', async () => {
    const etag = `"${currentVersion()}"`;
    for (const header of [etag, `W/${etag}`, `"999", ${etag}`]) {
      const res = await get(TRIAL, { 'If-None-Match': header });
      expect(res.status, header).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(await res.text()).toBe('');
    }
    expect((await get(TRIAL, { 'If-None-Match': '"999"' })).status).toBe(200);
  });
});

describe('PATCH /api/trials/{nctId}: who may', () => {
  it('anonymous is asked to authenticate (401, WWW-Authenticate: Bearer), and nothing changes', async () => {
    const error = await refused({ body: { note: 'Hello' } }, 401);
    expect(error.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // An expired session is nobody.
    const expired = startSession(people.admin, new Date(Date.now() - 1000));
    expect((await refused({ as: { session: expired }, body: { note: 'Hello' } }, 401)).res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // So is a cookie naming a session that does not exist.
    await refused({ as: { session: 'forged-session-token' }, body: { note: 'Hello' } }, 401);
  });

  it.each([
    ['a member', 'session', 'member'],
    ['a member', 'token', 'member'],
    ['a coordinator of another trial', 'session', 'otherCoordinator'],
    ['a coordinator of another trial', 'token', 'otherCoordinator'],
  ] as const)('%s (by %s) is refused with 403, and nothing changes', async (_label, via, who) => {
    const error = await refused({ as: { [via]: credentials[who][via] }, body: { overallStatus: 'TERMINATED', reason: 'Not mine to say' } }, 403);
    expect(error.code).toBe('forbidden:trial');
  });

  it.each([
    ['a coordinator of this trial', 'session', 'coordinator'],
    ['a coordinator of this trial', 'token', 'coordinator'],
    ['an admin', 'session', 'admin'],
    ['an admin', 'token', 'admin'],
  ] as const)('%s (by %s) may, and the change is attributed to them', async (_label, via, who) => {
    const version = currentVersion();
    const res = await patch({ as: { [via]: credentials[who][via] }, body: { note: `Update from the ${who} by ${via}` } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ nctId: TRIAL, version: version + 1, events: 1 });
    expect(res.headers.get('etag')).toBe(`"${version + 1}"`);
    const event = t.db.$client.prepare('SELECT kind, text, actor_user_id FROM trial_events ORDER BY id DESC LIMIT 1').get();
    expect(event).toEqual({ kind: 'note', text: `Update from the ${who} by ${via}`, actor_user_id: people[who].userId });
  });

  it('the __Secure- cookie (https) works as well', async () => {
    const res = await patch({ headers: { Cookie: `__Secure-authjs.session-token=${credentials.coordinator.session}` }, body: { note: 'Over https' } });
    expect(res.status).toBe(200);
  });

  it('a revoked or unknown token is refused (401 invalid_token), even for an admin, and nothing changes', async () => {
    const { id, token } = createApiToken(t.db, people.admin, { name: 'Soon revoked' });
    revokeApiToken(t.db, people.admin, id);
    for (const bad of [token, 'alst_not-a-real-token']) {
      const error = await refused({ as: { token: bad }, body: { note: 'Should not land' } }, 401);
      expect(error.message).toBe('This API token is not valid or was revoked.');
      expect(error.res.headers.get('www-authenticate')).toContain('invalid_token');
    }
    // A bad token is not excused by a good session beside it.
    await refused({ as: { token, session: credentials.admin.session }, body: { note: 'Should not land' } }, 401);
  });

  it('a cookie-authenticated request from another website is refused (403), and nothing changes', async () => {
    const error = await refused({ as: { session: credentials.coordinator.session }, headers: { Origin: 'https://evil.example' }, body: { note: 'CSRF' } }, 403);
    expect(error.code).toBe('forbidden:origin');
    await refused({ as: { session: credentials.coordinator.session }, headers: { Origin: 'null' }, body: { note: 'CSRF' } }, 403);
    // The tracker's own origin is fine, and so is a token from anywhere (it is not sent by a browser on its own).
    expect((await patch({ as: { session: credentials.coordinator.session }, headers: { Origin: 'http://localhost' }, body: { note: 'Same site' } })).status).toBe(200);
    expect((await patch({ as: { token: credentials.coordinator.token }, headers: { Origin: 'https://tools.example' }, body: { note: 'From a tool' } })).status).toBe(200);
  });
});

describe('PATCH /api/trials/{nctId}: what it must carry', () => {
  const as = () => ({ token: credentials.coordinator.token });

  it('without If-Match: 428, saying to send the ETag from GET', async () => {
    const error = await refused({ as: as(), ifMatch: null, body: { note: 'No precondition' } }, 428);
    expect(error.code).toBe('precondition_required:trial');
    expect(error.message).toMatch(/If-Match.*ETag.*GET/);
    // "Whatever version it is" is no precondition at all.
    expect((await refused({ as: as(), ifMatch: '*', body: { note: 'Blind write' } }, 428)).code).toBe('precondition_required:trial');
  });

  it('a malformed If-Match: 400 naming the header', async () => {
    for (const ifMatch of ['3', 'W/"3"', '"1", "2"', '"abc"']) {
      const error = await refused({ as: as(), ifMatch, body: { note: 'Bad precondition' } }, 400);
      expect(error.field, ifMatch).toBe('If-Match');
    }
  });

  it('a stale If-Match: 412 with what changed in the meantime', async () => {
    const stale = `"${currentVersion()}"`;
    expect((await patch({ as: { token: credentials.admin.token }, ifMatch: stale, body: { phase: 'phase-3' } })).status).toBe(200);
    const error = await refused({ as: as(), ifMatch: stale, body: { overallStatus: 'SUSPENDED', reason: 'Safety review' } }, 412);
    expect(error.code).toBe('precondition_failed:trial');
    expect(error.message).toMatch(/changed by someone else/);
    expect(error.details?.currentVersion).toBe(currentVersion());
    expect(error.details?.changes?.map((c) => c.text)).toEqual(['Phase changed from Phase 2 to Phase 3']);
  });

  it('a body that is not JSON, or not an object: 400 naming the body', async () => {
    for (const rawBody of ['{"note": ', 'note=hello', '[]', 'null']) {
      const error = await refused({ as: as(), rawBody }, 400);
      expect(error.field, rawBody).toBe('body');
      expect(error.message).toMatch(/body must be a JSON object/);
    }
  });

  it('a bad field: 400 naming the field', async () => {
    expect((await refused({ as: as(), body: { enrollment: { count: -5, type: 'ACTUAL' } } }, 400)).field).toBe('enrollment.count');
    expect((await refused({ as: as(), body: { overallStatus: 'COMPLETED' } }, 400)).field).toBe('reason');
    expect((await refused({ as: as(), body: { startDate: { date: 'soon', type: 'ACTUAL' } } }, 400)).field).toBe('startDate.date');
    expect((await refused({ as: as(), body: { sponsor: 'Someone else' } }, 400)).code).toBe('bad_request:trial');
  });

  it('a body version must agree with If-Match (or be left out)', async () => {
    const error = await refused({ as: as(), body: { version: currentVersion() - 1, note: 'Which version?' } }, 400);
    expect(error.field).toBe('version');
    expect((await patch({ as: as(), body: { version: currentVersion(), note: 'Same version twice' } })).status).toBe(200);
  });

  it('an unknown trial is 404 and a malformed number 400', async () => {
    expect((await patch({ as: { token: credentials.admin.token }, nctId: 'NCT09999999', ifMatch: '"1"', body: { note: 'x' } })).status).toBe(404);
    expect((await patch({ as: { token: credentials.admin.token }, nctId: 'NCT123', ifMatch: '"1"', body: { note: 'x' } })).status).toBe(400);
  });
});

describe('PATCH /api/trials/{nctId}: a coordinator’s tool updates the status', () => {
  it('returns the new ETag, and the next GET shows the new status under it', async () => {
    const first = await get();
    const etag = first.headers.get('etag')!;
    const res = await patch({ as: { token: credentials.coordinator.token }, ifMatch: etag, body: { overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment target reached' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const result = (await res.json()) as { version: number; events: number };
    expect(result.events).toBe(1);
    expect(res.headers.get('etag')).toBe(`"${result.version}"`);
    expect(res.headers.get('etag')).not.toBe(etag);

    // The old ETag no longer earns a 304; the new one does.
    const after = await get(TRIAL, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toBe(res.headers.get('etag'));
    const trial = (await after.json()) as { overallStatus: string; version: number; events: Array<{ kind: string; reason: string | null }> };
    expect([trial.overallStatus, trial.version]).toEqual(['ACTIVE_NOT_RECRUITING', result.version]);
    expect(trial.events.at(-1)).toMatchObject({ kind: 'status_changed', reason: 'Enrolment target reached' });
    expect((await get(TRIAL, { 'If-None-Match': res.headers.get('etag')! })).status).toBe(304);
  });
});

describe('privacy', () => {
  it('no response in this file carried anyone’s e-mail address', () => {
    expect(seen.length).toBeGreaterThan(40);
    const all = seen.join('\n').toLowerCase();
    for (const email of Object.values(EMAILS)) expect(all).not.toContain(email);
    expect(all).not.toContain('@example.org');
  });
});
