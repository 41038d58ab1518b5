// Date math for a trial's timeline: where a partial date sits on a time axis, whether it is behind
// us, and the planned-against-actual milestones of one trial. Pure functions, so `today` is passed in.
import { formatPartialDate } from './format';
import { precisionOf, type PartialDate } from './dates';
import type { DateType } from './vocab';

const DAY_MS = 86_400_000;

function parts(date: string): { y: number; m: number | null; d: number | null } {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y ?? NaN, m: m ?? null, d: d ?? null };
}

/** The first and last instant (UTC ms) the partial date covers: "2026" is all of 2026, "2026-03" all of March. */
export function dateSpan(date: string): { start: number; end: number } {
  const { y, m, d } = parts(date);
  switch (precisionOf(date)) {
    case 'year':
      return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) - 1 };
    case 'month':
      return { start: Date.UTC(y, (m ?? 1) - 1, 1), end: Date.UTC(y, m ?? 1, 1) - 1 };
    default:
      return { start: Date.UTC(y, (m ?? 1) - 1, d ?? 1), end: Date.UTC(y, (m ?? 1) - 1, d ?? 1) + DAY_MS - 1 };
  }
}

/** Where to draw a partial date: a day at its start, a month or a year at its middle (never an invented day in words). */
export function datePosition(date: string): number {
  const { start, end } = dateSpan(date);
  if (precisionOf(date) === 'day') return start;
  return Math.floor((start + end + 1) / 2);
}

export type TimeRelation = 'past' | 'current' | 'future';

/** Whether the whole period a partial date names is before today, after today, or includes today. */
export function relationToToday(date: string, today: Date): TimeRelation {
  const { start, end } = dateSpan(date);
  const now = today.getTime();
  if (end < now) return 'past';
  if (start > now) return 'future';
  return 'current';
}

export type MilestoneKey = 'firstPosted' | 'start' | 'primaryCompletion' | 'completion' | 'resultsPosted';

export const MILESTONE_LABELS: Record<MilestoneKey, string> = {
  firstPosted: 'First posted',
  start: 'Start',
  primaryCompletion: 'Primary completion',
  completion: 'Completion',
  resultsPosted: 'Results posted',
};

export type Milestone = {
  key: MilestoneKey;
  label: string;
  date: string;
  /** As the source gives it: "2026", "March 2026", "14 March 2026". */
  dateText: string;
  type: DateType | null;
  relation: TimeRelation;
  /** UTC ms where the marker is drawn. */
  position: number;
  /** Plain words for where this date stands: "Happened", "Planned", "Planned date has passed; not yet confirmed". */
  stateText: string;
};

export type MilestoneInput = {
  firstPosted: PartialDate | null;
  startDate: PartialDate | null;
  primaryCompletionDate: PartialDate | null;
  completionDate: PartialDate | null;
  /** The registry gives this date only once results are posted, so it is always an actual date. */
  resultsFirstPosted: string | null;
};

export function stateText(type: DateType | null, relation: TimeRelation): string {
  if (type === 'ACTUAL') return 'Happened';
  if (type === 'ESTIMATED') {
    if (relation === 'future') return 'Planned';
    if (relation === 'current') return 'Planned for about now';
    return 'Planned date has passed; not yet confirmed as happened';
  }
  // The source did not say whether this date is actual or estimated: say where it falls, nothing more.
  if (relation === 'future') return 'In the future; not stated whether actual or estimated';
  if (relation === 'current') return 'About now; not stated whether actual or estimated';
  return 'In the past; not stated whether actual or estimated';
}

/** The trial's dated milestones, in date order (then in the order a trial passes them). */
export function buildMilestones(input: MilestoneInput, today: Date): Milestone[] {
  const raw: { key: MilestoneKey; date: string; type: DateType | null }[] = [];
  const add = (key: MilestoneKey, value: PartialDate | null) => {
    if (value?.date) raw.push({ key, date: value.date, type: value.type });
  };
  add('firstPosted', input.firstPosted);
  add('start', input.startDate);
  add('primaryCompletion', input.primaryCompletionDate);
  add('completion', input.completionDate);
  if (input.resultsFirstPosted) raw.push({ key: 'resultsPosted', date: input.resultsFirstPosted, type: 'ACTUAL' });

  return raw
    .map((m, order) => ({ m, order }))
    .sort((a, b) => datePosition(a.m.date) - datePosition(b.m.date) || a.order - b.order)
    .map(({ m }) => {
      const relation = relationToToday(m.date, today);
      return {
        key: m.key,
        label: MILESTONE_LABELS[m.key],
        date: m.date,
        dateText: formatPartialDate(m.date) ?? m.date,
        type: m.type,
        relation,
        position: datePosition(m.date),
        stateText: stateText(m.type, relation),
      };
    });
}

export type TimeScale = {
  start: number;
  end: number;
  /** 0..1 along the axis. */
  fraction: (time: number) => number;
  /** January 1st of the years to mark on the axis, at most `maxTicks` of them. */
  yearTicks: { year: number; time: number }[];
};

/** An axis covering every milestone and today, padded to whole years, with readable year ticks. */
export function timeScale(times: number[], today: Date, maxTicks = 6): TimeScale {
  const all = [...times, today.getTime()];
  const firstYear = new Date(Math.min(...all)).getUTCFullYear();
  const lastYear = new Date(Math.max(...all)).getUTCFullYear();
  const start = Date.UTC(firstYear, 0, 1);
  const end = Date.UTC(lastYear + 1, 0, 1);
  const years = lastYear + 1 - firstYear + 1;
  const step = Math.max(1, Math.ceil(years / maxTicks));
  const yearTicks: { year: number; time: number }[] = [];
  for (let year = firstYear; year <= lastYear + 1; year += step) yearTicks.push({ year, time: Date.UTC(year, 0, 1) });
  return {
    start,
    end,
    fraction: (time) => Math.min(1, Math.max(0, (time - start) / (end - start))),
    yearTicks,
  };
}

/** Whole months from one (year, month 1-12) to another. */
export function monthsBetween(from: { year: number; month: number }, to: { year: number; month: number }): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/** (year, month 1-12) plus n months. */
export function addMonths(at: { year: number; month: number }, n: number): { year: number; month: number } {
  const index = at.year * 12 + (at.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export type OnsetWindow =
  | { state: 'future' }
  | { state: 'inside'; until: { year: number; month: number } }
  | { state: 'outside'; since: { year: number; month: number } };

/**
 * Where someone whose symptoms began in `onset` stands against a "no more than N months since onset" rule,
 * at month precision. The trial team decides exactly; this is "about".
 */
export function onsetWindow(onset: { year: number; month: number }, maxMonths: number, today: { year: number; month: number }): OnsetWindow {
  if (monthsBetween(onset, today) < 0) return { state: 'future' };
  const until = addMonths(onset, maxMonths);
  if (monthsBetween(today, until) >= 0) return { state: 'inside', until };
  return { state: 'outside', since: until };
}
