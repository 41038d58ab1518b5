'use client';
// For coordinators: each fact another source disagrees on, both values with their dates, and a choice of
// which stands. Until then families see both on the trial's page.
import { useActionState, useEffect, useRef } from 'react';
import { resolveDisputeAction, type ResolveState } from '@/app/coordinate/[nctId]/actions';
import styles from '@/components/ui/form.module.css';
import type { Dispute } from '@/lib/trials/claims';
import { formatDateTime, formatPartialDate } from '@/lib/trials/format';

const SOURCE = { registry: 'ClinicalTrials.gov', curation: 'The curated record' } as const;

function DisputeForm({ dispute, nctId, version }: { dispute: Dispute; nctId: string; version: number }) {
  const [state, action, pending] = useActionState<ResolveState, FormData>(resolveDisputeAction, { seq: 0 });
  const answer = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.seq > 0) answer.current?.focus();
  }, [state.seq]);
  const other = SOURCE[dispute.other.source];
  return (
    <form action={action} className={styles.panel}>
      <h3>{dispute.label}</h3>
      <dl>
        <dt>Your value (the trial’s coordinator)</dt>
        <dd>
          {dispute.coordinator.value} (set {formatDateTime(dispute.coordinator.setAt)})
        </dd>
        <dt>{other}</dt>
        <dd>
          {dispute.other.value} ({dispute.other.asOf ? `as of ${formatPartialDate(dispute.other.asOf)}` : `read ${formatDateTime(dispute.other.seenAt)}`})
        </dd>
      </dl>
      <input type="hidden" name="nctId" value={nctId} />
      <input type="hidden" name="field" value={dispute.field} />
      <input type="hidden" name="version" value={version} />
      <div className={styles.row}>
        <button type="submit" name="keep" value="coordinator" disabled={pending}>
          Keep my value
        </button>
        <button type="submit" name="keep" value="other" className={styles.secondary} disabled={pending}>
          Use {other}’s value
        </button>
      </div>
      <p ref={answer} tabIndex={-1} role="status" className={state.error ? styles.error : undefined}>
        {state.error ?? state.done}
      </p>
    </form>
  );
}

export function CoordinatorDisputes({ disputes, nctId, version }: { disputes: Dispute[]; nctId: string; version: number }) {
  if (disputes.length === 0) return null;
  return (
    <section aria-labelledby="disputes-heading">
      <h2 id="disputes-heading">Where another source disagrees with you</h2>
      <p className={styles.hint}>Families see both values, with their sources and dates, until you confirm one.</p>
      {disputes.map((d) => (
        <DisputeForm key={d.field} dispute={d} nctId={nctId} version={version} />
      ))}
    </section>
  );
}
