// The timeline's geometry: where a date falls, which spans a trial gets, how estimates are told apart,
// the time axis and its year ticks, and where today goes.
import { describe, expect, it } from 'vitest';
import { partialDate } from '@/lib/trials/dates';
import {
  buildTimeline,
  certaintyOf,
  CHART,
  dateToTime,
  describeTrialDates,
  layoutTimeline,
  makeScale,
  shortName,
  timelineDomain,
  todayDate,
  trialSpans,
  yearTicks,
  type TimelineTrial,
} from '@/lib/trials/timeline';

const NOW = new Date(Date.UTC(2026, 10, 23, 15, 0, 0));

function trial(nctId: string, patch: Partial<TimelineTrial> = {}): TimelineTrial {
  return {
    nctId,
    name: `Trial ${nctId}`,
    briefTitle: `A study ${nctId}`,
    modality: 'aso',
    modalityLabel: 'Antisense oligonucleotide (ASO)',
    status: 'COMPLETED',
    statusText: 'Completed',
    start: partialDate('2016-01-20', 'ACTUAL'),
    primaryCompletion: partialDate('2021-07-16', 'ACTUAL'),
    completion: partialDate('2021-07-16', 'ACTUAL'),
    lastUpdatePosted: '2023-07-01',
    url: `/trials/${nctId}`,
    ...patch,
  };
}

describe('placing a date on the axis', () => {
  it('puts a year-only date at mid-year and a month-only date at mid-month', () => {
    expect(dateToTime('2020')).toBe((Date.UTC(2020, 0, 1) + Date.UTC(2021, 0, 1)) / 2);
    expect(new Date(dateToTime('2021')).toISOString().slice(0, 10)).toBe('2021-07-02');
    expect(dateToTime('2021-02')).toBe((Date.UTC(2021, 1, 1) + Date.UTC(2021, 2, 1)) / 2);
    expect(new Date(dateToTime('2021-12')).toISOString().slice(0, 10)).toBe('2021-12-16');
    expect(dateToTime('2021-07-16')).toBe(Date.UTC(2021, 6, 16, 12));
  });

  it('maps time to x linearly between the plot edges', () => {
    const scale = makeScale({ start: Date.UTC(2020, 0, 1), end: Date.UTC(2022, 0, 1) }, 100, 500);
    expect(scale(Date.UTC(2020, 0, 1))).toBe(100);
    expect(scale(Date.UTC(2022, 0, 1))).toBe(500);
    expect(scale(Date.UTC(2021, 0, 1))).toBeCloseTo(100 + (400 * 366) / 731, 6);
  });

  it('keeps a partial date in the middle of its period on the chart', () => {
    const domain = timelineDomain([dateToTime('2020')], NOW);
    const scale = makeScale(domain, 0, 1000);
    const yearStart = scale(Date.UTC(2020, 0, 1));
    const yearEnd = scale(Date.UTC(2021, 0, 1));
    expect(scale(dateToTime('2020'))).toBeCloseTo((yearStart + yearEnd) / 2, 6);
  });
});

describe('spans', () => {
  it('draws start → primary completion and primary completion → completion as two segments', () => {
    const spans = trialSpans(partialDate('2021-05-17', 'ACTUAL')!, partialDate('2025-03', 'ACTUAL'), partialDate('2027-08-07', 'ESTIMATED'));
    expect(spans.map((s) => [s.kind, s.from.date, s.to.date, s.certainty])).toEqual([
      ['to-primary', '2021-05-17', '2025-03', 'actual'],
      ['to-completion', '2025-03', '2027-08-07', 'estimated'],
    ]);
  });

  it('leaves out the follow-up segment when completion is the same day as primary completion', () => {
    const spans = trialSpans(partialDate('2016-01-20', 'ACTUAL')!, partialDate('2021-07-16', 'ACTUAL'), partialDate('2021-07-16', 'ACTUAL'));
    expect(spans.map((s) => s.kind)).toEqual(['to-primary']);
  });

  it('uses one start → completion span when no primary completion date is given', () => {
    const spans = trialSpans(partialDate('2021-05-17', 'ACTUAL')!, null, partialDate('2027-08-07', 'ESTIMATED'));
    expect(spans).toMatchObject([{ kind: 'whole', certainty: 'estimated' }]);
  });

  it('draws no span at all when no end date is given, rather than guessing one', () => {
    expect(trialSpans(partialDate('2021-06-14', 'ACTUAL')!, null, null)).toEqual([]);
  });

  it('calls a span actual only when both its dates are actual', () => {
    expect(certaintyOf('ACTUAL', 'ACTUAL')).toBe('actual');
    expect(certaintyOf('ACTUAL', 'ESTIMATED')).toBe('estimated');
    expect(certaintyOf('ESTIMATED', 'ACTUAL')).toBe('estimated');
    expect(certaintyOf('ACTUAL', null)).toBe('unstated');
    expect(certaintyOf(null, 'ESTIMATED')).toBe('estimated');
  });
});

