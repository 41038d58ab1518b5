// The importer: registry records in, trials and their event stream out. Every record is its own
// transaction. An unchanged record changes nothing; a changed one updates the trial, bumps its
// version and appends one event per changed field, attributed to the registry or to curation.
// Fields a coordinator set (claims.ts) keep the coordinator's value; a differing value becomes a dispute.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import {
  trialBiomarkers,
  trialCurations,
  trialEvents,
  trialGenes,
  trialInterventions,
  trialLinks,
  trialLocations,
  trialOutcomes,
  trials,
  type NewTrialEvent,
} from '@/db/schema';
import { mapStudy, type RegistryTrial } from '@/lib/ctgov/map';
import { describeIssues, peekNctId, studyRecordSchema } from '@/lib/ctgov/record';
import { refreshSearchMatches } from '@/lib/notifications/fanout';
import { readInterventions, readOutcomes } from './children';
import { claimColumns, claimValue, reconcileClaims, replaceSites } from './claims';
import { classifyTrial, detectRoutes, tagBiomarkers } from './classify';
import { curationSchema, type Curation } from './curation';
import { refreshTrialSearch } from './search-index';
import type { Biomarker, EventKind, LinkRelation, Route } from './vocab';

export type ImportInput = { record: unknown; file?: string };
export type ImportError = { file?: string; nctId?: string; reason: string };
export type ImportOutcome = 'created' | 'updated' | 'unchanged';
export type ImportSummary = Record<ImportOutcome | 'failed' | 'events', number> & { errors: ImportError[] };
export type ImportOptions = { now?: Date; onProgress?: (done: number, total: number) => void };

type Outcome = { kind: 'primary' | 'secondary' | 'other'; measure: string; description: string | null; timeFrame: string | null; biomarkers: Biomarker[] };
type Link = { toNctId: string; relation: LinkRelation; note: string | null };

/** Every fact the tracker holds about a trial, registry-derived with curation laid over it. */
type TrialState = {
  scalars: Scalars;
  genes: string[];
  interventions: RegistryTrial['interventions'];
  outcomes: Outcome[];
  locations: RegistryTrial['locations'];
  links: Link[];
  /** The fields whose value curation set (and so whose changes are curation's). */
  curated: Set<string>;
};

type Scalars = Omit<RegistryTrial, 'nctId' | 'interventions' | 'outcomes' | 'locations'> & {
  briefTitle: string;
  plainSummary: string | null;
  modality: (typeof trials.$inferSelect)['modality'];
  modalitySource: 'rule' | 'curation';
  genesSource: 'rule' | 'curation';
  classificationReason: string | null;
  mechanism: string | null;
  maxMonthsSinceOnset: number | null;
  minVitalCapacityPct: number | null;
  riluzoleAllowed: boolean | null;
  edaravoneAllowed: boolean | null;
  placeboRatio: string | null;
  openLabelExtension: boolean | null;
  routes: Route[];
  burdenNotes: string | null;
  programme: string | null;
  curationNotes: string | null;
  curationAsOf: string | null;
  sources: { label: string; url: string; asOf?: string | null }[];
};

const SCALAR_KEYS = [
  'briefTitle', 'officialTitle', 'acronym', 'briefSummary', 'plainSummary', 'modality', 'modalitySource', 'classificationReason',
  'genesSource', 'mechanism', 'phase', 'overallStatus', 'lastKnownStatus', 'whyStopped', 'studyType', 'leadSponsor',
  'collaborators', 'conditions', 'keywords', 'startDate', 'startDateType', 'primaryCompletionDate', 'primaryCompletionDateType',
  'completionDate', 'completionDateType', 'firstPostedDate', 'firstPostedDateType', 'lastUpdatePostedDate',
  'lastUpdatePostedDateType', 'resultsFirstPostedDate', 'hasResults', 'enrollmentCount', 'enrollmentType', 'minimumAge',
  'maximumAge', 'sex', 'healthyVolunteers', 'eligibilityCriteria', 'maxMonthsSinceOnset', 'minVitalCapacityPct',
  'riluzoleAllowed', 'edaravoneAllowed', 'placebo', 'placeboRatio', 'openLabelExtension', 'routes', 'burdenNotes', 'programme',
  'curationNotes', 'curationAsOf', 'sources',
] as const satisfies readonly (keyof Scalars)[];

