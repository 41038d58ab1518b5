// Sign-in e-mail limits, on a real migrated database: per address, per client, in all, over a rolling hour.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientKeyFromHeaders, consumeSignInAllowance, peekSignInAllowance, type SignInAllowance } from '@/lib/auth/rate-limit';
import { resetEnv } from '@/lib/env';
import { createTestDb, type TestDb } from '../helpers/db';

const LIMITS = { SIGN_IN_LIMIT_PER_ADDRESS: '3', SIGN_IN_LIMIT_PER_CLIENT: '5', SIGN_IN_LIMIT_TOTAL: '8' };
const saved = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, process.env[k]]));
const T0 = new Date('2026-03-03T12:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let t: TestDb;
beforeEach(() => {
  Object.assign(process.env, LIMITS);
  resetEnv();
  t = createTestDb();
});
afterEach(() => {
  t.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnv();
});

const rows = () => (t.db.$client.prepare('SELECT count(*) AS n FROM sign_in_requests').get() as { n: number }).n;
const consume = (email: string, client: string, now: Date) => consumeSignInAllowance(t.db, { email, client, now });
const refused = (a: SignInAllowance) => {
  if (a.ok) throw new Error('expected a refusal');
  return a;
};

describe('per address', () => {
  it('counts spelling variants of one address together and refuses the next, without naming it', () => {
    expect(consume('Family@Example.org', '198.51.100.1', at(0)).ok).toBe(true);
    expect(consume('  family@example.org ', '198.51.100.2', at(10)).ok).toBe(true);
    expect(consume('FAMILY@EXAMPLE.ORG', '198.51.100.3', at(20)).ok).toBe(true);

    const r = refused(consume('family@example.org', '198.51.100.4', at(48)));
    expect(r.reason).toBe('address');
    // The first request leaves the window at 60 minutes: 12 minutes from now.
    expect(r.retryAfterSeconds).toBe(12 * 60);
    expect(r.message).toBe('We have sent 3 sign-in links to this address in the last hour. Use the newest one, or try again in 12 minutes.');
    expect(r.message.toLowerCase()).not.toContain('family');
    expect(rows()).toBe(3);

    // Another address is not affected.
    expect(consume('other@example.org', '198.51.100.4', at(48)).ok).toBe(true);
  });

  it('lets the address through again once the oldest request has left the rolling hour', () => {
    for (const m of [0, 10, 20]) consume('family@example.org', `client-${m}`, at(m));
    expect(consume('family@example.org', 'c', at(59)).ok).toBe(false);
    expect(consume('family@example.org', 'c', at(60)).ok).toBe(true);
    // Now 10, 20 and 60 are in the window: the next place frees at 70.
    const r = refused(consume('family@example.org', 'c', at(65)));
    expect(r.retryAfterSeconds).toBe(5 * 60);
  });
});

describe('per client', () => {
  it('counts one client across different addresses', () => {
    for (let i = 0; i < 5; i++) expect(consume(`person${i}@example.org`, '203.0.113.9', at(i)).ok).toBe(true);
    const r = refused(consume('person9@example.org', '203.0.113.9', at(30)));
    expect(r.reason).toBe('client');
    expect(r.retryAfterSeconds).toBe(30 * 60);
    expect(r.message).toBe('We have sent 5 sign-in links from this device or network in the last hour. Please try again in 30 minutes.');
    expect(r.message).not.toContain('person9');
    // Another client may still ask for the same address.
    expect(consume('person9@example.org', '203.0.113.10', at(30)).ok).toBe(true);
  });
});

describe('in all', () => {
  it('stops every sign-in e-mail once the total is reached', () => {
    for (let i = 0; i < 8; i++) expect(consume(`p${i}@example.org`, `client-${i}`, at(i)).ok).toBe(true);
    const r = refused(consume('new@example.org', 'new-client', at(20)));
    expect(r.reason).toBe('total');
    expect(r.retryAfterSeconds).toBe(40 * 60);
    expect(r.message).toMatch(/\(8 in the last hour\).*try again in 40 minutes\.$/);
    expect(r.message).not.toContain('new@example.org');
    expect(consume('new@example.org', 'new-client', at(60.5)).ok).toBe(true);
  });

  it('does not lock out people who already have an account', () => {
    for (let i = 0; i < 8; i++) consume(`p${i}@example.org`, `client-${i}`, at(i));
    t.db.$client.prepare("INSERT INTO users (id, email) VALUES ('u1', 'coordinator@example.org')").run();
    expect(consume(' Coordinator@example.org', 'another-client', at(20)).ok).toBe(true);
    expect(refused(consume('stranger@example.org', 'another-client', at(20))).reason).toBe('total');
  });

  it('waits for enough requests to leave when more than the limit were counted (limit lowered)', () => {
    for (let i = 0; i < 8; i++) consume(`p${i}@example.org`, `client-${i}`, at(i));
    process.env.SIGN_IN_LIMIT_TOTAL = '6';
    resetEnv();
    // 8 counted, limit 6: the count drops below 6 once the third oldest (minute 2) has left.
    expect(refused(peekSignInAllowance(t.db, { email: 'x@example.org', client: 'x', now: at(30) })).retryAfterSeconds).toBe(32 * 60);
  });
});

describe('peek and refusals', () => {
  it('peek answers like consume but records nothing', () => {
    for (let i = 0; i < 5; i++) expect(peekSignInAllowance(t.db, { email: 'family@example.org', client: 'c', now: at(i) })).toEqual({ ok: true });
    expect(rows()).toBe(0);
    for (const m of [0, 1, 2]) consume('family@example.org', 'c', at(m));
    const peeked = refused(peekSignInAllowance(t.db, { email: 'Family@example.org', client: 'c', now: at(3) }));
    expect(peeked.reason).toBe('address');
    expect(rows()).toBe(3);
  });

  it('a refused request is not counted: refusals do not push the retry time further out', () => {
    for (const m of [0, 1, 2]) consume('family@example.org', 'c', at(m));
    for (let m = 3; m < 50; m++) expect(consume('family@example.org', 'c', at(m)).ok).toBe(false);
    expect(rows()).toBe(3);
    expect(consume('family@example.org', 'c', at(60)).ok).toBe(true);
  });

  it('stores hashes, never the address or the client', () => {
    consume('family@example.org', '198.51.100.1', at(0));
    const row = t.db.$client.prepare('SELECT email_hash, client_hash FROM sign_in_requests').get() as { email_hash: string; client_hash: string };
    expect(row.email_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.client_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('example.org');
  });

  it('forgets requests older than a day when recording a new one', () => {
    consume('old@example.org', 'c', at(0));
    consume('recent@example.org', 'c', at(23 * 60));
    expect(rows()).toBe(2);
    consume('new@example.org', 'c', at(24 * 60 + 1));
    expect(rows()).toBe(2);
  });
});

describe('clientKeyFromHeaders', () => {
  const key = (init: Record<string, string>) => clientKeyFromHeaders(new Headers(init));

  it.each([
    ['the rightmost X-Forwarded-For entry (the hop our proxy added)', { 'x-forwarded-for': '10.0.0.1, 6.6.6.6 , 203.0.113.7' }, '203.0.113.7'],
    ['a single X-Forwarded-For entry', { 'x-forwarded-for': '203.0.113.7' }, '203.0.113.7'],
    ['X-Forwarded-For over X-Real-IP', { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '198.51.100.2' }, '203.0.113.7'],
    ['X-Real-IP when there is no X-Forwarded-For', { 'x-real-ip': ' 198.51.100.2 ' }, '198.51.100.2'],
    ['an empty X-Forwarded-For falls back to X-Real-IP', { 'x-forwarded-for': ' , ', 'x-real-ip': '198.51.100.2' }, '198.51.100.2'],
    ['an IPv4-mapped IPv6 address as IPv4', { 'x-forwarded-for': '::ffff:127.0.0.1' }, '127.0.0.1'],
    ['an IPv6 address as its /64', { 'x-forwarded-for': '2001:DB8:1:2:aaaa:bbbb:cccc:dddd' }, '2001:db8:1:2::/64'],
    ['a compressed IPv6 address as its /64', { 'x-forwarded-for': '2001:db8::1' }, '2001:db8:0:0::/64'],
    ['IPv6 with a long tail after ::', { 'x-forwarded-for': '::1:2:3:4:5:6' }, '0:0:1:2::/64'],
    ['IPv6 loopback', { 'x-forwarded-for': '::1' }, '0:0:0:0::/64'],
    ['nothing to go on', {}, 'unknown'],
  ])('uses %s', (_case, headers, expected) => {
    expect(key(headers)).toBe(expected);
  });

  it('gives one key to two addresses in the same IPv6 /64 and different keys across /64s', () => {
    expect(key({ 'x-forwarded-for': '2001:db8:1:2::a' })).toBe(key({ 'x-forwarded-for': '2001:db8:1:2:ffff::b' }));
    expect(key({ 'x-forwarded-for': '2001:db8:1:2::a' })).not.toBe(key({ 'x-forwarded-for': '2001:db8:1:3::a' }));
  });
});
