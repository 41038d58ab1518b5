// One trial in a list: the facts a family looks for first (status, phase, treatment, who can join,
// where, when), where they came from and as of when. Server component; no client JavaScript.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/ui/status-badge';
import type { JoinHighlights } from '@/lib/trials/facets';
import { formatDateWithType, formatPartialDate } from '@/lib/trials/format';
import type { TrialSummary } from '@/lib/trials/queries';
import styles from './trial-card.module.css';

export type TrialCardProps = {
  trial: TrialSummary;
  /** Curated "who can join" facts (getJoinHighlights); left out when not known. */
  highlights?: JoinHighlights;
  /** The id of a GET form to /compare: adds an "Add to compare" checkbox (name `ids`) that belongs to it. */
  compareFormId?: string;
  /** Whether that checkbox starts ticked. */
  compareChecked?: boolean;
  /** Per-trial controls shown beside "Add to compare" (the slot for the watch button of a later issue). */
  actions?: ReactNode;
  /** The title's heading level: 3 under a page's h2 (default), 2 directly under the h1. */
  headingLevel?: 2 | 3;
};

/** Families know trials by their acronym (VALOR, ATLAS): lead with it unless the title already has it. */
export function titleWithAcronym(title: string, acronym: string | null): string {
  if (!acronym || title.toLowerCase().includes(acronym.toLowerCase())) return title;
  return `${acronym}: ${title}`;
}

/** "Within 24 months of first symptoms · Breathing at least 60% of expected", or null when not known. */
export function whoCanJoin(h: JoinHighlights | undefined): string | null {
  if (!h) return null;
  const parts: string[] = [];
  if (h.maxMonthsSinceOnset !== null) parts.push(`Within ${h.maxMonthsSinceOnset} months of first symptoms`);
  if (h.minVitalCapacityPct !== null) parts.push(`Breathing capacity (FVC/SVC) at least ${h.minVitalCapacityPct}% of expected`);
  return parts.length ? parts.join('; ') : null;
}

export function TrialCard({ trial, highlights, compareFormId, compareChecked, actions, headingLevel = 3 }: TrialCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const titleId = `trial-${trial.nctId}-title`;
  const join = whoCanJoin(highlights);
  const title = titleWithAcronym(trial.briefTitle, trial.acronym);
  const registryUpdated = formatPartialDate(trial.lastUpdatePosted);
  const curated = formatPartialDate(trial.curationAsOf);

  return (
    <article className={styles.card} aria-labelledby={titleId}>
      <Heading id={titleId} className={styles.title}>
        <Link href={trial.url} className={styles.titleLink}>
          {title}
        </Link>
      </Heading>
      <p className={styles.badges}>
        <StatusBadge status={trial.overallStatus} lastKnown={trial.lastKnownStatus} />
        <span className={styles.tag}>{trial.phaseLabel ?? 'Phase not given'}</span>
        <span className={styles.tag}>{trial.modalityLabel}</span>
      </p>
      <dl className={styles.facts}>
        {trial.genes.length > 0 ? (
          <div className={styles.fact}>
            <dt>Gene{trial.genes.length === 1 ? '' : 's'}</dt>
            <dd>{trial.genes.join(', ')}</dd>
          </div>
        ) : null}
        {join ? (
          <div className={`${styles.fact} ${styles.join}`}>
            <dt>Who can join</dt>
            <dd>{join}</dd>
          </div>
        ) : null}
        <div className={styles.fact}>
          <dt>Countries</dt>
          <dd>{trial.countries.length ? trial.countries.join(', ') : 'Not known'}</dd>
        </div>
        <div className={styles.fact}>
          <dt>Main results due (primary completion)</dt>
          <dd>{formatDateWithType(trial.primaryCompletionDate?.date, trial.primaryCompletionDate?.type) ?? 'Not known'}</dd>
        </div>
      </dl>
      <p className={styles.meta}>
        <span className={styles.nct}>{trial.nctId}</span>
        <span>{registryUpdated ? `Registry record updated ${registryUpdated}` : 'Registry update date not known'}</span>
        {curated ? <span>Checked by our team as of {curated}</span> : null}
      </p>
      {compareFormId || actions ? (
        <div className={styles.actions}>
          {compareFormId ? (
            <label className={styles.compare}>
              <input type="checkbox" name="ids" value={trial.nctId} form={compareFormId} defaultChecked={compareChecked} className={styles.checkbox} />
              <span>
                Add to compare<span className="visually-hidden">: {title}</span>
              </span>
            </label>
          ) : null}
          {actions}
        </div>
      ) : null}
    </article>
  );
}
