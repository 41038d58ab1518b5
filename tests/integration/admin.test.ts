// Roles: the first admin from the script's function, coordinators assigned and removed by an admin,
// every change recorded with who and when, and people shown masked, never by address.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignCoordinator, createAdmin, listAssignments, listMyTrials, listRoleChanges, maskEmail, removeCoordinator } from '@/lib/auth/admin';
import type { Actor } from '@/lib/auth/permissions';
import { importStudy } from '@/lib/trials/import';
import { createTestDb, type TestDb } from '../helpers/db';
import { caught } from '../helpers/errors';
import { createUser } from '../helpers/users';
import { study } from '../fixtures/ctgov/build';

let t: TestDb;
let admin: Actor;
beforeEach(() => {
  t = createTestDb();
  importStudy(t.db, study('NCT01234567'));
  admin = createUser(t.db, 'boss@example.org', 'admin');
});
afterEach(() => t.close());


describe('createAdmin (npm run admin:create)', () => {
  it('makes a new account an admin once, and records the grant as done by the script', () => {
    expect(createAdmin(t.db, ' First@Example.org ', 'npm run admin:create')).toEqual({ created: true, alreadyAdmin: false });
    expect(createAdmin(t.db, 'first@example.org', 'npm run admin:create')).toEqual({ created: false, alreadyAdmin: true });
    const grants = t.db.$client.prepare("SELECT change, via, actor_user_id FROM role_changes WHERE change = 'admin_granted'").all();
    expect(grants).toEqual([{ change: 'admin_granted', via: 'npm run admin:create', actor_user_id: null }]);
    expect(t.db.$client.prepare("SELECT role FROM users WHERE email = 'first@example.org'").get()).toEqual({ role: 'admin' });
  });

  it('refuses something that is not an address, naming the problem', () => {
    expect(caught(() => createAdmin(t.db, 'nobody', 'test')).message).toMatch(/e-mail address/);
  });
});

describe('assigning and removing coordinators', () => {
  it('assigns by address, making the account if needed; the person then sees the trial in "My trials"', () => {
    const result = assignCoordinator(t.db, admin, { email: 'Coord@Example.org', nctId: 'nct01234567' });
    expect(result).toEqual({ nctId: 'NCT01234567', coordinator: 'c•••@example.org' });
    const user = t.db.$client.prepare("SELECT id, role FROM users WHERE email = 'coord@example.org'").get() as { id: string; role: string };
    expect(user.role).toBe('member');
    expect(listMyTrials(t.db, { userId: user.id, role: 'member' }).map((x) => x.nctId)).toEqual(['NCT01234567']);
  });

  it('refuses a second assignment of the same person (409) and unknown trials (404) by field', () => {
    assignCoordinator(t.db, admin, { email: 'coord@example.org', nctId: 'NCT01234567' });
    expect(caught(() => assignCoordinator(t.db, admin, { email: 'coord@example.org', nctId: 'NCT01234567' })).status).toBe(409);
    const unknown = caught(() => assignCoordinator(t.db, admin, { email: 'coord@example.org', nctId: 'NCT09999999' }));
    expect([unknown.status, unknown.field]).toEqual([404, 'nctId']);
    const bad = caught(() => assignCoordinator(t.db, admin, { email: 'x', nctId: 'NCT1' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.details?.fields as object).sort()).toEqual(['email', 'nctId']);
  });

  it('records who assigned and removed whom, and when, newest first, with people masked', () => {
    const at = new Date('2026-11-20T10:00:00Z');
    assignCoordinator(t.db, admin, { email: 'coord@example.org', nctId: 'NCT01234567' }, at);
    const userId = (t.db.$client.prepare("SELECT id FROM users WHERE email = 'coord@example.org'").get() as { id: string }).id;
    removeCoordinator(t.db, admin, { userId, nctId: 'NCT01234567' }, new Date('2026-11-21T10:00:00Z'));
    const changes = listRoleChanges(t.db, admin);
    expect(changes.map(({ change, person, nctId, by, at }) => ({ change, person, nctId, by, at }))).toEqual([
      { change: 'coordinator_removed', person: 'c•••@example.org', nctId: 'NCT01234567', by: 'b•••@example.org', at: '2026-11-21T10:00:00.000Z' },
      { change: 'coordinator_assigned', person: 'c•••@example.org', nctId: 'NCT01234567', by: 'b•••@example.org', at: '2026-11-20T10:00:00.000Z' },
    ]);
    expect(listAssignments(t.db, admin)).toEqual([]);
    // The history cannot be rewritten.
    expect(() => t.db.$client.prepare('DELETE FROM role_changes').run()).toThrow(/append-only/);
  });

  it('never puts an address in what it returns', () => {
    assignCoordinator(t.db, admin, { email: 'secret.person@example.org', nctId: 'NCT01234567' });
    const everything = JSON.stringify([listAssignments(t.db, admin), listRoleChanges(t.db, admin)]);
    expect(everything).not.toContain('secret.person@example.org');
    expect(everything).not.toContain('boss@example.org');
  });
});

describe('maskEmail', () => {
  it.each([
    ['jane.doe@example.org', 'j•••@example.org'],
    [null, 'someone without an e-mail address'],
    ['@example.org', '•••'],
  ])('%s → %s', (email, masked) => expect(maskEmail(email)).toBe(masked));
});
