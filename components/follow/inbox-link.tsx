'use client';
// "Inbox (3)" in the header: the unread count, refreshed every 15 seconds and whenever the tab regains
// focus, so news shows up without a reload. The count is part of the link's name, not colour alone.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import styles from './follow.module.css';

export const UNREAD_KEY = ['inbox', 'unread'] as const;

async function fetchUnread(): Promise<number> {
  const response = await fetch('/api/notifications', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`unread count: ${response.status}`);
  return ((await response.json()) as { unread: number }).unread;
}

export function InboxLink({ initialUnread }: { initialUnread: number }) {
  const { data: unread = initialUnread } = useQuery({ queryKey: UNREAD_KEY, queryFn: fetchUnread, initialData: initialUnread, refetchInterval: 15_000, refetchOnWindowFocus: true });
  return (
    <Link href="/inbox" aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox, nothing unread'}>
      Inbox
      {unread ? (
        <span className={styles.badge} aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
