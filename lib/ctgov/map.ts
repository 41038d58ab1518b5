// Maps a parsed ClinicalTrials.gov v2 record to the tracker's registry facts. Pure: no database.
import type { Phase, Status } from '@/lib/trials/vocab';
import type { StudyRecord } from './record';

type DateType = 'ACTUAL' | 'ESTIMATED';

export type RegistryIntervention = { type: string | null; name: string; description: string | null; otherNames: string[] };
export type RegistryOutcome = { kind: 'primary' | 'secondary' | 'other'; measure: string; description: string | null; timeFrame: string | null };
export type RegistryLocation = { facility: string | null; city: string | null; state: string | null; country: string | null; status: string | null };

export type RegistryTrial = {
  nctId: string;
  briefTitle: string | null;
  officialTitle: string | null;
  acronym: string | null;
  briefSummary: string | null;
  phase: Phase | null;
  overallStatus: Status | null;
  lastKnownStatus: Status | null;
  whyStopped: string | null;
  studyType: string | null;
  leadSponsor: string | null;
  collaborators: string[];
  conditions: string[];
  keywords: string[];
  startDate: string | null;
  startDateType: DateType | null;
  primaryCompletionDate: string | null;
  primaryCompletionDateType: DateType | null;
  completionDate: string | null;
  completionDateType: DateType | null;
  firstPostedDate: string | null;
  firstPostedDateType: DateType | null;
  lastUpdatePostedDate: string | null;
  lastUpdatePostedDateType: DateType | null;
  resultsFirstPostedDate: string | null;
  hasResults: boolean;
  enrollmentCount: number | null;
  enrollmentType: DateType | null;
  minimumAge: string | null;
  maximumAge: string | null;
  sex: string | null;
  healthyVolunteers: boolean | null;
  eligibilityCriteria: string | null;
  /** True when an arm or intervention is a placebo; otherwise null (unknown), never inferred false. */
  placebo: boolean | null;
  interventions: RegistryIntervention[];
  outcomes: RegistryOutcome[];
  locations: RegistryLocation[];
};

