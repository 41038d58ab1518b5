// The home page's data: the pipeline board (kind of treatment × phase), the recruiting count, what
// changed recently and how fresh the data is. Optional gene filters narrow all of them alike.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { syncRuns, trialEvents, trialGenes, trialInterventions, trials } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { describeEvent } from './describe-event';
import { parseListParams } from './list-params';
import { trialUrl } from './queries';
import {
  GENES,
  MODALITIES,
  MODALITY_LABELS,
  PHASE_LABELS,
  PHASES,
  RECRUITING_STATUSES,
  type EventSource,
  type Gene,
  type Modality,
  type Phase,
  type Status,
} from './vocab';

/** Rows shown even when empty, so families see that nothing is being tried there (yet). */
export const ALWAYS_SHOWN_MODALITIES: readonly Modality[] = ['aso', 'immune', 'stem-cell', 'small-molecule'];

/** A board column: a phase, or `none` for "not applicable" and "not given" together. */
export type BoardColumnKey = Exclude<Phase, 'not-applicable'> | 'none';
export type BoardColumn = { key: BoardColumnKey; label: string };

const PHASE_COLUMNS: BoardColumn[] = PHASES.filter((p) => p !== 'not-applicable').map((p) => ({ key: p, label: PHASE_LABELS[p] }));
const NONE_COLUMN: BoardColumn = { key: 'none', label: 'Phase not applicable or not given' };

export type BoardTrial = {
  nctId: string;
  /** The acronym, or the brief title shortened. */
  title: string;
  /** What is tried, by the registry's intervention names (placebo left out); at most three. */
  treatments: string[];
  moreTreatments: number;
  status: Status | null;
  lastKnownStatus: Status | null;
  recruiting: boolean;
  url: string;
};
export type BoardCell = { column: BoardColumn; trials: BoardTrial[] };
export type BoardRow = { modality: Modality; label: string; total: number; cells: BoardCell[] };
export type Board = { columns: BoardColumn[]; rows: BoardRow[]; total: number; recruiting: number };

export type BoardFilter = { gene?: readonly Gene[] };

const TITLE_MAX = 60;

