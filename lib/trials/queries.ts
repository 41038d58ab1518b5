// Read-side data functions for trials: the filtered list, the CSV export and one trial in full.
// Filtering, counting, ordering and paging happen in SQL so they stay fast at registry scale (measured
// on 500,000 trials with 4.2 million locations: 10-300 ms a page; a search word every trial contains, 0.6 s).
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray, isNotNull, notInArray, or, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { MIGRATIONS_FOLDER } from '@/db/migrate';
import {
  trialBiomarkers,
  trialEvents,
  trialGenes,
  trialLinks,
  trialLocations,
  trials,
  type Source,
} from '@/db/schema';
import { AppError } from '@/lib/errors';
import { cachedRead, filtersKey } from './cache';
import { readInterventions, readOutcomes } from './children';
import { listDisputes, type Dispute } from './claims';
import { partialDate, type PartialDate } from './dates';
import { serializeListParams, type ListParams } from './list-params';
import {
  MODALITY_LABELS,
  PHASE_LABELS,
  PHASES,
  RECRUITING_STATUSES,
  STATUS_LABELS,
  type Biomarker,
  type DateType,
  type EventKind,
  type EventSource,
  type LinkRelation,
  type Modality,
  type Phase,
  type Route,
  type Status,
} from './vocab';

export type TrialSummary = {
  nctId: string;
  briefTitle: string;
  officialTitle: string | null;
  acronym: string | null;
  modality: Modality;
  modalityLabel: string;
  genes: string[];
  phase: Phase | null;
  phaseLabel: string | null;
  overallStatus: Status | null;
  overallStatusLabel: string | null;
  /** Only set behind UNKNOWN: what the status was before the sponsor stopped updating. */
  lastKnownStatus: Status | null;
  lastKnownStatusLabel: string | null;
  /** Taking new participants (RECRUITING_STATUSES). */
  recruiting: boolean;
  leadSponsor: string | null;
  startDate: PartialDate | null;
  primaryCompletionDate: PartialDate | null;
  completionDate: PartialDate | null;
  enrollment: { count: number; type: DateType | null } | null;
  countries: string[];
  lastUpdatePosted: string | null;
  curationAsOf: string | null;
  /** The trial's page in this app. */
  url: string;
};

export type TrialList = {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** Relevance was asked for, but more than RELEVANCE_LIMIT trials match: they come newest first instead. */
  relevanceLimited: boolean;
  items: TrialSummary[];
};

export type TrialLink = {
  /** outgoing: this trial → the other (e.g. parent → its extension); incoming: the other → this trial. */
  direction: 'outgoing' | 'incoming';
  nctId: string;
  relation: LinkRelation;
  note: string | null;
  /** The other trial's title when the tracker holds it. */
  title: string | null;
  url: string;
};

export type TrialEventView = {
  id: number;
  kind: EventKind;
  field: string | null;
  fromValue: unknown;
  toValue: unknown;
  occurredAt: string | null;
  recordedAt: string;
  source: EventSource;
  sourceDetail: string | null;
  text: string | null;
  reason: string | null;
};

