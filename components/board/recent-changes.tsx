// What happened to the tracked trials lately, as sentences with their date and source.
import Link from 'next/link';
import type { BoardChange, RecentChanges } from '@/lib/trials/board';
import { formatPartialDate } from '@/lib/trials/format';
import styles from './board.module.css';

function ChangeList({ changes }: { changes: BoardChange[] }) {
  return (
    <ul className={styles.changes}>
      {changes.map((c) => (
        <li key={c.id} className={styles.change}>
          <Link href={c.url} className={styles.changeTrial} prefetch={false}>
            {c.trialTitle}
          </Link>
          <p className={styles.changeText}>{c.sentence}</p>
          <p className={styles.changeMeta}>
            <time dateTime={c.occurredAt}>{formatPartialDate(c.occurredAt)}</time> · Source: {c.sourceLabel}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function RecentChangesSection({ changes, geneText }: { changes: RecentChanges; geneText: string | null }) {
  const scope = geneText ? ` for trials aimed at ${geneText}` : '';
  return (
    <section aria-labelledby="changes-heading" className={styles.panel}>
      <h2 id="changes-heading">What changed in the last {changes.days} days</h2>
      {changes.recent.length > 0 ? (
        <>
          <ChangeList changes={changes.recent} />
          {changes.more ? (
            <p className={styles.changesMore}>
              These are the {changes.recent.length} most recent; more changed{scope} in these {changes.days} days. Each trial’s page lists
              all of its changes.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>
            Nothing changed{scope} in the last {changes.days} days (since {formatPartialDate(changes.since)}).
          </p>
          {changes.latest.length > 0 ? (
            <>
              <h3 className={styles.subHead}>Most recent changes</h3>
              <ChangeList changes={changes.latest} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
