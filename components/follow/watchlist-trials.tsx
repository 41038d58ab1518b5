// A watchlist's trials, latest change first: what changed, when, and from which source.
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime, formatPartialDate } from '@/lib/trials/format';
import type { Status } from '@/lib/trials/vocab';
import { PHASE_LABELS, type Phase } from '@/lib/trials/vocab';
import styles from './watchlist.module.css';

type TrialRow = {
  nctId: string;
  briefTitle: string;
  acronym: string | null;
  overallStatus: string | null;
  phase: string | null;
  latestChange: { text: string; recordedAt: string; occurredAt: string | null; source: string } | null;
};

const SOURCE = { registry: 'ClinicalTrials.gov', coordinator: 'the trial’s coordinator', curation: 'curated sources' } as Record<string, string>;

export function WatchlistTrials({ trials }: { trials: TrialRow[] }) {
  if (trials.length === 0) return <p>No trials in this list yet.</p>;
  return (
    <ul className={styles.trials}>
      {trials.map((t) => (
        <li key={t.nctId} className={styles.trial}>
          <h3 className={styles.trialTitle}>
            <Link href={`/trials/${t.nctId}`}>{t.acronym ? `${t.acronym}: ${t.briefTitle}` : t.briefTitle}</Link>
          </h3>
          <p className={styles.facts}>
            <StatusBadge status={t.overallStatus as Status | null} size="small" /> {t.phase ? (PHASE_LABELS[t.phase as Phase] ?? t.phase) : 'Phase not given'} ·{' '}
            <span className="nct-id">{t.nctId}</span>
          </p>
          <p className={styles.change}>
            {t.latestChange ? (
              <>
                <strong>Latest change:</strong> {t.latestChange.text} ({formatPartialDate(t.latestChange.occurredAt) ?? formatDateTime(t.latestChange.recordedAt)}, from{' '}
                {SOURCE[t.latestChange.source] ?? t.latestChange.source})
              </>
            ) : (
              'No changes recorded yet.'
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
