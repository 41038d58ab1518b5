// /signin/confirm: where the link in a sign-in e-mail lands. One button finishes signing in, so a mail
// scanner that opens links before the person does cannot use the one-time link up.
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Finish signing in', referrer: 'no-referrer' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = first(params.token);
  const email = first(params.email);
  const callbackUrl = first(params.callbackUrl);
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(token) || !email.includes('@')) {
    return (
      <>
        <h1>This sign-in link is incomplete</h1>
        <p className="lead">
          Part of the link may have been cut off by your e-mail program. <Link href="/signin">Ask for a new link</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Finish signing in</h1>
      <p className="lead">
        Sign in to the ALS Trial Tracker as <strong>{email}</strong>.
      </p>
      {/* A plain form to Auth.js's callback: works without JavaScript. */}
      <form method="get" action="/api/auth/callback/nodemailer">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <button type="submit">Sign in</button>
      </form>
      <p>
        Not you, or did not ask to sign in? Close this page; nothing happens unless you press the button.
      </p>
    </>
  );
}
