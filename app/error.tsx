'use client'; // Error boundaries are client components.

import Link from 'next/link';
import { useEffect } from 'react';

// Unexpected errors: a short apology, no internals. The server log has the detail under the digest.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <>
      <h1>Something went wrong</h1>
      <p>Sorry, this page could not be shown. Please try again in a moment.</p>
      {digest ? <p>If it keeps happening, tell us this reference: {digest}</p> : null}
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
      <p>
        <Link href="/" className="action-link">
          Back to all trials
        </Link>
      </p>
    </>
  );
}
