'use client';
// Removing a coordinator from one trial: one button, named for who and which trial.
import { useActionState } from 'react';
import { removeCoordinatorAction, type RemoveState } from '@/app/admin/actions';
import styles from '@/components/ui/form.module.css';

export function RemoveCoordinatorButton({ userId, nctId, label }: { userId: string; nctId: string; label: string }) {
  const [state, action, pending] = useActionState<RemoveState, FormData>(removeCoordinatorAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="nctId" value={nctId} />
      <button type="submit" className={styles.danger} disabled={pending} aria-label={`Remove ${label} as coordinator of ${nctId}`}>
        Remove
      </button>
      <span role="status">{state.error ? <span className={styles.error}>{state.error}</span> : state.done}</span>
    </form>
  );
}