describe('the time axis', () => {
  it('covers every date and today, padded out to whole years', () => {
    const domain = timelineDomain([dateToTime('2016-03-20'), dateToTime('2021-07-16')], NOW);
    expect(domain.startYear).toBe(2016);
    expect(domain.endYear).toBe(2027);
    expect(domain.start).toBe(Date.UTC(2016, 0, 1));
    expect(domain.end).toBe(Date.UTC(2027, 0, 1));
  });

  it('adds a year when a date sits within a month of the edge', () => {
    const domain = timelineDomain([dateToTime('2016-01-05'), dateToTime('2029-12-31')], NOW);
    expect(domain.startYear).toBe(2015);
    expect(domain.endYear).toBe(2031);
  });

  it('still has a domain with no dates at all (today alone)', () => {
    const domain = timelineDomain([], NOW);
    expect([domain.startYear, domain.endYear]).toEqual([2026, 2027]);
  });

  it('labels every year when there is room, and fewer when years are narrow', () => {
    const domain = timelineDomain([dateToTime('2011-06-30'), dateToTime('2029-12-31')], NOW);
    const wide = yearTicks(domain, makeScale(domain, 0, 2000));
    expect(wide[0]).toMatchObject({ year: 2011, x: 0, labelled: true });
    expect(wide.every((t) => t.labelled)).toBe(true);
    expect(wide.at(-1)!.year).toBe(domain.endYear - 1);
    expect(wide[0]!.labelX).toBeCloseTo((wide[0]!.x + wide[1]!.x) / 2, 6);

    const narrow = yearTicks(domain, makeScale(domain, 0, 200));
    expect(narrow.length).toBe(wide.length);
    const labelled = narrow.filter((t) => t.labelled).map((t) => t.year);
    expect(labelled.length).toBeLessThan(narrow.length);
    expect(labelled.every((y) => y % 5 === 0)).toBe(true);
  });
});

