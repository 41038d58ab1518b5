// The timeline at registry scale: 40,000 made-up trials. Each page holds TIMELINE_PAGE_SIZE of them in one
// fixed order (start date, latest first, no start date last), the filters still apply, and no query binds
// a list of trial ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListParams } from '@/lib/trials/list-params';
import { getTimeline, layoutTimeline, TIMELINE_PAGE_SIZE } from '@/lib/trials/timeline';
import { createTestDb, type TestDb } from '../helpers/db';
import { countingParameters, insertManyTrials, type ManyTrial } from '../helpers/many-trials';

const COUNT = 40_000;
const NOW = new Date(Date.UTC(2026, 10, 23, 12));
const params = (query = '') => parseListParams(new URLSearchParams(query));

/** The timeline's order over all pages: start date as text, latest first, then newest id; no start date last. */
function pageOrder(a: ManyTrial, b: ManyTrial): number {
  if (a.startDate !== b.startDate) {
    if (a.startDate === null) return 1;
    if (b.startDate === null) return -1;
    return a.startDate < b.startDate ? 1 : -1;
  }
  return b.id - a.id;
}
const page = (ts: ManyTrial[], n: number) => ts.slice((n - 1) * TIMELINE_PAGE_SIZE, n * TIMELINE_PAGE_SIZE).map((t) => t.nctId).sort();

describe('the timeline with 40,000 trials', () => {
  let t: TestDb;
  let made: ManyTrial[];
  beforeAll(() => {
    t = createTestDb();
    made = insertManyTrials(t.db, COUNT).sort(pageOrder);
  });
  afterAll(() => t.close());

  it('counts every match but draws one page of them', () => {
    const data = getTimeline(params(), NOW, t.db);
    expect(data).toMatchObject({ total: COUNT, shown: TIMELINE_PAGE_SIZE, page: 1, pages: COUNT / TIMELINE_PAGE_SIZE, from: 1 });
    expect(data.all).toHaveLength(TIMELINE_PAGE_SIZE);
    expect(data.all.map((x) => x.nctId).sort()).toEqual(page(made, 1));
    // The chart of one page stays a chart: a row per trial, its years from that page's dates.
    const layout = layoutTimeline(data, NOW);
    expect(layout.groups.flatMap((g) => g.rows)).toHaveLength(data.shown - data.undated.length);
    expect(data.domain.endYear - data.domain.startYear).toBeLessThanOrEqual(40);
  });

  it('pages through every trial once, trials with no start date at the end', () => {
    const pages = COUNT / TIMELINE_PAGE_SIZE;
    for (const n of [2, 137, pages - 1, pages]) {
      const data = getTimeline(params(`page=${n}`), NOW, t.db);
      expect(data.all.map((x) => x.nctId).sort(), `page ${n}`).toEqual(page(made, n));
      expect(data.from).toBe((n - 1) * TIMELINE_PAGE_SIZE + 1);
    }
    const last = getTimeline(params(`page=${pages}`), NOW, t.db);
    expect(last.undated.length).toBeGreaterThan(0);
    expect(last.undated.length).toBe(made.slice(-TIMELINE_PAGE_SIZE).filter((m) => m.startDate === null).length);
    expect(getTimeline(params(`page=${pages + 1}`), NOW, t.db)).toMatchObject({ total: COUNT, shown: 0, all: [], groups: [] });
  });

  it('applies the filters on every page, early and deep (each read its own way)', () => {
    const aso = made.filter((m) => m.modality === 'aso');
    const deepest = Math.ceil(aso.length / TIMELINE_PAGE_SIZE);
    for (const n of [1, 2, Math.floor(deepest / 2), deepest]) {
      const data = getTimeline(params(`modality=aso&page=${n}`), NOW, t.db);
      expect(data.total).toBe(aso.length);
      expect(data.all.map((x) => x.nctId).sort(), `page ${n}`).toEqual(page(aso, n));
    }
    const sod1Recruiting = made.filter((m) => m.sod1 && m.status === 'RECRUITING');
    const data = getTimeline(params('gene=SOD1&status=recruiting&page=3'), NOW, t.db);
    expect(data.total).toBe(sod1Recruiting.length);
    expect(data.all.map((x) => x.nctId).sort()).toEqual(page(sod1Recruiting, 3));
  });

  it('never binds a list of trial ids', () => {
    const { db, parameters } = countingParameters(t.db);
    getTimeline(params(), NOW, db);
    getTimeline(params('modality=aso,immune&gene=SOD1&page=20'), NOW, db);
    expect(parameters.length).toBeGreaterThan(0);
    expect(Math.max(...parameters)).toBeLessThan(50);
  });
});