/** CommonMark backslash escapes (`\>`, `\*`) become the characters they stand for. */
export function unescapeCommonMark(text: string): string {
  return text.includes('\\') ? text.replace(/\\([!-/:-@[-`{-~])/g, '$1') : text;
}

function clean(text: string | undefined | null): string | null {
  if (text == null) return null;
  // The includes() checks skip a regular-expression pass over the many texts that need none (eligibility runs to pages).
  const unescaped = unescapeCommonMark(text);
  const t = (unescaped.includes('\r') ? unescaped.replace(/\r\n?/g, '\n') : unescaped).trim();
  return t === '' ? null : t;
}

function cleanList(list: (string | undefined)[] | undefined): string[] {
  const out: string[] = [];
  for (const item of list ?? []) {
    const c = clean(item);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

/** ["PHASE2","PHASE3"] → phase-2-3. The registry's combined phases are 1/2 and 2/3. */
export function mapPhase(phases: readonly string[] | undefined): Phase | null {
  if (!phases || phases.length === 0) return null;
  const set = new Set(phases);
  if (set.has('PHASE1') && set.has('PHASE2')) return 'phase-1-2';
  if (set.has('PHASE2') && set.has('PHASE3')) return 'phase-2-3';
  const order: [string, Phase][] = [
    ['PHASE4', 'phase-4'],
    ['PHASE3', 'phase-3'],
    ['PHASE2', 'phase-2'],
    ['PHASE1', 'phase-1'],
    ['EARLY_PHASE1', 'early-phase-1'],
    ['NA', 'not-applicable'],
  ];
  return order.find(([code]) => set.has(code))?.[1] ?? null;
}

const PLACEBO_NAME = /\bplacebo\b|\bsham\b/i;

export function mapStudy(record: StudyRecord): RegistryTrial {
  const p = record.protocolSection;
  const id = p.identificationModule;
  const status = p.statusModule ?? {};
  const design = p.designModule ?? {};
  const elig = p.eligibilityModule ?? {};
  const arms = p.armsInterventionsModule ?? {};
  const date = (s: { date: string; type?: DateType } | undefined) => [s?.date ?? null, s?.type ?? null] as const;
  const [startDate, startDateType] = date(status.startDateStruct);
  const [primaryCompletionDate, primaryCompletionDateType] = date(status.primaryCompletionDateStruct);
  const [completionDate, completionDateType] = date(status.completionDateStruct);
  const [firstPostedDate, firstPostedDateType] = date(status.studyFirstPostDateStruct);
  const [lastUpdatePostedDate, lastUpdatePostedDateType] = date(status.lastUpdatePostDateStruct);

  const interventions: RegistryIntervention[] = (arms.interventions ?? []).flatMap((i) => {
    const name = clean(i.name);
    return name ? [{ type: i.type ?? null, name, description: clean(i.description), otherNames: cleanList(i.otherNames) }] : [];
  });
  const outcomeList = (kind: RegistryOutcome['kind'], list: { measure?: string; description?: string; timeFrame?: string }[] | undefined) =>
    (list ?? []).flatMap((o) => {
      const measure = clean(o.measure);
      return measure ? [{ kind, measure, description: clean(o.description), timeFrame: clean(o.timeFrame) }] : [];
    });
  // A placebo arm is a fact; its absence in a record (often partial) is not, so it stays unknown.
  const placebo =
    interventions.some((i) => PLACEBO_NAME.test(i.name)) ||
    (arms.armGroups ?? []).some((a) => a.type === 'PLACEBO_COMPARATOR' || a.type === 'SHAM_COMPARATOR')
      ? true
      : null;

  return {
    nctId: id.nctId,
    briefTitle: clean(id.briefTitle),
    officialTitle: clean(id.officialTitle),
    acronym: clean(id.acronym),
    briefSummary: clean(p.descriptionModule?.briefSummary),
    phase: mapPhase(design.phases),
    overallStatus: status.overallStatus ?? null,
    // lastKnownStatus only means something behind UNKNOWN.
    lastKnownStatus: status.overallStatus === 'UNKNOWN' ? (status.lastKnownStatus ?? null) : null,
    whyStopped: clean(status.whyStopped),
    studyType: design.studyType ?? null,
    leadSponsor: clean(p.sponsorCollaboratorsModule?.leadSponsor?.name),
    collaborators: cleanList(p.sponsorCollaboratorsModule?.collaborators?.map((c) => c.name)),
    conditions: cleanList(p.conditionsModule?.conditions),
    keywords: cleanList(p.conditionsModule?.keywords),
    startDate,
    startDateType,
    primaryCompletionDate,
    primaryCompletionDateType,
    completionDate,
    completionDateType,
    firstPostedDate,
    firstPostedDateType,
    lastUpdatePostedDate,
    lastUpdatePostedDateType,
    resultsFirstPostedDate: status.resultsFirstPostDateStruct?.date ?? null,
    hasResults: record.hasResults === true || status.resultsFirstPostDateStruct != null,
    enrollmentCount: design.enrollmentInfo?.count ?? null,
    enrollmentType: design.enrollmentInfo?.count != null ? (design.enrollmentInfo.type ?? null) : null,
    minimumAge: clean(elig.minimumAge),
    maximumAge: clean(elig.maximumAge),
    sex: elig.sex ?? null,
    healthyVolunteers: elig.healthyVolunteers ?? null,
    eligibilityCriteria: clean(elig.eligibilityCriteria),
    placebo,
    interventions,
    outcomes: [
      ...outcomeList('primary', p.outcomesModule?.primaryOutcomes),
      ...outcomeList('secondary', p.outcomesModule?.secondaryOutcomes),
      ...outcomeList('other', p.outcomesModule?.otherOutcomes),
    ],
    locations: (p.contactsLocationsModule?.locations ?? []).map((l) => ({
      facility: clean(l.facility),
      city: clean(l.city),
      state: clean(l.state),
      country: clean(l.country),
      status: l.status ?? null,
    })),
  };
}
