// Up to three trials side by side: one column per trial, one row per fact, grouped by what families ask
// (who can join, what taking part involves, when). Anything the sources do not say reads "Not known".
// At narrow widths the table scrolls inside a labelled, focusable region with the fact names kept in view.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/ui/status-badge';
import { ROUTE_LABELS } from '@/lib/trials/facets';
import { formatDateWithType, formatPartialDate, STATUS_MEANING } from '@/lib/trials/format';
import type { TrialDetail } from '@/lib/trials/queries';
import styles from './compare-table.module.css';

export const NOT_KNOWN = 'Not known';

type Row = { label: string; cell: (t: TrialDetail) => ReactNode };
type Group = { heading: string; rows: Row[] };

const known = (value: ReactNode | null | undefined): ReactNode =>
  value === null || value === undefined || value === '' ? <span className={styles.notKnown}>{NOT_KNOWN}</span> : value;

const yesNo = (value: boolean | null, yes = 'Yes', no = 'No') => known(value === null ? null : value ? yes : no);

/** "18 Years" → "18 years"; the registry's own words otherwise. */
const age = (value: string | null) => value?.replace(/\b(Years?|Months?|Weeks?|Days?)\b/g, (w) => w.toLowerCase()) ?? null;

function ages(t: TrialDetail): string | null {
  const min = age(t.eligibility.minimumAge);
  const max = age(t.eligibility.maximumAge);
  if (min && max) return `${min} to ${max}`;
  if (min) return `${min} and older`;
  if (max) return `Up to ${max}`;
  return null;
}

const SEX: Record<string, string> = { ALL: 'All sexes', FEMALE: 'Women only', MALE: 'Men only' };

function dateCell(date: { date: string; type: 'ACTUAL' | 'ESTIMATED' | null } | null) {
  return known(date ? formatDateWithType(date.date, date.type) : null);
}

const GROUPS: Group[] = [
  {
    heading: 'The trial',
    rows: [
      {
        label: 'Status',
        cell: (t) => (
          <>
            <StatusBadge status={t.overallStatus} lastKnown={t.lastKnownStatus} size="small" />
            {t.overallStatus ? <span className={styles.note}>{STATUS_MEANING[t.overallStatus]}</span> : null}
          </>
        ),
      },
      { label: 'Phase', cell: (t) => known(t.phaseLabel) },
      { label: 'Type of treatment', cell: (t) => t.modalityLabel },
      { label: 'Genes targeted', cell: (t) => (t.genes.length ? t.genes.join(', ') : 'None named') },
      { label: 'Sponsor', cell: (t) => known(t.leadSponsor) },
      { label: 'Countries', cell: (t) => known(t.countries.join(', ')) },
      {
        label: 'Number of people',
        cell: (t) =>
          known(t.enrollment ? `${t.enrollment.count}${t.enrollment.type ? ` (${t.enrollment.type === 'ACTUAL' ? 'actual' : 'planned'})` : ''}` : null),
      },
    ],
  },
  {
    heading: 'Who can join',
    rows: [
      { label: 'Ages', cell: (t) => known(ages(t)) },
      { label: 'Sex', cell: (t) => known(t.eligibility.sex ? (SEX[t.eligibility.sex] ?? t.eligibility.sex) : null) },
      {
        label: 'Time since first symptoms',
        cell: (t) => known(t.eligibility.maxMonthsSinceOnset === null ? null : `Up to ${t.eligibility.maxMonthsSinceOnset} months`),
      },
      {
        label: 'Lowest breathing capacity (FVC/SVC)',
        cell: (t) => known(t.eligibility.minVitalCapacityPct === null ? null : `At least ${t.eligibility.minVitalCapacityPct}% of expected`),
      },
      { label: 'Taking riluzole allowed', cell: (t) => yesNo(t.eligibility.riluzoleAllowed) },
      { label: 'Taking edaravone allowed', cell: (t) => yesNo(t.eligibility.edaravoneAllowed) },
      { label: 'Healthy volunteers', cell: (t) => yesNo(t.eligibility.healthyVolunteers, 'Accepted', 'Not accepted') },
    ],
  },
  {
    heading: 'What taking part involves',
    rows: [
      {
        label: 'Placebo (dummy treatment)',
        cell: (t) =>
          known(
            t.burden.placebo === null
              ? null
              : t.burden.placebo
                ? `Yes, some people get a placebo${t.burden.placeboRatio ? ` (ratio ${t.burden.placeboRatio})` : ''}`
                : 'No placebo',
          ),
      },
      { label: 'Open-label extension', cell: (t) => yesNo(t.burden.openLabelExtension) },
      { label: 'How the treatment is given', cell: (t) => known(t.burden.routes.map((r) => ROUTE_LABELS[r]).join('; ')) },
      { label: 'Notes on what is involved', cell: (t) => known(t.burden.notes) },
    ],
  },
  {
    heading: 'Dates',
    rows: [
      { label: 'Start', cell: (t) => dateCell(t.startDate) },
      { label: 'Main results due (primary completion)', cell: (t) => dateCell(t.primaryCompletionDate) },
      { label: 'Trial ends (completion)', cell: (t) => dateCell(t.completionDate) },
    ],
  },
  {
    heading: 'Where this comes from',
    rows: [
      {
        label: 'Sources',
        cell: (t) =>
          t.sources.length ? (
            <ul className={styles.sources}>
              {t.sources.map((s) => (
                <li key={s.url + s.label}>
                  <a href={s.url} rel="noopener noreferrer" className={styles.sourceLink}>
                    {s.label}
                  </a>
                  {s.asOf ? <span className={styles.note}> (as of {formatPartialDate(s.asOf)})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            known(null)
          ),
      },
      { label: 'Checked by our team as of', cell: (t) => known(formatPartialDate(t.curationAsOf)) },
      { label: 'Registry record last updated', cell: (t) => known(formatPartialDate(t.lastUpdatePosted)) },
    ],
  },
];

/** A short column heading: the acronym families know, else the registry's brief title. */
const shortTitle = (t: TrialDetail) => t.acronym ?? t.briefTitle;

export function CompareTable({ trials }: { trials: TrialDetail[] }) {
  return (
    <section aria-labelledby="compare-heading" className={styles.section}>
      <h2 id="compare-heading" className={styles.heading}>
        Side by side
      </h2>
      <p className={styles.hint}>On a narrow screen, scroll the table sideways to see every trial; the fact names stay in view.</p>
      <div className={styles.scroll} role="region" aria-labelledby="compare-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption id="compare-caption" className="visually-hidden">
            {trials.map(shortTitle).join(', ')} compared
          </caption>
        <thead>
          <tr>
            <td className={styles.corner} />
            {trials.map((t) => (
              <th key={t.nctId} scope="col" className={styles.colHead}>
                <Link href={t.url}>{shortTitle(t)}</Link>
                <span className={styles.nct}>{t.nctId}</span>
              </th>
            ))}
          </tr>
        </thead>
        {GROUPS.map((group) => (
          <tbody key={group.heading}>
            <tr className={styles.groupRow}>
              <th scope="rowgroup" colSpan={trials.length + 1} className={styles.groupHead}>
                {group.heading}
              </th>
            </tr>
            {group.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className={styles.rowHead}>
                  {row.label}
                </th>
                {trials.map((t) => (
                  <td key={t.nctId} className={styles.cell}>
                    {row.cell(t)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
        </table>
      </div>
    </section>
  );
}
