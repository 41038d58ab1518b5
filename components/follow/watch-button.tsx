// Watch / stop watching a trial in one action. Signed out: a link to sign in, with no JavaScript. Signed in:
// the optimistic toggle (watch-toggle.tsx), whose code loads only for people who can use it.
import Link from 'next/link';
import styles from './follow.module.css';
import { WatchToggle } from './watch-toggle-lazy';

type Props = { nctId: string; title: string; initialWatching: boolean; signedIn: boolean };

export function WatchButton({ nctId, title, initialWatching, signedIn }: Props) {
  if (!signedIn) {
    return (
      <Link href={`/signin?callbackUrl=${encodeURIComponent(`/trials/${nctId}`)}`} className={styles.watchLink}>
        Sign in to watch<span className="visually-hidden"> {title}</span>
      </Link>
    );
  }
  return <WatchToggle nctId={nctId} title={title} initialWatching={initialWatching} />;
}
