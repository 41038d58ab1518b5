// /watchlists/shared/[token]: a list shared by link, read-only (for family members), and a way to follow it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/follow/action-form';
import { WatchlistTrials } from '@/components/follow/watchlist-trials';
import { db } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { getWatchlistView } from '@/lib/watchlists/views';
import { subscribeByShareTokenAction } from '../../actions';

export const metadata: Metadata = { title: 'Shared watchlist', referrer: 'no-referrer' };

export default async function SharedWatchlistPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await currentActor();
  let view;
  try {
    view = getWatchlistView(db(), actor, { shareToken: token });
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  }
  return (
    <>
      <h1>{view.name}</h1>
      <p className="lead">A list shared with you by {view.curator}. It is read-only.</p>
      <section aria-labelledby="trials-heading">
        <h2 id="trials-heading">Trials, latest change first</h2>
        <WatchlistTrials trials={view.trials} />
      </section>
      {actor ? (
        view.isOwner ? (
          <p>This is your list.</p>
        ) : (
          // The form stays after following, so its confirmation is shown (and focused) where the button was.
          <ActionForm action={subscribeByShareTokenAction} label="Follow this list">
            <input type="hidden" name="shareToken" value={token} />
            {view.subscribed ? <p>You follow this list: its changes come to your <Link href="/inbox">inbox</Link>.</p> : <button type="submit">Follow this list</button>}
          </ActionForm>
        )
      ) : (
        <p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/watchlists/shared/${token}`)}`}>Sign in</Link> to follow this list and hear when its trials change.
        </p>
      )}
    </>
  );
}
