// /signin: ask for a sign-in link by e-mail. Signing in is for coordinators, admins and people who
// want to follow trials; reading trials never needs it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { auth } from '@/auth';
import { SignInForm } from '@/components/account/sign-in-form';
import { safeCallbackPath } from '@/lib/auth/redirects';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const session = await auth();
  return (
    <>
      <h1>Sign in</h1>
      {session?.user ? (
        <p>
          You are signed in. <Link href={callbackUrl}>Continue</Link> or go to <Link href="/account">your account</Link>.
        </p>
      ) : (
        <>
          <p className="lead">You do not need an account to read about trials. Sign in to update a trial you coordinate, or to manage the tracker.</p>
          <SignInForm callbackUrl={callbackUrl} />
        </>
      )}
    </>
  );
}
