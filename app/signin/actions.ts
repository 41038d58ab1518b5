'use server';
// Sign-in: ask for a link by e-mail. The rate limit is checked here, to answer in words on the form, and
// enforced again where the e-mail is sent (auth.ts), since Auth.js's own endpoint can be called directly.
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { signIn, signOut } from '@/auth';
import { db } from '@/db/client';
import { emailSchema } from '@/lib/auth/admin';
import { clientKeyFromHeaders, peekSignInAllowance } from '@/lib/auth/rate-limit';
import { safeCallbackPath } from '@/lib/auth/redirects';

export type SignInState = { email?: string; fieldError?: string; message?: string };

export async function requestSignInLink(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const raw = String(formData.get('email') ?? '');
  const parsed = z.object({ email: emailSchema }).safeParse({ email: raw });
  if (!parsed.success) return { email: raw, fieldError: parsed.error.issues[0]?.message ?? 'must be an e-mail address' };
  const { email } = parsed.data;
  const allowance = peekSignInAllowance(db(), { email, client: clientKeyFromHeaders(await headers()) });
  if (!allowance.ok) return { email: raw, message: allowance.message };
  try {
    await signIn('nodemailer', { email, redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
  } catch (error) {
    unstable_rethrow(error); // the redirect to "check your e-mail" is how success ends
    if (error instanceof AuthError) {
      console.error('Sign-in e-mail not sent:', error.cause ?? error.message);
      return { email: raw, message: 'We could not send the sign-in e-mail just now. Nothing is wrong with your address; please try again in a few minutes.' };
    }
    throw error;
  }
  return { email: raw };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
