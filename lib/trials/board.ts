// The home page's data: the pipeline board (kind of treatment × phase), the recruiting count, what
// changed recently and how fresh the data is. Optional gene filters narrow all of them alike.
import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { cachedRead } from './cache';
import { syncRuns, trialEvents, trialGenes, trialInterventions, trials } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { describeEvent } from './describe-event';
import { parseListParams, serializeListParams } from './list-params';
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
import { describableEventColumns } from './event-columns';

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
export type BoardCell = {
  column: BoardColumn;
  /** Every trial in the cell, counted. */
  total: number;
  /** At most CELL_TRIAL_LIMIT of them: the ones added to the tracker last. */
  trials: BoardTrial[];
  /**
   * The cell on /trials, when `trials` is not all of it. `count` is what the link shows: the whole cell, except
   * in the "none" column, where /trials can pick out "not applicable" but not "phase not given".
   */
  seeAll: { href: string; count: number } | null;
};
export type BoardRow = { modality: Modality; label: string; total: number; cells: BoardCell[] };
export type Board = { columns: BoardColumn[]; rows: BoardRow[]; total: number; recruiting: number };

export type BoardFilter = { gene?: readonly Gene[] };

/**
 * Trials drawn per cell. Above any cell of the curated ALS trials (7 at most); at registry scale the rest are a
 * link away. At 20 the board at 500,000 trials was 1.1 MB of HTML and rendered 5 times a second.
 */
export const CELL_TRIAL_LIMIT = 8;

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

/** The trials of one modality and one stored phase (null: not given). The "none" column joins two of them. */
type Group = { modality: Modality; phase: Phase | null; count: number };
const groupKey = (modality: string, phase: string | null) => `${modality}|${phase ?? ''}`;

type ChipRow = {
  id: number;
  nctId: string;
  briefTitle: string;
  acronym: string | null;
  modality: Modality;
  phase: Phase | null;
  status: Status | null;
  lastKnownStatus: Status | null;
  /** JSON array of intervention names in registry order. */
  treatments: string | null;
};

// A chip's columns, with its interventions gathered in the same statement. `chosen` is a CTE of trial ids.
const chipColumns = sql`${trials.id} AS id, ${trials.nctId} AS nctId, ${trials.briefTitle} AS briefTitle, ${trials.acronym} AS acronym,
  ${trials.modality} AS modality, ${trials.phase} AS phase, ${trials.overallStatus} AS status, ${trials.lastKnownStatus} AS lastKnownStatus,
  (SELECT json_group_array(${trialInterventions.name} ORDER BY ${trialInterventions.position})
    FROM ${trialInterventions} WHERE ${trialInterventions.trialId} = ${trials.id}) AS treatments`;

// Which trials a cell draws: the ones added to the tracker last (highest id). The (modality, phase) index ends
// in the id, so this is a read of `limit` index entries per group. Ordering by last update instead would read
// every trial's row (the column is not in that index): ~150 ms more at 500,000 trials.
const newestFirst = (a: { id: number }, b: { id: number }) => b.id - a.id;

/**
 * Counts per group and the `limit` newest trials of each, with their interventions, without ever sending a
 * list of ids to the database. Unfiltered: a GROUP BY over the covering (modality, phase) index, then one
 * index range per group. Filtered by gene: one pass over that index keeping the filter's trials, ranked per
 * group (a window function), which gives the counts too.
 */
