// "Sources disagree": facts on which the trial's coordinator and ClinicalTrials.gov (or curation) give
// different values. Both are shown in words, each with its source and date, until a coordinator confirms one.
import type { Dispute } from '@/lib/trials/claims';
import { formatPartialDate } from '@/lib/trials/format';
import styles from './trial.module.css';
import { OTHER_SOURCE_WORDS } from './words';

const andList = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));

export const DISPUTES_ID = 'sources-disagree';

const day = (iso: string) => iso.slice(0, 10);
/** "ClinicalTrials.gov and the curated record", in the middle of a sentence. */
const sourcesOf = (disputes: Dispute[]) => {
  const names = [...new Set(disputes.map((d) => OTHER_SOURCE_WORDS[d.other.source]))];
  return { text: names.map((n, i) => (i > 0 ? n.replace(/^The /, 'the ') : n)).join(' and '), many: names.length > 1 };
};

export function DisputedFacts({ disputes }: { disputes: Dispute[] }) {
  if (disputes.length === 0) return null;
  const others = sourcesOf(disputes).text.replace(/^The /, 'the ');
  return (
    <section aria-labelledby={DISPUTES_ID} className={styles.disputes}>
      <h2 id={DISPUTES_ID}>Sources disagree</h2>
      <p>
        For {disputes.length === 1 ? 'one fact' : `${disputes.length} facts`}, the trial’s coordinator gives a different
        value from {others}. The rest of this page shows the coordinator’s value; both are listed here, with where each
        comes from and its date, until the coordinator confirms one.
      </p>
      {disputes.map((d) => (
        <div key={d.field} className={styles.dispute}>
          <h3>{d.label}</h3>
          <dl className={styles.disputeSources}>
            <div>
              <dt>The trial’s coordinator</dt>
              <dd>
                {d.coordinator.value}{' '}
                <span className={styles.disputeDate}>
                  (updated <time dateTime={day(d.coordinator.setAt)}>{formatPartialDate(day(d.coordinator.setAt))}</time>)
                </span>
              </dd>
            </div>
            <div>
              <dt>{OTHER_SOURCE_WORDS[d.other.source]}</dt>
              <dd>
                {d.other.value}{' '}
                <span className={styles.disputeDate}>
                  {d.other.asOf ? (
                    <>
                      (as of <time dateTime={d.other.asOf}>{formatPartialDate(d.other.asOf)}</time>)
                    </>
                  ) : (
                    <>
                      (read by the tracker on <time dateTime={day(d.other.seenAt)}>{formatPartialDate(day(d.other.seenAt))}</time>)
                    </>
                  )}
                </span>
              </dd>
            </div>
          </dl>
        </div>
      ))}
    </section>
  );
}

/** A pointer from a key fact to the disagreement about it, so nobody reads one value as settled. */
export function DisputeNote({ disputes, fields }: { disputes: Dispute[]; fields: string[] }) {
  const about = disputes.filter((d) => fields.includes(d.field));
  if (about.length === 0) return null;
  const sources = sourcesOf(about);
  return (
    <p className={styles.disputeNote}>
      <a href={`#${DISPUTES_ID}`}>
        {sources.text} {sources.many ? 'differ' : 'differs'} on {andList(about.map((d) => d.label.toLowerCase()))}: see both values
        under “Sources disagree”
      </a>
    </p>
  );
}
