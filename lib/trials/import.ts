// The importer: registry records in, trials and their event stream out. An unchanged record changes nothing;
// a changed one updates the trial, bumps its version and appends one event per changed field, attributed to
// the registry or to curation. Fields a coordinator set (claims.ts) keep the coordinator's value; a differing
// value becomes a dispute. Many records share one transaction and statements prepared once per connection
// (importing is a thousand records a second); a bad record still fails alone (importBatch).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { asc, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from '@/db/client';
import {
  trialBiomarkers,
  trialCurations,
  trialEvents,
  trialFieldClaims,
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
import { listSavedSearches, refreshSearchMatches, searchesReadSearchIndex, type SavedSearches } from '@/lib/notifications/fanout';
import { claimColumns, claimValue, reconcileClaims } from './claims';
import { classifyTrial, detectRoutes, tagBiomarkers } from './classify';
import { curationSchema, type Curation } from './curation';
import type { SiteRow } from './describe-event';
import { writeTrialSearch, type SearchedFields, type SearchedIntervention } from './search-index';
import type { Biomarker, EventKind, LinkRelation, Route } from './vocab';

export type ImportInput = { record: unknown; file?: string };
export type ImportError = { file?: string; nctId?: string; reason: string };
export type ImportOutcome = 'created' | 'updated' | 'unchanged';
export type ImportSummary = Record<ImportOutcome | 'failed' | 'events', number> & { errors: ImportError[] };
export type ImportOptions = { now?: Date; onProgress?: (done: number, total: number) => void };

type ImportResult = { outcome: ImportOutcome; nctId: string; events: number };

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
  const ruled: Pick<Scalars, Exclude<keyof Scalars, keyof typeof registryScalars> | 'briefTitle'> = {
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
  };
  // Object.assign, not a spread: V8 builds a spread followed by more properties slowly (tens of µs a trial).
  const scalars: Scalars = Object.assign({}, registryScalars, ruled, defined);
  return {
    curated,
    scalars,
    genes: [...(cur?.genes ?? rule.genes)].sort(),
    interventions,
    outcomes: outcomes.map((o) => ({ kind: o.kind, measure: o.measure, description: o.description, timeFrame: o.timeFrame, biomarkers: tagBiomarkers(o) })),
    locations,
    links: (cur?.links ?? []).map((l) => ({ toNctId: l.nctId, relation: l.relation, note: l.note ?? null })),
  };
}

// ---------------------------------------------------------------------------------------------- statements

type Row = Record<string, unknown>;

/** A value bound as drizzle binds it for this column (JSON as text, booleans as 0/1); null stays null. */
const toDriver = (column: SQLiteColumn, value: unknown) => (value == null ? null : column.mapToDriverValue(value));

/**
 * The values of these columns, bound as drizzle would bind them, from `{ ...rows[0], ...rows[1], … }` without
 * building that object (a spread of a trial's fifty columns costs more than its INSERT).
 */
function bindValues(columns: SQLiteColumn[], keys: readonly string[], rows: Row[]): unknown[] {
  const values: unknown[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const key = keys[i]!;
    let r = rows.length - 1;
    while (r > 0 && !(key in rows[r]!)) r--;
    values[i] = toDriver(columns[i]!, rows[r]![key]);
  }
  return values;
}

function columnsOf(table: SQLiteTable, keys: readonly string[]): SQLiteColumn[] {
  const all = getTableColumns(table) as Record<string, SQLiteColumn>;
  return keys.map((k) => all[k]!);
}

/**
 * A prepared INSERT of these columns of a table, binding values as drizzle would. (Drizzle's own prepared
 * statements encode a null placeholder through the column, storing JSON 'null' and boolean 0 for SQL NULL.)
 */
function inserter<T extends SQLiteTable>(sqlite: Database.Database, table: T, keys: readonly (keyof T['$inferInsert'] & string)[], tail = '') {
  const columns = columnsOf(table, keys);
  const stmt = sqlite.prepare(
    `INSERT INTO "${getTableName(table)}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${tail}`,
  );
  return (...rows: Partial<T['$inferInsert']>[]): Database.RunResult => stmt.run(bindValues(columns, keys, rows));
}

