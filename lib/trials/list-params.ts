// The trial list's URL filters, parsed once for the API and for the families' pages alike.
// Rules a caller can rely on:
// - Multi-valued filters (modality, gene, phase, status, biomarker, route) accept repeats
//   (`gene=SOD1&gene=FUS`) and commas (`gene=SOD1,FUS`); values of one filter combine with OR, filters with AND.
//   `country` is repeat-only, because registry country names contain commas ("Korea, Republic of").
// - Codes are matched case-insensitively, with `_`, `-` and spaces interchangeable; the canonical code is returned.
// - phase also takes everyday forms: `1`, `2/3`, `1-2`, `phase2`, `Phase 1/2`, `PHASE2_PHASE3`, `EARLY_PHASE1`, `NA`.
//   `phase=2` means phase 2 only, not 1/2 or 2/3.
// - An empty value (`q=`, as an empty form field submits) is the same as leaving the parameter out.
// - Unknown parameters and bad values are refused with a 400 naming the parameter, so a typo never
//   silently shows every trial.
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import {
  BIOMARKERS,
  GENES,
  MODALITIES,
  NCT_ID,
  PHASES,
  ROUTES,
  STATUSES,
  type Biomarker,
  type Gene,
  type Modality,
  type Phase,
  type Route,
  type Status,
} from './vocab';

