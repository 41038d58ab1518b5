'use client';
// The trial page's "not found": not-found files get no params, so the id is read from the address.
// A malformed id gets the NCT format explained; a well-formed one the tracker lacks gets the registry.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NCT_ID } from '@/lib/trials/vocab';
import styles from './trial.module.css';
import { REGISTRY_SEARCH_URL } from './words';

export function TrialNotFound() {
  const pathname = usePathname() ?? '';
  let raw = pathname.split('/').filter(Boolean)[1] ?? '';
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // keep the raw text
  }
  const id = raw.trim().toUpperCase();
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;

  if (!NCT_ID.test(id))
    return (
      <>
        <h1>That is not a trial number</h1>
        <p>
          {shown ? (
            <>
              “<span className={styles.mono}>{shown}</span>” is not a ClinicalTrials.gov number.{' '}
            </>
          ) : null}
          Trial numbers (NCT numbers) are the letters <strong>NCT</strong> followed by <strong>8 digits</strong>, for
          example <span className={styles.mono}>NCT02623699</span>. You can find a trial’s number on its
          ClinicalTrials.gov record or in letters from the trial team.
        </p>
        <ul className={styles.actionList}>
          <li>
            <Link href="/trials" className={styles.link44}>
              Search the trials
            </Link>
          </li>
          <li>
            <Link href="/trials/NCT02623699" className={styles.link44}>
              See an example trial page (NCT02623699)
            </Link>
          </li>
        </ul>
      </>
    );

  return (
    <>
      <h1>The tracker does not hold trial {id}</h1>
      <p>
        <span className={styles.mono}>{id}</span> is a well-formed trial number, but this tracker has no record of it.
        It may not be an ALS trial, or it may be too new for the tracker to have picked it up.
      </p>
      <ul className={styles.actionList}>
        <li>
          <Link href="/trials" className={styles.link44}>
            Search the trials the tracker holds
          </Link>
        </li>
        <li>
          <a href={REGISTRY_SEARCH_URL(id)} className={styles.link44}>
            Look for {id} on ClinicalTrials.gov (the official registry)
          </a>
        </li>
      </ul>
    </>
  );
}
