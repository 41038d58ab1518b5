'use client'; // Error boundaries are client components.

import Link from 'next/link';
import { useEffect } from 'react';
import ui from '@/components/trial/trial.module.css';

// An unexpected failure while showing one trial: a short apology, ways on, no internals.
export default function TrialError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <>
      <h1>This trial could not be shown</h1>
      <p>Sorry, something went wrong while loading this trial. Please try again in a moment.</p>
      {digest ? <p>If it keeps happening, tell us this reference: {digest}</p> : null}
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
      <ul className={ui.actionList}>
        <li>
          <Link href="/trials" className={ui.link44}>
            Search the trials
          </Link>
        </li>
      </ul>
    </>
  );
}
