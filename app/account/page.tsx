// /account: who you are signed in as, what you may do, and your API tokens.
import type { Metadata } from 'next';
import Link from 'next/link';
import { auth } from '@/auth';
import { signOutAction } from '@/app/signin/actions';
import { CreateTokenForm, RevokeTokenButton } from '@/components/account/token-forms';
import styles from '@/components/ui/form.module.css';
import { db } from '@/db/client';
import { listMyTrials } from '@/lib/auth/admin';
import { requireActor } from '@/lib/auth/guard';
import { listApiTokens } from '@/lib/auth/tokens';
import { formatDateTime } from '@/lib/trials/format';
import { Notice } from '@/components/ui/notice';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/account');
  const session = await auth();
  const trials = listMyTrials(db(), actor);
  const tokens = listApiTokens(db(), actor);
  const { revoked, at } = await searchParams;
  const revokedToken = typeof revoked === 'string' ? tokens.find((t) => String(t.id) === revoked && t.revokedAt) : undefined;
  return (
    <>
      <h1>Your account</h1>
      {revokedToken ? (
        <Notice key={String(at)}>The token “{revokedToken.name}” is revoked: programs using it can no longer sign in as you.</Notice>
      ) : null}
      <p className="lead">
        Signed in as <strong>{session?.user?.email}</strong>
        {actor.role === 'admin' ? ', an admin of the tracker' : ''}.{' '}
        {trials.length ? (
          <>
            You coordinate {trials.length} trial{trials.length === 1 ? '' : 's'}: <Link href="/coordinate">My trials</Link>.
          </>
        ) : null}
      </p>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p>
          For your own tools: a token lets a program update your trials through <code>PATCH /api/trials/&#123;nctId&#125;</code> as you. See the README for how.
        </p>
        {tokens.length ? (
          <table className={styles.table}>
            <caption className="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
                  <td>{t.revokedAt ? `Revoked ${formatDateTime(t.revokedAt)}` : <RevokeTokenButton id={t.id} name={t.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>You have no tokens.</p>
        )}
        <h3>Create a token</h3>
        <CreateTokenForm />
      </section>

      <section aria-labelledby="signout-heading">
        <h2 id="signout-heading">Sign out</h2>
        <form action={signOutAction}>
          <button type="submit">Sign out on this device</button>
        </form>
      </section>
    </>
  );
}