function buildState(reg: RegistryTrial, cur: Curation | null): TrialState {
  const rule = classifyTrial({
    titles: [reg.briefTitle, reg.officialTitle, reg.acronym].filter((t): t is string => !!t),
    conditions: reg.conditions,
    keywords: reg.keywords,
    interventions: reg.interventions,
  });
  const { nctId: _nctId, interventions, outcomes, locations, ...registryScalars } = reg;
  // What curation says, field by field; null/undefined means it has no say on that field.
  const said: { [K in keyof Scalars]?: Scalars[K] | null } = cur
    ? {
        plainSummary: cur.plainSummary,
        modality: cur.modality,
        modalitySource: cur.modality ? 'curation' : undefined,
        mechanism: cur.mechanism,
        maxMonthsSinceOnset: cur.eligibility?.maxMonthsSinceOnset,
        minVitalCapacityPct: cur.eligibility?.minVitalCapacityPct,
        riluzoleAllowed: cur.eligibility?.riluzoleAllowed,
        edaravoneAllowed: cur.eligibility?.edaravoneAllowed,
        placebo: cur.burden?.placebo,
        placeboRatio: cur.burden?.placeboRatio,
        openLabelExtension: cur.burden?.openLabelExtension,
        routes: cur.burden?.routes ?? undefined,
        burdenNotes: cur.burden?.notes,
        programme: cur.programme,
        curationNotes: cur.notes,
        curationAsOf: cur.asOf,
        sources: cur.sources,
      }
    : {};
  const curated = new Set<string>(Object.entries(said).flatMap(([k, v]) => (v == null ? [] : [k])));
  if (cur?.genes) curated.add('genes');
  if (cur) curated.add('links');
  const defined = Object.fromEntries(Object.entries(said).filter(([, v]) => v != null)) as Partial<Scalars>;
  const scalars: Scalars = {
    ...registryScalars,
    briefTitle: reg.briefTitle ?? cur?.title ?? reg.officialTitle ?? reg.acronym ?? reg.nctId,
    plainSummary: null,
    modality: rule.modality,
    modalitySource: 'rule',
    genesSource: cur?.genes ? 'curation' : 'rule',
    classificationReason: rule.reason,
    mechanism: null,
    maxMonthsSinceOnset: null,
    minVitalCapacityPct: null,
    riluzoleAllowed: null,
    edaravoneAllowed: null,
    placeboRatio: null,
    openLabelExtension: null,
    routes: detectRoutes(interventions),
    burdenNotes: null,
    programme: null,
    curationNotes: null,
    curationAsOf: null,
    sources: [],
    ...defined,
  };
  return {
    curated,
    scalars,
    genes: [...(cur?.genes ?? rule.genes)].sort(),
    interventions,
    outcomes: outcomes.map((o) => ({ ...o, biomarkers: tagBiomarkers(o) })),
    locations,
    links: (cur?.links ?? []).map((l) => ({ toNctId: l.nctId, relation: l.relation, note: l.note ?? null })),
  };
}

