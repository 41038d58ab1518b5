'use client';
// The e-mail field and its errors. Works without JavaScript too (a plain POST to the server action).
import { useActionState, useEffect, useRef } from 'react';
import { requestSignInLink, type SignInState } from '@/app/signin/actions';
import styles from '@/components/ui/form.module.css';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, {});
  const input = useRef<HTMLInputElement>(null);
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.fieldError) input.current?.focus();
    else if (state.message) message.current?.focus();
  }, [state]);
  return (
    <form action={action} className={styles.form} noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.message ? (
        <p ref={message} tabIndex={-1} role="alert" className={styles.summary}>
          {state.message}
        </p>
      ) : null}
      <div className={styles.field}>
        <label htmlFor="email" className={styles.label}>
          Your e-mail address
        </label>
        <p id="email-hint" className={styles.hint}>
          We will e-mail you a link. Open it on this device to sign in; there is no password.
        </p>
        {state.fieldError ? (
          <p id="email-error" className={styles.error}>
            {state.fieldError}
          </p>
        ) : null}
        <input
          ref={input}
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={state.email}
          aria-invalid={state.fieldError ? true : undefined}
          aria-describedby={state.fieldError ? 'email-hint email-error' : 'email-hint'}
          className={styles.input}
          size={32}
        />
      </div>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Sending…' : 'E-mail me a sign-in link'}
        </button>
      </div>
    </form>
  );
}
