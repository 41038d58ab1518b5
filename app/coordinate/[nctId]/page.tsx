// /coordinate/[nctId]: the update form for one trial, for its coordinators and admins.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { CoordinatorDisputes } from '@/components/coordinate/disputes';
import { UpdateTrialForm } from '@/components/coordinate/update-form';
import { Notice } from '@/components/ui/notice';
import { db } from '@/db/client';
import { requireActor } from '@/lib/auth/guard';
import { mayEditTrial } from '@/lib/auth/permissions';
import { getTrialForEditing } from '@/lib/trials/edit-view';
import { formatDateTime, formatPartialDate } from '@/lib/trials/format';
import { NCT_ID, PHASE_LABELS, PHASES, SITE_STATUS_LABELS, SITE_STATUSES, STATUS_LABELS, STATUSES } from '@/lib/trials/vocab';

type Params = { params: Promise<{ nctId: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { nctId } = await params;
  return { title: `Update ${nctId.slice(0, 11)}` };
}

export default async function UpdateTrialPage({ params, searchParams }: Params) {
  const { nctId: raw } = await params;
  const nctId = raw.toUpperCase();
  if (!NCT_ID.test(nctId)) notFound();
  if (nctId !== raw) redirect(`/coordinate/${nctId}`);
  const actor = await requireActor(`/coordinate/${nctId}`);
  const trial = getTrialForEditing(db(), nctId);
  if (!trial) notFound();
  const { settled, at } = (await searchParams) ?? {};
  if (!mayEditTrial(db(), actor, nctId)) {
    return (
      <>
        <h1>You cannot update this trial</h1>
        <p className="lead">
          Only the coordinators of {nctId} and the tracker’s admins can update it. If you run this trial, ask an admin to add you as its coordinator. You can still{' '}
          <Link href={`/trials/${nctId}`}>read the trial’s page</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <p>
        <Link href="/coordinate" className="action-link">
          ← My trials
        </Link>
      </p>
      <h1>
        Update {trial.acronym ? `${trial.acronym}: ` : ''}
        {trial.briefTitle}
      </h1>
      <p className="lead">
        <span className="nct-id">{nctId}</span>. Last changed {formatDateTime(trial.updatedAt)}; registry record last updated{' '}
        {formatPartialDate(trial.lastUpdatePostedDate) ?? 'on a date not known'}. <Link href={`/trials/${nctId}`}>See the public page</Link>.
      </p>
      {settled === 'kept' || settled === 'taken' ? (
        <Notice key={String(at)}>
          {settled === 'kept' ? 'Your value stands; the other source’s value is set aside.' : 'The other source’s value is now shown on the trial’s page.'} The trial’s history records it.
        </Notice>
      ) : null}
      <CoordinatorDisputes disputes={trial.disputes} nctId={nctId} version={trial.version} />
      <h2>Update</h2>
      <UpdateTrialForm
        trial={trial}
        statuses={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        phases={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
        siteStatuses={SITE_STATUSES.map((s) => ({ value: s, label: SITE_STATUS_LABELS[s] }))}
      />
    </>
  );
}
