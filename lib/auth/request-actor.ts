// Who is asking, for route handlers: a personal API token (Authorization: Bearer) or the Auth.js
// database-session cookie, looked up directly so handlers stay plain functions of a Request (testable
// without next-auth's request context). Authorisation itself stays with the data functions.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from './permissions';
import { actorFromApiToken } from './tokens';

/** Auth.js's cookie names: the `__Secure-` one over https, the plain one over http. */
export const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function cookieValues(header: string | null, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      values.push(decodeURIComponent(raw));
    } catch {
      values.push(raw);
    }
  }
  return values;
}

function actorFromSession(database: Db, sessionToken: string, now: Date): Actor | null {
  const row = database
    .select({ userId: users.id, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sessionToken), gt(sessions.expires, now)))
    .get();
  return row ?? null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // e.g. `Origin: null` from a sandboxed frame or a privacy-sensitive redirect
  }
}

/**
 * Refuses a cookie-authenticated write sent from another site (CSRF). Browsers send Origin on every
 * non-GET request; tools that send none are not browsers and carry no ambient cookie risk.
 */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin === null) return;
  // Behind a reverse proxy the public host arrives as X-Forwarded-Host; a cross-site page cannot set
  // that header without a CORS preflight, which this app never grants.
  const accepted = [request.headers.get('x-forwarded-host')?.split(',')[0], request.headers.get('host'), new URL(request.url).host]
    .filter((h): h is string => !!h)
    .map((h) => h.trim().toLowerCase());
  const host = hostOf(origin);
  if (host && accepted.includes(host)) return;
  throw new AppError('forbidden:origin', 'This request came from another website, so it was refused. Use the tracker’s own pages, or an API token.');
}

/**
 * The actor behind a request, or null for nobody. A bearer token that is present but not valid is an
 * error (401), not anonymity: a tool with a revoked token must hear so rather than be treated as a visitor.
 */
export function actorFromRequest(database: Db, request: Request, now = new Date()): Actor | null {
  const authorization = request.headers.get('authorization');
  const bearer = authorization?.match(/^\s*Bearer(?:\s+(.*))?$/i);
  if (bearer) {
    const actor = actorFromApiToken(database, (bearer[1] ?? '').trim(), now);
    if (!actor) throw new AppError('unauthorized:token', 'This API token is not valid or was revoked.');
    return actor;
  }
  // Other schemes (e.g. Basic from a password-protected proxy in front of the app) are not ours to read.
  const cookie = request.headers.get('cookie');
  // Over https only the __Secure- cookie counts: a plain-named one could have been planted by a sibling site.
  const names = process.env.AUTH_URL?.startsWith('https:') ? SESSION_COOKIE_NAMES.slice(0, 1) : SESSION_COOKIE_NAMES;
  for (const name of names) {
    for (const token of cookieValues(cookie, name)) {
      const actor = actorFromSession(database, token, now);
      if (!actor) continue;
      if (!SAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request);
      return actor;
    }
  }
  return null;
}
