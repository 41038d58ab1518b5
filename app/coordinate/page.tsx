// /coordinate: "My trials", the trials this person coordinates; admins can open any trial by its number.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { StatusBadge } from '@/components/ui/status-badge';
import styles from '@/components/ui/form.module.css';
import { db } from '@/db/client';
import { listMyTrials } from '@/lib/auth/admin';
import { requireActor } from '@/lib/auth/guard';
import { formatDateTime } from '@/lib/trials/format';
import { NCT_ID, type Status } from '@/lib/trials/vocab';

export const metadata: Metadata = { title: 'My trials' };

export default async function MyTrialsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/coordinate');
  const { nctId } = await searchParams;
  const wanted = typeof nctId === 'string' ? nctId.trim().toUpperCase() : '';
  if (wanted && NCT_ID.test(wanted)) redirect(`/coordinate/${wanted}`);
  const mine = listMyTrials(db(), actor);
  return (
    <>
      <h1>My trials</h1>
      <p className="lead">Keep your trials’ status true between registry updates. Every change you save is shown to families with your reason, as “updated by the trial’s coordinator”.</p>
      {mine.length === 0 ? (
        <p>{actor.role === 'admin' ? 'You do not coordinate any trial yourself.' : 'You are not a coordinator of any trial yet. An admin of the tracker can assign you to the trials you run.'}</p>
      ) : (
        <ul className="trial-list">
          {mine.map((t) => (
            <li key={t.nctId}>
              <Link href={`/coordinate/${t.nctId}`} className="trial-link">
                <span className="trial-title">Update {t.acronym ? `${t.acronym}: ` : ''}{t.briefTitle}</span>
              </Link>
              <p className="trial-meta">
                <span className="nct-id">{t.nctId}</span> <StatusBadge status={t.overallStatus as Status | null} size="small" /> Last changed {formatDateTime(t.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {actor.role === 'admin' ? (
        <section aria-labelledby="any-heading">
          <h2 id="any-heading">Update any trial</h2>
          <form action="/coordinate" method="get" className={styles.row}>
            <div className={styles.field}>
              <label htmlFor="any-nct" className={styles.label}>
                NCT number
              </label>
              <input id="any-nct" name="nctId" className={styles.input} size={14} spellCheck={false} defaultValue={wanted} aria-describedby={wanted ? 'any-error' : undefined} />
            </div>
            <button type="submit">Open</button>
          </form>
          {wanted ? (
            <p id="any-error" className={styles.error}>
              “{wanted.slice(0, 20)}” is not an NCT number: NCT followed by 8 digits.
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
