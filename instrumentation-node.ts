// The Node.js half of instrumentation.ts, in its own module so the Edge build never sees Node APIs.
// Brings the database up to date before the first request, seeds if asked, and starts the local mail
// catcher when no SMTP server is configured on a local machine.
export async function registerNode(): Promise<void> {
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
  // The delivery worker sends what the outbox holds; `npm run worker` can run more beside it (claims are atomic).
  const state = globalThis as unknown as { __alsDeliveryWorker?: unknown };
  if (process.env.DELIVERY_WORKER !== 'false' && !state.__alsDeliveryWorker) {
    state.__alsDeliveryWorker = (await import('./lib/notifications/worker')).startDeliveryWorker();
  }
}

/**
 * With no SMTP_URL on a local machine, e-mail goes to a mail catcher started here, and the log says where
 * to read it. Never beyond localhost: a public deployment without SMTP_URL is told it cannot send mail.
 */
async function startLocalMail(): Promise<void> {
  const { env, isLocalUrl } = await import('./lib/env');
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
