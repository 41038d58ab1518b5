// /signin/check-email: where Auth.js sends people after the sign-in e-mail went out.
import type { Metadata } from 'next';
import Link from 'next/link';
import { SIGN_IN_LINK_MAX_AGE_SECONDS } from '@/auth';
import { env, isLocalUrl } from '@/lib/env';

export const metadata: Metadata = { title: 'Check your e-mail' };
export const dynamic = 'force-dynamic';

export default function CheckEmailPage() {
  const e = env();
  // Only on a machine with no mail server configured, where the app itself started the catcher.
  const catcher = !e.SMTP_URL && isLocalUrl(process.env.AUTH_URL) ? `http://localhost:${e.MAIL_CATCHER_HTTP_PORT}` : null;
  return (
    <>
      <h1>Check your e-mail</h1>
      <p className="lead">If the address can receive e-mail, a sign-in link is on its way.</p>
      <ul>
        <li>Open the link in the e-mail to sign in. It works once, for {SIGN_IN_LINK_MAX_AGE_SECONDS / 60} minutes.</li>
        <li>Nothing after a few minutes? Look in your spam or junk folder.</li>
        <li>
          Still nothing? <Link href="/signin">Ask for a new link</Link>.
        </li>
      </ul>
      {catcher ? (
        <p>
          This copy of the tracker has no mail server configured, so its e-mail is kept on this machine: read it at{' '}
          <a href={catcher}>{catcher}</a>.
        </p>
      ) : null}
    </>
  );
}