export type TrialDetail = TrialSummary & {
  briefSummary: string | null;
  plainSummary: string | null;
  modalitySource: 'rule' | 'curation';
  genesSource: 'rule' | 'curation';
  classificationReason: string | null;
  mechanism: string | null;
  whyStopped: string | null;
  studyType: string | null;
  collaborators: string[];
  conditions: string[];
  keywords: string[];
  firstPosted: PartialDate | null;
  lastUpdatePostedType: DateType | null;
  resultsFirstPosted: string | null;
  hasResults: boolean;
  eligibility: {
    minimumAge: string | null;
    maximumAge: string | null;
    sex: string | null;
    healthyVolunteers: boolean | null;
    criteria: string | null;
    maxMonthsSinceOnset: number | null;
    minVitalCapacityPct: number | null;
    riluzoleAllowed: boolean | null;
    edaravoneAllowed: boolean | null;
  };
  burden: {
    placebo: boolean | null;
    placeboRatio: string | null;
    openLabelExtension: boolean | null;
    routes: Route[];
    notes: string | null;
  };
  programme: string | null;
  curationNotes: string | null;
  biomarkers: Biomarker[];
  interventions: { type: string | null; name: string; description: string | null; otherNames: string[] }[];
  outcomes: { kind: 'primary' | 'secondary' | 'other'; measure: string; description: string | null; timeFrame: string | null; biomarkers: Biomarker[] }[];
  locations: { facility: string | null; city: string | null; state: string | null; country: string | null; status: string | null }[];
  links: TrialLink[];
  sources: Source[];
  provenance: { registryLastUpdate: string | null; registryFetchedAt: string | null; curationAsOf: string | null; sources: Source[] };
  /** Optimistic-concurrency version: send it back with an edit. */
  version: number;
  createdAt: string;
  updatedAt: string;
  events: TrialEventView[];
  /** Facts on which the trial's coordinator and the registry (or curation) disagree, until a coordinator confirms one. */
  disputes: Dispute[];
};

/** Rows per query when exporting every match. */
export const EXPORT_CHUNK_SIZE = 500;

export const trialUrl = (nctId: string) => `/trials/${nctId}`;

const recruitingStatuses = [...RECRUITING_STATUSES];

/** `tofer "x" NEAR(` → `"tofer"* "x"* "NEAR"*`: every token a quoted prefix term, so no input is FTS5 syntax. */
export function toFtsQuery(text: string): string | null {
  const tokens = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  if (tokens.length === 0) return null;
  return tokens
    .slice(0, 32)
    .map((t) => `"${t}"*`)
    .join(' ');
}

/** Countries as stored, matching any of the given names case-insensitively. A loose index scan walks the
 * few hundred distinct values of trial_locations_country_idx, so the lookup then uses that index exactly. */
export function countrySpellings(names: string[]): SQL {
  return sql`WITH RECURSIVE c(country) AS (
      SELECT min(country) FROM ${trialLocations}
      UNION ALL
      SELECT (SELECT min(l.country) FROM ${trialLocations} l WHERE l.country > c.country) FROM c WHERE c.country IS NOT NULL
    ) SELECT country FROM c WHERE country COLLATE NOCASE IN (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )})`;
}

