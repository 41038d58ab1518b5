// /signin/error: Auth.js sends people here when a sign-in fails; say what happened and what to do.
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Sign-in problem' };

const MESSAGES: Record<string, string> = {
  Verification: 'That sign-in link has expired or has already been used. Each link works once, for one hour.',
  AccessDenied: 'That account may not sign in.',
  Configuration: 'Sign-in is not working on this server right now. Please try again later.',
  EmailSignin: 'We could not send the sign-in e-mail. You may have asked for several links in a short time; please wait and try again.',
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error } = await searchParams;
  const message = (typeof error === 'string' && MESSAGES[error]) || 'Signing in did not work.';
  return (
    <>
      <h1>Sign-in problem</h1>
      <p className="lead">{message}</p>
      <p>
        <Link href="/signin" className="action-link">
          Ask for a new sign-in link
        </Link>
      </p>
    </>
  );
}