/** A prepared UPDATE of these columns of the row with this id. */
function updater<T extends SQLiteTable>(sqlite: Database.Database, table: T, keys: readonly (keyof T['$inferInsert'] & string)[]) {
  const columns = columnsOf(table, keys);
  const stmt = sqlite.prepare(`UPDATE "${getTableName(table)}" SET ${columns.map((c) => `"${c.name}" = ?`).join(', ')} WHERE "id" = ?`);
  return (id: number, ...rows: Partial<T['$inferInsert']>[]): Database.RunResult => stmt.run(...bindValues(columns, keys, rows), id);
}

const TRIAL_WRITTEN = [...SCALAR_KEYS, 'registryFetchedAt', 'updatedAt'] as const;
const EVENT_COLUMNS = [
  'trialId', 'kind', 'field', 'fromValue', 'toValue', 'occurredAt', 'recordedAt', 'source', 'sourceDetail', 'text', 'reason', 'actorUserId', 'dedupeKey', 'trialVersion',
] as const satisfies readonly (keyof NewTrialEvent)[];

/** Everything a record's import runs, prepared once per connection. Reads are drizzle's own prepared queries. */
function prepareStatements(database: Db) {
  const sqlite = database.$client;
  const id = sql.placeholder('id');
  return {
    sqlite,
    curation: database.select({ data: trialCurations.data }).from(trialCurations).where(eq(trialCurations.nctId, sql.placeholder('nctId'))).prepare(),
    trialId: database.select({ id: trials.id }).from(trials).where(eq(trials.nctId, sql.placeholder('nctId'))).prepare(),
    trial: database.select().from(trials).where(eq(trials.id, id)).prepare(),
    hasClaims: database.select({ field: trialFieldClaims.field }).from(trialFieldClaims).where(eq(trialFieldClaims.trialId, id)).limit(1).prepare(),
    genes: database.select({ gene: trialGenes.gene }).from(trialGenes).where(eq(trialGenes.trialId, id)).prepare(),
    // The selections and orders of readInterventions and readOutcomes (children.ts), which getTrial shows.
    interventions: database
      .select({ type: trialInterventions.type, name: trialInterventions.name, description: trialInterventions.description, otherNames: trialInterventions.otherNames })
      .from(trialInterventions)
      .where(eq(trialInterventions.trialId, id))
      .orderBy(asc(trialInterventions.position))
      .prepare(),
    outcomes: database
      .select({ kind: trialOutcomes.kind, measure: trialOutcomes.measure, description: trialOutcomes.description, timeFrame: trialOutcomes.timeFrame, biomarkers: trialOutcomes.biomarkers })
      .from(trialOutcomes)
      .where(eq(trialOutcomes.trialId, id))
      .orderBy(sql`CASE ${trialOutcomes.kind} WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END`, asc(trialOutcomes.position))
      .prepare(),
    locations: database
      .select({ facility: trialLocations.facility, city: trialLocations.city, state: trialLocations.state, country: trialLocations.country, status: trialLocations.status })
      .from(trialLocations)
      .where(eq(trialLocations.trialId, id))
      .orderBy(asc(trialLocations.position))
      .prepare(),
    links: database
      .select({ toNctId: trialLinks.toNctId, relation: trialLinks.relation, note: trialLinks.note })
      .from(trialLinks)
      .where(eq(trialLinks.fromNctId, sql.placeholder('nctId')))
      .orderBy(asc(trialLinks.toNctId))
      .prepare(),
    insertTrial: inserter(sqlite, trials, ['nctId', ...TRIAL_WRITTEN, 'createdAt']),
    updateTrial: updater(sqlite, trials, [...TRIAL_WRITTEN, 'version']),
    deleteGenes: database.delete(trialGenes).where(eq(trialGenes.trialId, id)).prepare(),
    insertGene: inserter(sqlite, trialGenes, ['trialId', 'gene']),
    deleteInterventions: database.delete(trialInterventions).where(eq(trialInterventions.trialId, id)).prepare(),
    insertIntervention: inserter(sqlite, trialInterventions, ['trialId', 'position', 'type', 'name', 'description', 'otherNames']),
    deleteOutcomes: database.delete(trialOutcomes).where(eq(trialOutcomes.trialId, id)).prepare(),
    insertOutcome: inserter(sqlite, trialOutcomes, ['trialId', 'kind', 'position', 'measure', 'description', 'timeFrame', 'biomarkers']),
    deleteBiomarkers: database.delete(trialBiomarkers).where(eq(trialBiomarkers.trialId, id)).prepare(),
    insertBiomarker: inserter(sqlite, trialBiomarkers, ['trialId', 'biomarker']),
    deleteLocations: database.delete(trialLocations).where(eq(trialLocations.trialId, id)).prepare(),
    insertLocation: inserter(sqlite, trialLocations, ['trialId', 'position', 'facility', 'city', 'state', 'country', 'status']),
    deleteLinks: database.delete(trialLinks).where(eq(trialLinks.fromNctId, sql.placeholder('nctId'))).prepare(),
    insertLink: inserter(sqlite, trialLinks, ['fromNctId', 'toNctId', 'relation', 'note']),
    insertEvent: inserter(sqlite, trialEvents, EVENT_COLUMNS),
    insertEventOnce: inserter(sqlite, trialEvents, EVENT_COLUMNS, ' ON CONFLICT ("trial_id", "dedupe_key") DO NOTHING'),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

const preparedByConnection = new WeakMap<Database.Database, Statements>();
function statementsFor(database: Db): Statements {
  let statements = preparedByConnection.get(database.$client);
  if (!statements) preparedByConnection.set(database.$client, (statements = prepareStatements(database)));
  return statements;
}

// ---------------------------------------------------------------------------------------------- state

function loadState(s: Statements, trialId: number, nctId: string): Omit<TrialState, 'curated'> & { version: number } {
  const row = s.trial.get({ id: trialId });
  if (!row) throw new Error(`trial ${trialId} vanished`);
  const scalars = Object.fromEntries(SCALAR_KEYS.map((k) => [k, row[k]])) as unknown as Scalars;
  return {
    version: row.version,
    scalars,
    genes: s.genes.all({ id: trialId }).map((g) => g.gene).sort(),
    interventions: s.interventions.all({ id: trialId }),
    outcomes: s.outcomes.all({ id: trialId }),
    locations: s.locations.all({ id: trialId }),
    links: s.links.all({ nctId }),
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

/**
 * Rewrites the trial's child lists: all of them for a new trial (`only` absent), else those named. A new trial's
 * id was never used before (AUTOINCREMENT), so it has no rows under that id to delete; links are by NCT id.
 */
function writeChildren(s: Statements, trialId: number, nctId: string, state: TrialState, only?: Set<string>): void {
  const touch = (name: string) => !only || only.has(name);
  if (touch('genes')) {
    if (only) s.deleteGenes.run({ id: trialId });
    for (const gene of state.genes) s.insertGene({ trialId, gene });
  }
  if (touch('interventions')) {
    if (only) s.deleteInterventions.run({ id: trialId });
    state.interventions.forEach((i, position) => s.insertIntervention(i, { trialId, position }));
  }
  if (touch('outcomes')) {
    if (only) {
      s.deleteOutcomes.run({ id: trialId });
      s.deleteBiomarkers.run({ id: trialId });
    }
    state.outcomes.forEach((o, position) => s.insertOutcome(o, { trialId, position }));
    for (const biomarker of new Set(state.outcomes.flatMap((o) => o.biomarkers))) s.insertBiomarker({ trialId, biomarker });
  }
  // As replaceSites (claims.ts) writes them: the five site columns, a missing one null.
  if (touch('locations')) {
    if (only) s.deleteLocations.run({ id: trialId });
    state.locations.forEach((site: SiteRow, position) => s.insertLocation(site, { trialId, position }));
  }
  if (touch('links')) {
    s.deleteLinks.run({ nctId });
    for (const l of state.links) s.insertLink(l, { fromNctId: nctId });
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
    events.push({ trialId, kind, occurredAt, toValue, text, source: 'registry', trialVersion: 1, recordedAt: base.recordedAt, sourceDetail: base.sourceDetail });
  if (s.firstPostedDate) ev('registered', s.firstPostedDate, null, 'First posted on ClinicalTrials.gov');
  if (s.startDate && s.startDateType === 'ACTUAL') ev('started', s.startDate, { date: s.startDate, type: s.startDateType }, 'Trial started');
  if (s.hasResults) ev('results_posted', s.resultsFirstPostedDate, { posted: true, date: s.resultsFirstPostedDate }, 'Results posted on ClinicalTrials.gov');
  return events;
}

function insertEvents(s: Statements, events: NewTrialEvent[]): number {
  let inserted = 0;
  for (const e of events) inserted += (e.dedupeKey ? s.insertEventOnce(e) : s.insertEvent(e)).changes;
  return inserted;
}

function readCuration(s: Statements, nctId: string): Curation | null {
  const row = s.curation.get({ nctId });
  return row ? curationSchema.parse(row.data) : null;
}

/** A record's registry facts. Throws, naming the part, on a record that does not parse. */
function parseRecord(record: unknown): RegistryTrial {
  const parsed = studyRecordSchema.safeParse(record);
  if (!parsed.success) throw new Error(describeIssues(parsed.error));
  return mapStudy(parsed.data);
}

/** What the records of one transaction share. */
type Batch = {
  /** The saved searches, as read in the transaction. */
  saved: SavedSearches;
  /** Search rows to write when the batch's records are written (writeSearchRows), when no saved search reads them meanwhile. */
  searchRows: Map<number, { nctId: string; fields: SearchedFields; interventions: SearchedIntervention[]; created: boolean }> | null;
};

function newBatch(database: Db, tx: Tx, deferSearchRows: boolean): Batch {
  const saved = { searches: listSavedSearches(tx), database };
  return { saved, searchRows: deferSearchRows && !searchesReadSearchIndex(saved.searches) ? new Map() : null };
}

/** `created`: the trial was created in this transaction, so it has no search row yet. */
function writeSearchRow(s: Statements, batch: Batch, trialId: number, nctId: string, fields: SearchedFields, interventions: SearchedIntervention[], created: boolean): void {
  if (batch.searchRows) batch.searchRows.set(trialId, { nctId, fields, interventions, created: created || !!batch.searchRows.get(trialId)?.created });
  else writeTrialSearch(s.sqlite, trialId, nctId, fields, interventions, created);
}

/**
 * FTS5 keeps a transaction's new rows in memory until a statement that could fail part-way (an event, with its
 * trigger) opens a statement savepoint, and then writes them out as an index segment of their own. Written last,
 * the batch's rows make one segment at the commit instead of one per trial (and as many merges).
 */
function writeSearchRows(s: Statements, batch: Batch): void {
  for (const [trialId, row] of batch.searchRows ?? []) writeTrialSearch(s.sqlite, trialId, row.nctId, row.fields, row.interventions, row.created);
  batch.searchRows?.clear();
}

/** One parsed record, inside the caller's transaction. */
function importRecord(tx: Tx, s: Statements, reg: RegistryTrial, options: ImportOptions & { file?: string }, batch: Batch): ImportResult {
  const nowIso = (options.now ?? new Date()).toISOString();
  const where = reg.lastUpdatePostedDate ? `ClinicalTrials.gov record, last update posted ${reg.lastUpdatePostedDate}` : 'ClinicalTrials.gov record';
  // Only the file's name: a server path has no place on a public page.
  const sourceDetail = options.file ? `${where} (${path.basename(options.file)})` : where;

  const cur = readCuration(s, reg.nctId);
  const next = buildState(reg, cur);
  const existing = s.trialId.get({ nctId: reg.nctId });

  if (!existing) {
    const trialId = Number(s.insertTrial(next.scalars, { nctId: reg.nctId, registryFetchedAt: nowIso, createdAt: nowIso, updatedAt: nowIso }).lastInsertRowid);
    writeChildren(s, trialId, reg.nctId, next);
    writeSearchRow(s, batch, trialId, reg.nctId, next.scalars, next.interventions, true);
    const events = insertEvents(s, [
      ...creationEvents(trialId, next.scalars, { recordedAt: nowIso, sourceDetail }),
      ...historyEvents(trialId, cur, nowIso),
    ]);
    refreshSearchMatches(tx, [trialId], new Date(nowIso), batch.saved);
    return { outcome: 'created', nctId: reg.nctId, events };
  }

  const before = loadState(s, existing.id, reg.nctId);
  const curationDetail = `Curation as of ${next.scalars.curationAsOf ?? 'unknown'}`;
  // Most trials have no claims; reconcileClaims would find none and change nothing.
  const claims = s.hasClaims.get({ id: existing.id })
    ? reconcileClaims(
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
      )
    : { kept: [], events: [], changed: false };
  // A claimed field keeps the coordinator's value: the import neither overwrites it nor records a change of it.
  if (claims.kept.length) {
    const stored = { ...before.scalars, locations: before.locations };
    for (const field of claims.kept) {
      if (field === 'locations') next.locations = before.locations;
      else Object.assign(next.scalars, claimColumns(field, claimValue(stored, field)));
    }
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
  const events = insertEvents(s, [...changeEvents, ...claims.events, ...historyEvents(existing.id, cur, nowIso)]);
  if (changes.length === 0 && !silentChanged && !claims.changed && events === 0) return { outcome: 'unchanged', nctId: reg.nctId, events: 0 };

  if (changes.length > 0 || silentChanged || claims.changed) {
    s.updateTrial(existing.id, next.scalars, { registryFetchedAt: nowIso, updatedAt: nowIso, version: before.version + 1 });
    writeChildren(s, existing.id, reg.nctId, next, new Set(changes.map((c) => c.field ?? '')));
    // Every searched field and the interventions are now stored as `next` holds them (unchanged lists are equal).
    writeSearchRow(s, batch, existing.id, reg.nctId, next.scalars, next.interventions, false);
  }
  refreshSearchMatches(tx, [existing.id], new Date(nowIso), batch.saved);
  return { outcome: 'updated', nctId: reg.nctId, events };
}

/** Imports one record in its own transaction. Throws on a record that does not parse. */
export function importStudy(database: Db, record: unknown, options: ImportOptions & { file?: string } = {}): ImportResult {
  const reg = parseRecord(record);
  const s = statementsFor(database);
  return database.transaction((tx) => importRecord(tx, s, reg, options, newBatch(database, tx, false)), { behavior: 'immediate' });
}

/**
 * A batch's transaction is committed after this many records or milliseconds, whichever comes first: one
 * commit costs about what a record does, and the server's writers wait for the batch at most about this long.
 */
const BATCH_RECORDS = 500;
const BATCH_MS = 100;

type RecordResult = ImportResult | { error: ImportError };

const failure = (input: ImportInput, error: unknown): RecordResult => ({
  error: { file: input.file, nctId: peekNctId(input.record), reason: error instanceof Error ? error.message : String(error) },
});

/**
 * Records from `from` on, in one IMMEDIATE transaction; returns the results of those it took. A record that
 * does not parse fails before it writes anything, and the batch goes on. A record that fails while writing
 * (a constraint, a curation that no longer parses) leaves the batch nothing to commit: it is rolled back and the
 * records it took are imported again one transaction each, so that one fails alone and nothing of it stays.
 * (Not a SAVEPOINT per record: SQLite journals every page a savepoint first touches to a temporary file and
 * FTS5 flushes its pending index at each one, which cost as much as the import itself.)
 */
function importBatch(database: Db, inputs: ImportInput[], from: number, options: ImportOptions): RecordResult[] {
  const s = statementsFor(database);
  const results: RecordResult[] = [];
  let taken = 0;
  const started = performance.now();
  try {
    database.transaction(
      (tx) => {
        // The saved searches are read once: nothing else writes during this transaction, and importing changes no list.
        const batch = newBatch(database, tx, true);
        do {
          const input = inputs[from + taken]!;
          taken += 1;
          let reg: RegistryTrial;
          try {
            reg = parseRecord(input.record);
          } catch (error) {
            results.push(failure(input, error));
            continue;
          }
          results.push(importRecord(tx, s, reg, { ...options, file: input.file }, batch));
        } while (from + taken < inputs.length && taken < BATCH_RECORDS && performance.now() - started < BATCH_MS);
        writeSearchRows(s, batch);
      },
      { behavior: 'immediate' },
    );
    return results;
  } catch {
    return inputs.slice(from, from + Math.max(1, taken)).map((input) => {
      try {
        return importStudy(database, input.record, { ...options, file: input.file });
      } catch (error) {
        return failure(input, error);
      }
    });
  }
}

/** Imports many records; a bad record is reported and skipped while the rest land. */
export function importStudies(database: Db, inputs: ImportInput[], options: ImportOptions = {}): ImportSummary {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed: 0, events: 0, errors: [] };
  let done = 0;
  while (done < inputs.length) {
    for (const result of importBatch(database, inputs, done, options)) {
      if ('error' in result) {
        summary.failed += 1;
        summary.errors.push(result.error);
      } else {
        summary[result.outcome] += 1;
        summary.events += result.events;
      }
      done += 1;
      options.onProgress?.(done, inputs.length);
    }
  }
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
