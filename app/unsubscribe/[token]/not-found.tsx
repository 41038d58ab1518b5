// An unsubscribe link that matches no subscription: the list was deleted or unfollowed, or the link is cut off.
import Link from 'next/link';

export default function UnsubscribeLinkNotFound() {
  return (
    <>
      <h1>This link is no longer valid</h1>
      <p className="lead">
        The list may have been deleted or you may have stopped following it, or your e-mail program cut the link
        short. Either way, this link cannot change your e-mail.
      </p>
      <p>
        To choose how often you get e-mail, sign in and open{' '}
        <Link href="/watchlists" className="action-link">
          your lists
        </Link>
        .
      </p>
    </>
  );
}
