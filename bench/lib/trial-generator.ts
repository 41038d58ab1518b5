// One synthetic trial with its child rows, its search-index row and its event history, from (seed, index).
// The history is simulated: a trial is registered, starts, recruits, completes (or is withdrawn, terminated,
// suspended, or goes quiet and becomes UNKNOWN two years later), and each field's changes are recorded as the
// importer records them (lib/trials/import.ts): one version per registry update, date and count fields as
// {date,type} / {count,type}, occurredAt the update's posting date. The stored trial is the history's end state.
import type { Biomarker, DateType, EventKind, Gene, Modality, Phase, Route, Status } from '@/lib/trials/vocab';
import { PHASE_LABELS } from '@/lib/trials/vocab';
import { dayOf, isoDay, isoTimestamp, partialIso } from './days';
import { Random, type Weighted } from './random';
import {
  ACRONYMS, CONDITION, COUNTRY_WEIGHTS, ELIGIBILITY_EXCLUSION, ELIGIBILITY_INCLUSION, EXTRA_CONDITIONS, GENE_WEIGHTS, INTERVENTION_TYPES,
  KEYWORDS, KNOWN_DRUGS, MECHANISMS, NOTES, OUTCOMES, ROUTES_BY_MODALITY, SUMMARY_SENTENCES, TIME_FRAMES, WHY_STOPPED,
  citiesOf, codeName, facilityName,
} from './vocabulary';

/** The synthetic registry's "today": fixed, so a seed always builds the same file whenever it is run. */
export const REFERENCE_DAY = dayOf(2026, 11, 1);
export const REFERENCE_DATE = isoDay(REFERENCE_DAY);
const REGISTRY_OPENED = dayOf(1999, 9, 20);

/**
 * Synthetic NCT ids: NCT9 followed by seven digits. Real ids run NCT00000102–NCT07…, so these can never
 * be mistaken for, or collide with, a real study (and are never presented as one).
 */
export const benchNctId = (index: number) => `NCT9${String(index + 1).padStart(7, '0')}`;

export type TrialPools = { invented: Record<Modality, string[]>; sponsors: string[] };

type Dated = { date: string; type: DateType };
type Counted = { count: number; type: DateType };

export type GeneratedEvent = {
  kind: EventKind;
  field: string | null;
  /** JSON text as drizzle's json columns store it, or null. */
  fromValue: string | null;
  toValue: string | null;
  occurredAt: string | null;
  recordedAt: string;
  source: 'registry' | 'coordinator';
  sourceDetail: string;
  text: string | null;
  actorUserId: string | null;
  trialVersion: number;
};

export type GeneratedTrial = {
  id: number;
  nctId: string;
  /** Values in TRIAL_COLUMNS order. */
  row: unknown[];
  status: Status | null;
  genes: Gene[];
  interventions: { type: string; name: string; description: string | null; otherNames: string[] }[];
  outcomes: { kind: 'primary' | 'secondary' | 'other'; measure: string; description: string | null; timeFrame: string | null; biomarkers: Biomarker[] }[];
  biomarkers: Biomarker[];
  locations: { facility: string; city: string; state: string | null; country: string; status: string | null }[];
  link: { fromNctId: string; relation: 'extension' | 'follow-on'; note: null } | null;
  /** title, interventions, sponsor, conditions, summary: exactly as lib/trials/search-index.ts writes them. */
  fts: [string, string, string, string, string];
  events: GeneratedEvent[];
};

/** trials columns the generator fills, in `row` order; the rest keep their defaults. */
export const TRIAL_COLUMNS = [
  'id', 'nct_id', 'brief_title', 'official_title', 'acronym', 'brief_summary', 'plain_summary', 'modality', 'modality_source',
  'classification_reason', 'genes_source', 'mechanism', 'phase', 'overall_status', 'last_known_status', 'why_stopped', 'study_type',
  'lead_sponsor', 'collaborators', 'conditions', 'keywords', 'start_date', 'start_date_type', 'primary_completion_date',
  'primary_completion_date_type', 'completion_date', 'completion_date_type', 'first_posted_date', 'first_posted_date_type',
  'last_update_posted_date', 'last_update_posted_date_type', 'results_first_posted_date', 'has_results', 'enrollment_count',
  'enrollment_type', 'minimum_age', 'maximum_age', 'sex', 'healthy_volunteers', 'eligibility_criteria', 'max_months_since_onset',
  'min_vital_capacity_pct', 'riluzole_allowed', 'edaravone_allowed', 'placebo', 'placebo_ratio', 'open_label_extension', 'routes',
  'burden_notes', 'programme', 'curation_notes', 'registry_fetched_at', 'curation_as_of', 'sources', 'version', 'created_at', 'updated_at',
] as const;