// Child-table filters are semi-joins (`id IN (SELECT trial_id ... WHERE value IN ...)`) on the (value, trial_id)
// indexes. Measured at 500k trials they beat correlated EXISTS by 5-40x for counting, which every page does.
// Exported for the facet counts (lib/trials/facets.ts), which must filter exactly as the list does.
export function filterConditions(p: ListParams, ftsInJoin = false): SQL[] {
  const where: SQL[] = [];
  if (p.modality.length) where.push(inArray(trials.modality, p.modality));
  if (p.phase.length) where.push(inArray(trials.phase, p.phase));
  if (p.status.length) where.push(inArray(trials.overallStatus, p.status));
  if (p.recruiting === true) where.push(inArray(trials.overallStatus, recruitingStatuses));
  if (p.recruiting === false) where.push(or(isNull(trials.overallStatus), notInArray(trials.overallStatus, recruitingStatuses))!);
  if (p.placebo !== undefined) where.push(eq(trials.placebo, p.placebo));
  if (p.ole !== undefined) where.push(eq(trials.openLabelExtension, p.ole));
  if (p.gene.length)
    where.push(sql`${trials.id} IN (SELECT ${trialGenes.trialId} FROM ${trialGenes} WHERE ${inArray(trialGenes.gene, p.gene)})`);
  if (p.biomarker.length)
    where.push(
      sql`${trials.id} IN (SELECT ${trialBiomarkers.trialId} FROM ${trialBiomarkers} WHERE ${inArray(trialBiomarkers.biomarker, p.biomarker)})`,
    );
  if (p.country.length)
    where.push(
      sql`${trials.id} IN (SELECT ${trialLocations.trialId} FROM ${trialLocations} WHERE ${trialLocations.country} IN (${countrySpellings(p.country)}))`,
    );
  if (p.route.length)
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(${trials.routes}) WHERE value IN (${sql.join(
        p.route.map((r) => sql`${r}`),
        sql`, `,
      )}))`,
    );
  if (p.q !== undefined) {
    const match = toFtsQuery(p.q);
    // Text with no letters or digits in it matches nothing rather than everything.
    if (match === null) where.push(sql`0`);
    else if (ftsInJoin) where.push(sql`trials_fts MATCH ${match}`);
    else where.push(sql`${trials.id} IN (SELECT rowid FROM trials_fts WHERE trials_fts MATCH ${match})`);
  }
  return where;
}

const phaseRank = sql.join(
  [sql`CASE ${trials.phase}`, ...PHASES.map((phase, i) => sql`WHEN ${phase} THEN ${i}`), sql`ELSE ${PHASES.length} END`],
  sql` `,
);

// Each order ends in the id, so pages never overlap or skip. `updated` and `-start` follow their indexes
// exactly (NULLs sort last in descending order), which makes the default list instant at any size.
function orderBy(sort: ListParams['sort']): SQL[] {
  switch (sort) {
    case 'relevance':
      // Weights per column: title, interventions, sponsor, conditions, summary.
      return [sql`bm25(trials_fts, 10.0, 5.0, 2.0, 1.0, 1.0)`, asc(trials.id)];
    case 'start':
      return [sql`${trials.startDate} IS NULL`, asc(trials.startDate), asc(trials.id)];
    case '-start':
      return [sql`${trials.startDate} DESC`, sql`${trials.id} DESC`];
    case 'title':
      return [sql`${trials.briefTitle} COLLATE NOCASE`, asc(trials.id)];
    case 'phase':
      return [phaseRank, asc(trials.id)];
    case 'primary-completion':
      return [sql`${trials.primaryCompletionDate} IS NULL`, asc(trials.primaryCompletionDate), asc(trials.id)];
    case 'updated':
      return [sql`${trials.lastUpdatePostedDate} DESC`, sql`${trials.id} DESC`];
  }
}

/** The search text as an FTS5 query when it is the only filter, so the index alone can answer. */
export function searchOnly(params: ListParams): string | null {
  if (params.q === undefined) return null;
  const match = toFtsQuery(params.q);
  return match !== null && filterConditions({ ...params, q: undefined }).length === 0 ? match : null;
}

/** How many trials match (paging ignored). Exported for the cached counts of lib/trials/facets.ts. */
export function countMatches(params: ListParams, database: DbOrTx): number {
  // Every trials_fts row is a trial (lib/trials/search-index.ts writes both in one transaction).
  const match = searchOnly(params);
  if (match !== null) return database.get<{ n: number }>(sql`SELECT count(*) AS n FROM trials_fts WHERE trials_fts MATCH ${match}`).n;
  const [row] = database
    .select({ n: sql<number>`count(*)` })
    .from(trials)
    .where(and(...filterConditions(params, false)))
    .all();
  return row?.n ?? 0;
}

/**
 * A search matching more trials than this is not ranked by relevance: ranking scores every match (over
 * 250 ms for a word in all 500,000 trials), and a word that common says little about any one trial.
 * Such lists come newest first (most recently added to the tracker), and say so (TrialList.relevanceLimited).
 */
export const RELEVANCE_LIMIT = 10_000;

/**
 * A page in date order can walk the date's index and check each trial against the filters, stopping after one
 * page, instead of fetching every match and sorting (at 500,000 trials: gene=SOD1, 28,000 matches, 3 ms
 * instead of 60-150 ms). Walking reads about (offset + limit) × all / total index entries, each checked
 * against the filters (a table read for column filters), and matches may cluster at the far end; sorting
 * reads the `total` matches through their own indexes. So it walks only when the expected walk is at least
 * WALK_MARGIN times shorter than the matches (and there are WALK_INDEX_FROM of them): a sparse filter
 * (3,333 of 200,000, clustered late) took 370-555 ms walking against 10-17 ms sorting.
 */
const WALK_INDEX_FROM = 2_000;
const WALK_MARGIN = 8;
const ORDER_INDEXES: Partial<Record<ListParams['sort'], string>> = { updated: 'trials_last_update_idx', '-start': 'trials_start_date_idx' };

type Order = ListParams['sort'] | 'added';

/** The order a list is given in: relevance only for a search with few enough matches to rank. */
function effectiveOrder(params: ListParams, total: number | undefined): Order {
  const searching = params.q !== undefined && toFtsQuery(params.q) !== null;
  if (params.sort !== 'relevance') return params.sort;
  if (!searching) return 'updated';
  return total !== undefined && total > RELEVANCE_LIMIT ? 'added' : 'relevance';
}

/** Internal ids of matching trials in list order; without a limit, all of them. `total`, when known, picks the plan. */
function matchingIds(
  params: ListParams,
  database: DbOrTx,
  { limit, offset = 0, total, all }: { limit?: number; offset?: number; total?: number; all?: number } = {},
): number[] {
  const order = effectiveOrder(params, total);
  const page = limit === undefined ? sql`` : sql` LIMIT ${limit} OFFSET ${offset}`;
  const match = searchOnly(params);
  if (match !== null && (order === 'relevance' || order === 'added')) {
    // Search alone: answered inside the FTS index, without visiting the trials table.
    const by = order === 'relevance' ? sql`${orderBy('relevance')[0]}, rowid` : sql`rowid DESC`;
    return database.all<{ id: number }>(sql`SELECT rowid AS id FROM trials_fts WHERE trials_fts MATCH ${match} ORDER BY ${by}${page}`).map((r) => r.id);
  }
  const relevance = order === 'relevance';
  const walkPays =
    limit !== undefined && total !== undefined && all !== undefined && total >= WALK_INDEX_FROM && (offset + limit) * all * WALK_MARGIN <= total * total;
  const walk = !relevance && walkPays ? ORDER_INDEXES[order as ListParams['sort']] : undefined;
  const from = walk ? sql`${trials} INDEXED BY ${sql.identifier(walk)}` : sql`${trials}`;
  const join = relevance ? sql` INNER JOIN trials_fts ON trials_fts.rowid = ${trials.id}` : sql``;
  const where = and(...filterConditions(params, relevance));
  const by = order === 'added' ? [sql`${trials.id} DESC`] : orderBy(order);
  return database
    .all<{ id: number }>(sql`SELECT ${trials.id} AS id FROM ${from}${join}${where ? sql` WHERE ${where}` : sql``} ORDER BY ${sql.join(by, sql`, `)}${page}`)
    .map((r) => r.id);
}

const summaryColumns = {
  id: trials.id,
  nctId: trials.nctId,
  briefTitle: trials.briefTitle,
  officialTitle: trials.officialTitle,
  acronym: trials.acronym,
  modality: trials.modality,
  phase: trials.phase,
  overallStatus: trials.overallStatus,
  lastKnownStatus: trials.lastKnownStatus,
  leadSponsor: trials.leadSponsor,
  startDate: trials.startDate,
  startDateType: trials.startDateType,
  primaryCompletionDate: trials.primaryCompletionDate,
  primaryCompletionDateType: trials.primaryCompletionDateType,
  completionDate: trials.completionDate,
  completionDateType: trials.completionDateType,
  enrollmentCount: trials.enrollmentCount,
  enrollmentType: trials.enrollmentType,
  lastUpdatePostedDate: trials.lastUpdatePostedDate,
  curationAsOf: trials.curationAsOf,
};
const selectSummaryRows = (ids: number[], database: DbOrTx) =>
  database.select(summaryColumns).from(trials).where(inArray(trials.id, ids)).all();
type SummaryRow = ReturnType<typeof selectSummaryRows>[number];

function toSummary(row: SummaryRow, genes: string[], countries: string[]): TrialSummary {
  return {
    nctId: row.nctId,
    briefTitle: row.briefTitle,
    officialTitle: row.officialTitle,
    acronym: row.acronym,
    modality: row.modality,
    modalityLabel: MODALITY_LABELS[row.modality],
    genes,
    phase: row.phase,
    phaseLabel: row.phase ? PHASE_LABELS[row.phase] : null,
    overallStatus: row.overallStatus,
    overallStatusLabel: row.overallStatus ? STATUS_LABELS[row.overallStatus] : null,
    lastKnownStatus: row.lastKnownStatus,
    lastKnownStatusLabel: row.lastKnownStatus ? STATUS_LABELS[row.lastKnownStatus] : null,
    recruiting: row.overallStatus !== null && RECRUITING_STATUSES.includes(row.overallStatus),
    leadSponsor: row.leadSponsor,
    startDate: partialDate(row.startDate, row.startDateType),
    primaryCompletionDate: partialDate(row.primaryCompletionDate, row.primaryCompletionDateType),
    completionDate: partialDate(row.completionDate, row.completionDateType),
    enrollment: row.enrollmentCount === null ? null : { count: row.enrollmentCount, type: row.enrollmentType },
    countries,
    lastUpdatePosted: row.lastUpdatePostedDate,
    curationAsOf: row.curationAsOf,
    url: trialUrl(row.nctId),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => number, value: (row: T) => string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(value(row));
    else out.set(key(row), [value(row)]);
  }
  return out;
}

/** Summaries for the given trial ids, in the order given. */
function summariesFor(ids: number[], database: DbOrTx): TrialSummary[] {
  if (ids.length === 0) return [];
  const rows = selectSummaryRows(ids, database);
  const genes = groupBy(
    database
      .select({ trialId: trialGenes.trialId, gene: trialGenes.gene })
      .from(trialGenes)
      .where(inArray(trialGenes.trialId, ids))
      .orderBy(asc(trialGenes.trialId), asc(trialGenes.gene))
      .all(),
    (r) => r.trialId,
    (r) => r.gene,
  );
  const countries = groupBy(
    database
      .selectDistinct({ trialId: trialLocations.trialId, country: trialLocations.country })
      .from(trialLocations)
      .where(and(inArray(trialLocations.trialId, ids), isNotNull(trialLocations.country)))
      .orderBy(asc(trialLocations.trialId), asc(trialLocations.country))
      .all(),
    (r) => r.trialId,
    (r) => r.country ?? '',
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row, genes.get(id) ?? [], countries.get(id) ?? [])] : [];
  });
}

/** One page of trials matching the filters. Filters combine with AND; values within one filter with OR. */
export function listTrials(params: ListParams, database: DbOrTx = db()): TrialList {
  const { page, pageSize } = params;
  // One read transaction: the total and the page come from the same snapshot. Both are kept until any
  // trial changes (lib/trials/cache.ts), as the facet counts beside them are; callers must not mutate them.
  return cachedRead(database, (tx, memo) =>
    memo(`list?${serializeListParams(params)}`, () => {
      const total = memo(`count?${filtersKey(params)}`, () => countMatches(params, tx));
      const all = memo('trials', () => tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${trials}`).n);
      const ids = total > (page - 1) * pageSize ? matchingIds(params, tx, { limit: pageSize, offset: (page - 1) * pageSize, total, all }) : [];
      return {
        total,
        page,
        pageSize,
        pages: Math.ceil(total / pageSize),
        relevanceLimited: effectiveOrder(params, total) === 'added',
        items: summariesFor(ids, tx),
      };
    }),
  );
}

