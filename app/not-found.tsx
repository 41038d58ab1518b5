import Link from 'next/link';

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. If you followed a link to a trial, check its NCT number (for
        example NCT02623699).
      </p>
      <p>
        <Link href="/" className="action-link">
          See all trials
        </Link>
      </p>
    </>
  );
}