const STUDY_TYPES: Weighted<'INTERVENTIONAL' | 'OBSERVATIONAL' | 'EXPANDED_ACCESS'> = [['INTERVENTIONAL', 78], ['OBSERVATIONAL', 20], ['EXPANDED_ACCESS', 2]];
const MODALITY_WEIGHTS: Record<string, Weighted<Modality>> = {
  INTERVENTIONAL: [['small-molecule', 46], ['other', 20], ['immune', 11], ['stem-cell', 8], ['aso', 8], ['gene-therapy', 7]],
  OBSERVATIONAL: [['other', 85], ['small-molecule', 10], ['immune', 3], ['aso', 2]],
  EXPANDED_ACCESS: [['small-molecule', 50], ['aso', 20], ['stem-cell', 15], ['other', 15]],
};
const PHASE_WEIGHTS: Weighted<Phase> = [
  ['phase-2', 30], ['phase-1', 15], ['phase-3', 12], ['phase-1-2', 8], ['phase-2-3', 5], ['phase-4', 5], ['early-phase-1', 3], ['not-applicable', 22],
];
const EXPANDED_ACCESS_ENDS: Weighted<Status | null> = [[null, 40], ['NO_LONGER_AVAILABLE', 35], ['APPROVED_FOR_MARKETING', 15], ['TEMPORARILY_NOT_AVAILABLE', 7], ['WITHHELD', 3]];
const COLLABORATOR_COUNTS: Weighted<number> = [[0, 60], [1, 30], [2, 10]];
const PRIMARY_COUNTS: Weighted<number> = [[1, 70], [2, 25], [3, 5]];
const SECONDARY_COUNTS: Weighted<number> = [[0, 10], [1, 15], [2, 20], [3, 20], [4, 15], [5, 10], [6, 10]];
/** Sites per trial: most have one, multi-centre trials up to 50 (about 7 on average). */
const SITE_COUNTS: Weighted<readonly [number, number]> = [[[0, 0], 10], [[1, 1], 40], [[2, 5], 20], [[6, 15], 15], [[16, 30], 10], [[31, 50], 5]];
const SITE_STATUSES_RECRUITING: Weighted<string> = [['RECRUITING', 80], ['NOT_YET_RECRUITING', 15], ['ACTIVE_NOT_RECRUITING', 5]];
const OUTCOME_WEIGHTS: Weighted<(typeof OUTCOMES)[number]> = OUTCOMES.map((o) => [o, o.weight] as const);
const GENE_CHANCE: Record<Modality, number> = { aso: 0.75, 'gene-therapy': 0.7, 'small-molecule': 0.08, immune: 0.08, 'stem-cell': 0.08, other: 0.08 };
/** ASOs whose target is public: a trial of one of these names its gene. */
const ASO_FOR_GENE: Partial<Record<Gene, readonly string[]>> = { SOD1: ['tofersen'], FUS: ['ulefnersen'], C9orf72: ['BIIB078', 'WVE-004'], ATXN2: ['BIIB105'] };
const PHASE_CHANGES: Partial<Record<Phase, Phase>> = { 'phase-1': 'phase-1-2', 'phase-2': 'phase-2-3', 'phase-1-2': 'phase-2', 'early-phase-1': 'phase-1' };

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' \n ');

/** One field's history: its value before registration, then (day, value) changes in day order. */
type Point<T> = { day: number; value: T };

type Options = { eventsPerTrial: number; coordinatorId: string | null };

