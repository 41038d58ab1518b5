// /inbox: what changed in the trials you follow, newest first, with what is new marked in words.
import type { Metadata } from 'next';
import Link from 'next/link';
import { MarkAllReadButton } from '@/components/follow/mark-read-button';
import { db } from '@/db/client';
import { requireActor } from '@/lib/auth/guard';
import { listInbox } from '@/lib/notifications/inbox';
import { formatDateTime } from '@/lib/trials/format';
import styles from './inbox.module.css';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/inbox');
  const { page } = await searchParams;
  // Any page number from the address is clamped to a whole page, never an error page.
  const wanted = Math.trunc(Number(typeof page === 'string' ? page : 1));
  const inbox = listInbox(db(), actor, { page: Number.isSafeInteger(wanted) && wanted >= 1 ? Math.min(wanted, 100_000) : 1 });
  return (
    <>
      <h1>Inbox</h1>
      <p className="lead">
        {inbox.unread ? `${inbox.unread} new` : 'Nothing new'} · changes to the trials you watch and the lists you follow. Choose e-mail, feeds and
        calendars on <Link href="/watchlists">your watchlists</Link>.
      </p>
      <MarkAllReadButton disabled={inbox.unread === 0} />
      {inbox.items.length === 0 ? (
        <p>
          No news yet. <Link href="/trials">Find trials</Link> to watch, or follow a <Link href="/lists">public list</Link>.
        </p>
      ) : (
        <ol className={styles.list}>
          {inbox.items.map((n) => (
            <li key={n.id} className={n.readAt ? styles.item : `${styles.item} ${styles.unread}`}>
              {n.readAt ? null : <strong className={styles.new}>New: </strong>}
              <Link href={`/trials/${n.trial.nctId}`}>{n.trial.acronym ?? n.trial.briefTitle}</Link> — {n.text}
              {n.reason ? <> Reason given: “{n.reason}”.</> : null}
              <span className={styles.meta}>
                {' '}
                {formatDateTime(n.createdAt)}
                {n.watchlistName ? ` · via “${n.watchlistName}”` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
      {inbox.pageCount > 1 ? (
        <nav aria-label="Inbox pages" className={styles.pages}>
          {inbox.page > 1 ? <Link href={`/inbox?page=${inbox.page - 1}`}>Newer</Link> : null}
          <span>
            Page {inbox.page} of {inbox.pageCount}
          </span>
          {inbox.page < inbox.pageCount ? <Link href={`/inbox?page=${inbox.page + 1}`}>Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
