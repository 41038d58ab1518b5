// The signed-in part of the main navigation: what this person can do, and signing out.
import Link from 'next/link';
import { signOutAction } from '@/app/signin/actions';
import { db } from '@/db/client';
import { coordinatesAnyTrial } from '@/lib/auth/admin';
import { currentActor } from '@/lib/auth/session';
import { InboxLink } from '@/components/follow/inbox-link';
import { unreadCount } from '@/lib/notifications/inbox';

export async function AccountNav() {
  const actor = await currentActor();
  if (!actor) {
    return (
      <li>
        <Link href="/signin">Sign in</Link>
      </li>
    );
  }
  const isAdmin = actor.role === 'admin';
  return (
    <>
      <li>
        <InboxLink initialUnread={unreadCount(db(), actor)} />
      </li>
      <li>
        <Link href="/watchlists">Watchlists</Link>
      </li>
      {isAdmin || coordinatesAnyTrial(db(), actor.userId) ? (
        <li>
          <Link href="/coordinate">My trials</Link>
        </li>
      ) : null}
      {isAdmin ? (
        <li>
          <Link href="/admin">Admin</Link>
        </li>
      ) : null}
      <li>
        <Link href="/account">Account</Link>
      </li>
      <li>
        <form action={signOutAction}>
          <button type="submit" className="header-button">
            Sign out
          </button>
        </form>
      </li>
    </>
  );
}