export function generateTrial(seed: number, index: number, pools: TrialPools, options: Options): GeneratedTrial {
  const rng = new Random(seed, 'trial', index);
  const id = index + 1;
  const nctId = benchNctId(index);

  // What kind of study, and what it tests.
  const studyType = rng.weighted(STUDY_TYPES);
  const interventional = studyType === 'INTERVENTIONAL';
  const modality = rng.weighted(MODALITY_WEIGHTS[studyType]!);
  const phase: Phase | null = interventional ? rng.weighted(PHASE_WEIGHTS) : null;
  const genes: Gene[] = [];
  if (rng.chance(GENE_CHANCE[modality])) {
    genes.push(rng.weighted(modality === 'aso' || modality === 'gene-therapy' ? GENE_WEIGHTS[modality] : GENE_WEIGHTS.other));
    if (rng.chance(0.05)) {
      const second = rng.weighted(GENE_WEIGHTS.other);
      if (second !== genes[0]) genes.push(second);
    }
  }
  const drug = pickDrug(rng, modality, genes[0], pools);
  const gene = genes[0] ?? null;

  // The timeline in days. Most trials started in the last fifteen years (the registry keeps growing).
  const planned = studyType !== 'EXPANDED_ACCESS' && rng.chance(0.05);
  let start: number;
  let firstPosted: number;
  if (planned) {
    firstPosted = REFERENCE_DAY - rng.int(1, 200);
    start = REFERENCE_DAY + rng.int(15, 540);
  } else {
    const year = rng.weighted(START_YEARS);
    start = Math.min(dayOf(year, 1, 1) + rng.int(0, 364), REFERENCE_DAY + 60);
    if (start < REGISTRY_OPENED) firstPosted = REGISTRY_OPENED + rng.int(0, 1200);
    else firstPosted = rng.chance(0.65) ? start - rng.int(0, 240) : start + rng.int(0, 400);
    firstPosted = Math.max(REGISTRY_OPENED, Math.min(firstPosted, REFERENCE_DAY - 1));
  }
  const monthOnly = firstPosted < dayOf(2017, 1, 1) ? rng.chance(0.6) : rng.chance(0.1);
  const short = phase === 'phase-1' || phase === 'early-phase-1';
  const primary = start + Math.round(rng.int(365, 1826) * (short ? 0.6 : 1));
  const completion = rng.chance(0.4) ? primary : primary + rng.int(30, 540);
  const recruitEnd = start + Math.round((primary - start) * (0.55 + rng.next() * 0.35));
  const lag = () => rng.int(0, 60);
  const started = start + lag();
  const recruited = Math.max(recruitEnd + lag(), started + 1);
  const primaryPosted = Math.max(primary + lag(), recruited);
  const completionPosted = Math.max(completion + lag(), primaryPosted);
  const target = enrolmentTarget(rng, studyType, phase);
  const enrolled = Math.max(1, Math.round(target * (0.7 + rng.next() * 0.45)));
  const resultsDay =
    interventional && rng.chance(phase === 'phase-2' || phase === 'phase-3' || phase === 'phase-2-3' ? 0.45 : 0.2) ? completion + rng.int(180, 720) : Infinity;

  // How it ends: cut short at `cutoff` (withdrawn, terminated, suspended, gone quiet) or running until today.
  type Fate = 'withdrawn' | 'terminated' | 'suspended' | 'abandoned' | 'normal';
  let fate = 'normal' as Fate;
  let cutoff = REFERENCE_DAY + 1;
  const between = (a: number, b: number) => (b - a > 2 ? rng.int(a + 1, b - 1) : null);
  const roll = rng.next();
  if (studyType !== 'EXPANDED_ACCESS') {
    const tryFate = (f: Fate, day: number | null) => {
      if (day !== null) [fate, cutoff] = [f, day];
    };
    if (planned) {
      if (roll < 0.08) tryFate('withdrawn', between(firstPosted, REFERENCE_DAY));
    } else if (roll < 0.04) tryFate('withdrawn', between(firstPosted, Math.min(started + 90, REFERENCE_DAY)));
    else if (roll < 0.14) tryFate('terminated', between(Math.max(started, firstPosted) + 30, Math.min(primaryPosted, REFERENCE_DAY)));
    else if (roll < 0.15) tryFate('suspended', between(Math.max(started, firstPosted) + 30, Math.min(primaryPosted, REFERENCE_DAY)));
    else if (roll < 0.33) tryFate('abandoned', between(firstPosted + 30, Math.min(completionPosted, REFERENCE_DAY - 730)));
  }
  const open = fate === 'normal';
  const keep = (day: number) => (open ? day <= REFERENCE_DAY : day < cutoff);
  const fmt = (day: number) => partialIso(day, monthOnly);
  const dated = (day: number, type: DateType): Dated => ({ date: fmt(day), type });

  // Each field's history, as the registry would have shown it over time.
  const statusPts: Point<Status>[] = [];
  const startPts: Point<Dated | null>[] = [];
  const primaryPts: Point<Dated | null>[] = [];
  const completionPts: Point<Dated | null>[] = [];
  const enrolPts: Point<Counted | null>[] = [];
  const phasePts: Point<Phase | null>[] = [{ day: -Infinity, value: phase }];
  const resultsPts: Point<{ posted: boolean; date: string | null }>[] = [{ day: -Infinity, value: { posted: false, date: null } }];
  if (studyType === 'EXPANDED_ACCESS') {
    statusPts.push({ day: -Infinity, value: 'AVAILABLE' });
    const end = rng.weighted(EXPANDED_ACCESS_ENDS);
    if (end) statusPts.push({ day: firstPosted + rng.int(60, 2000), value: end });
    startPts.push({ day: -Infinity, value: rng.chance(0.5) || start > REFERENCE_DAY ? null : dated(start, 'ACTUAL') });
    primaryPts.push({ day: -Infinity, value: null });
    completionPts.push({ day: -Infinity, value: null });
    enrolPts.push({ day: -Infinity, value: null });
  } else {
    const recruiting: Status = rng.chance(0.12) ? 'ENROLLING_BY_INVITATION' : 'RECRUITING';
    statusPts.push({ day: -Infinity, value: 'NOT_YET_RECRUITING' }, { day: started, value: recruiting });
    if (recruited < completionPosted) statusPts.push({ day: recruited, value: 'ACTIVE_NOT_RECRUITING' });
    statusPts.push({ day: completionPosted, value: 'COMPLETED' });
    // The start first registered may be later revised; an estimate is never already past when registered.
    let slip = rng.chance(0.4) ? rng.int(15, 200) : 0;
    if (start - slip - firstPosted <= 3) slip = 0;
    startPts.push({ day: -Infinity, value: dated(start - slip, 'ESTIMATED') });
    if (slip) startPts.push({ day: rng.int(firstPosted + 1, start - slip - 1), value: dated(start, 'ESTIMATED') });
    startPts.push({ day: started, value: dated(start, 'ACTUAL') });
    primaryPts.push({ day: -Infinity, value: dated(primary, 'ESTIMATED') }, { day: primaryPosted, value: dated(primary, 'ACTUAL') });
    completionPts.push({ day: -Infinity, value: dated(completion, 'ESTIMATED') }, { day: completionPosted, value: dated(completion, 'ACTUAL') });
    enrolPts.push({ day: -Infinity, value: { count: target, type: 'ESTIMATED' } }, { day: recruited, value: { count: enrolled, type: 'ACTUAL' } });
    if (phase && PHASE_CHANGES[phase] && rng.chance(0.04)) {
      const day = between(firstPosted, primaryPosted);
      if (day !== null) phasePts.push({ day, value: PHASE_CHANGES[phase]! });
    }
    if (resultsDay !== Infinity) resultsPts.push({ day: resultsDay, value: { posted: true, date: isoDay(resultsDay) } });
  }

  // Extra registry updates (estimates revised) until the trial has about eventsPerTrial events.
  const count = (pts: Point<unknown>[]) => pts.filter((p) => p.day > firstPosted && keep(p.day)).length;
  const scheduled = [statusPts, startPts, primaryPts, completionPts, enrolPts, phasePts, resultsPts].reduce((n, pts) => n + count(pts as Point<unknown>[]), 0);
  const goal = Math.max(1, Math.round(options.eventsPerTrial * (0.65 + rng.next() * 0.8)));
  let extra = studyType === 'EXPANDED_ACCESS' ? 0 : Math.max(0, goal - scheduled - 2 - (fate === 'normal' ? 0 : 2));
  const estimateEnd = Math.min(open ? REFERENCE_DAY : cutoff - 1, primaryPosted - 1, primary - 30);
  // At most one revision per two months of the window: a trial registered last month has no history yet.
  const delays = Math.max(0, Math.min(Math.ceil(extra * 0.6), Math.floor((estimateEnd - firstPosted) / 60)));
  if (delays > 0) {
    // Primary completion slips: earlier estimates, each revised later, ending at the date it is now.
    const step = rng.int(30, 180);
    const days = Array.from({ length: delays }, () => rng.int(firstPosted + 1, estimateEnd)).sort((a, b) => a - b);
    let previous = -Infinity;
    const values = days.map((day, j) => (previous = Math.max(previous, primary - (delays - 1 - j) * step, day + 30)));
    const initial = Math.max(primary - delays * step, firstPosted + 60);
    primaryPts[0]!.value = dated(initial, 'ESTIMATED');
    completionPts[0]!.value = dated(initial + (completion - primary), 'ESTIMATED');
    days.forEach((day, j) => primaryPts.splice(1 + j, 0, { day, value: dated(values[j]!, 'ESTIMATED') }));
    // The overall completion estimate usually moves with it, in the same update.
    days.forEach((day, j) => {
      if (rng.chance(0.5)) completionPts.splice(completionPts.length - 1, 0, { day, value: dated(values[j]! + (completion - primary), 'ESTIMATED') });
    });
    completionPts.sort((a, b) => a.day - b.day);
    extra -= delays;
  }
  const enrolEnd = Math.min(open ? REFERENCE_DAY : cutoff - 1, recruited - 1);
  extra = Math.min(extra, Math.floor((enrolEnd - firstPosted) / 60));
  if (extra > 0) {
    for (let j = 0; j < extra; j++)
      enrolPts.push({ day: rng.int(firstPosted + 1, enrolEnd), value: { count: Math.max(5, Math.round(target * (0.8 + rng.next() * 0.5))), type: 'ESTIMATED' } });
    enrolPts.sort((a, b) => a.day - b.day);
  }

  // Replay: the value at registration, then one event per change up to the cutoff.
  type Change = { day: number; kind: EventKind; field: string; from: unknown; to: unknown };
  const changes: Change[] = [];
  function replay<T>(pts: Point<T>[], field: string, kindOf: (from: T, to: T) => EventKind): T {
    let value = pts[0]!.value;
    for (let k = 1; k < pts.length; k++) {
      const p = pts[k]!;
      if (!keep(p.day)) break;
      // Two revisions on one day are one update: the later value wins.
      if (pts[k + 1]?.day === p.day) continue;
      if (JSON.stringify(p.value) === JSON.stringify(value)) continue;
      if (p.day > firstPosted) changes.push({ day: p.day, kind: kindOf(value, p.value), field, from: value, to: p.value });
      value = p.value;
    }
    return value;
  }
  let status: Status | null = replay(statusPts, 'overallStatus', () => 'status_changed');
  const registeredStart = valueAt(startPts, firstPosted);
  const startDate = replay(startPts, 'startDate', (f, t) => (t?.type === 'ACTUAL' && f?.type !== 'ACTUAL' ? 'started' : 'date_changed'));
  let primaryDate = replay(primaryPts, 'primaryCompletionDate', () => 'date_changed');
  let completionDate = replay(completionPts, 'completionDate', () => 'date_changed');
  let enrolment = replay(enrolPts, 'enrollment', () => 'enrolment_changed');
  const finalPhase = replay(phasePts, 'phase', () => 'phase_changed');
  const registeredResults = valueAt(resultsPts, firstPosted);
  const results = replay(resultsPts, 'results', () => 'results_posted');
  let lastKnownStatus: Status | null = null;
  let whyStopped: string | null = null;
  let unknownDay: number | null = null;

  // The end of a cut-short trial, recorded in one update on the cutoff day.
  const endWith = (field: string, kind: EventKind, from: unknown, to: unknown) => changes.push({ day: cutoff, kind, field, from, to });
  if (fate === 'withdrawn' || fate === 'terminated' || fate === 'suspended') {
    const next: Status = fate === 'withdrawn' ? 'WITHDRAWN' : fate === 'terminated' ? 'TERMINATED' : 'SUSPENDED';
    endWith('overallStatus', 'status_changed', status, next);
    status = next;
    if (fate === 'terminated') {
      const end = dated(cutoff, 'ACTUAL');
      if (primaryDate?.type !== 'ACTUAL') {
        endWith('primaryCompletionDate', 'date_changed', primaryDate, end);
        primaryDate = end;
      }
      if (completionDate?.type !== 'ACTUAL') {
        endWith('completionDate', 'date_changed', completionDate, end);
        completionDate = end;
      }
    }
    if (fate !== 'suspended' && enrolment?.type !== 'ACTUAL') {
      const to: Counted = { count: fate === 'withdrawn' ? 0 : Math.max(1, Math.round((enrolment?.count ?? target) * (0.1 + rng.next() * 0.7))), type: 'ACTUAL' };
      endWith('enrollment', 'enrolment_changed', enrolment, to);
      enrolment = to;
    }
    whyStopped = rng.pick(WHY_STOPPED);
    endWith('whyStopped', 'record_updated', null, whyStopped);
  } else if (fate === 'abandoned') {
    // Not verified for two years: the registry shows UNKNOWN and keeps the last status it was given.
    unknownDay = Math.min(cutoff + 730 + rng.int(1, 60), REFERENCE_DAY);
    lastKnownStatus = status;
    changes.push({ day: unknownDay, kind: 'status_changed', field: 'overallStatus', from: status, to: 'UNKNOWN' });
    changes.push({ day: unknownDay, kind: 'status_changed', field: 'lastKnownStatus', from: null, to: status });
    status = 'UNKNOWN';
  }

  // Versions: registration is version 1; each later update day is the next version, in day order.
  const versionDays = [...new Set(changes.map((c) => c.day))].sort((a, b) => a - b);
  const registryUpdates = versionDays.filter((d) => d !== unknownDay);
  const lastUpdate = registryUpdates.length ? registryUpdates[registryUpdates.length - 1]! : firstPosted;
  const times = new Map<number, number>();
  const recordedAt = (day: number) => {
    if (!times.has(day)) times.set(day, rng.int(0, 86_399));
    return isoTimestamp(day, times.get(day)!);
  };
  const detail = (day: number) => `ClinicalTrials.gov record, last update posted ${isoDay(day)}`;
  const events: GeneratedEvent[] = [];
  const registryEvent = (kind: EventKind, field: string | null, from: unknown, to: unknown, occurredAt: string | null, day: number, version: number, text: string | null) =>
    events.push({
      kind, field, fromValue: json(from), toValue: json(to), occurredAt, recordedAt: recordedAt(day), source: 'registry',
      sourceDetail: detail(day === unknownDay ? lastUpdate : day), text, actorUserId: null, trialVersion: version,
    });
  registryEvent('registered', null, null, null, isoDay(firstPosted), firstPosted, 1, 'First posted on ClinicalTrials.gov');
  if (registeredStart?.type === 'ACTUAL') registryEvent('started', null, null, registeredStart, registeredStart.date, firstPosted, 1, 'Trial started');
  if (registeredResults.posted) registryEvent('results_posted', null, null, registeredResults, registeredResults.date, firstPosted, 1, 'Results posted on ClinicalTrials.gov');
  // A coordinator's notes to followers, each its own version (as updateTrial writes them), in day order with the rest.
  const notes: number[] = [];
  if (options.coordinatorId && rng.chance(0.6)) {
    const noteEnd = Math.min(open ? REFERENCE_DAY : cutoff, REFERENCE_DAY);
    if (noteEnd - firstPosted > 2) for (let n = rng.int(1, 3); n > 0; n--) notes.push(rng.int(firstPosted + 1, noteEnd));
  }
  const updates = [...versionDays.map((day) => ({ day, note: false })), ...notes.map((day) => ({ day, note: true }))].sort((a, b) => a.day - b.day || Number(a.note) - Number(b.note));
  let version = 1;
  for (const update of updates) {
    version += 1;
    const { day } = update;
    if (update.note) {
      events.push({
        kind: 'note', field: null, fromValue: null, toValue: null, occurredAt: isoDay(day), recordedAt: isoTimestamp(day, rng.int(0, 86_399)),
        source: 'coordinator', sourceDetail: "Note from the trial's coordinator", text: rng.pick(NOTES), actorUserId: options.coordinatorId, trialVersion: version,
      });
      continue;
    }
    // A registry change happened when the registry posted it (the UNKNOWN flip: as of the last update posted).
    const occurredAt = isoDay(day === unknownDay ? lastUpdate : day);
    for (const c of changes) if (c.day === day) registryEvent(c.kind, c.field, c.from, c.to, occurredAt, day, version, null);
  }

  // The record's text, children and index row.
  const acronym = rng.chance(0.3) ? (rng.chance(0.5) ? rng.pick(ACRONYMS) : codeName(rng).split('-')[0]!) : null;
  const briefTitle = titleFor(rng, studyType, modality, drug, gene, phase, acronym);
  const officialTitle = officialTitleFor(rng, studyType, drug, finalPhase, gene);
  const leadSponsor = pools.sponsors[Math.floor(pools.sponsors.length * rng.next() ** 2)]!;
  const collaborators = rng.sample(pools.sponsors, rng.weighted(COLLABORATOR_COUNTS)).filter((s) => s !== leadSponsor);
  const conditions = [CONDITION, ...(rng.chance(0.3) ? [rng.pick(EXTRA_CONDITIONS)] : []), ...(gene && rng.chance(0.4) ? [`${gene}-ALS`] : [])];
  const keywords = rng.chance(0.5) ? rng.sample(KEYWORDS, rng.int(1, 5)) : [];
  const placebo = interventional ? rng.chance(phase === 'phase-2' || phase === 'phase-3' || phase === 'phase-2-3' ? 0.65 : phase === 'phase-1' || phase === 'phase-1-2' ? 0.35 : 0.05) : null;
  const routes: Route[] = modality === 'other' && !interventional ? [] : rng.weighted(ROUTES_BY_MODALITY[modality]);
  const interventions = interventionsFor(rng, studyType, modality, drug, routes, placebo === true);
  const outcomes = outcomesFor(rng, interventional, drug, gene);
  const biomarkers = [...new Set(outcomes.flatMap((o) => o.biomarkers))];
  const locations = locationsFor(rng, status);
  const briefSummary = summaryFor(rng, studyType, drug, gene, outcomes[0]?.measure ?? 'disease progression', target);
  // A few trials carry curated facts (tracker staff checked them against named sources).
  const curated = rng.chance(0.03);
  const curationAsOf = curated ? isoDay(Math.min(lastUpdate + rng.int(0, 200), REFERENCE_DAY)) : null;
  const mechanism = curated ? rng.pick(MECHANISMS[modality]) : null;
  const plainSummary = curated ? `This trial tests whether ${drug} slows ALS. ${rng.pick(SUMMARY_SENTENCES).replace(/\{\w+\}/g, drug)}` : null;
  const link = index > 0 && rng.chance(0.02) ? { fromNctId: benchNctId(index - rng.int(1, Math.min(index, 50))), relation: rng.pick(['extension', 'follow-on'] as const), note: null } : null;

  const created = events[0]!.recordedAt;
  const updated = events.reduce((latest, e) => (e.recordedAt > latest ? e.recordedAt : latest), created);
  const registryFetched = recordedAt(unknownDay ?? lastUpdate);
  const row: unknown[] = [
    id, nctId, briefTitle, officialTitle, acronym, briefSummary, plainSummary, modality, 'rule',
    reasonFor(modality, drug), 'rule', mechanism, finalPhase, status, lastKnownStatus, whyStopped, studyType,
    leadSponsor, JSON.stringify(collaborators), JSON.stringify(conditions), JSON.stringify(keywords), startDate?.date ?? null, startDate?.type ?? null, primaryDate?.date ?? null,
    primaryDate?.type ?? null, completionDate?.date ?? null, completionDate?.type ?? null, isoDay(firstPosted), 'ACTUAL',
    isoDay(lastUpdate), 'ACTUAL', results.posted ? results.date : null, results.posted ? 1 : 0, enrolment?.count ?? null,
    enrolment?.type ?? null, studyType === 'OBSERVATIONAL' && rng.chance(0.2) ? null : '18 Years', rng.pick(['80 Years', '85 Years', '75 Years', null]), 'ALL',
    studyType === 'OBSERVATIONAL' ? (rng.chance(0.3) ? 1 : 0) : 0, eligibilityFor(rng), curated ? rng.pick([24, 36, 60]) : null,
    curated ? rng.pick([50, 60, 65]) : null, curated ? 1 : null, curated ? (rng.chance(0.7) ? 1 : 0) : null, placebo === null ? null : placebo ? 1 : 0,
    curated && placebo ? rng.pick(['1:1', '2:1', '3:1']) : null, curated ? (rng.chance(0.5) ? 1 : 0) : null, JSON.stringify(routes),
    null, null, null, registryFetched, curationAsOf, JSON.stringify(curated ? [{ label: 'Sponsor press release', url: `https://example.org/bench/${nctId}`, asOf: curationAsOf }] : []),
    version, created, updated,
  ];
  const fts: GeneratedTrial['fts'] = [
    join([nctId, acronym, briefTitle, officialTitle]),
    join(interventions.flatMap((i) => [i.name, ...i.otherNames, i.description])),
    join([leadSponsor, ...collaborators]),
    join([...conditions, ...keywords]),
    join([plainSummary, mechanism, null, briefSummary]),
  ];
  return { id, nctId, row, status, genes, interventions, outcomes, biomarkers, locations, link, fts, events };
}

