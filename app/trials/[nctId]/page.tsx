// /trials/[nctId]: one trial for families: key facts first, then the plain summary, what taking part
// involves, the timeline and what changed, related trials and where every fact came from.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { DisputedFacts, DisputeNote } from '@/components/trial/disputed-facts';
import { EligibilityClock } from '@/components/trial/eligibility-clock';
import { PrintButton } from '@/components/trial/print-button';
import { MilestoneList, TimelineChart, TimelineLegend } from '@/components/trial/timeline';
import { WhatChanged } from '@/components/trial/what-changed';
import {
  NOT_KNOWN,
  PHASE_MEANING,
  REGISTRY_STUDY_URL,
  ROUTE_WORDS,
  agesText,
  enrolmentText,
  healthyVolunteersText,
  relationText,
  sexText,
  siteOf,
  yesNo,
} from '@/components/trial/words';
import { StatusBadge } from '@/components/ui/status-badge';
import { WatchButton } from '@/components/follow/watch-button';
import { db } from '@/db/client';
import { mayEditTrial } from '@/lib/auth/permissions';
import { currentActor } from '@/lib/auth/session';
import { watchingState } from '@/lib/watchlists/watchlists';
import { formatDateWithType, formatPartialDate, STATUS_MEANING } from '@/lib/trials/format';
import { parseNctId } from '@/lib/trials/list-params';
import { buildMilestones } from '@/lib/trials/milestones';
import { getTrial, type TrialDetail } from '@/lib/trials/queries';
import { BIOMARKER_LABELS, STATUS_LABELS, type Status } from '@/lib/trials/vocab';
import ui from '@/components/trial/trial.module.css';
import styles from './page.module.css';

// Reads the live database and compares dates with today on every request.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ nctId: string }> };

/** The trial for a URL segment: upper-case redirect for `nct…`, not-found for a malformed or unknown id. */
const loadTrial = cache((raw: string): TrialDetail => {
  let nctId: string;
  try {
    nctId = parseNctId(raw);
  } catch {
    notFound();
  }
  if (nctId !== raw) permanentRedirect(`/trials/${nctId}`);
  const trial = getTrial(nctId);
  if (!trial) notFound();
  return trial;
});

