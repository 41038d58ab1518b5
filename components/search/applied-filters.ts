// The filters in use, each with the URL that drops it: for the removable "filters in use" links
// and the empty state's "remove the narrowest filter" suggestion.
import type { ListParams } from '@/lib/trials/list-params';
import { ROUTE_LABELS } from '@/lib/trials/facets';
import { BIOMARKER_LABELS, MODALITY_LABELS, PHASE_LABELS, STATUS_LABELS } from '@/lib/trials/vocab';

export type AppliedFilter = {
  /** The URL parameter (`phase`, `q`, ...). */
  param: keyof ListParams;
  /** In words: "Phase: Phase 3". */
  label: string;
  /** The filters without this one, back on page 1. */
  without: ListParams;
};

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

export function appliedFilters(p: ListParams): AppliedFilter[] {
  const out: AppliedFilter[] = [];
  const base: ListParams = { ...p, page: 1 };
  const list = <K extends 'modality' | 'gene' | 'phase' | 'status' | 'country' | 'biomarker' | 'route'>(
    key: K,
    name: string,
    label: (value: ListParams[K][number]) => string,
  ) => {
    for (const value of p[key] as ListParams[K][number][])
      out.push({ param: key, label: `${name}: ${label(value)}`, without: { ...base, [key]: (p[key] as string[]).filter((v) => v !== value) } });
  };
  const drop = (key: 'q' | 'recruiting' | 'placebo' | 'ole'): ListParams => {
    const copy = { ...base };
    delete copy[key];
    // Relevance needs search text: without q the list falls back to its default order.
    if (key === 'q' && copy.sort === 'relevance') copy.sort = 'updated';
    return copy;
  };

  if (p.q !== undefined) out.push({ param: 'q', label: `Search: “${p.q}”`, without: drop('q') });
  if (p.recruiting !== undefined) out.push({ param: 'recruiting', label: p.recruiting ? 'Recruiting now or soon' : 'Not recruiting', without: drop('recruiting') });
  list('status', 'Status', (v) => STATUS_LABELS[v]);
  list('phase', 'Phase', (v) => PHASE_LABELS[v]);
  list('modality', 'Treatment', (v) => MODALITY_LABELS[v]);
  list('gene', 'Gene', (v) => v);
  list('route', 'Given', (v) => ROUTE_LABELS[v]);
  if (p.placebo !== undefined) out.push({ param: 'placebo', label: `Placebo: ${yesNo(p.placebo)}`, without: drop('placebo') });
  if (p.ole !== undefined) out.push({ param: 'ole', label: `Open-label extension: ${yesNo(p.ole)}`, without: drop('ole') });
  list('biomarker', 'Biomarker', (v) => BIOMARKER_LABELS[v]);
  list('country', 'Country', (v) => v);
  return out;
}