function valueAt<T>(pts: Point<T>[], day: number): T {
  let value = pts[0]!.value;
  for (const p of pts) if (p.day <= day) value = p.value;
  return value;
}

const START_YEARS: Weighted<number> = Array.from({ length: 32 }, (_, i) => [1995 + i, (i + 3) ** 1.6] as const);

function enrolmentTarget(rng: Random, studyType: string, phase: Phase | null): number {
  if (studyType === 'OBSERVATIONAL') return rng.int(20, 2000);
  if (studyType === 'EXPANDED_ACCESS') return rng.int(1, 50);
  if (phase === 'phase-1' || phase === 'early-phase-1') return rng.int(12, 60);
  if (phase === 'phase-3' || phase === 'phase-2-3') return rng.int(150, 700);
  if (phase === 'not-applicable' || phase === 'phase-4') return rng.int(10, 200);
  return rng.int(40, 250);
}

function pickDrug(rng: Random, modality: Modality, gene: Gene | undefined, pools: TrialPools): string {
  if (modality === 'aso') {
    const known = gene ? ASO_FOR_GENE[gene] : undefined;
    if (known && rng.chance(0.5)) return rng.pick(known);
    return rng.pick(pools.invented.aso);
  }
  if (modality === 'other' || rng.chance(0.4)) return rng.pick(KNOWN_DRUGS[modality]);
  return rng.pick(pools.invented[modality]);
}

