// Runs once when a Next.js server starts: bring the database up to date before the first request, so a
// bare `next start` (or `next dev`) works on an empty DATABASE_PATH. Never during `next build`, which
// also loads this file but must not open the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const [{ db }, { migrateDatabase }, { env }] = await Promise.all([
      import('./db/client'),
      import('./db/migrate'),
      import('./lib/env'),
    ]);
    const database = db();
    migrateDatabase(database);
    if (env().SEED_ON_START) {
      const { seedCuratedTrials } = await import('./db/seed');
      const summary = await seedCuratedTrials(database);
      if (summary.failed > 0) {
        console.warn(`Seeding: ${summary.failed} curated trial(s) failed to import:`, summary.errors);
      }
    }
    await startLocalMail();
  }
}

/**
 * With no SMTP_URL on a local machine, e-mail goes to a mail catcher started here, and the log says where
 * to read it. Never beyond localhost: a public deployment without SMTP_URL is told it cannot send mail.
 */
async function startLocalMail(): Promise<void> {
  const [{ env, isLocalUrl }] = await Promise.all([import('./lib/env')]);
  const e = env();
  if (e.SMTP_URL) return;
  if (!isLocalUrl(process.env.AUTH_URL)) {
    console.error('Mail: SMTP_URL is not set, so sign-in links cannot be sent. Set SMTP_URL (see README, Configuration).');
    return;
  }
  const state = globalThis as unknown as { __alsMailCatcher?: boolean };
  if (state.__alsMailCatcher) return;
  state.__alsMailCatcher = true;
  const { startMailCatcher } = await import('./lib/mail/catcher');
  const where = `http://localhost:${e.MAIL_CATCHER_HTTP_PORT}`;
  try {
    await startMailCatcher({ smtpPort: e.MAIL_CATCHER_SMTP_PORT, httpPort: e.MAIL_CATCHER_HTTP_PORT });
    console.log(`Mail: no SMTP_URL is set, so e-mail (sign-in links too) goes to a local mail catcher. Read it at ${where}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') console.log(`Mail: a mail catcher is already running on port ${e.MAIL_CATCHER_SMTP_PORT}; read mail at ${where}`);
    else console.error('Mail: could not start the local mail catcher:', error);
  }
}
