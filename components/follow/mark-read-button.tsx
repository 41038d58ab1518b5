'use client';
// "Mark all as read": updates the header's unread count at once and refreshes the list.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FollowQueries, UNREAD_KEY } from './query-client';

export function MarkAllReadButton({ disabled }: { disabled: boolean }) {
  return (
    <FollowQueries>
      <MarkAllRead disabled={disabled} />
    </FollowQueries>
  );
}

function MarkAllRead({ disabled }: { disabled: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [message, setMessage] = useState('');
  const mutation = useMutation({
    mutationFn: async () => {
      const response = await fetch('/api/notifications', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ all: true }) });
      if (!response.ok) throw new Error('Could not mark them as read. Please try again.');
      return ((await response.json()) as { unread: number }).unread;
    },
    onSuccess: (unread) => {
      queryClient.setQueryData(UNREAD_KEY, unread);
      setMessage('All marked as read.');
      router.refresh();
    },
    onError: (e) => setMessage(e instanceof Error ? e.message : String(e)),
  });
  return (
    <p>
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus while the request runs. */}
      <button type="button" onClick={() => !disabled && !mutation.isPending && mutation.mutate()} aria-disabled={disabled || mutation.isPending}>
        Mark all as read
      </button>{' '}
      <span role="status">{message}</span>
    </p>
  );
}