function reasonFor(modality: Modality, drug: string): string {
  switch (modality) {
    case 'aso':
      return drug.endsWith('ersen') ? `Intervention "${drug}" has the -ersen stem of antisense drugs.` : 'Title or intervention mentions antisense oligonucleotides.';
    case 'gene-therapy':
      return 'Genetic intervention or gene-therapy terms (AAV, vector, siRNA).';
    case 'stem-cell':
      return 'Mentions "stem cells".';
    case 'immune':
      return `Mentions "${drug}", an anti-inflammatory or immune mechanism.`;
    case 'small-molecule':
      return 'A drug intervention that no more specific rule matched.';
    default:
      return 'No rule matched.';
  }
}

function titleFor(rng: Random, studyType: string, modality: Modality, drug: string, gene: Gene | null, phase: Phase | null, acronym: string | null): string {
  const Drug = capitalise(drug);
  const als = gene ? `${gene}-ALS` : rng.pick(['ALS', 'Amyotrophic Lateral Sclerosis', 'People With ALS']);
  let title: string;
  if (studyType === 'OBSERVATIONAL')
    title = rng.pick([
      `Natural History and Biomarkers of ${als}`,
      'Neurofilament Light Chain as a Prognostic Marker in Amyotrophic Lateral Sclerosis',
      `Registry of People Living With ALS: ${rng.pick(['Outcomes', 'Care', 'Genetics'])} Cohort`,
      'Imaging Motor Neuron Degeneration in ALS With 7 Tesla MRI',
      'Respiratory Function and Quality of Life in Amyotrophic Lateral Sclerosis',
      `Use of ${Drug} in Routine Care of ${als}`,
    ]);
  else if (studyType === 'EXPANDED_ACCESS') title = `Expanded Access Program for ${Drug} in ${als}`;
  else if (modality === 'other') title = rng.pick([`Effect of ${Drug} on Quality of Life in ALS`, `${Drug} for People With ALS: a Randomised Trial`, `${Drug} and Survival in Amyotrophic Lateral Sclerosis`]);
  else
    title = rng.pick([
      `A Study of ${Drug} in ${als}`,
      `${phase ? PHASE_LABELS[phase] : 'Phase 2'} Study of ${Drug} in Amyotrophic Lateral Sclerosis`,
      `Safety and Efficacy of ${Drug} in ${als}`,
      `Efficacy, Safety and Tolerability of ${Drug} Compared With Placebo in Patients With ALS`,
      `${Drug} for Slowing Disease Progression in Amyotrophic Lateral Sclerosis`,
      `Long-term Open-label Extension Study of ${Drug} in ${als}`,
    ]);
  if (acronym && title.length < 130) title = `${acronym}: ${title}`;
  if (title.length < 40) title += ` (${phase && phase !== 'not-applicable' ? PHASE_LABELS[phase] : 'Single-centre'} Study)`;
  return title.length > 150 ? `${title.slice(0, 149)}…` : title;
}