function loadState(tx: Tx, trialId: number, nctId: string): Omit<TrialState, 'curated'> & { version: number } {
  const row = tx.select().from(trials).where(eq(trials.id, trialId)).get();
  if (!row) throw new Error(`trial ${trialId} vanished`);
  const scalars = Object.fromEntries(SCALAR_KEYS.map((k) => [k, row[k]])) as unknown as Scalars;
  return {
    version: row.version,
    scalars,
    genes: tx.select({ gene: trialGenes.gene }).from(trialGenes).where(eq(trialGenes.trialId, trialId)).all().map((g) => g.gene).sort(),
    interventions: readInterventions(tx, trialId),
    outcomes: readOutcomes(tx, trialId),
    locations: tx
      .select({ facility: trialLocations.facility, city: trialLocations.city, state: trialLocations.state, country: trialLocations.country, status: trialLocations.status })
      .from(trialLocations)
      .where(eq(trialLocations.trialId, trialId))
      .orderBy(asc(trialLocations.position))
      .all(),
    links: tx
      .select({ toNctId: trialLinks.toNctId, relation: trialLinks.relation, note: trialLinks.note })
      .from(trialLinks)
      .where(eq(trialLinks.fromNctId, nctId))
      .orderBy(asc(trialLinks.toNctId))
      .all(),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sortLinks = (links: Link[]) => [...links].sort((a, b) => a.toNctId.localeCompare(b.toNctId));

type Change = Pick<NewTrialEvent, 'kind' | 'field' | 'fromValue' | 'toValue'> & { by: 'registry' | 'curation' };

/** Grouped fields: a date and its type, a count and its type, change together as one event. */
const GROUPS: { field: string; keys: (keyof Scalars)[]; kind: (from: Record<string, unknown>, to: Record<string, unknown>) => EventKind }[] = [
  { field: 'startDate', keys: ['startDate', 'startDateType'], kind: (f, t) => (t.type === 'ACTUAL' && f.type !== 'ACTUAL' ? 'started' : 'date_changed') },
  { field: 'primaryCompletionDate', keys: ['primaryCompletionDate', 'primaryCompletionDateType'], kind: () => 'date_changed' },
  { field: 'completionDate', keys: ['completionDate', 'completionDateType'], kind: () => 'date_changed' },
  { field: 'enrollment', keys: ['enrollmentCount', 'enrollmentType'], kind: () => 'enrolment_changed' },
  { field: 'results', keys: ['hasResults', 'resultsFirstPostedDate'], kind: (f, t) => (t.posted && !f.posted ? 'results_posted' : 'record_updated') },
];
/** Bookkeeping that changes with every registry edit: not news in itself. */
const SILENT = new Set<keyof Scalars>([
  'lastUpdatePostedDate', 'lastUpdatePostedDateType', 'classificationReason', 'firstPostedDateType', 'curationAsOf', 'curationNotes', 'sources',
]);
const groupValue = (s: Scalars, keys: (keyof Scalars)[]): Record<string, unknown> => {
  const [a, b] = keys as [keyof Scalars, keyof Scalars];
  if (a === 'hasResults') return { posted: s.hasResults, date: s.resultsFirstPostedDate };
  if (a === 'enrollmentCount') return { count: s.enrollmentCount, type: s.enrollmentType };
  return { date: s[a], type: s[b] };
};

function diffStates(before: Omit<TrialState, 'curated'>, after: TrialState): Change[] {
  const changes: Change[] = [];
  const by = (field: string) => (after.curated.has(field) ? 'curation' : 'registry');
  const grouped = new Set<string>();
  for (const g of GROUPS) {
    g.keys.forEach((k) => grouped.add(k));
    const from = groupValue(before.scalars, g.keys);
    const to = groupValue(after.scalars, g.keys);
    if (!same(from, to)) changes.push({ kind: g.kind(from, to), field: g.field, fromValue: from, toValue: to, by: 'registry' });
  }
  for (const key of SCALAR_KEYS) {
    if (grouped.has(key) || SILENT.has(key)) continue;
    const from = before.scalars[key];
    const to = after.scalars[key];
    if (same(from, to)) continue;
    const kind: EventKind = key === 'overallStatus' || key === 'lastKnownStatus' ? 'status_changed' : key === 'phase' ? 'phase_changed' : 'record_updated';
    changes.push({ kind, field: key, fromValue: from, toValue: to, by: by(key) });
  }
  const lists: [string, unknown[], unknown[]][] = [
    ['genes', before.genes, after.genes],
    ['interventions', before.interventions, after.interventions],
    ['outcomes', before.outcomes, after.outcomes],
    ['locations', before.locations, after.locations],
    ['links', sortLinks(before.links), sortLinks(after.links)],
  ];
  for (const [field, from, to] of lists) {
    if (same(from, to)) continue;
    // Lists are recorded as what was added and removed, not whole copies (a trial may have 500 sites).
    const fromKeys = from.map((x) => JSON.stringify(x));
    const toKeys = to.map((x) => JSON.stringify(x));
    const removed = from.filter((_, i) => !toKeys.includes(fromKeys[i]!));
    const added = to.filter((_, i) => !fromKeys.includes(toKeys[i]!));
    changes.push({ kind: 'record_updated', field, fromValue: { removed }, toValue: { added }, by: by(field) });
  }
  return changes;
}

function writeChildren(tx: Tx, trialId: number, nctId: string, state: TrialState, only?: Set<string>): void {
  const touch = (name: string) => !only || only.has(name);
  if (touch('genes')) {
    tx.delete(trialGenes).where(eq(trialGenes.trialId, trialId)).run();
    if (state.genes.length) tx.insert(trialGenes).values(state.genes.map((gene) => ({ trialId, gene }))).run();
  }
  if (touch('interventions')) {
    tx.delete(trialInterventions).where(eq(trialInterventions.trialId, trialId)).run();
    if (state.interventions.length)
      tx.insert(trialInterventions).values(state.interventions.map((i, position) => ({ ...i, trialId, position }))).run();
  }
  if (touch('outcomes')) {
    tx.delete(trialOutcomes).where(eq(trialOutcomes.trialId, trialId)).run();
    tx.delete(trialBiomarkers).where(eq(trialBiomarkers.trialId, trialId)).run();
    if (state.outcomes.length) {
      tx.insert(trialOutcomes).values(state.outcomes.map((o, position) => ({ ...o, trialId, position }))).run();
      const biomarkers = [...new Set(state.outcomes.flatMap((o) => o.biomarkers))];
      if (biomarkers.length) tx.insert(trialBiomarkers).values(biomarkers.map((biomarker) => ({ trialId, biomarker }))).run();
    }
  }
  if (touch('locations')) replaceSites(tx, trialId, state.locations);
  if (touch('links')) {
    tx.delete(trialLinks).where(eq(trialLinks.fromNctId, nctId)).run();
    if (state.links.length) tx.insert(trialLinks).values(state.links.map((l) => ({ ...l, fromNctId: nctId }))).run();
  }
}

function historyEvents(trialId: number, cur: Curation | null, recordedAt: string): NewTrialEvent[] {
  return (cur?.history ?? []).map((h) => ({
    trialId,
    kind: h.kind,
    field: null,
    fromValue: h.from ?? null,
    toValue: h.to ?? null,
    occurredAt: h.date,
    recordedAt,
    source: 'curation' as const,
    sourceDetail: h.source,
    text: h.text,
    // Stable across re-seeding, so each curated milestone is appended once.
    dedupeKey: 'curation:' + createHash('sha256').update(JSON.stringify([h.date, h.kind, h.text])).digest('hex').slice(0, 24),
  }));
}

function creationEvents(trialId: number, s: Scalars, base: Pick<NewTrialEvent, 'recordedAt' | 'sourceDetail'>): NewTrialEvent[] {
  const events: NewTrialEvent[] = [];
  const ev = (kind: EventKind, occurredAt: string | null, toValue: unknown, text: string) =>
    events.push({ trialId, kind, occurredAt, toValue, text, source: 'registry', trialVersion: 1, ...base });
  if (s.firstPostedDate) ev('registered', s.firstPostedDate, null, 'First posted on ClinicalTrials.gov');
  if (s.startDate && s.startDateType === 'ACTUAL') ev('started', s.startDate, { date: s.startDate, type: s.startDateType }, 'Trial started');
  if (s.hasResults) ev('results_posted', s.resultsFirstPostedDate, { posted: true, date: s.resultsFirstPostedDate }, 'Results posted on ClinicalTrials.gov');
  return events;
}

function insertEvents(tx: Tx, events: NewTrialEvent[]): number {
  let inserted = 0;
  for (const e of events) {
    const res = e.dedupeKey
      ? tx.insert(trialEvents).values(e).onConflictDoNothing({ target: [trialEvents.trialId, trialEvents.dedupeKey] }).run()
      : tx.insert(trialEvents).values(e).run();
    inserted += res.changes;
  }
  return inserted;
}

function readCuration(tx: Tx, nctId: string): Curation | null {
  const row = tx.select({ data: trialCurations.data }).from(trialCurations).where(eq(trialCurations.nctId, nctId)).get();
  return row ? curationSchema.parse(row.data) : null;
}

/** Imports one record in its own transaction. Throws on a record that does not parse. */
export function importStudy(database: Db, record: unknown, options: ImportOptions & { file?: string } = {}): { outcome: ImportOutcome; nctId: string; events: number } {
  const parsed = studyRecordSchema.safeParse(record);
  if (!parsed.success) throw new Error(describeIssues(parsed.error));
  const reg = mapStudy(parsed.data);
  const nowIso = (options.now ?? new Date()).toISOString();
  const where = reg.lastUpdatePostedDate ? `ClinicalTrials.gov record, last update posted ${reg.lastUpdatePostedDate}` : 'ClinicalTrials.gov record';
  // Only the file's name: a server path has no place on a public page.
  const sourceDetail = options.file ? `${where} (${path.basename(options.file)})` : where;

  return database.transaction((tx) => {
    const cur = readCuration(tx, reg.nctId);
    const next = buildState(reg, cur);
    const existing = tx.select({ id: trials.id }).from(trials).where(eq(trials.nctId, reg.nctId)).get();

    if (!existing) {
      const inserted = tx
        .insert(trials)
        .values({ nctId: reg.nctId, ...next.scalars, registryFetchedAt: nowIso, createdAt: nowIso, updatedAt: nowIso })
        .returning({ id: trials.id })
        .get();
      writeChildren(tx, inserted.id, reg.nctId, next);
      refreshTrialSearch(tx, inserted.id);
      const events = insertEvents(tx, [
        ...creationEvents(inserted.id, next.scalars, { recordedAt: nowIso, sourceDetail }),
        ...historyEvents(inserted.id, cur, nowIso),
      ]);
      refreshSearchMatches(tx, [inserted.id], new Date(nowIso));
      return { outcome: 'created' as const, nctId: reg.nctId, events };
    }

    const before = loadState(tx, existing.id, reg.nctId);
    const curationDetail = `Curation as of ${next.scalars.curationAsOf ?? 'unknown'}`;
    const claims = reconcileClaims(
      tx,
      existing.id,
      { ...next.scalars, locations: next.locations },
      {
        sourceOf: (field) => (next.curated.has(field) ? 'curation' : 'registry'),
        registry: { asOf: next.scalars.lastUpdatePostedDate ?? null, detail: sourceDetail },
        curation: { asOf: next.scalars.curationAsOf ?? null, detail: curationDetail },
      },
      nowIso,
      before.version + 1,
    );
    // A claimed field keeps the coordinator's value: the import neither overwrites it nor records a change of it.
    const stored = { ...before.scalars, locations: before.locations };
    for (const field of claims.kept) {
      if (field === 'locations') next.locations = before.locations;
      else Object.assign(next.scalars, claimColumns(field, claimValue(stored, field)));
    }
    const changes = diffStates(before, next);
    const silentChanged = [...SILENT].some((k) => !same(before.scalars[k], next.scalars[k]));
    const changeEvents: NewTrialEvent[] = changes.map(({ by, ...c }) => ({
      ...c,
      trialId: existing.id,
      // A registry change happened when the registry posted it; a curated one as of the curation.
      occurredAt: by === 'registry' ? (next.scalars.lastUpdatePostedDate ?? null) : (next.scalars.curationAsOf ?? null),
      recordedAt: nowIso,
      trialVersion: before.version + 1,
      source: by,
      sourceDetail: by === 'registry' ? sourceDetail : curationDetail,
    }));
    const events = insertEvents(tx, [...changeEvents, ...claims.events, ...historyEvents(existing.id, cur, nowIso)]);
    if (changes.length === 0 && !silentChanged && !claims.changed && events === 0) return { outcome: 'unchanged' as const, nctId: reg.nctId, events: 0 };

    if (changes.length > 0 || silentChanged || claims.changed) {
      tx.update(trials)
        .set({ ...next.scalars, registryFetchedAt: nowIso, updatedAt: nowIso, version: before.version + 1 })
        .where(eq(trials.id, existing.id))
        .run();
      writeChildren(tx, existing.id, reg.nctId, next, new Set(changes.map((c) => c.field ?? '')));
      refreshTrialSearch(tx, existing.id);
    }
    refreshSearchMatches(tx, [existing.id], new Date(nowIso));
    return { outcome: 'updated' as const, nctId: reg.nctId, events };
  }, { behavior: 'immediate' });
}

/** Imports many records; a bad record is reported and skipped while the rest land. */
export function importStudies(database: Db, inputs: ImportInput[], options: ImportOptions = {}): ImportSummary {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed: 0, events: 0, errors: [] };
  inputs.forEach((input, index) => {
    try {
      const result = importStudy(database, input.record, { ...options, file: input.file });
      summary[result.outcome] += 1;
      summary.events += result.events;
    } catch (error) {
      summary.failed += 1;
      summary.errors.push({ file: input.file, nctId: peekNctId(input.record), reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(index + 1, inputs.length);
  });
  return summary;
}

/** Stores a curated entry (validated); it takes effect from the trial's next import. */
export function upsertCuration(database: Db | Tx, entry: unknown): Curation {
  const curation = curationSchema.parse(entry);
  database
    .insert(trialCurations)
    .values({ nctId: curation.nctId, data: curation })
    .onConflictDoUpdate({ target: trialCurations.nctId, set: { data: curation, updatedAt: new Date().toISOString() } })
    .run();
  return curation;
}
