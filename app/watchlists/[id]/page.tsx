// /watchlists/[id]: one list's trials, latest change first, and (for its owner) sharing, feeds and e-mail.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/follow/action-form';
import { WatchlistTrials } from '@/components/follow/watchlist-trials';
import listStyles from '@/components/follow/watchlist.module.css';
import styles from '@/components/ui/form.module.css';
import { db } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { appUrl } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { listMyWatchlists } from '@/lib/watchlists/views';
import { getWatchlistView } from '@/lib/watchlists/views';
import { deleteWatchlistAction, updateWatchlistAction } from '../actions';

export const metadata: Metadata = { title: 'Watchlist' };

const CADENCES = [
  ['immediate', 'At once, one e-mail per change'],
  ['daily', 'A daily digest'],
  ['weekly', 'A weekly digest'],
  ['never', 'Never (inbox only)'],
] as const;

function load(actor: Awaited<ReturnType<typeof currentActor>>, id: number) {
  try {
    return getWatchlistView(db(), actor, { id });
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

export default async function WatchlistPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id: raw } = await params;
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) notFound();
  const actor = await currentActor();
  const view = load(actor, id);
  if (!view) notFound();
  const { saved } = await searchParams;
  const mine = actor ? listMyWatchlists(db(), actor).find((l) => l.id === id) : undefined;
  const hidden = <input type="hidden" name="watchlistId" value={id} />;
  return (
    <>
      <p>
        <Link href={actor ? '/watchlists' : '/lists'} className="action-link">
          ← {actor ? 'Your watchlists' : 'Public lists'}
        </Link>
      </p>
      <h1>{view.name}</h1>
      <p className="lead">
        {view.kind === 'search' ? (
          <>
            A saved search: its trials are whatever matches <Link href={`/trials?${view.searchQuery ?? ''}`}>this search</Link> now, and you hear when a trial comes to match.
          </>
        ) : (
          'Trials chosen one by one.'
        )}{' '}
        {view.isOwner ? null : `Curated by ${view.curator}.`}
      </p>
      {saved ? <p className={styles.success}>Search saved. You will hear when a trial comes to match it or a matching trial changes.</p> : null}

      <section aria-labelledby="trials-heading">
        <h2 id="trials-heading">Trials, latest change first</h2>
        <WatchlistTrials trials={view.trials} />
      </section>

      {actor && !view.isOwner ? (
        <section aria-labelledby="follow-heading">
          <h2 id="follow-heading">{view.subscribed ? 'You follow this list' : 'Follow this list'}</h2>
          <ActionForm action={updateWatchlistAction}>
            {hidden}
            <button type="submit" name="intent" value={view.subscribed ? 'unsubscribe' : 'subscribe'}>
              {view.subscribed ? 'Stop following' : 'Follow this list'}
            </button>
          </ActionForm>
        </section>
      ) : null}
      {!actor ? (
        <p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/watchlists/${id}`)}`}>Sign in</Link> to follow this list.
        </p>
      ) : null}

      {view.subscribed || view.isOwner ? (
        <section aria-labelledby="email-heading">
          <h2 id="email-heading">E-mail</h2>
          <ActionForm action={updateWatchlistAction} className={listStyles.settings}>
            {hidden}
            <fieldset className={styles.fieldset}>
              <legend className={styles.legend}>E-mail me about changes in this list</legend>
              <div className={styles.choices}>
                {CADENCES.map(([value, label]) => (
                  <label key={value} className={styles.choice}>
                    <input type="radio" name="cadence" value={value} defaultChecked={(view.cadence ?? 'immediate') === value} />
                    {label}
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <button type="submit" name="intent" value="cadence">
                Save e-mail choice
              </button>
            </div>
          </ActionForm>
        </section>
      ) : null}

      {mine?.isOwner ? (
        <>
          <section aria-labelledby="share-heading">
            <h2 id="share-heading">Who can see it</h2>
            <ActionForm action={updateWatchlistAction} className={listStyles.settings}>
              {hidden}
              <fieldset className={styles.fieldset}>
                <legend className={styles.legend}>This list is seen by</legend>
                <div className={styles.choices}>
                  {(
                    [
                      ['private', 'Only me'],
                      ['shared', 'Anyone with the link (read-only, for family)'],
                      ['public', 'Everyone: listed on Public lists (coordinators and admins)'],
                    ] as const
                  ).map(([value, label]) => (
                    <label key={value} className={styles.choice}>
                      <input type="radio" name="visibility" value={value} defaultChecked={view.visibility === value} />
                      {label}
                    </label>
                  ))}
                </div>
              </fieldset>
              <div>
                <button type="submit" name="intent" value="visibility">
                  Save who can see it
                </button>
              </div>
            </ActionForm>
            {view.visibility === 'shared' && mine.shareToken ? (
              <ActionForm action={updateWatchlistAction} className={listStyles.settings}>
                {hidden}
                <p>
                  Sharing link: <span className={listStyles.url}>{`${appUrl()}/watchlists/shared/${mine.shareToken}`}</span>
                </p>
                <div>
                  <button type="submit" name="intent" value="rotate-share" className={styles.secondary}>
                    Make a new sharing link (the old one stops working)
                  </button>
                </div>
              </ActionForm>
            ) : null}
          </section>

          <section aria-labelledby="feeds-heading">
            <h2 id="feeds-heading">Feeds and calendar</h2>
            <p>Private addresses: anyone who has one can read this list’s changes. Add them to a feed reader or a calendar.</p>
            <ul>
              <li>
                RSS: <a href={`/feeds/${mine.feedToken}/rss.xml`} className={listStyles.url}>{`${appUrl()}/feeds/${mine.feedToken}/rss.xml`}</a>
              </li>
              <li>
                Atom: <a href={`/feeds/${mine.feedToken}/atom.xml`} className={listStyles.url}>{`${appUrl()}/feeds/${mine.feedToken}/atom.xml`}</a>
              </li>
              <li>
                Calendar of expected milestones (iCalendar):{' '}
                <a href={`/feeds/${mine.feedToken}/calendar.ics`} className={listStyles.url}>{`${appUrl()}/feeds/${mine.feedToken}/calendar.ics`}</a>
              </li>
            </ul>
            <ActionForm action={updateWatchlistAction}>
              {hidden}
              <button type="submit" name="intent" value="rotate-feed" className={styles.secondary}>
                Make new feed addresses (the old ones stop working)
              </button>
            </ActionForm>
          </section>

          <section aria-labelledby="manage-heading">
            <h2 id="manage-heading">Rename or delete</h2>
            <ActionForm action={updateWatchlistAction} className={styles.form}>
              {hidden}
              <div className={styles.field}>
                <label htmlFor="rename" className={styles.label}>
                  Name
                </label>
                <input id="rename" name="name" defaultValue={view.name} maxLength={80} className={styles.input} size={32} />
              </div>
              <div>
                <button type="submit" name="intent" value="rename">
                  Rename
                </button>
              </div>
            </ActionForm>
            <ActionForm action={deleteWatchlistAction}>
              {hidden}
              <button type="submit" className={styles.danger}>
                Delete this list
              </button>
            </ActionForm>
          </section>
        </>
      ) : null}
    </>
  );
}