function officialTitleFor(rng: Random, studyType: string, drug: string, phase: Phase | null, gene: Gene | null): string {
  const who = gene ? `Participants With ${gene}-Associated Amyotrophic Lateral Sclerosis` : 'Participants With Amyotrophic Lateral Sclerosis';
  if (studyType === 'OBSERVATIONAL') return `A Prospective, Longitudinal, Multicenter Observational Study of Disease Progression, Biomarkers and Quality of Life in ${who}`;
  if (studyType === 'EXPANDED_ACCESS') return `An Intermediate-size Expanded Access Protocol of ${drug} for ${who}`;
  const design = rng.pick(['Randomized, Double-blind, Placebo-controlled', 'Open-label, Single-arm', 'Randomized, Double-blind, Dose-ranging', 'Randomized, Controlled, Parallel-group']);
  const aims = rng.pick(['Safety, Tolerability, Pharmacokinetics and Efficacy', 'Efficacy and Safety', 'Safety and Biological Activity', 'Long-term Safety']);
  return `A ${phase && phase !== 'not-applicable' ? `${PHASE_LABELS[phase]}, ` : ''}${design}, Multicenter Study to Evaluate the ${aims} of ${drug} in ${who}`;
}

function interventionsFor(rng: Random, studyType: string, modality: Modality, drug: string, routes: Route[], placebo: boolean): GeneratedTrial['interventions'] {
  if (studyType === 'OBSERVATIONAL' && rng.chance(0.5)) return [];
  const route = routes[0] === 'oral' ? 'taken by mouth' : routes[0] ? `given by ${routes[0]} injection` : 'delivered as described in the protocol';
  const schedule = rng.pick(['once daily', 'twice daily', 'every 4 weeks', 'every 2 weeks', 'once', 'three times a week']);
  const dose = modality === 'other' ? '' : `${rng.pick([5, 10, 20, 50, 100, 200, 400])} mg `;
  const main = {
    type: rng.weighted(INTERVENTION_TYPES[modality]),
    name: drug,
    description: rng.chance(0.85) ? `${capitalise(drug)} ${dose}${route} ${schedule}.` : null,
    otherNames: rng.chance(0.5) ? [codeName(rng)] : [],
  };
  const out = [main];
  if (rng.chance(0.1) && modality !== 'other') out.push({ ...main, name: `${drug} (higher dose)`, otherNames: [] });
  if (placebo) out.push({ type: 'DRUG', name: 'Placebo', description: `Matching placebo ${route} ${schedule}.`, otherNames: [] });
  return out;
}