export const LIST_SORTS = ['relevance', 'updated', 'start', '-start', 'title', 'phase', 'primary-completion'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
export const MAX_QUERY_LENGTH = 200;
/** Far beyond any real list, but keeps OFFSET arithmetic small. */
const MAX_PAGE = 100_000;

export type ListParams = {
  modality: Modality[];
  gene: Gene[];
  phase: Phase[];
  status: Status[];
  /** true: taking participants (RECRUITING_STATUSES); false: not; undefined: either. */
  recruiting?: boolean;
  /** Compared case-insensitively with each location's country. */
  country: string[];
  biomarker: Biomarker[];
  /** Full-text search over titles, interventions, sponsors, conditions and summaries. */
  q?: string;
  placebo?: boolean;
  /** Has an open-label extension. */
  ole?: boolean;
  route: Route[];
  /** Defaults to `relevance` when q is given, else `updated` (most recently updated first). */
  sort: ListSort;
  page: number;
  pageSize: number;
};

/** What a route or page receives: URLSearchParams, or a page's `searchParams` object. */
export type ListParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

type Raw = string[];

const quoted = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

function values(raw: Raw, split: boolean): string[] {
  return raw
    .flatMap((v) => (split ? v.split(',') : [v]))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Looks a value up in a vocabulary after normalising its spelling. */
function lookupIn<T extends string>(allowed: readonly T[], normalise: (value: string) => string): (value: string) => T | undefined {
  const byKey = new Map(allowed.map((code) => [normalise(code), code]));
  return (value) => byKey.get(normalise(value));
}

const kebab = (v: string) => v.toLowerCase().replace(/[\s_]+/g, '-');
const screaming = (v: string) => v.toUpperCase().replace(/[\s-]+/g, '_');

const PHASE_FORMS: Record<string, Phase> = {
  'early-1': 'early-phase-1',
  early1: 'early-phase-1',
  '1': 'phase-1',
  '1-2': 'phase-1-2',
  '2': 'phase-2',
  '2-3': 'phase-2-3',
  '3': 'phase-3',
  '4': 'phase-4',
  na: 'not-applicable',
  'n-a': 'not-applicable',
  'not-applicable': 'not-applicable',
};

/** `Phase 1/2`, `PHASE1_PHASE2`, `phase-1-2` and `1-2` all reduce to the key `1-2`. */
function lookupPhase(value: string): Phase | undefined {
  const key = value
    .toLowerCase()
    .replace(/[\s_/+]+/g, '-')
    .replace(/phase-?/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return Object.hasOwn(PHASE_FORMS, key) ? PHASE_FORMS[key] : undefined;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], lookup: (value: string) => T | undefined) {
  return z.array(z.string()).transform((raw, ctx): T[] => {
    const out: T[] = [];
    for (const value of values(raw, true)) {
      const code = lookup(value);
      if (code === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be one of: ${allowed.join(', ')} (got ${quoted(value)})`,
          params: { allowed },
        });
        return z.NEVER;
      }
      if (!out.includes(code)) out.push(code);
    }
    return out;
  });
}

/** A parameter that may appear once; returns its trimmed value or undefined. */
function once(name: string, raw: Raw, ctx: z.RefinementCtx): string | undefined | typeof z.NEVER {
  const given = values(raw, false);
  if (given.length > 1) {
    ctx.addIssue({ code: 'custom', message: `${name} may be given only once` });
    return z.NEVER;
  }
  return given[0];
}

function flag(name: string) {
  return z.array(z.string()).transform((raw, ctx): boolean | undefined => {
    const value = once(name, raw, ctx);
    if (value === undefined) return undefined;
    const v = value.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got ${quoted(value)})`, params: { allowed: ['true', 'false'] } });
    return z.NEVER;
  });
}

function wholeNumber(name: string, min: number, max: number, fallback: number) {
  return z.array(z.string()).transform((raw, ctx): number => {
    const value = once(name, raw, ctx);
    if (value === undefined) return fallback;
    const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got ${quoted(value)})` });
    return z.NEVER;
  });
}

const geneLookup = lookupIn(GENES, (v) => v.toLowerCase());

export const listParamsSchema = z
  .strictObject({
    modality: oneOf('modality', MODALITIES, lookupIn(MODALITIES, kebab)),
    gene: oneOf('gene', GENES, geneLookup),
    phase: oneOf('phase', PHASES, lookupPhase),
    status: oneOf('status', STATUSES, lookupIn(STATUSES, screaming)),
    recruiting: flag('recruiting'),
    country: z.array(z.string()).transform((raw, ctx): string[] => {
      const out: string[] = [];
      for (const value of values(raw, false)) {
        if (value.length > 100) {
          ctx.addIssue({ code: 'custom', message: 'country must be at most 100 characters' });
          return z.NEVER;
        }
        if (!out.some((c) => c.toLowerCase() === value.toLowerCase())) out.push(value);
      }
      return out;
    }),
    biomarker: oneOf('biomarker', BIOMARKERS, lookupIn(BIOMARKERS, kebab)),
    q: z.array(z.string()).transform((raw, ctx): string | undefined => {
      const value = once('q', raw, ctx);
      if (value !== undefined && value.length > MAX_QUERY_LENGTH) {
        ctx.addIssue({ code: 'custom', message: `q must be 1 to ${MAX_QUERY_LENGTH} characters (got ${value.length})` });
        return z.NEVER;
      }
      return value;
    }),
    placebo: flag('placebo'),
    ole: flag('ole'),
    route: oneOf('route', ROUTES, lookupIn(ROUTES, kebab)),
    sort: z.array(z.string()).transform((raw, ctx): ListSort | undefined => {
      const value = once('sort', raw, ctx);
      if (value === undefined) return undefined;
      const sort = LIST_SORTS.find((s) => s === value.toLowerCase());
      if (sort) return sort;
      ctx.addIssue({
        code: 'custom',
        message: `sort must be one of: ${LIST_SORTS.join(', ')} (got ${quoted(value)})`,
        params: { allowed: LIST_SORTS },
      });
      return z.NEVER;
    }),
    page: wholeNumber('page', 1, MAX_PAGE, 1),
    pageSize: wholeNumber('pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  })
  .superRefine((p, ctx) => {
    if (p.sort === 'relevance' && p.q === undefined)
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'sort=relevance needs a search text in q' });
  })
  .transform(({ sort, ...rest }): ListParams => {
    const params: ListParams = { ...rest, sort: sort ?? (rest.q !== undefined ? 'relevance' : 'updated') };
    // Absent optionals stay absent rather than present-and-undefined, so params compare and serialise cleanly.
    for (const key of ['recruiting', 'q', 'placebo', 'ole'] as const) if (params[key] === undefined) delete params[key];
    return params;
  });

export const LIST_PARAM_NAMES = Object.keys(listParamsSchema.in.shape) as (keyof ListParams)[];

/** Every value of every parameter, with each known parameter present (possibly empty). */
function collect(input: ListParamsInput): Record<string, Raw> {
  const raw: Record<string, Raw> = Object.fromEntries(LIST_PARAM_NAMES.map((name) => [name, [] as Raw]));
  const add = (key: string, value: string) => {
    if (!Object.hasOwn(raw, key)) raw[key] = [];
    raw[key]!.push(value);
  };
  if (input instanceof URLSearchParams) input.forEach((value, key) => add(key, value));
  else
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) add(key, v);
    }
  return raw;
}

/** Parses list filters or throws AppError `bad_request:param` (400) naming the parameter at fault. */
export function parseListParams(input: ListParamsInput): ListParams {
  const parsed = listParamsSchema.safeParse(collect(input));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    throw new AppError('bad_request:param', `Unknown parameter ${quoted(key)}. Allowed parameters: ${LIST_PARAM_NAMES.join(', ')}`, {
      field: key,
      details: { allowed: LIST_PARAM_NAMES },
    });
  }
  const field = String(issue.path[0] ?? '');
  const allowed = issue.code === 'custom' ? (issue.params as { allowed?: readonly string[] } | undefined)?.allowed : undefined;
  throw new AppError('bad_request:param', issue.message, { field, details: allowed ? { allowed: [...allowed] } : undefined });
}

/** The URL query for a set of filters, leaving out defaults: for links to other pages and the CSV. */
export function serializeListParams(params: Partial<ListParams>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ['modality', 'gene', 'phase', 'status', 'biomarker', 'route'] as const) {
    const list = params[key];
    if (list && list.length > 0) out.set(key, list.join(','));
  }
  for (const country of params.country ?? []) out.append('country', country);
  for (const key of ['recruiting', 'placebo', 'ole'] as const) {
    const value = params[key];
    if (value !== undefined) out.set(key, String(value));
  }
  if (params.q) out.set('q', params.q);
  const defaultSort = params.q ? 'relevance' : 'updated';
  if (params.sort && params.sort !== defaultSort) out.set('sort', params.sort);
  if (params.page && params.page !== 1) out.set('page', String(params.page));
  if (params.pageSize && params.pageSize !== DEFAULT_PAGE_SIZE) out.set('pageSize', String(params.pageSize));
  return out;
}

/** `nct04856982` → `NCT04856982`; anything that is not NCT + 8 digits is a 400 naming `nctId`. */
export function parseNctId(value: string): string {
  const nctId = value.trim().toUpperCase();
  if (NCT_ID.test(nctId)) return nctId;
  throw new AppError('bad_request:param', `nctId must be NCT followed by 8 digits, e.g. NCT04856982 (got ${quoted(value)})`, {
    field: 'nctId',
  });
}