describe('the chart layout', () => {
  const items = [
    trial('NCT00000003', { modality: 'small-molecule', modalityLabel: 'Small molecule', start: partialDate('2019', 'ACTUAL') }),
    trial('NCT00000002', { start: partialDate('2018-03', 'ACTUAL'), primaryCompletion: null, completion: partialDate('2028', 'ESTIMATED') }),
    trial('NCT00000001'),
    trial('NCT00000004', { start: null }),
  ];
  const data = buildTimeline(items, NOW);
  const layout = layoutTimeline(data, NOW);

  it('groups by modality in vocabulary order, then by start date, and lists undated trials apart', () => {
    expect(data.groups.map((g) => [g.modality, g.trials.map((t) => t.nctId)])).toEqual([
      ['aso', ['NCT00000001', 'NCT00000002']],
      ['small-molecule', ['NCT00000003']],
    ]);
    expect(data.undated.map((t) => t.nctId)).toEqual(['NCT00000004']);
    expect(data.all.map((t) => t.nctId)).toEqual(['NCT00000001', 'NCT00000002', 'NCT00000004', 'NCT00000003']);
    expect(data.today).toBe('2026-11-23');
  });

  it('places today on the axis between the year gridlines around it', () => {
    const y2026 = layout.ticks.find((t) => t.year === 2026)!;
    expect(layout.todayX).toBeGreaterThan(y2026.x);
    expect(layout.todayX).toBeLessThan(layout.plotX1);
    expect(layout.todayX).toBeCloseTo(makeScale(data.domain, layout.plotX0, layout.plotX1)(NOW.getTime()), 6);
  });

  it('gives every row a hit area at least 44 px high, one under another', () => {
    const rows = layout.groups.flatMap((g) => g.rows);
    expect(rows).toHaveLength(3);
    expect(CHART.rowHeight).toBeGreaterThanOrEqual(44);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.y).toBeGreaterThanOrEqual(rows[i - 1]!.y + CHART.rowHeight);
    expect(layout.height).toBeGreaterThan(rows.at(-1)!.y + CHART.rowHeight);
  });

  it('draws bars from the start date, estimated spans marked as such, the follow-up thinner', () => {
    const [first, second] = layout.groups[0]!.rows;
    expect(first!.spans).toHaveLength(1);
    expect(first!.spans[0]!.x).toBeCloseTo(first!.startX, 6);
    expect(first!.primaryX).not.toBeNull();
    expect(second!.spans).toMatchObject([{ kind: 'whole', certainty: 'estimated', height: CHART.mainBar }]);
    const threeDates = layoutTimeline(
      buildTimeline([trial('NCT00000005', { primaryCompletion: partialDate('2020', 'ACTUAL'), completion: partialDate('2022', 'ACTUAL') })], NOW),
      NOW,
    ).groups[0]!.rows[0]!;
    expect(threeDates.spans.map((s) => [s.kind, s.height])).toEqual([
      ['to-primary', CHART.mainBar],
      ['to-completion', CHART.followBar],
    ]);
    expect(threeDates.spans[1]!.x).toBeCloseTo(threeDates.spans[0]!.x + threeDates.spans[0]!.width, 6);
  });

  it('marks a trial with no end date as open-ended instead of inventing one', () => {
    const row = layoutTimeline(buildTimeline([trial('NCT00000006', { primaryCompletion: null, completion: null })], NOW), NOW).groups[0]!.rows[0]!;
    expect(row.spans).toEqual([]);
    expect(row.openEnded).toBe(true);
  });
});

describe('words for a row', () => {
  it('names the trial, its status and its dates at their real precision', () => {
    expect(describeTrialDates(trial('NCT02623699', { name: 'VALOR: tofersen' }), NOW)).toBe(
      'VALOR: tofersen (NCT02623699), Completed, started 20 January 2016, main results collected 16 July 2021, completed 16 July 2021',
    );
    expect(
      describeTrialDates(
        trial('NCT00000007', { status: 'RECRUITING', statusText: 'Recruiting', start: partialDate('2025-03', 'ACTUAL'), primaryCompletion: null, completion: partialDate('2028', 'ESTIMATED') }),
        NOW,
      ),
    ).toBe('Trial NCT00000007 (NCT00000007), Recruiting, started March 2025, ends 2028 (estimated)');
    expect(describeTrialDates(trial('NCT00000008', { start: null, primaryCompletion: null, completion: null }), NOW)).toContain(
      'no start date given, end date not given',
    );
  });

  it('leads with the acronym and the treatment, else the treatment, else a shortened title', () => {
    expect(shortName({ acronym: 'VALOR (Part C)', programme: 'tofersen', briefTitle: 'x' })).toBe('VALOR (Part C): tofersen');
    expect(shortName({ acronym: 'MAGNET', programme: 'lithium (MAGNET)', briefTitle: 'x' })).toBe('lithium (MAGNET)');
    expect(shortName({ acronym: null, programme: 'CNM-Au8', briefTitle: 'x' })).toBe('CNM-Au8');
    expect(shortName({ acronym: 'FUSION', programme: null, briefTitle: 'x' })).toBe('FUSION');
    const long = shortName({ acronym: null, programme: null, briefTitle: 'A Study to Assess the Safety, Tolerability, and Pharmacokinetics of BIIB078' });
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('…')).toBe(true);
  });

  it('computes today from the server clock in UTC', () => {
    expect(todayDate(new Date(Date.UTC(2026, 0, 1, 23, 59)))).toBe('2026-01-01');
  });
});