function outcomesFor(rng: Random, interventional: boolean, drug: string, gene: Gene | null): GeneratedTrial['outcomes'] {
  const table = OUTCOME_WEIGHTS;
  const used = new Set<string>();
  const out: GeneratedTrial['outcomes'] = [];
  const add = (kind: 'primary' | 'secondary' | 'other', o: (typeof OUTCOMES)[number]) => {
    if (used.has(o.measure)) return;
    used.add(o.measure);
    const measure = o.measure.startsWith('Maximum plasma') ? `${o.measure} of ${drug}` : o.measure;
    out.push({
      kind, measure, description: rng.chance(0.5) ? rng.pick(['Measured at each study visit and compared with placebo.', 'Higher values mean better function.', 'Assessed by a blinded evaluator.', 'Change from the baseline visit.']) : null,
      timeFrame: rng.pick(TIME_FRAMES), biomarkers: [...o.biomarkers],
    });
  };
  const primaries = rng.weighted(PRIMARY_COUNTS);
  for (let i = 0; i < primaries; i++) add('primary', rng.weighted(table));
  if (gene === 'SOD1' && rng.chance(0.6)) add('secondary', OUTCOMES.find((o) => o.biomarkers.includes('csf-sod1'))!);
  if (gene === 'C9orf72' && rng.chance(0.5)) add('secondary', OUTCOMES.find((o) => o.biomarkers.includes('poly-gp'))!);
  const secondaries = interventional ? rng.weighted(SECONDARY_COUNTS) : rng.int(0, 2);
  for (let i = 0; i < secondaries; i++) add('secondary', rng.weighted(table));
  if (rng.chance(0.2)) add('other', rng.weighted(table));
  return out;
}

