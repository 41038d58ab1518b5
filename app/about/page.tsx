// /about: what phases, statuses and kinds of treatment mean, where the data comes from and how fresh it is.
import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDataFreshness } from '@/lib/trials/board';
import { formatPartialDate, STATUS_MEANING } from '@/lib/trials/format';
import { MODALITY_LABELS, PHASE_LABELS, STATUSES, type Modality, type Phase } from '@/lib/trials/vocab';
import styles from './about.module.css';

// The freshness figures read the live database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'About the trial tracker',
  description: 'What trial phases and statuses mean, where the data comes from and how up to date it is.',
};

const PHASE_MEANING: { phase: Phase | null; label?: string; text: string }[] = [
  { phase: 'early-phase-1', text: 'A very small first test in people, with tiny doses, to learn how the body handles the treatment. It cannot show whether the treatment helps.' },
  { phase: 'phase-1', text: 'A first test of safety in a small group, often 20 to 80 people. Researchers look for side effects and for a safe dose.' },
  { phase: 'phase-1-2', text: 'Phase 1 and phase 2 in one trial: first safety and dose, then early signs of whether the treatment helps.' },
  { phase: 'phase-2', text: 'A bigger group, often up to a few hundred people. It checks safety further and looks for early signs that the treatment helps, for example in blood or spinal fluid tests.' },
  { phase: 'phase-2-3', text: 'Phase 2 and phase 3 in one trial, so a treatment that looks promising can go on to a full test without starting a new trial.' },
  { phase: 'phase-3', text: 'A large trial, often hundreds of people, usually comparing the treatment with a placebo (a dummy treatment). It tests whether the treatment really works. Medicines agencies usually need a phase 3 result before they approve a treatment.' },
  { phase: 'phase-4', text: 'A trial of a treatment that is already approved, to learn more about its long-term safety and use.' },
  { phase: 'not-applicable', text: 'The trial does not test a medicine in phases, for example a study of a device, of exercise, or one that only observes people.' },
  { phase: null, label: 'Phase not given', text: 'The registry record does not say which phase the trial is in.' },
];

const MODALITY_MEANING: Record<Modality, string> = {
  aso: 'Short, man-made strands of genetic material, usually given into the spinal fluid. They lower the amount of a harmful protein made from one gene, such as SOD1 or FUS. Tofersen is one.',
  immune: 'Medicines that calm inflammation or change how the immune system acts in the brain and spinal cord.',
  'stem-cell': 'Cells, sometimes taken from the person’s own bone marrow and grown in a laboratory, given back to protect nerve cells.',
  'small-molecule': 'Ordinary medicines, mostly tablets, liquids or drips, that act on a process inside cells. Many ALS trials test one.',
  'gene-therapy': 'Treatments that deliver a gene or a gene-silencing tool into cells, usually with a harmless virus, to fix or switch off a faulty gene.',
  other: 'Anything else, such as devices, supplements, or trials that test several kinds of treatment at once.',
};

const trialsText = (n: number) => (n === 1 ? '1 trial' : `${n} trials`);

