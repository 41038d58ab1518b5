// The timeline's data as a table: the same trials and dates as the chart, for screen readers and
// anyone who prefers to read rather than look. Each date says whether it is actual or estimated.
import type { PartialDate } from '@/lib/trials/dates';
import { formatDateWithType, formatPartialDate } from '@/lib/trials/format';
import type { TimelineTrial } from '@/lib/trials/timeline';
import styles from './timeline.module.css';

function DateCell({ date }: { date: PartialDate | null }) {
  if (!date) return <td className={styles.notGiven}>Not given</td>;
  // The registry sometimes leaves out whether a date is actual or estimated; say so rather than guess.
  return <td>{formatDateWithType(date.date, date.type) + (date.type ? '' : ' (not stated if actual or estimated)')}</td>;
}

export function TimelineTable({ trials }: { trials: TimelineTrial[] }) {
  return (
    <div className={styles.scroller} role="region" aria-labelledby="timeline-table-caption" tabIndex={0}>
      <table className={styles.table}>
        <caption id="timeline-table-caption">
          Start and end dates of {trials.length === 1 ? '1 trial' : `${trials.length} trials`}, by type of treatment, then
          start date
        </caption>
        <thead>
          <tr>
            <th scope="col">Trial</th>
            <th scope="col">Type of treatment</th>
            <th scope="col">Status</th>
            <th scope="col">Start</th>
            <th scope="col">Primary completion (main results)</th>
            <th scope="col">Completion</th>
            <th scope="col">Registry record updated</th>
          </tr>
        </thead>
        <tbody>
          {trials.map((t) => (
            <tr key={t.nctId}>
              <th scope="row">
                <a href={t.url} className={styles.tableLink}>
                  {t.name}
                </a>
                <span className={styles.nct}>{t.nctId}</span>
              </th>
              <td>{t.modalityLabel}</td>
              <td>{t.statusText}</td>
              <DateCell date={t.start} />
              <DateCell date={t.primaryCompletion} />
              <DateCell date={t.completion} />
              <td>{formatPartialDate(t.lastUpdatePosted) ?? <span className={styles.notGiven}>Not given</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
