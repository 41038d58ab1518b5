// Facet counts for the search pages: for each filter, how many trials each of its values would give
// under all the *other* filters (the usual faceted-search rule, so ticking a second gene never shows
// zero for the first). Counted in SQL with GROUP BY over the same conditions listTrials uses.
import { and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { trialBiomarkers, trialGenes, trialLocations, trials } from '@/db/schema';
import { cachedRead, filtersKey } from './cache';
import type { ListParams } from './list-params';
import { countMatches, countrySpellings, filterConditions, searchOnly } from './queries';
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

/** Trials sharing one combination of the facet columns of trials (one group of trials_facets_idx). */
type Combo = {
  modality: Modality;
  phase: Phase | null;
  status: Status | null;
  placebo: 0 | 1 | null;
  ole: 0 | 1 | null;
  routes: string;
  n: number;
};

const SCALAR_KEYS = ['modality', 'phase', 'status', 'recruiting', 'placebo', 'ole', 'route'] as const;
type ScalarKey = (typeof SCALAR_KEYS)[number];

const without = <K extends keyof ListParams>(p: ListParams, key: K): ListParams => {
  const copy = { ...p };
  if (Array.isArray(copy[key])) (copy[key] as unknown[]) = [];
  else delete copy[key];
  return copy;
};

/** The filters that are not columns of trials: gene, biomarker, country and the search text. */
const childFiltersOnly = (p: ListParams): ListParams => SCALAR_KEYS.reduce((q, key) => without(q, key), p);

const hasFilters = (p: ListParams): boolean => filterConditions(p).length > 0;

/**
 * The ids of the trials matching p, for the child-table counts: from the FTS index alone when the text
 * is the only filter; for a broad set, by scanning the narrow trials_facets_idx rather than looking up
 * each match in the wide trials table.
 */
const matchingIdsSql = (p: ListParams, broad: boolean): SQL => {
  const match = searchOnly(p);
  if (match !== null) return sql`SELECT rowid FROM trials_fts WHERE trials_fts MATCH ${match}`;
  const where = and(...filterConditions(p));
  return sql`SELECT ${trials.id} FROM ${trials}${broad ? sql` INDEXED BY trials_facets_idx` : sql``}${where ? sql` WHERE ${where}` : sql``}`;
};

function options<V extends string>(vocab: readonly V[], labels: Record<V, string> | null, counts: Map<string | null, number>, selected: readonly V[]): FacetOption<V>[] {
  return vocab.map((value) => ({
    value,
    label: labels ? labels[value] : value,
    count: counts.get(value) ?? 0,
    selected: selected.includes(value),
  }));
}

const rowsToMap = (rows: Row[]) => new Map(rows.map((r) => [r.value, r.n]));

const parsedRoutes = new Map<string, string[]>();
function routesOf(json: string): string[] {
  let routes = parsedRoutes.get(json);
  if (!routes) {
    const value: unknown = JSON.parse(json);
    routes = Array.isArray(value) ? [...new Set(value.filter((r): r is string => typeof r === 'string'))] : [];
    if (parsedRoutes.size < 10_000) parsedRoutes.set(json, routes);
  }
  return routes;
}

const isRecruiting = (status: Status | null) => status !== null && RECRUITING_STATUSES.includes(status);

/** Whether a combination passes the scalar filters of p, leaving out `except` (SQL semantics, as filterConditions). */
function passes(c: Combo, p: ListParams, except: ScalarKey): boolean {
  if (except !== 'modality' && p.modality.length && !p.modality.includes(c.modality)) return false;
  if (except !== 'phase' && p.phase.length && (c.phase === null || !p.phase.includes(c.phase))) return false;
  if (except !== 'status' && p.status.length && (c.status === null || !p.status.includes(c.status))) return false;
  if (except !== 'recruiting' && p.recruiting !== undefined && isRecruiting(c.status) !== p.recruiting) return false;
  if (except !== 'placebo' && p.placebo !== undefined && c.placebo !== (p.placebo ? 1 : 0)) return false;
  if (except !== 'ole' && p.ole !== undefined && c.ole !== (p.ole ? 1 : 0)) return false;
  if (except !== 'route' && p.route.length && !routesOf(c.routes).some((r) => (p.route as string[]).includes(r))) return false;
  return true;
}

/** Sums trials per value of one scalar facet, under every other filter. */
function tally(combos: Combo[], p: ListParams, facet: ScalarKey, valuesOf: (c: Combo) => (string | null)[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const c of combos) {
    if (!passes(c, p, facet)) continue;
    for (const value of valuesOf(c)) counts.set(value, (counts.get(value) ?? 0) + c.n);
  }
  return counts;
}

const flagOf = (value: 0 | 1 | null): string[] => (value === null ? [] : [String(value)]);

function flag(counts: Map<string | null, number>, selected: boolean | undefined): FlagFacet {
  return { yes: counts.get('1') ?? 0, no: counts.get('0') ?? 0, selected };
}

type Memo = <V>(key: string, compute: () => V) => V;

/** A match set at least this share of all trials is "broad": scanning an index beats looking up each match. */
const BROAD_SHARE = 1 / 8;

/**
 * Whether the gene, biomarker, country and text filters leave a broad set of trials. Measured at 500,000
 * trials: for a word in every trial, scanning the facet indexes and checking each entry against the
 * matches (a Bloom filter) takes 0.3-0.9 s a facet where looking each match up takes 1.5-2 s; for a word in
 * 5,000 trials, looking up takes 5-30 ms where scanning takes 30-170 ms. Each estimate is one indexed count,
 * kept until a trial changes; the smallest bounds the set.
 */
function isBroad(params: ListParams, tx: DbOrTx, memo: Memo): boolean {
  const estimates: number[] = [];
  const count = (key: string, query: SQL) => memo(key, () => tx.get<{ n: number }>(query).n);
  if (params.gene.length)
    estimates.push(
      count(`gene?${params.gene.join(',')}`, sql`SELECT count(DISTINCT ${trialGenes.trialId}) AS n FROM ${trialGenes} WHERE ${inArray(trialGenes.gene, params.gene)}`),
    );
  if (params.biomarker.length)
    estimates.push(
      count(
        `biomarker?${params.biomarker.join(',')}`,
        sql`SELECT count(DISTINCT ${trialBiomarkers.trialId}) AS n FROM ${trialBiomarkers} WHERE ${inArray(trialBiomarkers.biomarker, params.biomarker)}`,
      ),
    );
  if (params.country.length)
    estimates.push(
      count(
        `country?${params.country.join('\u0000')}`,
        sql`SELECT count(DISTINCT ${trialLocations.trialId}) AS n FROM ${trialLocations} WHERE ${trialLocations.country} IN (${countrySpellings(params.country)})`,
      ),
    );
  if (params.q !== undefined) {
    const search: ListParams = { ...childFiltersOnly(params), gene: [], biomarker: [], country: [] };
    estimates.push(memo(`count?${filtersKey(search)}`, () => countMatches(search, tx)));
  }
  if (estimates.length === 0) return false;
  const all = count('trials', sql`SELECT count(*) AS n FROM ${trials}`);
  return Math.min(...estimates) >= all * BROAD_SHARE;
}

function computeFacetCounts(params: ListParams, tx: DbOrTx, memo: Memo): FacetCounts {
  const broad = isBroad(params, tx, memo);
  // Every facet that is a column of trials, from one scan of trials_facets_idx: the trials matching the
  // gene, biomarker, country and text filters, grouped by those columns (a few hundred groups). Each
  // facet then sums the groups that pass every other filter.
  const childWhere = and(...filterConditions(childFiltersOnly(params)));
  const combos = tx.all<Combo>(
    sql`SELECT ${trials.modality} AS modality, ${trials.phase} AS phase, ${trials.overallStatus} AS status,
          ${trials.placebo} AS placebo, ${trials.openLabelExtension} AS ole, ${trials.routes} AS routes, count(*) AS n
        FROM ${trials}${broad ? sql` INDEXED BY trials_facets_idx` : sql``}${childWhere ? sql` WHERE ${childWhere}` : sql``}
        GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  const modality = tally(combos, params, 'modality', (c) => [c.modality]);
  const phase = tally(combos, params, 'phase', (c) => [c.phase]);
  const status = tally(combos, params, 'status', (c) => [c.status]);
  // A trial with no status given is not taking participants as far as anyone can tell.
  const recruiting = tally(combos, params, 'recruiting', (c) => [isRecruiting(c.status) ? '1' : '0']);
  // Unknown (NULL) burden facts are counted under neither answer.
  const placebo = tally(combos, params, 'placebo', (c) => flagOf(c.placebo));
  const ole = tally(combos, params, 'ole', (c) => flagOf(c.ole));
  const route = tally(combos, params, 'route', (c) => routesOf(c.routes));

  // Child tables: counted straight from their (value, trial_id) indexes when nothing else is filtered. For
  // a broad match set, the unary + keeps SQLite from looking up each match by trial and makes it scan the
  // (value, trial_id) index instead, checking each entry against the matches.
  const plus = broad ? sql`+` : sql``;
  const others = (key: 'gene' | 'biomarker' | 'country') => without(params, key);
  const gene = tx.all<Row>(
    hasFilters(others('gene'))
      ? sql`SELECT ${trialGenes.gene} AS value, count(*) AS n FROM ${trialGenes}
            WHERE ${plus}${trialGenes.trialId} IN (${matchingIdsSql(others('gene'), broad)}) GROUP BY 1`
      : sql`SELECT ${trialGenes.gene} AS value, count(*) AS n FROM ${trialGenes} GROUP BY 1`,
  );
  const biomarker = tx.all<Row>(
    hasFilters(others('biomarker'))
      ? sql`SELECT ${trialBiomarkers.biomarker} AS value, count(*) AS n FROM ${trialBiomarkers}
            WHERE ${plus}${trialBiomarkers.trialId} IN (${matchingIdsSql(others('biomarker'), broad)}) GROUP BY 1`
      : sql`SELECT ${trialBiomarkers.biomarker} AS value, count(*) AS n FROM ${trialBiomarkers} GROUP BY 1`,
  );
  const country = tx.all<Row>(
    hasFilters(others('country'))
      ? sql`SELECT ${trialLocations.country} AS value, count(DISTINCT ${trialLocations.trialId}) AS n FROM ${trialLocations}
            WHERE ${trialLocations.country} IS NOT NULL AND ${plus}${trialLocations.trialId} IN (${matchingIdsSql(others('country'), broad)})
            GROUP BY 1 ORDER BY 1`
      : sql`SELECT ${trialLocations.country} AS value, count(DISTINCT ${trialLocations.trialId}) AS n FROM ${trialLocations}
            WHERE ${trialLocations.country} IS NOT NULL GROUP BY 1 ORDER BY 1`,
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
    gene: options(GENES, null, rowsToMap(gene), params.gene),
    phase: options(PHASES, PHASE_LABELS, phase, params.phase),
    status: options(STATUSES, STATUS_LABELS, status, params.status),
    recruiting: flag(recruiting, params.recruiting),
    country: countryOptions,
    biomarker: options(BIOMARKERS, BIOMARKER_LABELS, rowsToMap(biomarker), params.biomarker),
    placebo: flag(placebo, params.placebo),
    ole: flag(ole, params.ole),
    route: options(ROUTES, ROUTE_LABELS, route, params.route),
  };
}

/**
 * Counts for every facet of the trial list, under the given filters (paging and sort ignored). Kept
 * until any trial changes (lib/trials/cache.ts): the callers must not mutate the result.
 */
export function getFacetCounts(params: ListParams, database: DbOrTx = db()): FacetCounts {
  return cachedRead(database, (tx, memo) => memo(`facets?${filtersKey(params)}`, () => computeFacetCounts(params, tx, memo)));
}

/** How many trials match the filters (paging ignored): for "remove this filter to see N trials". */
export function countTrials(params: ListParams, database: DbOrTx = db()): number {
  return cachedRead(database, (tx, memo) => memo(`count?${filtersKey(params)}`, () => countMatches(params, tx)));
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
