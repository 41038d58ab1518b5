'use client';
// Create a named API token (shown once, here) and revoke one.
import { useActionState, useEffect, useRef } from 'react';
import { createTokenAction, revokeTokenAction, type RevokeState, type TokenFormState } from '@/app/account/actions';
import styles from '@/components/ui/form.module.css';

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<TokenFormState, FormData>(createTokenAction, { seq: 0 });
  const answer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.seq > 0) answer.current?.focus();
  }, [state.seq]);
  const error = state.error?.fields.name ?? state.error?.message;
  return (
    <form key={state.seq} action={action} className={styles.form} noValidate>
      <div ref={answer} tabIndex={-1} aria-live="polite">
        {state.created ? (
          <div className={styles.success}>
            <p>
              <strong>Your new token “{state.created.name}”.</strong> Copy it now: it is shown only this once, and the tracker keeps only a fingerprint of it.
            </p>
            <div className={styles.field}>
              <label htmlFor="new-token" className={styles.label}>
                Token
              </label>
              <input id="new-token" readOnly value={state.created.token} className={styles.input} size={56} onFocus={(e) => e.currentTarget.select()} />
              <p className={styles.hint}>
                Send it as <code>Authorization: Bearer &lt;token&gt;</code>. It can do what you can do, so keep it secret.
              </p>
            </div>
          </div>
        ) : null}
      </div>
      <div className={styles.field}>
        <label htmlFor="token-name" className={styles.label}>
          Name of the new token
        </label>
        <p id="token-name-hint" className={styles.hint}>
          Say which tool or computer uses it, so you know which one to revoke later.
        </p>
        {error ? (
          <p id="token-name-error" className={styles.error}>
            {error}
          </p>
        ) : null}
        <input
          id="token-name"
          name="name"
          maxLength={80}
          autoComplete="off"
          defaultValue={state.error ? state.name : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-name-hint token-name-error' : 'token-name-hint'}
          className={styles.input}
          size={32}
        />
      </div>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeTokenAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={styles.danger} disabled={pending} aria-label={`Revoke the token “${name}”`}>
        Revoke
      </button>
      <span role="status">{state.error ? <span className={styles.error}>{state.error}</span> : state.done}</span>
    </form>
  );
}