function locationsFor(rng: Random, status: Status | null): GeneratedTrial['locations'] {
  const bucket = rng.weighted(SITE_COUNTS);
  const n = rng.int(bucket[0], bucket[1]);
  const home = rng.weighted(COUNTRY_WEIGHTS);
  const siteStatus = (): string | null => {
    if (status === 'RECRUITING' || status === 'ENROLLING_BY_INVITATION') return rng.weighted(SITE_STATUSES_RECRUITING);
    if (status === 'NOT_YET_RECRUITING') return 'NOT_YET_RECRUITING';
    return null;
  };
  const out: GeneratedTrial['locations'] = [];
  for (let i = 0; i < n; i++) {
    const country = n > 5 && rng.chance(0.4) ? rng.weighted(COUNTRY_WEIGHTS) : home;
    const [city, state] = rng.pick(citiesOf(country));
    out.push({ facility: facilityName(rng, city), city, state, country, status: siteStatus() });
  }
  return out;
}

function summaryFor(rng: Random, studyType: string, drug: string, gene: Gene | null, measure: string, target: number): string {
  const length = 300 + Math.floor(1700 * rng.next() ** 1.5);
  const fill = (s: string) =>
    s
      .replace(/\{drug\}/g, drug)
      .replace(/\{gene\}/g, gene ?? rng.pick(['SOD1', 'C9orf72', 'FUS']))
      .replace(/\{measure\}/g, measure.charAt(0).toLowerCase() + measure.slice(1))
      .replace(/\{n\}/g, String(target))
      .replace(/\{weeks\}/g, String(rng.pick([24, 28, 36, 48, 52])))
      .replace(/\{months\}/g, String(rng.pick([18, 24, 36])));
  const separator = rng.chance(0.3) ? '\n\n' : ' ';
  const parts = [fill(SUMMARY_SENTENCES[studyType === 'OBSERVATIONAL' ? 14 : 0]!)];
  let size = parts[0]!.length;
  while (size < length) {
    const s = fill(rng.pick(SUMMARY_SENTENCES));
    if (size + separator.length + s.length > 2000) break;
    parts.push(s);
    size += separator.length + s.length;
  }
  return parts.join(separator);
}

function eligibilityFor(rng: Random): string {
  const inclusion = rng.sample(ELIGIBILITY_INCLUSION, rng.int(3, 7)).map((s) => `* ${s}`);
  const exclusion = rng.sample(ELIGIBILITY_EXCLUSION, rng.int(2, 6)).map((s) => `* ${s}`);
  return `Inclusion Criteria:\n\n${inclusion.join('\n')}\n\nExclusion Criteria:\n\n${exclusion.join('\n')}`;
}