/** Every trial matching the filters (paging ignored), EXPORT_CHUNK_SIZE at a time, for the CSV download. */
export function* exportTrials(params: ListParams, database: DbOrTx = db()): Generator<TrialSummary[], void, undefined> {
  // The order is fixed up front (ids only, a few MB even at registry scale); details follow per chunk.
  const total = countMatches(params, database);
  const ids = matchingIds(params, database, { total });
  for (let i = 0; i < ids.length; i += EXPORT_CHUNK_SIZE) yield summariesFor(ids.slice(i, i + EXPORT_CHUNK_SIZE), database);
}

const detailColumns = {
  ...summaryColumns,
  briefSummary: trials.briefSummary,
  plainSummary: trials.plainSummary,
  modalitySource: trials.modalitySource,
  genesSource: trials.genesSource,
  classificationReason: trials.classificationReason,
  mechanism: trials.mechanism,
  whyStopped: trials.whyStopped,
  studyType: trials.studyType,
  collaborators: trials.collaborators,
  conditions: trials.conditions,
  keywords: trials.keywords,
  firstPostedDate: trials.firstPostedDate,
  firstPostedDateType: trials.firstPostedDateType,
  lastUpdatePostedDateType: trials.lastUpdatePostedDateType,
  resultsFirstPostedDate: trials.resultsFirstPostedDate,
  hasResults: trials.hasResults,
  minimumAge: trials.minimumAge,
  maximumAge: trials.maximumAge,
  sex: trials.sex,
  healthyVolunteers: trials.healthyVolunteers,
  eligibilityCriteria: trials.eligibilityCriteria,
  maxMonthsSinceOnset: trials.maxMonthsSinceOnset,
  minVitalCapacityPct: trials.minVitalCapacityPct,
  riluzoleAllowed: trials.riluzoleAllowed,
  edaravoneAllowed: trials.edaravoneAllowed,
  placebo: trials.placebo,
  placeboRatio: trials.placeboRatio,
  openLabelExtension: trials.openLabelExtension,
  routes: trials.routes,
  burdenNotes: trials.burdenNotes,
  programme: trials.programme,
  curationNotes: trials.curationNotes,
  registryFetchedAt: trials.registryFetchedAt,
  sources: trials.sources,
  version: trials.version,
  createdAt: trials.createdAt,
  updatedAt: trials.updatedAt,
};

