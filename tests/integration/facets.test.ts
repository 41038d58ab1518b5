// Facet counts on the curated seed: each option's count is what ticking it would show, under every
// other filter in use, and agrees with the list itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCuratedTrials } from '@/db/seed';
import { countTrials, getFacetCounts, getJoinHighlights, type FacetCounts, type FacetOption } from '@/lib/trials/facets';
import { parseListParams, type ListParams } from '@/lib/trials/list-params';
import { listTrials } from '@/lib/trials/queries';
import { createTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
const params = (query = '') => parseListParams(new URLSearchParams(query));
const count = (facets: FacetOption[], value: string) => facets.find((o) => o.value === value)?.count;
const total = (p: ListParams) => listTrials(p, t.db).total;

beforeAll(async () => {
  t = createTestDb();
  const summary = await seedCuratedTrials(t.db);
  expect(summary.failed).toBe(0);
});
afterAll(() => t.close());

const LIST_FACETS = ['modality', 'gene', 'phase', 'status', 'biomarker', 'route', 'country'] as const;
const FLAG_FACETS = ['recruiting', 'placebo', 'ole'] as const;

/** Every count must equal the size of the list with that one option chosen instead of the facet's current choice. */
function expectCountsMatchTheList(p: ListParams, facets: FacetCounts) {
  for (const key of LIST_FACETS)
    for (const option of facets[key]) expect([key, option.value, option.count]).toEqual([key, option.value, total({ ...p, [key]: [option.value] })]);
  for (const key of FLAG_FACETS) {
    expect([key, 'yes', facets[key].yes]).toEqual([key, 'yes', total({ ...p, [key]: true })]);
    expect([key, 'no', facets[key].no]).toEqual([key, 'no', total({ ...p, [key]: false })]);
  }
}

describe('facet counts', () => {
  it('count every trial once per value when nothing is chosen', () => {
    const facets = getFacetCounts(params(), t.db);
    const sum = (options: FacetOption[]) => options.reduce((n, o) => n + o.count, 0);
    expect(sum(facets.modality)).toBe(31);
    expect(facets.recruiting.yes + facets.recruiting.no).toBe(31);
    expect(count(facets.modality, 'aso')).toBe(7);
    expect(count(facets.gene, 'SOD1')).toBe(3);
    expect(count(facets.route, 'intrathecal')).toBe(8);
    // Every vocabulary value is listed, with zero where no trial has it.
    expect(count(facets.gene, 'KIF5A')).toBe(0);
    expectCountsMatchTheList(params(), facets);
  });

  it('respect the other filters but not their own', () => {
    const p = params('modality=aso&phase=3');
    const facets = getFacetCounts(p, t.db);
    // Own filter ignored: other modalities still show what choosing them (with phase 3) would give.
    expect(count(facets.modality, 'aso')).toBe(4);
    expect(count(facets.modality, 'small-molecule')).toBe(total(params('modality=small-molecule&phase=3')));
    expect(count(facets.modality, 'small-molecule')).toBeGreaterThan(0);
    // Other facets narrowed by both filters.
    expect(count(facets.gene, 'SOD1')).toBe(total(params('modality=aso&phase=3&gene=SOD1')));
    expect(count(facets.gene, 'C9orf72')).toBe(0);
    expect(facets.modality.find((o) => o.value === 'aso')?.selected).toBe(true);
    expectCountsMatchTheList(p, facets);
  });

  it('follow the search text, the yes/no filters and child-table filters', () => {
    for (const query of ['q=tofersen', 'recruiting=true', 'placebo=false&route=oral', 'gene=SOD1,C9orf72&ole=true', 'biomarker=csf-sod1', 'country=united%20states']) {
      const p = params(query);
      const facets = getFacetCounts(p, t.db);
      expect(countTrials(p, t.db)).toBe(total(p));
      expectCountsMatchTheList(p, facets);
    }
    const tofersen = getFacetCounts(params('q=tofersen'), t.db);
    expect(tofersen.modality.filter((o) => o.count > 0).map((o) => o.value)).toEqual(['aso']);
    expect(tofersen.recruiting).toEqual({ yes: 0, no: 3, selected: undefined });
  });

  it('keep a chosen country in its stored spelling, and a chosen country nobody has', () => {
    const facets = getFacetCounts(params('country=israel&country=Atlantis'), t.db);
    expect(facets.country.find((o) => o.value === 'Israel')).toMatchObject({ selected: true, count: 1 });
    expect(facets.country.find((o) => o.value === 'Atlantis')).toMatchObject({ selected: true, count: 0 });
    expect(facets.country.find((o) => o.value === 'United States')).toMatchObject({ selected: false });
  });

  it('count a trial given two ways once under each route', () => {
    const facets = getFacetCounts(params('country=Israel'), t.db);
    expect(count(facets.route, 'intrathecal')).toBe(1);
    expect(count(facets.route, 'intramuscular')).toBe(1);
  });
});

describe('who-can-join highlights', () => {
  it('return the curated facts, null when not known', () => {
    const h = getJoinHighlights(['NCT02623699', 'NCT03280056', 'NCT04856982', 'NCT99999999'], t.db);
    expect(h.get('NCT02623699')).toEqual({ maxMonthsSinceOnset: null, minVitalCapacityPct: 50 });
    expect(h.get('NCT03280056')).toEqual({ maxMonthsSinceOnset: 24, minVitalCapacityPct: 65 });
    expect(h.get('NCT04856982')).toEqual({ maxMonthsSinceOnset: null, minVitalCapacityPct: null });
    expect(h.has('NCT99999999')).toBe(false);
  });
});
