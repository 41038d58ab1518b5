// Which trials a comparison asks for: `/compare?ids=NCT…,NCT…` or repeated `ids`. Unlike the list filters,
// a bad id does not refuse the whole page: each problem is explained and the valid trials are still compared.
// No database here (the page passes its lookup in), so the client-side tick limit can share MAX_COMPARE.
import { NCT_ID } from './vocab';

export const MAX_COMPARE = 3;
/** Ids looked at in one request; anything beyond is ignored. */
const MAX_IDS_READ = 20;

export type CompareRequest = {
  /** Well-formed, distinct NCT ids (upper case) in the order asked. */
  ids: string[];
  /** Values that are not NCT numbers, as given (shortened). */
  malformed: string[];
};

export type ComparePlan<T> = {
  /** Up to MAX_COMPARE trials the tracker holds, in the order asked. */
  trials: T[];
  /** Well-formed ids the tracker has no trial for. */
  unknown: string[];
  /** Ids beyond the limit, not compared. */
  leftOut: string[];
};

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** Reads `ids` (repeated and/or comma-separated); never throws. */
export function parseCompareIds(raw: string | string[] | undefined): CompareRequest {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .slice(0, MAX_IDS_READ);
  const ids: string[] = [];
  const malformed: string[] = [];
  for (const value of values) {
    const id = value.toUpperCase();
    if (NCT_ID.test(id)) {
      if (!ids.includes(id)) ids.push(id);
    } else if (!malformed.includes(shown(value))) malformed.push(shown(value));
  }
  return { ids, malformed };
}

/** The first MAX_COMPARE known trials; unknown ones are reported, later ones left out unread. */
export function planComparison<T>(ids: string[], lookup: (nctId: string) => T | null): ComparePlan<T> {
  const plan: ComparePlan<T> = { trials: [], unknown: [], leftOut: [] };
  for (const id of ids) {
    if (plan.trials.length === MAX_COMPARE) {
      plan.leftOut.push(id);
      continue;
    }
    const trial = lookup(id);
    if (trial) plan.trials.push(trial);
    else plan.unknown.push(id);
  }
  return plan;
}

/** The compare URL for a list of NCT ids (one comma-separated `ids` parameter). */
export function compareHref(ids: string[]): string {
  return ids.length ? `/compare?ids=${ids.join(',')}` : '/compare';
}
