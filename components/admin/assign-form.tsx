'use client';
// Assign a coordinator: an e-mail address and a trial's NCT number, with errors by each field.
import { useActionState, useEffect, useRef } from 'react';
import { assignCoordinatorAction, type AdminFormState } from '@/app/admin/actions';
import styles from '@/components/ui/form.module.css';

export function AssignCoordinatorForm() {
  const [state, action, pending] = useActionState<AdminFormState, FormData>(assignCoordinatorAction, {});
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.done || state.error) status.current?.focus();
  }, [state]);
  const fields = state.error?.fields ?? {};
  const generalError = state.error && !fields.email && !fields.nctId ? state.error.message : null;
  const describedBy = (name: string) => [`${name}-hint`, fields[name] ? `${name}-error` : null].filter(Boolean).join(' ');
  return (
    <form action={action} className={styles.form} noValidate>
      <div ref={status} tabIndex={-1} aria-live="polite">
        {state.done ? <p className={styles.success}>{state.done}</p> : null}
        {state.error ? (
          <div className={styles.summary}>
            <h3>The coordinator was not assigned</h3>
            <ul>
              {generalError ? <li>{generalError}</li> : null}
              {Object.entries(fields).map(([name, message]) => (
                <li key={name}>
                  <a href={`#assign-${name}`}>{name === 'email' ? 'E-mail address' : 'Trial'}: {message}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div className={styles.field}>
        <label htmlFor="assign-email" className={styles.label}>
          Coordinator’s e-mail address
        </label>
        <p id="email-hint" className={styles.hint}>
          They sign in with this address. If they have never signed in, their account is made now.
        </p>
        {fields.email ? (
          <p id="email-error" className={styles.error}>
            {fields.email}
          </p>
        ) : null}
        <input
          id="assign-email"
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values?.email}
          aria-invalid={fields.email ? true : undefined}
          aria-describedby={describedBy('email')}
          className={styles.input}
          size={32}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="assign-nctId" className={styles.label}>
          Trial (NCT number)
        </label>
        <p id="nctId-hint" className={styles.hint}>
          For example NCT04856982. It is on every trial’s page.
        </p>
        {fields.nctId ? (
          <p id="nctId-error" className={styles.error}>
            {fields.nctId}
          </p>
        ) : null}
        <input
          id="assign-nctId"
          name="nctId"
          required
          autoComplete="off"
          spellCheck={false}
          defaultValue={state.values?.nctId}
          aria-invalid={fields.nctId ? true : undefined}
          aria-describedby={describedBy('nctId')}
          className={styles.input}
          size={14}
        />
      </div>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Assigning…' : 'Assign coordinator'}
        </button>
      </div>
    </form>
  );
}
