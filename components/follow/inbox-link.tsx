'use client';
// "Inbox (3)" in the header: the unread count, refreshed every 15 seconds and whenever the tab regains
// focus, so news shows up without a reload. The count is part of the link's name, not colour alone.
// The count is in the server's HTML; the polling (React Query) is not needed for the first paint, so it loads
// once the page has hydrated and reports each new count here. The link is never replaced, so focus stays on it.
import Link from 'next/link';
import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import styles from './follow.module.css';

const UnreadCount = lazy(() => import('./unread-count').then((m) => ({ default: m.UnreadCount })));
const noSubscription = () => () => {};

export function InboxLink({ initialUnread }: { initialUnread: number }) {
  const [live, setLive] = useState<number | null>(null);
  // false in the server's HTML and while hydrating, true after: the polling never delays hydration.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const unread = live ?? initialUnread;
  return (
    <>
      <Link href="/inbox" aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox, nothing unread'}>
        Inbox
        {unread ? (
          <span className={styles.badge} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </Link>
      {hydrated ? (
        <Suspense fallback={null}>
          <UnreadCount initialUnread={initialUnread} onCount={setLive} />
        </Suspense>
      ) : null}
    </>
  );
}
