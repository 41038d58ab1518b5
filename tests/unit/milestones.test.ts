import { describe, expect, it } from 'vitest';
import {
  addMonths,
  buildMilestones,
  datePosition,
  dateSpan,
  monthsBetween,
  onsetWindow,
  relationToToday,
  stateText,
  timeScale,
} from '@/lib/trials/milestones';

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe('dateSpan and datePosition', () => {
  it('covers a whole year for a year-only date and draws it mid-year', () => {
    expect(dateSpan('2026')).toEqual({ start: utc(2026, 1, 1), end: utc(2027, 1, 1) - 1 });
    const mid = new Date(datePosition('2026'));
    expect(mid.getUTCFullYear()).toBe(2026);
    expect(mid.getUTCMonth()).toBe(6); // 2 July: the middle of the year
  });

  it('draws a month at its middle and a day at its start', () => {
    const march = new Date(datePosition('2026-03'));
    expect(march.getUTCMonth()).toBe(2);
    expect(march.getUTCDate()).toBe(16);
    expect(datePosition('2026-03-14')).toBe(utc(2026, 3, 14));
    expect(dateSpan('2024-02')).toEqual({ start: utc(2024, 2, 1), end: utc(2024, 3, 1) - 1 });
  });
});

describe('relationToToday', () => {
  const today = new Date(Date.UTC(2026, 10, 23, 12));
  it('compares the whole period a partial date names', () => {
    expect(relationToToday('2026', today)).toBe('current');
    expect(relationToToday('2026-11', today)).toBe('current');
    expect(relationToToday('2026-11-23', today)).toBe('current');
    expect(relationToToday('2026-10', today)).toBe('past');
    expect(relationToToday('2025', today)).toBe('past');
    expect(relationToToday('2026-11-24', today)).toBe('future');
    expect(relationToToday('2027', today)).toBe('future');
  });
});

describe('stateText', () => {
  it('says what an actual, estimated or untyped date means now', () => {
    expect(stateText('ACTUAL', 'past')).toBe('Happened');
    expect(stateText('ESTIMATED', 'future')).toBe('Planned');
    expect(stateText('ESTIMATED', 'past')).toMatch(/passed; not yet confirmed/);
    expect(stateText(null, 'past')).toMatch(/not stated whether actual or estimated/);
  });
});

describe('buildMilestones', () => {
  const today = new Date(Date.UTC(2026, 10, 23));
  it('orders milestones by date and keeps the precision in words', () => {
    const milestones = buildMilestones(
      {
        firstPosted: { date: '2020-03-05', precision: 'day', type: 'ACTUAL' },
        startDate: { date: '2020-07', precision: 'month', type: 'ACTUAL' },
        primaryCompletionDate: { date: '2027', precision: 'year', type: 'ESTIMATED' },
        completionDate: { date: '2026-04-30', precision: 'day', type: 'ESTIMATED' },
        resultsFirstPosted: null,
      },
      today,
    );
    expect(milestones.map((m) => m.key)).toEqual(['firstPosted', 'start', 'completion', 'primaryCompletion']);
    expect(milestones.map((m) => m.dateText)).toEqual(['5 March 2020', 'July 2020', '30 April 2026', '2027']);
    expect(milestones[2]).toMatchObject({ relation: 'past', type: 'ESTIMATED', stateText: expect.stringMatching(/passed/) });
    expect(milestones[3]).toMatchObject({ relation: 'future', stateText: 'Planned' });
  });

  it('treats a results-posted date as actual and leaves out missing dates', () => {
    const milestones = buildMilestones(
      { firstPosted: null, startDate: null, primaryCompletionDate: null, completionDate: null, resultsFirstPosted: '2024-02-29' },
      today,
    );
    expect(milestones).toHaveLength(1);
    expect(milestones[0]).toMatchObject({ key: 'resultsPosted', label: 'Results posted', type: 'ACTUAL', dateText: '29 February 2024' });
  });

  it('keeps the trial order when two milestones share a date', () => {
    const same = { date: '2021-07-16', precision: 'day' as const, type: 'ACTUAL' as const };
    const milestones = buildMilestones(
      { firstPosted: null, startDate: null, primaryCompletionDate: same, completionDate: same, resultsFirstPosted: null },
      today,
    );
    expect(milestones.map((m) => m.key)).toEqual(['primaryCompletion', 'completion']);
  });
});

describe('timeScale', () => {
  it('spans whole years including today, with at most maxTicks ticks', () => {
    const today = new Date(Date.UTC(2026, 10, 23));
    const scale = timeScale([utc(2015, 12, 8), utc(2021, 7, 16)], today, 6);
    expect(scale.start).toBe(utc(2015, 1, 1));
    expect(scale.end).toBe(utc(2027, 1, 1));
    expect(scale.fraction(scale.start)).toBe(0);
    expect(scale.fraction(scale.end)).toBe(1);
    expect(scale.fraction(utc(2010, 1, 1))).toBe(0);
    expect(scale.yearTicks.length).toBeLessThanOrEqual(7);
    expect(scale.yearTicks[0]?.year).toBe(2015);
    const f = scale.fraction(today.getTime());
    expect(f).toBeGreaterThan(0.9);
    expect(f).toBeLessThan(1);
  });
});

describe('month arithmetic and the onset window', () => {
  it('adds and counts months across years', () => {
    expect(addMonths({ year: 2025, month: 11 }, 18)).toEqual({ year: 2027, month: 5 });
    expect(addMonths({ year: 2025, month: 1 }, -1)).toEqual({ year: 2024, month: 12 });
    expect(monthsBetween({ year: 2025, month: 11 }, { year: 2026, month: 2 })).toBe(3);
  });

  it('is inside the window up to and including onset + N months', () => {
    const today = { year: 2026, month: 11 };
    expect(onsetWindow({ year: 2026, month: 1 }, 18, today)).toEqual({ state: 'inside', until: { year: 2027, month: 7 } });
    expect(onsetWindow({ year: 2025, month: 5 }, 18, today)).toEqual({ state: 'inside', until: { year: 2026, month: 11 } });
    expect(onsetWindow({ year: 2025, month: 4 }, 18, today)).toEqual({ state: 'outside', since: { year: 2026, month: 10 } });
    expect(onsetWindow({ year: 2026, month: 11 }, 18, today).state).toBe('inside');
    expect(onsetWindow({ year: 2026, month: 12 }, 18, today)).toEqual({ state: 'future' });
  });
});
