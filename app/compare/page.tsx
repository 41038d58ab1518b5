// /compare?ids=NCT…,NCT… (or repeated `ids`, as the search page's compare form sends them): up to three
// trials side by side. Bad, unknown or surplus ids are named with the reason; the valid ones are still compared.
import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareTable } from '@/components/compare/compare-table';
import { compareHref, MAX_COMPARE, parseCompareIds, planComparison } from '@/lib/trials/compare';
import { getTrial } from '@/lib/trials/queries';
import styles from './page.module.css';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Compare trials' };

const list = (ids: string[]) => ids.join(', ');

export default async function ComparePage({ searchParams }: Props) {
  const { ids: raw } = await searchParams;
  const request = parseCompareIds(raw);
  const plan = planComparison(request.ids, (id) => getTrial(id));
  const comparedIds = plan.trials.map((t) => t.nctId);

  const problems: string[] = [];
  if (request.malformed.length)
    problems.push(
      `${list(request.malformed.map((v) => `“${v}”`))} ${request.malformed.length === 1 ? 'is not a trial number' : 'are not trial numbers'}. A trial number is NCT followed by 8 digits, for example NCT04856982.`,
    );
  if (plan.unknown.length)
    problems.push(`The tracker has no trial ${list(plan.unknown)}. Check the number, or find the trial by searching.`);
  if (plan.leftOut.length)
    problems.push(
      `You can compare up to ${MAX_COMPARE} trials at a time, so ${list(plan.leftOut)} ${plan.leftOut.length === 1 ? 'was' : 'were'} left out. Remove a trial below to make room.`,
    );

  return (
    <>
      <h1>Compare trials</h1>
      <p className="lead">Up to {MAX_COMPARE} trials side by side: who can join, what taking part involves, and when.</p>

      {problems.length ? (
        <div className={styles.problems} role="alert" aria-labelledby="problems-heading">
          <h2 id="problems-heading" className={styles.problemsHeading}>
            {plan.trials.length ? 'Some trials could not be added' : 'These trials could not be compared'}
          </h2>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {plan.trials.length === 0 ? (
        <div className={styles.empty}>
          <h2 className={styles.emptyHeading}>No trials chosen yet</h2>
          <p>On the search page, tick “Add to compare” on up to {MAX_COMPARE} trials, then choose “Compare ticked trials”.</p>
        </div>
      ) : (
        <>
          <h2 className={styles.chosenHeading}>Trials in this comparison</h2>
          <ul className={styles.chosen}>
            {plan.trials.map((t) => (
              <li key={t.nctId} className={styles.chosenItem}>
                <span>
                  {t.acronym ? `${t.acronym}: ` : ''}
                  {t.briefTitle} <span className={styles.nct}>{t.nctId}</span>
                </span>
                <Link href={compareHref(comparedIds.filter((id) => id !== t.nctId))} className={styles.remove}>
                  Remove<span className="visually-hidden"> {t.acronym ?? t.nctId} from the comparison</span>
                </Link>
              </li>
            ))}
          </ul>
          <CompareTable trials={plan.trials} />
        </>
      )}

      <p className={styles.back}>
        <Link href="/trials" className="action-link">
          Back to search to choose {plan.trials.length ? 'other ' : ''}trials
        </Link>
      </p>
    </>
  );
}
