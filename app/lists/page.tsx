// /lists: public lists curated by coordinators and admins (e.g. "All SOD1 trials"), to read or follow.
import type { Metadata } from 'next';
import Link from 'next/link';
import listStyles from '@/components/follow/watchlist.module.css';
import { db } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { listPublicWatchlists } from '@/lib/watchlists/views';

export const metadata: Metadata = { title: 'Public lists' };

export default async function PublicListsPage() {
  const actor = await currentActor();
  const lists = listPublicWatchlists(db(), actor);
  return (
    <>
      <h1>Public lists</h1>
      <p className="lead">Lists of trials kept by the tracker’s coordinators and admins. Open one to read it; sign in to follow it and hear about changes.</p>
      {lists.length === 0 ? (
        <p>There are no public lists yet.</p>
      ) : (
        <ul className={listStyles.lists}>
          {lists.map((l) => (
            <li key={l.id}>
              <Link href={`/watchlists/${l.id}`}>{l.name}</Link> — {l.trialCount} trial{l.trialCount === 1 ? '' : 's'}
              {l.kind === 'search' ? ' matching now' : ''} · by {l.curator}
              {l.subscribed ? ' · you follow it' : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
