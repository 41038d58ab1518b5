// Personal API tokens as their owner and everyone else meets them: created and shown once, stored only
// hashed, listed without secrets, revoked by their owner alone, and useless once revoked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { actorFromRequest } from '@/lib/auth/request-actor';
import { actorFromApiToken, createApiToken, hashApiToken, listApiTokens, MAX_ACTIVE_API_TOKENS, revokeApiToken } from '@/lib/auth/tokens';
import { createTestDb, type TestDb } from '../helpers/db';
import { caught } from '../helpers/errors';
import { createUser } from '../helpers/users';

let t: TestDb;
let alice: Actor;
let bob: Actor;
beforeEach(() => {
  t = createTestDb();
  alice = createUser(t.db, 'alice@example.org');
  bob = createUser(t.db, 'bob@example.org', 'admin');
});
afterEach(() => t.close());

const tokenRows = () => t.db.$client.prepare('SELECT id, user_id, name, token_hash, last_used_at, revoked_at FROM api_tokens ORDER BY id').all() as Array<Record<string, unknown>>;
const bearer = (token: string) => new Request('http://localhost/api/trials/NCT01234567', { method: 'PATCH', headers: { Authorization: `Bearer ${token}` } });

describe('creating a token', () => {
  it('returns the token once, and stores only its SHA-256', () => {
    const created = createApiToken(t.db, alice, { name: '  Site dashboard  ' });
    expect(created).toEqual({ id: expect.any(Number), name: 'Site dashboard', token: expect.stringMatching(/^alst_[A-Za-z0-9_-]{43}$/), createdAt: expect.any(String) });
    const [row] = tokenRows();
    expect(row).toMatchObject({ user_id: alice.userId, name: 'Site dashboard', token_hash: hashApiToken(created.token) });
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // The plaintext appears nowhere in the table.
    expect(JSON.stringify(tokenRows())).not.toContain(created.token.slice(5));
    // Two tokens are never the same secret.
    expect(createApiToken(t.db, alice, { name: 'Second' }).token).not.toBe(created.token);
  });

  it('refuses a missing, empty or too long name, naming the field, and stores nothing', () => {
    for (const input of [{}, { name: '   ' }, { name: 'x'.repeat(81) }, { name: 42 }]) {
      const error = caught(() => createApiToken(t.db, alice, input));
      expect([error.status, error.field], JSON.stringify(input)).toEqual([400, 'name']);
      expect(error.message).toMatch(/^name: /);
    }
    expect(caught(() => createApiToken(t.db, alice, { name: 'ok', userId: bob.userId })).status).toBe(400);
    expect(createApiToken(t.db, alice, { name: 'x'.repeat(80) }).name).toHaveLength(80);
    expect(tokenRows()).toHaveLength(1);
  });

  it('needs someone signed in', () => {
    expect(caught(() => createApiToken(t.db, null, { name: 'Mine' })).status).toBe(401);
    expect(caught(() => createApiToken(t.db, null, { name: '' })).status).toBe(401);
    expect(caught(() => createApiToken(t.db, { userId: 'no-such-user', role: 'admin' }, { name: 'Mine' })).status).toBe(401);
    expect(tokenRows()).toEqual([]);
  });

  it(`allows ${MAX_ACTIVE_API_TOKENS} active tokens; the next is refused until one is revoked`, () => {
    const ids = Array.from({ length: MAX_ACTIVE_API_TOKENS }, (_, i) => createApiToken(t.db, alice, { name: `Tool ${i + 1}` }).id);
    const error = caught(() => createApiToken(t.db, alice, { name: 'One too many' }));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/20 active API tokens.*Revoke one/);
    expect(tokenRows()).toHaveLength(MAX_ACTIVE_API_TOKENS);
    // The limit is per person, and revoked tokens do not count.
    expect(createApiToken(t.db, bob, { name: 'Bob’s tool' }).name).toBe('Bob’s tool');
    revokeApiToken(t.db, alice, ids[0]);
    expect(createApiToken(t.db, alice, { name: 'Replacement' }).name).toBe('Replacement');
  });
});