/** Families know trials by their acronym (VALOR, ATLAS); otherwise the brief title, cut at a word. */
export function shortTitle(briefTitle: string, acronym: string | null): string {
  if (acronym?.trim()) return acronym.trim();
  const title = briefTitle.trim();
  if (title.length <= TITLE_MAX) return title;
  const cut = title.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

export type GeneFilter = { genes: Gene[]; /** The value as typed when it names no gene the tracker knows. */ unknown: string | null };

/** Reads the home page's `gene` parameter (repeats and commas allowed, any letter case), like the API does. */
export function parseGeneFilter(value: string | string[] | undefined): GeneFilter {
  try {
    return { genes: parseListParams({ gene: value }).gene, unknown: null };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { genes: [], unknown: (Array.isArray(value) ? value.join(', ') : (value ?? '')).slice(0, 60) };
  }
}

function geneCondition(filter: BoardFilter): SQL | undefined {
  if (!filter.gene?.length) return undefined;
  return sql`${trials.id} IN (SELECT ${trialGenes.trialId} FROM ${trialGenes} WHERE ${inArray(trialGenes.gene, [...filter.gene])})`;
}

// Recruiting first (what families can act on), then running, then everything else; ties by title.
const STATUS_ORDER: Status[] = [
  'RECRUITING',
  'NOT_YET_RECRUITING',
  'ENROLLING_BY_INVITATION',
  'AVAILABLE',
  'ACTIVE_NOT_RECRUITING',
  'TEMPORARILY_NOT_AVAILABLE',
  'SUSPENDED',
  'COMPLETED',
  'APPROVED_FOR_MARKETING',
  'TERMINATED',
  'WITHDRAWN',
  'NO_LONGER_AVAILABLE',
  'UNKNOWN',
  'WITHHELD',
];
const statusRank = (s: Status | null) => (s ? STATUS_ORDER.indexOf(s) : STATUS_ORDER.length);

/** Trials grouped by kind of treatment (rows, MODALITIES order) and phase (columns). */
export function getBoard(filter: BoardFilter = {}, database: DbOrTx = db()): Board {
  const rows = database
    .select({
      id: trials.id,
      nctId: trials.nctId,
      briefTitle: trials.briefTitle,
      acronym: trials.acronym,
      modality: trials.modality,
      phase: trials.phase,
      status: trials.overallStatus,
      lastKnownStatus: trials.lastKnownStatus,
    })
    .from(trials)
    .where(geneCondition(filter))
    .all();

  const treatments = new Map<number, string[]>();
  if (rows.length) {
    const interventions = database
      .select({ trialId: trialInterventions.trialId, name: trialInterventions.name })
      .from(trialInterventions)
      .where(inArray(trialInterventions.trialId, rows.map((r) => r.id)))
      .orderBy(asc(trialInterventions.trialId), asc(trialInterventions.position))
      .all();
    for (const { trialId, name } of interventions) {
      if (/placebo/i.test(name)) continue;
      const list = treatments.get(trialId) ?? [];
      if (!list.some((n) => n.toLowerCase() === name.toLowerCase())) list.push(name);
      treatments.set(trialId, list);
    }
  }

  const usesNone = rows.some((r) => r.phase === null || r.phase === 'not-applicable');
  const columns = usesNone ? [...PHASE_COLUMNS, NONE_COLUMN] : PHASE_COLUMNS;
  const toTrial = (r: (typeof rows)[number]): BoardTrial => {
    const names = treatments.get(r.id) ?? [];
    return {
      nctId: r.nctId,
      title: shortTitle(r.briefTitle, r.acronym),
      treatments: names.slice(0, 3),
      moreTreatments: Math.max(0, names.length - 3),
      status: r.status,
      lastKnownStatus: r.lastKnownStatus,
      recruiting: r.status !== null && RECRUITING_STATUSES.includes(r.status),
      url: trialUrl(r.nctId),
    };
  };
  const sorted = rows
    .map((r) => ({ row: r, trial: toTrial(r) }))
    .sort((a, b) => statusRank(a.row.status) - statusRank(b.row.status) || a.trial.title.localeCompare(b.trial.title));

  const boardRows: BoardRow[] = MODALITIES.flatMap((modality) => {
    const inRow = sorted.filter(({ row }) => row.modality === modality);
    if (inRow.length === 0 && !ALWAYS_SHOWN_MODALITIES.includes(modality)) return [];
    const cells = columns.map((column) => ({
      column,
      trials: inRow
        .filter(({ row }) => (column.key === 'none' ? row.phase === null || row.phase === 'not-applicable' : row.phase === column.key))
        .map(({ trial }) => trial),
    }));
    return [{ modality, label: MODALITY_LABELS[modality], total: inRow.length, cells }];
  });

  return { columns, rows: boardRows, total: rows.length, recruiting: sorted.filter(({ trial }) => trial.recruiting).length };
}

/** Genes from the vocabulary that at least one tracked trial targets, in vocabulary order. */
export function listGenesInUse(database: DbOrTx = db()): Gene[] {
  const used = new Set(
    database
      .selectDistinct({ gene: trialGenes.gene })
      .from(trialGenes)
      .all()
      .map((r) => r.gene),
  );
  return GENES.filter((g) => used.has(g));
}

export type BoardChange = {
  id: number;
  nctId: string;
  trialTitle: string;
  url: string;
  /** The event in one sentence (describeEvent). */
  sentence: string;
  /** When it happened, at the precision the source gives (YYYY, YYYY-MM or YYYY-MM-DD). */
  occurredAt: string;
  source: EventSource;
  /** Who told us, in words: "ClinicalTrials.gov", "curation", "the trial's coordinator". */
  sourceLabel: string;
};

export type RecentChanges = {
  days: number;
  /** First day of the window (YYYY-MM-DD, UTC). */
  since: string;
  /** Events that happened in the window, newest first. */
  recent: BoardChange[];
  /** When `recent` is empty: the latest changes of any date, newest first; otherwise empty. */
  latest: BoardChange[];
};

export const EVENT_SOURCE_LABELS: Record<EventSource, string> = {
  registry: 'ClinicalTrials.gov',
  curation: 'curation',
  coordinator: "the trial's coordinator",
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What happened to tracked trials in the last `days` days, by when it happened (`occurredAt`), never by when
 * the tracker recorded it (a fresh seed records decades of history at once). A month-only date counts when
 * its month overlaps the window; a year-only date is too vague to call recent. A trial's first posting only
 * counts when the trial was first posted inside the window. With nothing in the window, the `fallback`
 * latest changes of any date are returned instead.
 */
export function listRecentChanges(
  options: BoardFilter & { now?: Date; days?: number; fallback?: number } = {},
  database: DbOrTx = db(),
): RecentChanges {
  const { now = new Date(), days = 30, fallback = 5 } = options;
  const today = isoDay(now);
  const since = isoDay(new Date(now.getTime() - days * 86_400_000));
  const occurred = trialEvents.occurredAt;

  const select = () =>
    database
      .select({
        id: trialEvents.id,
        kind: trialEvents.kind,
        field: trialEvents.field,
        fromValue: trialEvents.fromValue,
        toValue: trialEvents.toValue,
        text: trialEvents.text,
        source: trialEvents.source,
        occurredAt: trialEvents.occurredAt,
        nctId: trials.nctId,
        briefTitle: trials.briefTitle,
        acronym: trials.acronym,
      })
      .from(trialEvents)
      .innerJoin(trials, eq(trials.id, trialEvents.trialId));
  // Dated, and not in the future (an estimated date is a plan, not a change).
  const happened = and(isNotNull(occurred), sql`${occurred} <= ${today}`, geneCondition(options));
  const inWindow = sql`(
      (length(${occurred}) = 10 AND ${occurred} >= ${since})
      OR (length(${occurred}) = 7 AND ${occurred} >= ${since.slice(0, 7)} AND ${occurred} <= ${today.slice(0, 7)})
    )`;
  const notOldRegistration = sql`(${trialEvents.kind} <> 'registered' OR ${trials.firstPostedDate} IS NULL OR ${trials.firstPostedDate} >= ${since})`;
  const newestFirst = [desc(occurred), desc(trialEvents.id)];

  const toChange = (r: ReturnType<ReturnType<typeof select>['all']>[number]): BoardChange => ({
    id: r.id,
    nctId: r.nctId,
    trialTitle: shortTitle(r.briefTitle, r.acronym),
    url: trialUrl(r.nctId),
    sentence: describeEvent(r),
    occurredAt: r.occurredAt ?? '',
    source: r.source,
    sourceLabel: EVENT_SOURCE_LABELS[r.source],
  });

  const recent = select().where(and(happened, inWindow, notOldRegistration)).orderBy(...newestFirst).all().map(toChange);
  const latest = recent.length || fallback <= 0 ? [] : select().where(happened).orderBy(...newestFirst).limit(fallback).all().map(toChange);
  return { days, since, recent, latest };
}

export type DataFreshness = {
  trials: number;
  /** The newest "last update posted" date among the registry records (YYYY-MM-DD). */
  newestRegistryUpdate: string | null;
  /** The newest date a person checked curated facts against their sources. */
  newestCurationAsOf: string | null;
  /** When the tracker last finished asking ClinicalTrials.gov for changes; null if it never has. */
  lastSyncFinishedAt: string | null;
};

/** How current the tracker's data is, for the home page and /about. */
export function getDataFreshness(database: DbOrTx = db()): DataFreshness {
  const row = database
    .select({
      trials: sql<number>`count(*)`,
      newestRegistryUpdate: sql<string | null>`max(${trials.lastUpdatePostedDate})`,
      newestCurationAsOf: sql<string | null>`max(${trials.curationAsOf})`,
    })
    .from(trials)
    .get();
  const sync = database
    .select({ finishedAt: syncRuns.finishedAt })
    .from(syncRuns)
    .where(and(isNotNull(syncRuns.finishedAt), isNull(syncRuns.error)))
    .orderBy(desc(syncRuns.finishedAt))
    .limit(1)
    .get();
  return {
    trials: row?.trials ?? 0,
    newestRegistryUpdate: row?.newestRegistryUpdate ?? null,
    newestCurationAsOf: row?.newestCurationAsOf ?? null,
    lastSyncFinishedAt: sync?.finishedAt ?? null,
  };
}
