// Every mutation the app offers, for each kind of person: anonymous, a member, a coordinator of another
// trial, a coordinator of this trial, an admin. Each refusal is checked for its status AND for having
// changed nothing (every table compared before and after). Server actions call exactly these functions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { assignCoordinator, removeCoordinator } from '@/lib/auth/admin';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { AppError } from '@/lib/errors';
import { resolveClaim } from '@/lib/trials/claims';
import { importStudy } from '@/lib/trials/import';
import { updateTrial } from '@/lib/trials/update';
import { createTestDb, type TestDb } from '../helpers/db';
import { assignCoordinator as assignDirectly, createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

type Who = 'anonymous' | 'member' | 'otherCoordinator' | 'coordinator' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'member', 'otherCoordinator', 'coordinator', 'admin'];
const THIS = 'NCT01234567';
const OTHER = 'NCT07654321';

let t: TestDb;
let people: Record<Exclude<Who, 'anonymous'>, Actor>;
let coordinatorTokenId: number;

beforeEach(() => {
  t = createTestDb();
  importStudy(t.db, study(THIS));
  importStudy(t.db, study(OTHER));
  people = {
    member: createUser(t.db, 'member@example.org'),
    otherCoordinator: createUser(t.db, 'other@example.org'),
    coordinator: createUser(t.db, 'coord@example.org'),
    admin: createUser(t.db, 'admin@example.org', 'admin'),
  };
  assignDirectly(t.db, people.otherCoordinator, OTHER);
  assignDirectly(t.db, people.coordinator, THIS);
  coordinatorTokenId = createApiToken(t.db, people.coordinator, { name: 'laptop' }).id;
  // A dispute to resolve on the other trial: its coordinator's status, then a registry record that differs.
  updateTrial(t.db, OTHER, { version: 1, overallStatus: 'ACTIVE_NOT_RECRUITING', reason: 'Enrolment closed' }, people.otherCoordinator, new Date('2026-11-20T10:00:00Z'));
  importStudy(t.db, study(OTHER, { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastUpdatePostDateStruct: { date: '2026-11-21', type: 'ACTUAL' } } } }), { now: new Date('2026-11-21T06:00:00Z') });
  otherVersion = (t.db.$client.prepare('SELECT version FROM trials WHERE nct_id = ?').get(OTHER) as { version: number }).version;
});
let otherVersion: number;
afterEach(() => t.close());

const actor = (who: Who): Actor | null => (who === 'anonymous' ? null : people[who]);

/** Every row of every table that a mutation could touch. */
function everything(): Record<string, unknown[]> {
  const tables = ['trials', 'trial_events', 'trial_locations', 'trial_field_claims', 'trial_coordinators', 'role_changes', 'users', 'api_tokens'];
  return Object.fromEntries(tables.map((name) => [name, t.db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()]));
}

function outcome(fn: () => unknown): number {
  try {
    fn();
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

type Mutation = { name: string; run: (who: Actor | null) => unknown; allowed: Who[]; refusedWith: Partial<Record<Who, number>> };

const MUTATIONS: Mutation[] = [
  {
    // Here "this trial" is OTHER (the disputed one): its coordinator is `otherCoordinator`.
    name: 'confirm one of two disagreeing values (resolveClaim), on a trial coordinated by otherCoordinator',
    run: (who) => resolveClaim(t.db, OTHER, { field: 'overallStatus', keep: 'registry', version: otherVersion }, who),
    allowed: ['otherCoordinator', 'admin'],
    refusedWith: { anonymous: 401, member: 403, coordinator: 403 },
  },
  {
    name: 'update a trial (form action and PATCH both call updateTrial)',
    run: (who) => updateTrial(t.db, THIS, { version: 1, overallStatus: 'COMPLETED', reason: 'Last visit done' }, who),
    allowed: ['coordinator', 'admin'],
    refusedWith: { anonymous: 401, member: 403, otherCoordinator: 403 },
  },
  {
    name: 'assign a coordinator',
    run: (who) => assignCoordinator(t.db, who, { email: 'new@example.org', nctId: THIS }),
    allowed: ['admin'],
    refusedWith: { anonymous: 401, member: 403, otherCoordinator: 403, coordinator: 403 },
  },
  {
    name: 'remove a coordinator',
    run: (who) => removeCoordinator(t.db, who, { userId: people.coordinator.userId, nctId: THIS }),
    allowed: ['admin'],
    refusedWith: { anonymous: 401, member: 403, otherCoordinator: 403, coordinator: 403 },
  },
  {
    name: 'revoke the coordinator’s API token (only its owner may)',
    run: (who) => revokeApiToken(t.db, who, coordinatorTokenId),
    allowed: ['coordinator'],
    // Someone else's token is "not found": its existence is not confirmed to them, admins included.
    refusedWith: { anonymous: 401, member: 404, otherCoordinator: 404, admin: 404 },
  },
  {
    name: 'create an API token (anyone signed in, for themselves)',
    run: (who) => createApiToken(t.db, who, { name: 'script' }),
    allowed: ['member', 'otherCoordinator', 'coordinator', 'admin'],
    refusedWith: { anonymous: 401 },
  },
];

describe.each(MUTATIONS)('$name', (mutation) => {
  it.each(EVERYONE)('as %s', (who) => {
    const before = everything();
    const status = outcome(() => mutation.run(actor(who)));
    if (mutation.allowed.includes(who)) {
      expect(status).toBe(200);
      expect(everything()).not.toEqual(before);
    } else {
      expect(status).toBe(mutation.refusedWith[who]);
      expect(everything()).toEqual(before);
    }
  });
});