/** One trial with everything the tracker knows about it and its history, oldest event first; null if unknown. */
export function getTrial(nctId: string, database: DbOrTx = db()): TrialDetail | null {
  const id = nctId.trim().toUpperCase();
  return database.transaction((tx) => {
    const row = tx.select(detailColumns).from(trials).where(eq(trials.nctId, id)).get();
    if (!row) return null;
    const trialId = row.id;
    const genes = tx
      .select({ gene: trialGenes.gene })
      .from(trialGenes)
      .where(eq(trialGenes.trialId, trialId))
      .orderBy(asc(trialGenes.gene))
      .all()
      .map((g) => g.gene);
    const locations = tx
      .select({ facility: trialLocations.facility, city: trialLocations.city, state: trialLocations.state, country: trialLocations.country, status: trialLocations.status })
      .from(trialLocations)
      .where(eq(trialLocations.trialId, trialId))
      .orderBy(asc(trialLocations.position))
      .all();
    const countries = [...new Set(locations.flatMap((l) => (l.country ? [l.country] : [])))].sort();
    const other = { nctId: trials.nctId, title: trials.briefTitle };
    const outgoing = tx
      .select({ nctId: trialLinks.toNctId, relation: trialLinks.relation, note: trialLinks.note, title: other.title })
      .from(trialLinks)
      .leftJoin(trials, eq(trials.nctId, trialLinks.toNctId))
      .where(eq(trialLinks.fromNctId, id))
      .orderBy(asc(trialLinks.toNctId))
      .all();
    const incoming = tx
      .select({ nctId: trialLinks.fromNctId, relation: trialLinks.relation, note: trialLinks.note, title: other.title })
      .from(trialLinks)
      .leftJoin(trials, eq(trials.nctId, trialLinks.fromNctId))
      .where(eq(trialLinks.toNctId, id))
      .orderBy(asc(trialLinks.fromNctId))
      .all();
    const links: TrialLink[] = [
      ...outgoing.map((l) => ({ direction: 'outgoing' as const, ...l, url: trialUrl(l.nctId) })),
      ...incoming.map((l) => ({ direction: 'incoming' as const, ...l, url: trialUrl(l.nctId) })),
    ];
    const events = tx
      .select({
        id: trialEvents.id,
        kind: trialEvents.kind,
        field: trialEvents.field,
        fromValue: trialEvents.fromValue,
        toValue: trialEvents.toValue,
        occurredAt: trialEvents.occurredAt,
        recordedAt: trialEvents.recordedAt,
        source: trialEvents.source,
        sourceDetail: trialEvents.sourceDetail,
        text: trialEvents.text,
        reason: trialEvents.reason,
      })
      .from(trialEvents)
      .where(eq(trialEvents.trialId, trialId))
      // When it happened in the world; events with no such date fall back to when they were recorded.
      .orderBy(sql`coalesce(${trialEvents.occurredAt}, ${trialEvents.recordedAt})`, asc(trialEvents.id))
      .all();

    return {
      ...toSummary(row, genes, countries),
      briefSummary: row.briefSummary,
      plainSummary: row.plainSummary,
      modalitySource: row.modalitySource,
      genesSource: row.genesSource,
      classificationReason: row.classificationReason,
      mechanism: row.mechanism,
      whyStopped: row.whyStopped,
      studyType: row.studyType,
      collaborators: row.collaborators,
      conditions: row.conditions,
      keywords: row.keywords,
      firstPosted: partialDate(row.firstPostedDate, row.firstPostedDateType),
      lastUpdatePostedType: row.lastUpdatePostedDateType,
      resultsFirstPosted: row.resultsFirstPostedDate,
      hasResults: row.hasResults,
      eligibility: {
        minimumAge: row.minimumAge,
        maximumAge: row.maximumAge,
        sex: row.sex,
        healthyVolunteers: row.healthyVolunteers,
        criteria: row.eligibilityCriteria,
        maxMonthsSinceOnset: row.maxMonthsSinceOnset,
        minVitalCapacityPct: row.minVitalCapacityPct,
        riluzoleAllowed: row.riluzoleAllowed,
        edaravoneAllowed: row.edaravoneAllowed,
      },
      burden: {
        placebo: row.placebo,
        placeboRatio: row.placeboRatio,
        openLabelExtension: row.openLabelExtension,
        routes: row.routes,
        notes: row.burdenNotes,
      },
      programme: row.programme,
      curationNotes: row.curationNotes,
      biomarkers: tx
        .select({ biomarker: trialBiomarkers.biomarker })
        .from(trialBiomarkers)
        .where(eq(trialBiomarkers.trialId, trialId))
        .orderBy(asc(trialBiomarkers.biomarker))
        .all()
        .map((b) => b.biomarker as Biomarker),
      interventions: readInterventions(tx, trialId),
      outcomes: readOutcomes(tx, trialId),
      locations,
      links,
      sources: row.sources,
      provenance: {
        registryLastUpdate: row.lastUpdatePostedDate,
        registryFetchedAt: row.registryFetchedAt,
        curationAsOf: row.curationAsOf,
        sources: row.sources,
      },
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      events,
      disputes: listDisputes(tx, trialId),
    };
  });
}

export function getTrialOrThrow(nctId: string, database: DbOrTx = db()): TrialDetail {
  const trial = getTrial(nctId, database);
  if (!trial)
    throw new AppError('not_found:trial', `The tracker has no trial ${nctId.trim().toUpperCase()}. Check the NCT number, or search the list of trials.`, {
      field: 'nctId',
    });
  return trial;
}

export type Readiness = { ok: true; trials: number; migrations: number } | { ok: false; reason: string };

/** Whether this database is usable by this build: every migration in drizzle/meta/_journal.json applied. */
export function getReadiness(database: DbOrTx = db(), migrationsFolder = MIGRATIONS_FOLDER): Readiness {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const expected = journal.entries.length;
  const hasTable = database.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`,
  );
  const applied = hasTable.n > 0 ? database.get<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`).n : 0;
  if (applied !== expected)
    return {
      ok: false,
      reason:
        applied < expected
          ? `${applied} of ${expected} database migrations applied; run npm run db:migrate.`
          : `The database has ${applied} migrations but this build knows only ${expected}; deploy the newer build.`,
    };
  const [row] = database.select({ n: sql<number>`count(*)` }).from(trials).all();
  return { ok: true, trials: row?.n ?? 0, migrations: applied };
}
