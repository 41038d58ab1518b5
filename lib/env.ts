// Configuration, parsed once from the environment with defaults that make `npm start` work on a
// fresh machine. A wrong value stops the process with the variable's name and the reason.
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default(path.join(process.cwd(), 'data', 'als-trials.sqlite')),
  /** Milliseconds a writer waits for a lock before SQLITE_BUSY. */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  CTGOV_API_URL: z.url().default('https://clinicaltrials.gov/api/v2'),
  /** Seed the curated trials when the server starts (idempotent). */
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** The address people reach the app at; sign-in links point here. */
  AUTH_URL: z.url().optional(),
  /** Signs session cookies and hashes e-mail tokens. `npm start` makes one for a local machine. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 33)').optional(),
  /** Outgoing mail, e.g. smtps://user:password@smtp.example.org:465. Unset on a local machine: the mail catcher is used. */
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('ALS Trial Tracker <no-reply@localhost>'),
  /** Where the local mail catcher listens (only when SMTP_URL is unset and the app is local). */
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(1025),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).default(1080),
  /** Sign-in e-mails allowed per hour: to one address, from one client, and in all. */
  SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(5),
  SIGN_IN_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).default(20),
  SIGN_IN_LIMIT_TOTAL: z.coerce.number().int().min(1).default(500),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** True when the app is served to this machine only (localhost): the only place the mail catcher may run. */
export function isLocalUrl(url: string | undefined): boolean {
  // A production server with no AUTH_URL is not assumed local: it gets no mail catcher and no made-up secret.
  if (!url) return process.env.NODE_ENV !== 'production';
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

/** Where people reach the app (no trailing slash): links in e-mails, feeds and sharing point here. */
export function appUrl(): string {
  return (env().AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/** Forget the parsed configuration (tests that change process.env). */
export function resetEnv(): void {
  cached = undefined;
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}
