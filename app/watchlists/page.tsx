// /watchlists: your lists and the lists you follow, and a new list.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/follow/action-form';
import listStyles from '@/components/follow/watchlist.module.css';
import styles from '@/components/ui/form.module.css';
import { Notice } from '@/components/ui/notice';
import { db } from '@/db/client';
import { requireActor } from '@/lib/auth/guard';
import { listMyWatchlists } from '@/lib/watchlists/views';
import { createWatchlistAction } from './actions';

export const metadata: Metadata = { title: 'Your watchlists' };

const CADENCE = { immediate: 'e-mail at once', daily: 'daily e-mail digest', weekly: 'weekly e-mail digest', never: 'no e-mail' } as Record<string, string>;
const VISIBILITY = { private: 'only you', shared: 'anyone with the link', public: 'everyone (listed)' } as Record<string, string>;

export default async function WatchlistsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/watchlists');
  const lists = listMyWatchlists(db(), actor);
  const { deleted, left } = await searchParams;
  return (
    <>
      <h1>Your watchlists</h1>
      {deleted ? <Notice>The list is deleted.</Notice> : left ? <Notice>You no longer follow that list.</Notice> : null}
      <p className="lead">
        Watch a trial with its Watch button, save a search on <Link href="/trials">Find trials</Link>, or follow a <Link href="/lists">public list</Link>. Changes
        arrive in your <Link href="/inbox">inbox</Link>, and by e-mail, feed or calendar as you choose per list.
      </p>
      {lists.length === 0 ? (
        <p>You have no watchlists yet.</p>
      ) : (
        <ul className={listStyles.lists}>
          {lists.map((l) => (
            <li key={l.id}>
              <Link href={`/watchlists/${l.id}`}>{l.name}</Link> — {l.kind === 'search' ? 'saved search' : `${l.trialCount} trial${l.trialCount === 1 ? '' : 's'}`}
              {l.kind === 'search' ? ` (${l.trialCount} matching now)` : ''} · {l.isOwner ? `seen by ${VISIBILITY[l.visibility] ?? l.visibility}` : 'you follow it'} ·{' '}
              {CADENCE[l.cadence ?? 'never'] ?? l.cadence}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-list">
        <h2 id="new-list">Make a list</h2>
        <ActionForm action={createWatchlistAction} className={styles.form}>
          <div className={styles.field}>
            <label htmlFor="new-list-name" className={styles.label}>
              Name of the list
            </label>
            <input id="new-list-name" name="name" className={styles.input} maxLength={80} required size={32} />
          </div>
          <div>
            <button type="submit">Make the list</button>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
