// How many sign-in e-mails may go out: per address, per client and in all, over a rolling hour. Kept in
// SQLite so the limits survive a restart and hold across processes. Addresses and clients are stored only
// as SHA-256 hashes (with a fixed prefix, not a secret salt): the table says how often, never to whom.
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { and, asc, count, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { signInRequests, users } from '@/db/schema';
import { env } from '@/lib/env';

const WINDOW_MS = 60 * 60 * 1000;
/** Rows older than the window never count; a day of them is kept to look into abuse after the fact. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const HASH_PREFIX = 'als-trial-tracker/sign-in-limit/v1';

export type SignInRequest = { email: string; client: string; now?: Date };
export type LimitReason = 'address' | 'client' | 'total';
export type SignInAllowance = { ok: true } | { ok: false; reason: LimitReason; retryAfterSeconds: number; message: string };

const hash = (kind: 'email' | 'client', value: string) => createHash('sha256').update(`${HASH_PREFIX}:${kind}:${value}`).digest('hex');
const keys = ({ email, client }: SignInRequest) => ({ emailHash: hash('email', email.trim().toLowerCase()), clientHash: hash('client', client) });

/** Whether one more sign-in e-mail may be sent now. Records nothing: for answering on the form. */
export function peekSignInAllowance(database: Db, request: SignInRequest): SignInAllowance {
  const { emailHash, clientHash } = keys(request);
  return check(database, emailHash, clientHash, (request.now ?? new Date()).getTime(), hasAccount(database, request.email));
}

/**
 * People who already have an account are exempt from the total limit: a flood of sign-in requests for
 * made-up addresses must not lock coordinators and admins out (the address and client limits still apply).
 */
function hasAccount(database: DbOrTx, email: string): boolean {
  return !!database.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/**
 * Checks and, when allowed, records one sign-in e-mail. The check and the insert share one IMMEDIATE
 * transaction, so two processes cannot both take the last place. A refusal records nothing.
 */
export function consumeSignInAllowance(database: Db, request: SignInRequest): SignInAllowance {
  const { emailHash, clientHash } = keys(request);
  const at = (request.now ?? new Date()).getTime();
  return database.transaction(
    (tx) => {
      const allowance = check(tx, emailHash, clientHash, at, hasAccount(tx, request.email));
      if (!allowance.ok) return allowance;
      tx.delete(signInRequests).where(lt(signInRequests.at, at - KEEP_MS)).run();
      tx.insert(signInRequests).values({ emailHash, clientHash, at }).run();
      return allowance;
    },
    { behavior: 'immediate' },
  );
}

function check(database: DbOrTx, emailHash: string, clientHash: string, now: number, knownAccount: boolean): SignInAllowance {
  const e = env();
  const limits: [LimitReason, number, SQL | undefined][] = [
    ['address', e.SIGN_IN_LIMIT_PER_ADDRESS, eq(signInRequests.emailHash, emailHash)],
    ['client', e.SIGN_IN_LIMIT_PER_CLIENT, eq(signInRequests.clientHash, clientHash)],
  ];
  if (!knownAccount) limits.push(['total', e.SIGN_IN_LIMIT_TOTAL, undefined]);
  for (const [reason, limit, which] of limits) {
    const inWindow = and(gt(signInRequests.at, now - WINDOW_MS), which);
    const sent = database.select({ n: count() }).from(signInRequests).where(inWindow).get()?.n ?? 0;
    if (sent < limit) continue;
    // The request whose leaving brings the count below the limit: the oldest, unless the limit was lowered.
    const freeing = database
      .select({ at: signInRequests.at })
      .from(signInRequests)
      .where(inWindow)
      .orderBy(asc(signInRequests.at))
      .limit(1)
      .offset(sent - limit)
      .get();
    const retryAfterSeconds = Math.max(1, Math.ceil(((freeing?.at ?? now) + WINDOW_MS - now) / 1000));
    return { ok: false, reason, retryAfterSeconds, message: refusal(reason, limit, retryAfterSeconds) };
  }
  return { ok: true };
}

/** In plain words, naming the limit; never the address, which may not be the reader's own. */
function refusal(reason: LimitReason, limit: number, retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = minutes >= 60 ? 'an hour' : minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const links = `${limit} sign-in link${limit === 1 ? '' : 's'}`;
  switch (reason) {
    case 'address':
      return `We have sent ${links} to this address in the last hour. Use the newest one, or try again in ${wait}.`;
    case 'client':
      return `We have sent ${links} from this device or network in the last hour. Please try again in ${wait}.`;
    case 'total':
      return `We are sending a lot of sign-in e-mails just now (${limit} in the last hour), so new ones are paused. Please try again in ${wait}.`;
  }
}

/**
 * The client a request comes from, as a rate-limit key. Trust assumption: at most one reverse proxy in front,
 * appending the connecting address to X-Forwarded-For; with none, Next.js sets it from the socket only if the
 * client sent none. So only the rightmost entry is ours; those left of it are the client's claims. Without a
 * proxy a client sending its own header picks its key (the address and total limits still hold); behind two
 * proxies every client would share the inner proxy's key.
 */
export function clientKeyFromHeaders(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  const ip = forwarded ?? headers.get('x-real-ip')?.trim();
  return ip ? normaliseIp(ip) : 'unknown';
}

/** One key per IPv4 address and per IPv6 /64: one household usually holds a whole /64 to rotate through. */
function normaliseIp(raw: string): string {
  const ip = raw.toLowerCase().replace(/^\[(.*)\]$/, '$1').split('%')[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  // An embedded IPv4 tail is two groups, in the last 32 bits: its value never reaches the /64 prefix.
  const right = tail ? tail.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  // "::" stands for as many zero groups as make eight.
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
