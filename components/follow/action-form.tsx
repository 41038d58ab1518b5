'use client';
// A small form bound to a server action that answers { done } or { error }: the answer appears in a
// status region beside the controls and takes focus, so it is heard and seen where the person is.
import { useActionState, useEffect, useRef } from 'react';
import type { ListFormState } from '@/app/watchlists/actions';
import styles from '@/components/ui/form.module.css';

type Props = {
  action: (state: ListFormState, formData: FormData) => Promise<ListFormState>;
  children: React.ReactNode;
  className?: string;
  /** The form's accessible name, when it has no heading of its own. */
  label?: string;
};

export function ActionForm({ action, children, className, label }: Props) {
  const [state, formAction] = useActionState<ListFormState, FormData>(action, { seq: 0 });
  const answer = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.seq > 0) answer.current?.focus();
  }, [state.seq]);
  const fieldErrors = Object.values(state.error?.fields ?? {});
  return (
    <form action={formAction} className={className} aria-label={label}>
      {children}
      <p ref={answer} tabIndex={-1} role="status" className={state.error ? styles.error : undefined}>
        {state.error ? (fieldErrors.length ? fieldErrors.join('; ') : state.error.message) : state.done}
      </p>
    </form>
  );
}
