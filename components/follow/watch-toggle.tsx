'use client';
// The Watch button for a signed-in person. Optimistic (the button changes at once); if the server refuses,
// it changes back and says why, next to the button. A toggle button (aria-pressed), 44 px.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import styles from './follow.module.css';
import { FollowQueries } from './query-client';

type Props = { nctId: string; title: string; initialWatching: boolean };

async function setWatching(nctId: string, watch: boolean): Promise<boolean> {
  const response = await fetch(`/api/watching/${nctId}`, { method: watch ? 'PUT' : 'DELETE', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as { watching?: boolean; error?: { message?: string } } | null;
  if (!response.ok) throw new Error(body?.error?.message ?? 'The tracker could not save that. Please try again.');
  return !!body?.watching;
}

export function WatchToggle(props: Props) {
  return (
    <FollowQueries>
      <Toggle {...props} />
    </FollowQueries>
  );
}

function Toggle({ nctId, title, initialWatching }: Props) {
  const queryClient = useQueryClient();
  const key = ['watching', nctId];
  const [watching, setLocal] = useState(initialWatching);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    // One request at a time per trial, in order: quick toggles cannot leave the button disagreeing with the server.
    scope: { id: `watch-${nctId}` },
    mutationFn: (watch: boolean) => setWatching(nctId, watch),
    onMutate: (watch) => {
      setError(null);
      const previous = watching;
      setLocal(watch);
      return { previous };
    },
    onError: (e, _watch, context) => {
      setLocal(context?.previous ?? initialWatching);
      setError(e instanceof Error ? e.message : String(e));
    },
    onSuccess: (now) => {
      setLocal(now);
      queryClient.setQueryData(key, now);
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  });

  return (
    <span className={styles.watch}>
      <button
        type="button"
        aria-pressed={watching}
        className={watching ? styles.watching : styles.notWatching}
        onClick={() => mutation.mutate(!watching)}
      >
        <span aria-hidden="true">{watching ? '★ ' : '☆ '}</span>
        {watching ? 'Watching' : 'Watch'}
        <span className="visually-hidden"> {title}</span>
      </button>
      <span role="status" className={styles.watchError}>
        {error}
      </span>
    </span>
  );
}
