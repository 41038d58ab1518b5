// Facet counts for the search pages: for each filter, how many trials each of its values would give
// under all the *other* filters (the usual faceted-search rule, so ticking a second gene never shows
// zero for the first). Counted in SQL with GROUP BY over the same conditions listTrials uses.
import { and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { trialBiomarkers, trialGenes, trialLocations, trials } from '@/db/schema';
import type { ListParams } from './list-params';
import { filterConditions } from './queries';
import {
  BIOMARKER_LABELS,
  BIOMARKERS,
  GENES,
  MODALITIES,
  MODALITY_LABELS,
  PHASE_LABELS,
  PHASES,
  RECRUITING_STATUSES,
  ROUTES,
  STATUS_LABELS,
  STATUSES,
  type Biomarker,
  type Gene,
  type Modality,
  type Phase,
  type Route,
  type Status,
} from './vocab';

/** How a treatment is given, in plain words (the codes are lib/trials/vocab.ts ROUTES). */
export const ROUTE_LABELS: Record<Route, string> = {
  intrathecal: 'Injection into the spinal fluid (intrathecal)',
  oral: 'By mouth',
  intravenous: 'Drip into a vein (intravenous)',
  subcutaneous: 'Injection under the skin',
  intramuscular: 'Injection into a muscle',
  other: 'Other ways',
};

export type FacetOption<V extends string = string> = {
  value: V;
  label: string;
  /** Trials this value would show, given every other filter. */
  count: number;
  selected: boolean;
};

/** A yes/no filter: how many trials each answer would show under the other filters. */
export type FlagFacet = { yes: number; no: number; selected: boolean | undefined };

export type FacetCounts = {
  modality: FacetOption<Modality>[];
  gene: FacetOption<Gene>[];
  phase: FacetOption<Phase>[];
  status: FacetOption<Status>[];
  recruiting: FlagFacet;
  country: FacetOption[];
  biomarker: FacetOption<Biomarker>[];
  placebo: FlagFacet;
  ole: FlagFacet;
  route: FacetOption<Route>[];
};

type Row = { value: string | null; n: number };

const without = <K extends keyof ListParams>(p: ListParams, key: K): ListParams => {
  const copy = { ...p };
  if (Array.isArray(copy[key])) (copy[key] as unknown[]) = [];
  else delete copy[key];
  return copy;
};

/** `trials.id IN (…trials matching p…)`, for the child-table counts. */
const matchingIdsSql = (p: ListParams): SQL => {
  const where = and(...filterConditions(p));
  return sql`SELECT ${trials.id} FROM ${trials}${where ? sql` WHERE ${where}` : sql``}`;
};

function options<V extends string>(vocab: readonly V[], labels: Record<V, string> | null, rows: Row[], selected: readonly V[]): FacetOption<V>[] {
  const counts = new Map(rows.map((r) => [r.value, r.n]));
  return vocab.map((value) => ({
    value,
    label: labels ? labels[value] : value,
    count: counts.get(value) ?? 0,
    selected: selected.includes(value),
  }));
}

function flag(rows: Row[], selected: boolean | undefined): FlagFacet {
  const get = (v: string) => rows.find((r) => r.value === v)?.n ?? 0;
  return { yes: get('1'), no: get('0'), selected };
}

/** Counts for every facet of the trial list, under the given filters (paging and sort ignored). */
export function getFacetCounts(params: ListParams, database: DbOrTx = db()): FacetCounts {
  return database.transaction((tx) => {
    const wherePart = (p: ListParams): SQL => {
      const where = and(...filterConditions(p));
      return where ? sql` WHERE ${where}` : sql``;
    };
    const byColumn = (column: SQL, p: ListParams): Row[] =>
      tx.all<Row>(sql`SELECT ${column} AS value, count(*) AS n FROM ${trials}${wherePart(p)} GROUP BY 1`);

    const modality = byColumn(sql`${trials.modality}`, without(params, 'modality'));
    const phase = byColumn(sql`${trials.phase}`, without(params, 'phase'));
    const status = byColumn(sql`${trials.overallStatus}`, without(params, 'status'));
    const recruitingList = sql.join(
      RECRUITING_STATUSES.map((s) => sql`${s}`),
      sql`, `,
    );
    // A trial with no status given is not taking participants as far as anyone can tell.
    const recruiting = byColumn(
      sql`CAST(coalesce(${trials.overallStatus} IN (${recruitingList}), 0) AS TEXT)`,
      without(params, 'recruiting'),
    );
    // Unknown (NULL) burden facts are counted under neither answer.
    const placebo = byColumn(sql`CAST(${trials.placebo} AS TEXT)`, without(params, 'placebo'));
    const ole = byColumn(sql`CAST(${trials.openLabelExtension} AS TEXT)`, without(params, 'ole'));
    const route = tx.all<Row>(
      sql`SELECT r.value AS value, count(DISTINCT ${trials.id}) AS n FROM ${trials}, json_each(${trials.routes}) r${wherePart(without(params, 'route'))} GROUP BY 1`,
    );
    const gene = tx.all<Row>(
      sql`SELECT ${trialGenes.gene} AS value, count(*) AS n FROM ${trialGenes}
          WHERE ${trialGenes.trialId} IN (${matchingIdsSql(without(params, 'gene'))}) GROUP BY 1`,
    );
    const biomarker = tx.all<Row>(
      sql`SELECT ${trialBiomarkers.biomarker} AS value, count(*) AS n FROM ${trialBiomarkers}
          WHERE ${trialBiomarkers.trialId} IN (${matchingIdsSql(without(params, 'biomarker'))}) GROUP BY 1`,
    );
    const country = tx.all<Row>(
      sql`SELECT ${trialLocations.country} AS value, count(DISTINCT ${trialLocations.trialId}) AS n FROM ${trialLocations}
          WHERE ${trialLocations.country} IS NOT NULL AND ${trialLocations.trialId} IN (${matchingIdsSql(without(params, 'country'))})
          GROUP BY 1 ORDER BY 1`,
    );

    // Countries: every stored country with matches, plus any chosen one (in the stored spelling when known).
    const countryOptions: FacetOption[] = country.map((r) => ({
      value: r.value ?? '',
      label: r.value ?? '',
      count: r.n,
      selected: params.country.some((c) => c.toLowerCase() === (r.value ?? '').toLowerCase()),
    }));
    for (const chosen of params.country)
      if (!countryOptions.some((o) => o.value.toLowerCase() === chosen.toLowerCase()))
        countryOptions.push({ value: chosen, label: chosen, count: 0, selected: true });
    countryOptions.sort((a, b) => a.label.localeCompare(b.label));

    return {
      modality: options(MODALITIES, MODALITY_LABELS, modality, params.modality),
      gene: options(GENES, null, gene, params.gene),
      phase: options(PHASES, PHASE_LABELS, phase, params.phase),
      status: options(STATUSES, STATUS_LABELS, status, params.status),
      recruiting: flag(recruiting, params.recruiting),
      country: countryOptions,
      biomarker: options(BIOMARKERS, BIOMARKER_LABELS, biomarker, params.biomarker),
      placebo: flag(placebo, params.placebo),
      ole: flag(ole, params.ole),
      route: options(ROUTES, ROUTE_LABELS, route, params.route),
    };
  });
}

/** How many trials match the filters (paging ignored): for "remove this filter to see N trials". */
export function countTrials(params: ListParams, database: DbOrTx = db()): number {
  const [row] = database
    .select({ n: sql<number>`count(*)` })
    .from(trials)
    .where(and(...filterConditions(params)))
    .all();
  return row?.n ?? 0;
}

export type JoinHighlights = {
  /** Latest point after first symptoms at which someone can join, in months (curated). */
  maxMonthsSinceOnset: number | null;
  /** Lowest breathing capacity (FVC/SVC, % of predicted) accepted (curated). */
  minVitalCapacityPct: number | null;
};

/** The curated "who can join" facts for a list of trials (TrialSummary does not carry them). */
export function getJoinHighlights(nctIds: string[], database: DbOrTx = db()): Map<string, JoinHighlights> {
  if (nctIds.length === 0) return new Map();
  const rows = database
    .select({
      nctId: trials.nctId,
      maxMonthsSinceOnset: trials.maxMonthsSinceOnset,
      minVitalCapacityPct: trials.minVitalCapacityPct,
    })
    .from(trials)
    .where(inArray(trials.nctId, nctIds))
    .orderBy(asc(trials.nctId))
    .all();
  return new Map(rows.map(({ nctId, ...rest }) => [nctId, rest]));
}
