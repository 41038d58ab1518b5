// Auth.js: sign-in by an e-mailed link (Nodemailer provider over SMTP), database sessions through the
// Drizzle adapter on the tracker's own tables. The config is built per request, so `next build` never
// opens the database and the role on a session is read fresh each time (an admin removed is removed now).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Nodemailer from 'next-auth/providers/nodemailer';
import { cache } from 'react';
import { db } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { emailSchema } from '@/lib/auth/admin';
import { clientKeyFromHeaders, consumeSignInAllowance } from '@/lib/auth/rate-limit';
import { env, isLocalUrl } from '@/lib/env';
import { sendMail } from '@/lib/mail/transport';
import { signInEmail } from '@/lib/mail/sign-in-email';

/** Sign-in links work for one hour: long enough to switch devices, short enough to not linger in an inbox. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 60 * 60;

/**
 * AUTH_SECRET from the environment; on a local machine without one, a random secret kept beside the
 * database (so sessions survive restarts). A public deployment without AUTH_SECRET refuses to start.
 */
let secret: string | undefined;

function authSecret(): string {
  secret ??= readOrMakeSecret();
  return secret;
}

function readOrMakeSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  if (!isLocalUrl(process.env.AUTH_URL)) throw new Error('AUTH_SECRET must be set when the app is served beyond localhost.');
  const file = path.join(path.dirname(path.resolve(env().DATABASE_PATH === ':memory:' ? 'data/x' : env().DATABASE_PATH)), '.auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(33).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  const stored = fs.readFileSync(file, 'utf8').trim();
  if (stored.length < 32) throw new Error(`${file} holds no usable secret: delete it to have a new one made, or set AUTH_SECRET.`);
  return stored;
}

/** The link in the e-mail opens a page with a button, not the sign-in itself: mail scanners that open links ahead of people would otherwise use it up. */
function confirmationLink(callbackUrl: string): string {
  const callback = new URL(callbackUrl);
  const confirm = new URL('/signin/confirm', callback.origin);
  confirm.search = callback.search;
  return confirm.toString();
}

function config(): NextAuthConfig {
  const e = env();
  return {
    secret: authSecret(),
    // No trustHost here: Auth.js trusts the host only when AUTH_URL is set (npm start always sets it), so a
    // forged Host header can never put another site's address in a sign-in e-mail.
    adapter: DrizzleAdapter(db(), { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
    session: { strategy: 'database' },
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin/error' },
    providers: [
      Nodemailer({
        // The provider insists on a server; sending goes through lib/mail (SMTP_URL or the local catcher).
        server: e.SMTP_URL ?? `smtp://127.0.0.1:${e.MAIL_CATCHER_SMTP_PORT}`,
        from: e.MAIL_FROM,
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        // The same strict reading as the sign-in form: Auth.js's endpoint can be called directly, and its own
        // normaliser lets variants through (commas in the local part) that would dodge the per-address limit.
        normalizeIdentifier(identifier) {
          const parsed = emailSchema.safeParse(identifier);
          if (!parsed.success) throw new Error('Not an e-mail address.');
          return parsed.data;
        },
        async sendVerificationRequest({ identifier, url, expires, request }) {
          // Also enforced here, not only in the sign-in form: Auth.js's own endpoint can be called directly.
          const allowance = consumeSignInAllowance(db(), { email: identifier, client: clientKeyFromHeaders(request.headers) });
          if (!allowance.ok) throw new Error(allowance.message);
          const link = confirmationLink(url);
          await sendMail({ to: identifier, ...signInEmail({ url: link, host: new URL(link).host, expires }) });
        },
      }),
    ],
    callbacks: {
      session({ session, user }) {
        const role = (user as { role?: string }).role === 'admin' ? 'admin' : 'member';
        return { ...session, user: { ...session.user, id: user.id, role } };
      },
    },
  };
}

const nextAuth = NextAuth(() => config());

export const { handlers, signIn, signOut } = nextAuth;
/** The session for this request, read once per render however many components ask. */
export const auth = cache(() => nextAuth.auth());
