'use client';
// The unread count's polling for the header's Inbox link: every 15 seconds and on window focus. Shares the
// tab's query cache, so "Mark all as read" and a new watch update the count at once. Renders nothing.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FollowQueries, UNREAD_KEY } from './query-client';

type Props = { initialUnread: number; onCount: (unread: number) => void };

async function fetchUnread(): Promise<number> {
  const response = await fetch('/api/notifications', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`unread count: ${response.status}`);
  return ((await response.json()) as { unread: number }).unread;
}

export function UnreadCount(props: Props) {
  return (
    <FollowQueries>
      <Poll {...props} />
    </FollowQueries>
  );
}

function Poll({ initialUnread, onCount }: Props) {
  const { data } = useQuery({ queryKey: UNREAD_KEY, queryFn: fetchUnread, initialData: initialUnread, refetchInterval: 15_000, refetchOnWindowFocus: true });
  useEffect(() => {
    onCount(data);
  }, [data, onCount]);
  return null;
}