describe('listing tokens', () => {
  it('shows only one’s own tokens, never the hash or the token', () => {
    const mine = createApiToken(t.db, alice, { name: 'Mine' });
    const theirs = createApiToken(t.db, bob, { name: 'Theirs' });
    const listed = listApiTokens(t.db, alice);
    expect(listed).toEqual([{ id: mine.id, name: 'Mine', createdAt: mine.createdAt, lastUsedAt: null, revokedAt: null }]);
    const text = JSON.stringify(listed);
    for (const secret of [mine.token, hashApiToken(mine.token), theirs.token, hashApiToken(theirs.token)]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/hash/i);
    expect(caught(() => listApiTokens(t.db, null)).status).toBe(401);
  });
});

describe('revoking a token', () => {
  it('the owner revokes; again is harmless; the token stops working at once', () => {
    const created = createApiToken(t.db, alice, { name: 'Laptop script' });
    expect(actorFromApiToken(t.db, created.token)).toEqual(alice);
    const at = new Date('2030-01-02T03:04:05.000Z');
    expect(revokeApiToken(t.db, alice, String(created.id), at)).toMatchObject({ id: created.id, revokedAt: at.toISOString() });
    expect(revokeApiToken(t.db, alice, created.id, new Date('2031-01-01T00:00:00Z')).revokedAt).toBe(at.toISOString());
    expect(listApiTokens(t.db, alice)[0]!.revokedAt).toBe(at.toISOString());

    expect(actorFromApiToken(t.db, created.token)).toBeNull();
    const error = caught(() => actorFromRequest(t.db, bearer(created.token)));
    expect([error.status, error.code, error.message]).toEqual([401, 'unauthorized:token', 'This API token is not valid or was revoked.']);
  });

  it('someone else’s token id answers 404 like a missing one, and stays active', () => {
    const created = createApiToken(t.db, alice, { name: 'Alice’s' });
    const before = tokenRows();
    // Even an admin cannot revoke another person's token through this function.
    const theirs = caught(() => revokeApiToken(t.db, bob, created.id));
    const missing = caught(() => revokeApiToken(t.db, bob, created.id + 1000));
    expect([theirs.status, theirs.message]).toEqual([404, missing.message]);
    expect(tokenRows()).toEqual(before);
    expect(actorFromApiToken(t.db, created.token)).toEqual(alice);
  });

  it('anonymous is refused (401) and a malformed id names the field', () => {
    const created = createApiToken(t.db, alice, { name: 'Alice’s' });
    expect(caught(() => revokeApiToken(t.db, null, created.id)).status).toBe(401);
    expect([caught(() => revokeApiToken(t.db, alice, 'abc')).field, caught(() => revokeApiToken(t.db, alice, -1)).status]).toEqual(['id', 400]);
    expect(tokenRows()[0]!.revoked_at).toBeNull();
  });
});

describe('authenticating with a token', () => {
  it('acts as its owner with the role as it is now', () => {
    const created = createApiToken(t.db, alice, { name: 'Tool' });
    expect(actorFromRequest(t.db, bearer(created.token))).toEqual({ userId: alice.userId, role: 'member' });
    t.db.$client.prepare("UPDATE users SET role = 'admin' WHERE id = ?").run(alice.userId);
    expect(actorFromApiToken(t.db, created.token)).toEqual({ userId: alice.userId, role: 'admin' });
  });

  it('an unknown or malformed bearer token is an error, not anonymity', () => {
    for (const token of ['alst_' + 'A'.repeat(43), 'not-a-token', '', 'alst_' + 'x'.repeat(10_000)]) {
      expect(caught(() => actorFromRequest(t.db, bearer(token))).status, token.slice(0, 20)).toBe(401);
    }
  });

  it('records when it was last used, at most once a minute', () => {
    const created = createApiToken(t.db, alice, { name: 'Tool' });
    const lastUsed = () => tokenRows()[0]!.last_used_at;
    actorFromApiToken(t.db, created.token, new Date('2030-01-01T10:00:00.000Z'));
    expect(lastUsed()).toBe('2030-01-01T10:00:00.000Z');
    actorFromApiToken(t.db, created.token, new Date('2030-01-01T10:00:59.000Z'));
    expect(lastUsed()).toBe('2030-01-01T10:00:00.000Z');
    actorFromApiToken(t.db, created.token, new Date('2030-01-01T10:01:01.000Z'));
    expect(lastUsed()).toBe('2030-01-01T10:01:01.000Z');
    expect(listApiTokens(t.db, alice)[0]!.lastUsedAt).toBe('2030-01-01T10:01:01.000Z');
  });
});
