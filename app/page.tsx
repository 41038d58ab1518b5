import Link from 'next/link';
import { listHomeTrials } from '@/lib/trials/home';
import { MODALITY_LABELS, PHASE_LABELS, STATUS_LABELS } from '@/lib/trials/vocab';

// The list reads the live database on every request.
export const dynamic = 'force-dynamic';

/** Families know trials by their acronym (VALOR, ATLAS): lead with it unless the title already has it. */
function withAcronym(title: string, acronym: string | null): string {
  if (!acronym || title.toLowerCase().includes(acronym.toLowerCase())) return title;
  return `${acronym}: ${title}`;
}

export default function HomePage() {
  const trials = listHomeTrials();
  return (
    <>
      <h1>ALS clinical trials</h1>
      <p className="lead">
        {trials.length === 1 ? '1 trial' : `${trials.length} trials`} tracked, from public registries
        and curated sources.
      </p>
      {trials.length === 0 ? (
        <p>No trials yet. Run <code>npm run db:seed</code> to load the curated ALS trials.</p>
      ) : (
        <ul className="trial-list">
          {trials.map((trial) => (
            <li key={trial.nctId}>
              <Link className="trial-link" href={`/trials/${trial.nctId}`}>
                <span className="trial-title">
                  {withAcronym(trial.briefTitle, trial.acronym)}
                </span>
                <span className="trial-meta">
                  <span className="nct-id">{trial.nctId}</span>
                  <span>{trial.overallStatus ? STATUS_LABELS[trial.overallStatus] : 'Status not given'}</span>
                  <span>{trial.phase ? PHASE_LABELS[trial.phase] : 'Phase not given'}</span>
                  <span>{MODALITY_LABELS[trial.modality]}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