/** Families know trials by their acronym (VALOR, ATLAS): lead with it unless the title already has it. */
function displayTitle(trial: Pick<TrialDetail, 'briefTitle' | 'acronym'>): string {
  const { briefTitle, acronym } = trial;
  if (!acronym || briefTitle.toLowerCase().includes(acronym.toLowerCase())) return briefTitle;
  return `${acronym}: ${briefTitle}`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const trial = loadTrial((await params).nctId);
  return {
    title: `${displayTitle(trial)} (${trial.nctId})`,
    description: trial.plainSummary ?? `${trial.overallStatusLabel ?? 'Status not given'}. ${trial.phaseLabel ?? ''}`.trim(),
  };
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className={styles.fact}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const locationStatus = (status: string | null) =>
  status ? (STATUS_LABELS[status as Status] ?? status.toLowerCase().replace(/_/g, ' ')) : 'Recruitment not stated';

const MANY_SITES = 6;
const MANY_OUTCOMES = 4;

export default async function TrialPage({ params }: Props) {
  const trial = loadTrial((await params).nctId);
  const today = new Date();
  const host = (await headers()).get('host');
  const registryUrl = REGISTRY_STUDY_URL(trial.nctId);
  const title = displayTitle(trial);
  const milestones = buildMilestones(trial, today);
  const { eligibility: el, burden } = trial;
  const curated = trial.curationAsOf !== null;
  const { disputes } = trial;
  const byCoordinator = trial.events.some((e) => e.source === 'coordinator');
  const outcomeKinds = (['primary', 'secondary', 'other'] as const)
    .map((kind) => ({ kind, items: trial.outcomes.filter((o) => o.kind === kind) }))
    .filter((g) => g.items.length > 0);

  const actor = await currentActor();
  const watching = actor ? (watchingState(db(), actor, [trial.nctId])[trial.nctId] ?? false) : false;
  const mayUpdate = mayEditTrial(db(), actor, trial.nctId);

  return (
    <article className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>
          Clinical trial <span className={ui.mono}>{trial.nctId}</span>
        </p>
        <h1>{title}</h1>
        {trial.officialTitle && trial.officialTitle !== trial.briefTitle ? (
          <p className={`${styles.officialTitle} ${styles.noPrint}`}>Official title: {trial.officialTitle}</p>
        ) : null}
        <div className={styles.headerRow}>
          <WatchButton nctId={trial.nctId} title={title} initialWatching={watching} signedIn={!!actor} />
          {mayUpdate ? (
            <Link href={`/coordinate/${trial.nctId}`} className="action-link">
              Update this trial
            </Link>
          ) : null}
          <PrintButton />
        </div>
      </header>

      <section aria-labelledby="key-facts" className={styles.keyFacts}>
        <h2 id="key-facts" className="visually-hidden">
          Key facts
        </h2>

        <div className={`${styles.card} ${styles.statusCard}`}>
          <h3>Status</h3>
          <p className={styles.big}>
            <StatusBadge status={trial.overallStatus} lastKnown={trial.lastKnownStatus} />
          </p>
          <p>{trial.overallStatus ? STATUS_MEANING[trial.overallStatus] : 'The registry does not give a status.'}</p>
          {trial.overallStatus === 'UNKNOWN' ? (
            <p>
              Last known status:{' '}
              {trial.lastKnownStatus ? (
                <>
                  <strong>{STATUS_LABELS[trial.lastKnownStatus]}</strong>. {STATUS_MEANING[trial.lastKnownStatus]}
                </>
              ) : (
                NOT_KNOWN
              )}
            </p>
          ) : null}
          {trial.whyStopped ? <p>Reason given for stopping: {trial.whyStopped}</p> : null}
          <DisputeNote disputes={disputes} fields={['overallStatus']} />
        </div>

        <div className={`${styles.card} ${styles.phaseCard}`}>
          <h3>Phase</h3>
          <p className={styles.big}>{trial.phaseLabel ?? NOT_KNOWN}</p>
          <p>{trial.phase ? PHASE_MEANING[trial.phase] : 'The registry does not give a phase for this study.'}</p>
          <DisputeNote disputes={disputes} fields={['phase']} />
        </div>

        <div className={`${styles.card} ${styles.contactCard}`}>
          <h3>How to get in touch</h3>
          <p>Contacts for the trial team and each site are on the official registry record.</p>
          <p className={styles.noPrint}>
            <a href={registryUrl} className={ui.link44}>
              {trial.nctId} on ClinicalTrials.gov (opens the official record)
            </a>
          </p>
          <p className={styles.printOnly}>
            Official record: <span className={styles.url}>{registryUrl.replace('https://', '')}</span>
            {host ? (
              <>
                <br />
                This page: <span className={styles.url}>{`${host}/trials/${trial.nctId}`}</span>
              </>
            ) : null}
          </p>
        </div>

        <div className={`${styles.card} ${styles.joinCard}`}>
          <h3>Who can join</h3>
          <dl className={styles.facts}>
            <Fact term="Age">{agesText(el.minimumAge, el.maximumAge)}</Fact>
            <Fact term="Sex">{sexText(el.sex)}</Fact>
            <Fact term="Healthy volunteers">{healthyVolunteersText(el.healthyVolunteers)}</Fact>
            <Fact term="Time since first symptoms">
              {el.maxMonthsSinceOnset !== null ? `No more than ${el.maxMonthsSinceOnset} months` : NOT_KNOWN}
            </Fact>
            <Fact term="Breathing capacity">
              {el.minVitalCapacityPct !== null
                ? `At least ${el.minVitalCapacityPct}% of the expected value (FVC or SVC)`
                : NOT_KNOWN}
            </Fact>
            <Fact term="Taking riluzole allowed">{yesNo(el.riluzoleAllowed)}</Fact>
            <Fact term="Taking edaravone allowed">{yesNo(el.edaravoneAllowed)}</Fact>
          </dl>
          <p className={styles.small}>
            These are highlights. The full criteria decide, and only the trial team can confirm who can join.
          </p>
          <DisputeNote disputes={disputes} fields={['maxMonthsSinceOnset', 'minVitalCapacityPct', 'riluzoleAllowed', 'edaravoneAllowed']} />
          {el.criteria?.trim() ? (
            <details className={`${ui.details} ${styles.noPrint}`}>
              <summary>Full eligibility criteria (registry text)</summary>
              <div className={styles.criteria}>{el.criteria}</div>
            </details>
          ) : (
            <p className={styles.small}>
              The tracker does not hold the full criteria text; read it on the{' '}
              <a href={registryUrl}>official record</a>.
            </p>
          )}
          {el.maxMonthsSinceOnset !== null && trial.recruiting ? (
            <div className={styles.noPrint}>
              <EligibilityClock maxMonths={el.maxMonthsSinceOnset} currentYear={today.getFullYear()} />
            </div>
          ) : el.maxMonthsSinceOnset !== null ? (
            // A window that no longer opens onto anything: no clock for a trial that takes nobody.
            <p className={styles.small}>This trial is not taking participants, so there is no time window to check.</p>
          ) : null}
        </div>

        <div className={`${styles.card} ${styles.whereCard}`}>
          <h3>Where</h3>
          <p>
            <strong>Countries:</strong>{' '}
            {trial.countries.length ? trial.countries.join(', ') : 'Not known (the record held here lists no sites)'}
          </p>
          <DisputeNote disputes={disputes} fields={['locations']} />
          {trial.locations.length > 0 ? (
            trial.locations.length < MANY_SITES ? (
              <SiteList locations={trial.locations} />
            ) : (
              <details className={`${ui.details} ${styles.noPrint}`}>
                <summary>All {trial.locations.length} sites</summary>
                <SiteList locations={trial.locations} />
              </details>
            )
          ) : null}
        </div>

        <div className={`${styles.card} ${styles.datesCard}`}>
          <h3>At a glance</h3>
          <dl className={styles.facts}>
            <Fact term="Sponsor">{trial.leadSponsor ?? NOT_KNOWN}</Fact>
            <Fact term="Enrolment">{enrolmentText(trial.enrollment)}</Fact>
            <Fact term="Start">{formatDateWithType(trial.startDate?.date, trial.startDate?.type) ?? NOT_KNOWN}</Fact>
            <Fact term="Primary completion">
              {formatDateWithType(trial.primaryCompletionDate?.date, trial.primaryCompletionDate?.type) ?? NOT_KNOWN}
            </Fact>
            <Fact term="Completion">
              {formatDateWithType(trial.completionDate?.date, trial.completionDate?.type) ?? NOT_KNOWN}
            </Fact>
          </dl>
          <DisputeNote disputes={disputes} fields={['enrollment', 'startDate', 'primaryCompletionDate', 'completionDate']} />
        </div>
      </section>

      <DisputedFacts disputes={disputes} />

      <section aria-labelledby="summary" className={styles.section}>
        <h2 id="summary">In plain words</h2>
        <DisputeNote disputes={disputes} fields={['plainSummary']} />
        {trial.plainSummary ? (
          <p className={styles.summary}>{trial.plainSummary}</p>
        ) : (
          <>
            <p>No plain-language summary has been written for this trial yet.</p>
            {trial.briefSummary ? (
              <>
                <h3>The registry’s brief summary</h3>
                <p className={styles.criteria}>{trial.briefSummary}</p>
              </>
            ) : (
              <p>The registry record held here has no summary either.</p>
            )}
          </>
        )}
      </section>

      <div className={styles.twoCol}>
        <section aria-labelledby="taking-part" className={styles.card}>
          <h2 id="taking-part">What taking part involves</h2>
          <dl className={styles.facts}>
            <Fact term="Placebo (dummy treatment)">
              {burden.placebo === null
                ? NOT_KNOWN
                : burden.placebo
                  ? `Yes, some people get a placebo${burden.placeboRatio ? ` (${burden.placeboRatio}, treatment to placebo)` : ''}`
                  : 'No placebo'}
            </Fact>
            <Fact term="Open-label extension">
              {burden.openLabelExtension === null
                ? NOT_KNOWN
                : burden.openLabelExtension
                  ? 'Yes: afterwards, participants can go on to take the treatment, knowing they get it'
                  : 'No'}
            </Fact>
            <Fact term="How the treatment is given">
              {burden.routes.length ? burden.routes.map((r) => ROUTE_WORDS[r]).join('; ') : NOT_KNOWN}
            </Fact>
            {burden.notes ? <Fact term="Good to know">{burden.notes}</Fact> : null}
          </dl>
        </section>

        <section aria-labelledby="about" className={`${styles.card} ${styles.noPrint}`}>
          <h2 id="about">About the trial</h2>
          <dl className={styles.facts}>
            <Fact term="Kind of treatment">
              {trial.modalityLabel}
              {trial.mechanism ? `: ${trial.mechanism}` : ''}
            </Fact>
            <Fact term="Target genes">{trial.genes.length ? trial.genes.join(', ') : 'None named'}</Fact>
            <Fact term="Sponsor">{trial.leadSponsor ?? NOT_KNOWN}</Fact>
            <Fact term="Collaborators">{trial.collaborators.length ? trial.collaborators.join(', ') : 'None listed'}</Fact>
            <Fact term="Enrolment">{enrolmentText(trial.enrollment)}</Fact>
            <Fact term="Treatments">
              {trial.interventions.length ? (
                <ul className={styles.plainList}>
                  {trial.interventions.map((i, n) => (
                    <li key={n}>
                      {i.name}
                      {i.type ? ` (${i.type.toLowerCase().replace(/_/g, ' ')})` : ''}
                      {i.otherNames.length ? `, also called ${i.otherNames.join(', ')}` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                NOT_KNOWN
              )}
            </Fact>
          </dl>
        </section>
      </div>

      <section aria-labelledby="timeline" className={styles.section}>
        <h2 id="timeline">Timeline</h2>
        <h3 className={styles.noPrint}>Planned and actual dates</h3>
        {milestones.length ? (
          <>
            <div className={styles.noPrint}>
              <TimelineChart milestones={milestones} today={today} nctId={trial.nctId} />
              <TimelineLegend />
            </div>
            <MilestoneList milestones={milestones} />
          </>
        ) : (
          <p>The registry record held here gives no dates for this trial yet.</p>
        )}
        <div className={styles.noPrint}>
          <h3>What changed</h3>
          <p className={styles.small}>Every change the tracker knows of, newest first in each group.</p>
          <WhatChanged events={trial.events} />
        </div>
      </section>

      {outcomeKinds.length ? (
        <section aria-labelledby="measures" className={`${styles.section} ${styles.noPrint}`}>
          <h2 id="measures">What the trial measures</h2>
          {outcomeKinds.map(({ kind, items }) => {
            const list = (
              <ul className={styles.outcomes}>
                {items.map((o, n) => (
                  <li key={n}>
                    <span className={styles.measure}>{o.measure}</span>
                    {o.timeFrame ? <span className={styles.small}> Time frame: {o.timeFrame}</span> : null}
                    {o.biomarkers.length ? (
                      <span className={styles.tags}>
                        {o.biomarkers.map((b) => (
                          <span key={b} className={styles.tag}>
                            Biomarker: {BIOMARKER_LABELS[b]}
                          </span>
                        ))}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            );
            const heading = `${kind[0]!.toUpperCase()}${kind.slice(1)} outcome measures (${items.length})`;
            return kind !== 'primary' && items.length > MANY_OUTCOMES ? (
              <details key={kind} className={ui.details}>
                <summary>{heading}</summary>
                {list}
              </details>
            ) : (
              <div key={kind}>
                <h3>{heading}</h3>
                {list}
              </div>
            );
          })}
        </section>
      ) : null}

      <section aria-labelledby="related" className={`${styles.section} ${styles.noPrint}`}>
        <h2 id="related">Related trials</h2>
        {trial.links.length ? (
          <ul className={styles.related}>
            {trial.links.map((link) => (
              <li key={`${link.direction}-${link.relation}-${link.nctId}`}>
                <span className={styles.relation}>{relationText(link)}</span>
                {link.title ? (
                  <Link href={link.url} className={ui.link44}>
                    {link.title} ({link.nctId})
                  </Link>
                ) : (
                  <a href={REGISTRY_STUDY_URL(link.nctId)} className={ui.link44}>
                    {link.nctId} on ClinicalTrials.gov (not in this tracker)
                  </a>
                )}
                {link.note ? <span className={styles.small}>{link.note}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>The tracker knows of no related trials.</p>
        )}
      </section>

      <section aria-labelledby="sources" className={`${styles.section} ${styles.sources}`}>
        <h2 id="sources">Sources</h2>
        <dl className={styles.facts}>
          <Fact term="Curated facts checked as of">
            {formatPartialDate(trial.curationAsOf) ?? 'No facts have been curated for this trial'}
          </Fact>
          <Fact term="Registry record last updated">
            {trial.provenance.registryLastUpdate
              ? formatDateWithType(trial.provenance.registryLastUpdate, trial.lastUpdatePostedType)
              : NOT_KNOWN}
          </Fact>
          <Fact term="Registry record read by the tracker">
            {trial.provenance.registryFetchedAt ? formatPartialDate(trial.provenance.registryFetchedAt.slice(0, 10)) : NOT_KNOWN}
          </Fact>
        </dl>
        <div className={styles.noPrint}>
          <h3>Where each kind of fact comes from</h3>
          <ul className={styles.plainList}>
            <li>
              Kind of treatment:{' '}
              {trial.modalitySource === 'curation'
                ? 'curated by a person from the sources below'
                : `classified by rule: ${trial.classificationReason ?? 'no reason recorded'}`}
            </li>
            <li>
              Target genes:{' '}
              {trial.genesSource === 'curation' ? 'curated by a person from the sources below' : 'picked out by rule from the record'}
            </li>
            {curated ? (
              <li>
                Curated: the plain-language summary, what taking part involves, time since first symptoms, breathing
                capacity, riluzole and edaravone, related trials and the notes in “What changed”.
              </li>
            ) : null}
            <li>
              From the ClinicalTrials.gov registry: titles, status, phase, dates, enrolment, age, sex, healthy volunteers,
              sites, sponsor, treatments and outcome measures.
            </li>
            <li>Biomarker tags on outcome measures: picked out by rule from the measure’s words.</li>
            {byCoordinator ? (
              <li>
                Some facts were updated by the trial’s coordinator: “What changed” says which, when and why. When a
                later registry record gives a different value, both are shown under “Sources disagree” until the
                coordinator confirms one.
              </li>
            ) : null}
          </ul>
          {trial.curationNotes ? (
            <>
              <h3>Curator’s notes</h3>
              <p className={styles.criteria}>{trial.curationNotes}</p>
            </>
          ) : null}
          <h3>Sources used ({trial.sources.length})</h3>
          {trial.sources.length ? (
            <ul className={styles.sourceList}>
              {trial.sources.map((s, n) => (
                <li key={n}>
                  <a href={s.url} className={ui.link44}>
                    {s.label}
                  </a>
                  <span className={styles.small}>
                    {siteOf(s.url)}, {s.asOf ? `as of ${formatPartialDate(s.asOf)}` : 'date not given'}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>No curated sources; the facts come from the registry record.</p>
          )}
        </div>
      </section>
    </article>
  );
}

function SiteList({ locations }: { locations: TrialDetail['locations'] }) {
  return (
    <ul className={styles.plainList}>
      {locations.map((l, n) => (
        <li key={n}>
          <strong>{l.facility ?? 'Site name not given'}</strong>
          {[l.city, l.state, l.country].filter(Boolean).length ? `, ${[l.city, l.state, l.country].filter(Boolean).join(', ')}` : ''}
          {' — '}
          {locationStatus(l.status)}
        </li>
      ))}
    </ul>
  );
}