function readGroups(filter: BoardFilter, limit: number, database: DbOrTx): { groups: Group[]; chips: ChipRow[] } {
  const genes = geneCondition(filter);
  if (genes) {
    const rows = database.all<ChipRow & { count: number }>(sql`WITH ranked AS (
        SELECT ${trials.id} AS id, count(*) OVER (PARTITION BY ${trials.modality}, ${trials.phase}) AS count,
          row_number() OVER (PARTITION BY ${trials.modality}, ${trials.phase} ORDER BY ${trials.id} DESC) AS rank
        FROM ${trials} INDEXED BY trials_modality_phase_idx WHERE ${genes})
      SELECT ranked.count AS count, ${chipColumns} FROM ranked JOIN ${trials} ON ${trials.id} = ranked.id WHERE ranked.rank <= ${limit}`);
    const groups = new Map<string, Group>();
    for (const r of rows) groups.set(groupKey(r.modality, r.phase), { modality: r.modality, phase: r.phase, count: r.count });
    return { groups: [...groups.values()], chips: rows };
  }
  const groups = database.all<Group>(
    sql`SELECT ${trials.modality} AS modality, ${trials.phase} AS phase, count(*) AS count
      FROM ${trials} INDEXED BY trials_modality_phase_idx GROUP BY ${trials.modality}, ${trials.phase}`,
  );
  if (groups.length === 0) return { groups, chips: [] };
  const newest = groups.map(
    (g) => sql`SELECT * FROM (SELECT ${trials.id} FROM ${trials} INDEXED BY trials_modality_phase_idx
      WHERE ${trials.modality} = ${g.modality} AND ${trials.phase} IS ${g.phase} ORDER BY ${trials.id} DESC LIMIT ${limit})`,
  );
  const chips = database.all<ChipRow>(
    sql`WITH chosen(id) AS (${sql.join(newest, sql` UNION ALL `)}) SELECT ${chipColumns} FROM chosen JOIN ${trials} ON ${trials.id} = chosen.id`,
  );
  return { groups, chips };
}

function toBoardTrial(r: ChipRow): BoardTrial {
  const names: string[] = [];
  for (const name of JSON.parse(r.treatments ?? '[]') as string[]) {
    if (/placebo/i.test(name)) continue;
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
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
}

const recruitingStatuses = [...RECRUITING_STATUSES];

/**
 * Trials grouped by kind of treatment (rows, MODALITIES order) and phase (columns). Every count is exact and
 * made in SQL (GROUP BY on the covering (modality, phase) index); each cell draws at most `limit` trials.
 */
export function getBoard(filter: BoardFilter = {}, database: DbOrTx = db(), limit: number = CELL_TRIAL_LIMIT): Board {
  const genes = geneCondition(filter);
  // One read transaction: the counts and the chips come from the same snapshot. Kept until any trial
  // changes (lib/trials/cache.ts): 120 ms at 500,000 trials, then nothing; callers must not mutate it.
  const key = `board?${[...(filter.gene ?? [])].sort().join(',')}&limit=${limit}`;
  return cachedRead(database, (tx, memo) => memo(key, () => {
    const { groups, chips } = readGroups(filter, limit, tx);
    const recruiting =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(sql`${trials} INDEXED BY trials_status_idx`)
        .where(and(inArray(trials.overallStatus, recruitingStatuses), genes))
        .get()?.n ?? 0;
    const total = groups.reduce((n, g) => n + g.count, 0);

    const usesNone = groups.some((g) => g.phase === null || g.phase === 'not-applicable');
    const columns = usesNone ? [...PHASE_COLUMNS, NONE_COLUMN] : PHASE_COLUMNS;
    const rows: BoardRow[] = MODALITIES.flatMap((modality) => {
      const inRow = groups.filter((g) => g.modality === modality);
      const rowTotal = inRow.reduce((n, g) => n + g.count, 0);
      if (rowTotal === 0 && !ALWAYS_SHOWN_MODALITIES.includes(modality)) return [];
      const cells = columns.map((column): BoardCell => {
        const phases: (Phase | null)[] = column.key === 'none' ? [null, 'not-applicable'] : [column.key];
        const cellGroups = inRow.filter((g) => phases.includes(g.phase));
        const cellTotal = cellGroups.reduce((n, g) => n + g.count, 0);
        const shown = chips
          .filter((c) => c.modality === modality && phases.includes(c.phase))
          .sort(newestFirst)
          .slice(0, limit)
          .map(toBoardTrial)
          .sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.title.localeCompare(b.title));
        const listPhase: Phase = column.key === 'none' ? 'not-applicable' : column.key;
        const seeAll =
          shown.length < cellTotal
            ? {
                href: `/trials?${serializeListParams({ modality: [modality], phase: [listPhase], gene: [...(filter.gene ?? [])] })}`,
                count: cellGroups.filter((g) => g.phase === listPhase).reduce((n, g) => n + g.count, 0),
              }
            : null;
        return { column, total: cellTotal, trials: shown, seeAll };
      });
      return [{ modality, label: MODALITY_LABELS[modality], total: rowTotal, cells }];
    });
    return { columns, rows, total, recruiting };
  }));
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
  /** Events that happened in the window, newest first: at most `limit` of them. */
  recent: BoardChange[];
  /** More happened in the window than `recent` holds. */
  more: boolean;
  /** When `recent` is empty: the latest changes of any date, newest first; otherwise empty. */
  latest: BoardChange[];
};