export default function AboutPage() {
  const freshness = getDataFreshness();
  return (
    <article className={styles.about}>
      <h1>About the trial tracker</h1>
      <p className="lead">
        What the words on this site mean, where the information comes from, and how up to date it is.
      </p>

      <nav aria-label="On this page" className={styles.toc}>
        <h2 className={styles.tocHead}>On this page</h2>
        <ul>
          <li><a href="#phases">What the phases mean</a></li>
          <li><a href="#statuses">What each status means</a></li>
          <li><a href="#treatments">Kinds of treatment</a></li>
          <li><a href="#data">Where the data comes from</a></li>
          <li><a href="#dates">Estimated and actual dates</a></li>
          <li><a href="#advice">Not medical advice</a></li>
        </ul>
      </nav>

      <section aria-labelledby="phases">
        <h2 id="phases">What the phases mean</h2>
        <p>A new treatment is tested in steps called phases. Each phase asks a different question, and most treatments stop before the last one.</p>
        <dl className={styles.terms}>
          {PHASE_MEANING.map(({ phase, label, text }) => (
            <div key={phase ?? 'none'}>
              <dt>{label ?? (phase ? PHASE_LABELS[phase] : '')}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="statuses">
        <h2 id="statuses">What each status means</h2>
        <p>
          The status says where a trial is now, as its team reported it to the registry. We always show it in words;
          the colour and icon only group similar statuses.
        </p>
        <dl className={styles.terms}>
          {STATUSES.map((status) => (
            <div key={status}>
              <dt>
                <StatusBadge status={status} />
              </dt>
              <dd>{STATUS_MEANING[status]}</dd>
            </div>
          ))}
          <div>
            <dt>
              <StatusBadge status={null} />
            </dt>
            <dd>The registry record does not give a status.</dd>
          </div>
        </dl>
        <p>
          “Unknown status” means the trial team has not confirmed the record for over two years. When we know what
          the status was before that, we show it as “last known”.
        </p>
      </section>

      <section aria-labelledby="treatments">
        <h2 id="treatments">Kinds of treatment</h2>
        <p>The board on the home page groups trials by the kind of treatment they test.</p>
        <dl className={styles.terms}>
          {(Object.keys(MODALITY_MEANING) as Modality[]).map((m) => (
            <div key={m}>
              <dt>{MODALITY_LABELS[m]}</dt>
              <dd>{MODALITY_MEANING[m]}</dd>
            </div>
          ))}
        </dl>
        <p>
          A rule sorts each trial by the names of the treatments it tests. Where a person has checked a trial, their
          answer wins. Each trial page says which of the two it shows.
        </p>
      </section>

      <section aria-labelledby="data">
        <h2 id="data">Where the data comes from</h2>
        <p>Two kinds of information, always shown with where they came from:</p>
        <ul className={styles.list}>
          <li>
            <strong>Registry records</strong> from{' '}
            <a href="https://clinicaltrials.gov/" className={styles.inlineLink}>ClinicalTrials.gov</a>, the public register of
            clinical trials run by the US National Library of Medicine. We read them through its data service (API
            version 2). Trial teams write these records themselves.
          </li>
          <li>
            <strong>Curated facts</strong>: a plain-language summary, how hard taking part is, key entry rules and
            milestones. A person checked each one against named sources, such as published papers and company
            announcements. Each trial page lists those sources and the date they were checked. They are kept with the
            project’s code, in its <code>db/seed</code> folder.
          </li>
        </ul>
        <h3 className={styles.subHead}>How up to date it is</h3>
        <ul className={styles.list}>
          <li>The tracker holds {trialsText(freshness.trials)}.</li>
          <li>
            Newest registry update among them:{' '}
            {freshness.newestRegistryUpdate ? formatPartialDate(freshness.newestRegistryUpdate) : 'not known'}.
          </li>
          <li>
            Curated facts last checked:{' '}
            {freshness.newestCurationAsOf ? formatPartialDate(freshness.newestCurationAsOf) : 'not known'}.
          </li>
          <li>
            {freshness.lastSyncFinishedAt
              ? `We last asked ClinicalTrials.gov for changes on ${formatPartialDate(freshness.lastSyncFinishedAt.slice(0, 10))}.`
              : 'The tracker has not yet asked ClinicalTrials.gov for changes; the records are copies saved with the project.'}
          </li>
        </ul>
        <p>
          Something can change before we notice. Always check the trial’s own registry page, linked from each trial
          page, or ask the trial team.
        </p>
      </section>

      <section aria-labelledby="dates">
        <h2 id="dates">Estimated and actual dates</h2>
        <p>Trial dates come in two kinds, and we always say which:</p>
        <dl className={styles.terms}>
          <div>
            <dt>Actual</dt>
            <dd>It has happened: for example, the trial really started on that day.</dd>
          </div>
          <div>
            <dt>Estimated</dt>
            <dd>
              A plan or a guess by the trial team. Estimated dates often move, usually later. An estimated end date does
              not mean results will be out then.
            </dd>
          </div>
        </dl>
        <p>
          We show a date as exactly as the registry gives it. “March 2026” means the registry gives only the month; we
          never add a day it did not give. “Primary completion” is when the last person has their main measurement;
          “completion” is when the whole trial ends.
        </p>
      </section>

      <section aria-labelledby="advice" className={styles.disclaimer}>
        <h2 id="advice">Not medical advice</h2>
        <p>
          This site helps you find and follow ALS trials. It does not tell you what to do. Trial information can be
          incomplete or out of date, and a trial listed here may not be right or open for you.
        </p>
        <p>
          Talk to your neurologist or the trial team before making any decision about treatment or taking part in a
          trial. Do not stop or change a treatment because of something you read here.
        </p>
        <p>
          <Link href="/" className="action-link">
            Back to the trials
          </Link>
        </p>
      </section>
    </article>
  );
}
