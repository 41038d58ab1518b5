// npm run mail:catcher: the local mail catcher on its own, on MAIL_CATCHER_SMTP_PORT and
// MAIL_CATCHER_HTTP_PORT (for `next dev` in another terminal, or to keep mail across app restarts).
import { env } from '../lib/env';
import { startMailCatcher, type MailCatcher } from '../lib/mail/catcher';

async function main(): Promise<void> {
  const e = env();
  let catcher: MailCatcher;
  try {
    catcher = await startMailCatcher({ smtpPort: e.MAIL_CATCHER_SMTP_PORT, httpPort: e.MAIL_CATCHER_HTTP_PORT });
  } catch (error) {
    const code = (error as { code?: string }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `mail:catcher: port ${e.MAIL_CATCHER_SMTP_PORT} or ${e.MAIL_CATCHER_HTTP_PORT} is in use (is a catcher or the app already running?). Set MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT to use others.`
        : `mail:catcher: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`Mail catcher: SMTP on localhost:${catcher.smtpPort}, read mail at http://localhost:${catcher.httpPort}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while closing means "now".
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`Mail catcher: stopping (${signal}).`);
    catcher.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('mail:catcher: could not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('mail:catcher:', error);
  process.exitCode = 1;
});