export const EVENT_SOURCE_LABELS: Record<EventSource, string> = {
  registry: 'ClinicalTrials.gov',
  curation: 'curation',
  coordinator: "the trial's coordinator",
};

/** Changes listed on the home page; the rest are on each trial's page. */
export const RECENT_CHANGES_LIMIT = 10;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What happened to tracked trials in the last `days` days, by when it happened (`occurredAt`), never by when
 * the tracker recorded it (a fresh seed records decades of history at once). A month-only date counts when
 * its month overlaps the window; a year-only date is too vague to call recent. A trial's first posting only
 * counts when the trial was first posted inside the window. With nothing in the window, the `fallback`
 * latest changes of any date are returned instead. Both lists are bounded (a registry has thousands of changes
 * a month) and both read newest first from a plain range on `occurred_at`, served by trial_events_occurred_idx.
 */
export function listRecentChanges(
  options: BoardFilter & { now?: Date; days?: number; fallback?: number; limit?: number } = {},
  database: DbOrTx = db(),
): RecentChanges {
  const { now = new Date(), days = 30, fallback = 5, limit = RECENT_CHANGES_LIMIT } = options;
  const today = isoDay(now);
  const since = isoDay(new Date(now.getTime() - days * 86_400_000));
  const occurred = trialEvents.occurredAt;

  const select = () =>
    database
      .select({
        id: trialEvents.id,
        ...describableEventColumns,
        occurredAt: trialEvents.occurredAt,
        nctId: trials.nctId,
        briefTitle: trials.briefTitle,
        acronym: trials.acronym,
      })
      .from(trialEvents)
      .innerJoin(trials, eq(trials.id, trialEvents.trialId));
  // Dated, and not in the future (an estimated date is a plan, not a change).
  const happened = and(isNotNull(occurred), sql`${occurred} <= ${today}`, geneCondition(options));
  // The first term bounds the range (no date of the window sorts before its first month); the rest is exact.
  const inWindow = sql`${occurred} >= ${since.slice(0, 7)} AND (
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

  const inWindowRows = select().where(and(happened, inWindow, notOldRegistration)).orderBy(...newestFirst).limit(limit + 1).all();
  const recent = inWindowRows.slice(0, limit).map(toChange);
  const latest = recent.length || fallback <= 0 ? [] : select().where(happened).orderBy(...newestFirst).limit(fallback).all().map(toChange);
  return { days, since, recent, more: inWindowRows.length > limit, latest };
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
  // Three statements, not one: SQLite answers a lone max() from an index (last update: instant at 500,000
  // trials) but scans the whole table for several aggregates at once; max(curation_as_of) has its own index.
  const one = <T>(value: SQL<T>) => database.select({ value }).from(trials).get()?.value ?? null;
  const row = {
    trials: one(sql<number>`count(*)`),
    newestRegistryUpdate: one(sql<string | null>`max(${trials.lastUpdatePostedDate})`),
    newestCurationAsOf: one(sql<string | null>`max(${trials.curationAsOf})`),
  };
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
