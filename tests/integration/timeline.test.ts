// The timeline's data function on a real migrated database: grouping by modality, the list filters,
// trials without a start date kept apart, and the curated seed as families will see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCuratedTrials } from '@/db/seed';
import { importStudies } from '@/lib/trials/import';
import { parseListParams } from '@/lib/trials/list-params';
import { getTimeline, layoutTimeline } from '@/lib/trials/timeline';
import { study } from '../fixtures/ctgov/build';
import { createTestDb, type TestDb } from '../helpers/db';

const params = (query = '') => parseListParams(new URLSearchParams(query));
const NOW = new Date(Date.UTC(2026, 10, 23, 12));

/** A test study whose only intervention is the given drug, so the classification rules pick its modality. */
function withDrug(nctId: string, drug: string, status: Record<string, unknown> = {}) {
  return study(nctId, {
    protocolSection: {
      statusModule: status,
      armsInterventionsModule: { interventions: [{ type: 'DRUG', name: drug, description: 'Test drug' }] },
    },
  });
}

describe('the timeline on made-up trials', () => {
  let t: TestDb;
  beforeAll(() => {
    t = createTestDb();
    const summary = importStudies(t.db, [
      { record: withDrug('NCT90000001', 'Testersen', { startDateStruct: { date: '2022-05', type: 'ACTUAL' } }) },
      { record: withDrug('NCT90000002', 'Otherersen', { startDateStruct: { date: '2019-02-03', type: 'ACTUAL' } }) },
      { record: withDrug('NCT90000003', 'Thirdersen', { startDateStruct: undefined }) },
      { record: withDrug('NCT90000004', 'Testamab tablets', { startDateStruct: { date: '2020', type: 'ACTUAL' }, overallStatus: 'COMPLETED' }) },
    ]);
    expect(summary.failed).toBe(0);
  });
  afterAll(() => t.close());

  it('groups trials by modality, each group by start date, and keeps undated trials apart', () => {
    const data = getTimeline(params(), NOW, t.db);
    expect(data.total).toBe(4);
    const aso = data.groups.find((g) => g.modality === 'aso');
    expect(aso?.trials.map((x) => x.nctId)).toEqual(['NCT90000002', 'NCT90000001']);
    expect(data.groups.flatMap((g) => g.trials).map((x) => x.nctId)).not.toContain('NCT90000003');
    expect(data.undated.map((x) => x.nctId)).toEqual(['NCT90000003']);
    // The table keeps every trial, the undated one after the dated ones of its group.
    expect(data.all.filter((x) => x.modality === 'aso').map((x) => x.nctId)).toEqual(['NCT90000002', 'NCT90000001', 'NCT90000003']);
    expect(data.groups.findIndex((g) => g.modality === 'aso')).toBe(0);
  });

  it('keeps each date with its precision and type', () => {
    const data = getTimeline(params(), NOW, t.db);
    const first = data.all.find((x) => x.nctId === 'NCT90000001')!;
    expect(first.start).toEqual({ date: '2022-05', precision: 'month', type: 'ACTUAL' });
    expect(first.primaryCompletion).toEqual({ date: '2026-03', precision: 'month', type: 'ESTIMATED' });
    expect(first.completion).toEqual({ date: '2027', precision: 'year', type: 'ESTIMATED' });
    expect(first.statusText).toBe('Recruiting');
  });

  it('respects the list filters', () => {
    const aso = getTimeline(params('modality=aso'), NOW, t.db);
    expect(aso.all.map((x) => x.nctId).sort()).toEqual(['NCT90000001', 'NCT90000002', 'NCT90000003']);
    expect(aso.groups.map((g) => g.modality)).toEqual(['aso']);

    const completed = getTimeline(params('status=completed'), NOW, t.db);
    expect(completed.all.map((x) => x.nctId)).toEqual(['NCT90000004']);
    expect(completed.undated).toEqual([]);

    const none = getTimeline(params('gene=FUS'), NOW, t.db);
    expect(none).toMatchObject({ total: 0, groups: [], undated: [], all: [] });
  });

  it('puts every match on one page at this scale, whatever page size the address asks for', () => {
    const data = getTimeline(params('pageSize=1'), NOW, t.db);
    expect(data).toMatchObject({ total: 4, shown: 4, page: 1, pages: 1, from: 1 });
    // Page 2 of one page is empty but still counts the matches.
    expect(getTimeline(params('page=2&pageSize=1'), NOW, t.db)).toMatchObject({ total: 4, shown: 0, pages: 1, all: [], from: 0 });
  });

  it('sets the axis from the data and today', () => {
    const data = getTimeline(params(), NOW, t.db);
    expect(data.domain.startYear).toBe(2019);
    expect(data.domain.endYear).toBe(2028);
    expect(data.today).toBe('2026-11-23');
  });
});

describe('the timeline of the curated ALS seed', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = createTestDb();
    expect((await seedCuratedTrials(t.db)).failed).toBe(0);
  });
  afterAll(() => t.close());

  it('shows VALOR among the ASO trials with its actual dates and a name families know', () => {
    const data = getTimeline(params(), NOW, t.db);
    expect(data.total).toBeGreaterThanOrEqual(30);
    const aso = data.groups.find((g) => g.modality === 'aso')!;
    const valor = aso.trials.find((x) => x.nctId === 'NCT02623699')!;
    expect(valor.name).toMatch(/^VALOR.*: tofersen$/);
    expect(valor.start).toEqual({ date: '2016-01-20', precision: 'day', type: 'ACTUAL' });
    const row = layoutTimeline(data, NOW).groups.flatMap((g) => g.rows).find((r) => r.trial.nctId === 'NCT02623699')!;
    expect(row.ariaLabel).toContain('started 20 January 2016');
    expect(row.spans.every((s) => s.certainty === 'actual')).toBe(true);
  });

  it('orders each group by start date and never draws a trial without one', () => {
    const data = getTimeline(params(), NOW, t.db);
    for (const group of data.groups) {
      const starts = group.trials.map((x) => x.start!.date.padEnd(10, '-'));
      expect(starts).toEqual([...starts].sort());
    }
    for (const x of data.undated) expect(x.start).toBeNull();
    expect(data.groups.reduce((n, g) => n + g.trials.length, 0) + data.undated.length).toBe(data.total);
  });

  it('narrows to one modality with ?modality=aso', () => {
    const data = getTimeline(params('modality=aso'), NOW, t.db);
    expect(data.all.length).toBeGreaterThan(0);
    expect(new Set(data.all.map((x) => x.modality))).toEqual(new Set(['aso']));
  });
});
