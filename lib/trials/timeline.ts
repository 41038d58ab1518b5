// The cross-trial timeline: which trials match the filters, grouped by modality, and where each one's
// dates fall on a shared time axis. Pure geometry (date → x, spans, year ticks, layout) sits beside the
// one data function so the chart component only draws what it is given.
// A partial date is placed at the middle of the period it names (a year-only date at mid-year, a
// month-only date at mid-month) but always labelled at its real precision.
import { and, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { trials as trialsTable } from '@/db/schema';
import { partialDate, precisionOf, type PartialDate } from './dates';
import { formatPartialDate, statusText } from './format';
import type { ListParams } from './list-params';
import { filterConditions, trialUrl } from './queries';
import { MODALITIES, MODALITY_LABELS, type DateType, type Modality, type Status } from './vocab';

const DAY = 24 * 60 * 60 * 1000;

/** Milliseconds (UTC) at the middle of the period a partial date names: the year, the month or the day. */
export function dateToTime(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  switch (precisionOf(date)) {
    case 'year':
      return (Date.UTC(y, 0, 1) + Date.UTC(y + 1, 0, 1)) / 2;
    case 'month':
      return (Date.UTC(y, m! - 1, 1) + Date.UTC(y, m!, 1)) / 2;
    default:
      return Date.UTC(y, m! - 1, d!) + DAY / 2;
  }
}

/** Today as the server sees it, as a day-precision date string (UTC). */
export function todayDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a span of the chart rests on actual dates, on at least one estimate, or on dates whose type the registry does not give. */
export type Certainty = 'actual' | 'estimated' | 'unstated';

export function certaintyOf(...types: (DateType | null)[]): Certainty {
  if (types.includes('ESTIMATED')) return 'estimated';
  if (types.every((t) => t === 'ACTUAL')) return 'actual';
  return 'unstated';
}

/**
 * - `to-primary`: start → primary completion (when the main results are collected);
 * - `to-completion`: primary completion → completion (follow-up);
 * - `whole`: start → completion, when no primary completion date is given.
 */
export type SpanKind = 'to-primary' | 'to-completion' | 'whole';
export type Span = { kind: SpanKind; from: PartialDate; to: PartialDate; certainty: Certainty };

/** The bar segments a trial's dates support. No end date → no span (only the start is drawn); nothing is guessed. */
export function trialSpans(start: PartialDate, primary: PartialDate | null, completion: PartialDate | null): Span[] {
  const span = (kind: SpanKind, from: PartialDate, to: PartialDate): Span => ({ kind, from, to, certainty: certaintyOf(from.type, to.type) });
  if (primary) {
    const spans = [span('to-primary', start, primary)];
    if (completion && dateToTime(completion.date) > dateToTime(primary.date)) spans.push(span('to-completion', primary, completion));
    return spans;
  }
  return completion ? [span('whole', start, completion)] : [];
}

/** The time axis: whole years from startYear (1 January) up to endYear (1 January, exclusive). */
export type Domain = { start: number; end: number; startYear: number; endYear: number };

/** At least this much room is left between any date and the edge of the chart. */
const DOMAIN_PADDING = 30 * DAY;

/** The smallest run of whole years holding every time given, today and a month's padding either side. */
export function timelineDomain(times: number[], now: Date): Domain {
  const all = [...times, now.getTime()];
  const startYear = new Date(Math.min(...all) - DOMAIN_PADDING).getUTCFullYear();
  const endYear = new Date(Math.max(...all) + DOMAIN_PADDING).getUTCFullYear() + 1;
  return { start: Date.UTC(startYear, 0, 1), end: Date.UTC(endYear, 0, 1), startYear, endYear };
}

/** A linear map from time on the domain to x between x0 and x1. */
export function makeScale(domain: Pick<Domain, 'start' | 'end'>, x0: number, x1: number): (time: number) => number {
  const k = (x1 - x0) / (domain.end - domain.start);
  return (time) => x0 + (time - domain.start) * k;
}

export type YearTick = { year: number; /** 1 January */ x: number; /** the middle of the year, where its label goes */ labelX: number; labelled: boolean };

/** A gridline at each 1 January; labels on every year, or every 2nd, 5th… year when years are too narrow to label. */
export function yearTicks(domain: Domain, scale: (time: number) => number, minLabelGap = 40): YearTick[] {
  const yearWidth = scale(Date.UTC(domain.startYear + 1, 0, 1)) - scale(Date.UTC(domain.startYear, 0, 1));
  const every = [1, 2, 5, 10, 20, 50].find((n) => n * yearWidth >= minLabelGap) ?? 100;
  const ticks: YearTick[] = [];
  for (let year = domain.startYear; year < domain.endYear; year++) {
    const x = scale(Date.UTC(year, 0, 1));
    ticks.push({ year, x, labelX: (x + scale(Date.UTC(year + 1, 0, 1))) / 2, labelled: year % every === 0 });
  }
  return ticks;
}

// ——— The trials ———

export type TimelineTrial = {
  nctId: string;
  /** What families call it: the acronym and the treatment (VALOR (Part C): tofersen), else a short title. */
  name: string;
  briefTitle: string;
  modality: Modality;
  modalityLabel: string;
  status: Status | null;
  statusText: string;
  start: PartialDate | null;
  primaryCompletion: PartialDate | null;
  completion: PartialDate | null;
  /** When the registry record was last updated: the dates are as of then. */
  lastUpdatePosted: string | null;
  url: string;
};

const MAX_NAME = 40;

/** The acronym with the treatment programme, else the programme with the NCT id told apart elsewhere, else the title cut short. */
export function shortName(t: { acronym: string | null; programme: string | null; briefTitle: string }): string {
  const { acronym, programme } = t;
  if (acronym) return programme && !programme.toLowerCase().includes(acronym.toLowerCase()) ? `${acronym}: ${programme}` : (programme ?? acronym);
  if (programme) return programme;
  return t.briefTitle.length > MAX_NAME ? `${t.briefTitle.slice(0, MAX_NAME - 1).trimEnd()}…` : t.briefTitle;
}

function dateWords(d: PartialDate): string {
  const text = formatPartialDate(d.date)!;
  return d.type === 'ESTIMATED' ? `${text} (estimated)` : text;
}

/** The accessible name of a trial's row: "VALOR (Part C): tofersen (NCT02623699), Completed, started 20 January 2016, …". */
export function describeTrialDates(t: TimelineTrial, now: Date): string {
  const parts = [`${t.name} (${t.nctId})`, t.statusText];
  const past = (d: PartialDate) => dateToTime(d.date) <= now.getTime() && d.type !== 'ESTIMATED';
  parts.push(t.start ? `${past(t.start) ? 'started' : 'starts'} ${dateWords(t.start)}` : 'no start date given');
  if (t.primaryCompletion)
    parts.push(`main results ${past(t.primaryCompletion) ? 'collected' : 'due'} ${dateWords(t.primaryCompletion)}`);
  parts.push(t.completion ? `${past(t.completion) ? 'completed' : 'ends'} ${dateWords(t.completion)}` : 'end date not given');
  return parts.join(', ');
}

/** Within a group: earliest start first, then by NCT id so the order is stable. */
function byStart(a: TimelineTrial, b: TimelineTrial): number {
  const ta = a.start ? dateToTime(a.start.date) : Infinity;
  const tb = b.start ? dateToTime(b.start.date) : Infinity;
  return ta - tb || a.nctId.localeCompare(b.nctId);
}

export type TimelineGroup = { modality: Modality; label: string; trials: TimelineTrial[] };

export type TimelineData = {
  /** Every trial given. */
  total: number;
  /** Trials with a start date, by modality (in vocabulary order), each group by start date. */
  groups: TimelineGroup[];
  /** Trials the registry gives no start date for: listed, never drawn. */
  undated: TimelineTrial[];
  /** Every trial in table order: by modality, then start date (no start date last). */
  all: TimelineTrial[];
  today: string;
  domain: Domain;
};

/** Groups and orders trials for the chart; pure, so tests can pass any `now`. */
export function buildTimeline(items: TimelineTrial[], now: Date): TimelineData {
  const groups: TimelineGroup[] = [];
  const all: TimelineTrial[] = [];
  for (const modality of MODALITIES) {
    const inGroup = items.filter((t) => t.modality === modality).sort(byStart);
    all.push(...inGroup);
    const dated = inGroup.filter((t) => t.start);
    if (dated.length) groups.push({ modality, label: MODALITY_LABELS[modality], trials: dated });
  }
  const times = groups.flatMap((g) =>
    g.trials.flatMap((t) => [t.start, t.primaryCompletion, t.completion].flatMap((d) => (d ? [dateToTime(d.date)] : []))),
  );
  return {
    total: items.length,
    groups,
    undated: all.filter((t) => !t.start),
    all,
    today: todayDate(now),
    domain: timelineDomain(times, now),
  };
}

/** Trials per page of the timeline: more than the curated ALS trials, so at that scale there is one page. */
export const TIMELINE_PAGE_SIZE = 100;

export type TimelinePage = TimelineData & {
  /** Every trial matching the filters, on all pages. */
  total: number;
  /** The trials on this page; `groups`, `undated` and `all` hold only these. */
  shown: number;
  page: number;
  pages: number;
  pageSize: number;
  /** Position of this page's first trial among all matches (1-based); 0 when the page is empty. */
  from: number;
};

const t = trialsTable;
const timelineColumns = sql`${t.nctId} AS nctId, ${t.briefTitle} AS briefTitle, ${t.acronym} AS acronym, ${t.programme} AS programme,
  ${t.modality} AS modality, ${t.overallStatus} AS overallStatus, ${t.lastKnownStatus} AS lastKnownStatus,
  ${t.startDate} AS startDate, ${t.startDateType} AS startDateType, ${t.primaryCompletionDate} AS primaryCompletionDate,
  ${t.primaryCompletionDateType} AS primaryCompletionDateType, ${t.completionDate} AS completionDate,
  ${t.completionDateType} AS completionDateType, ${t.lastUpdatePostedDate} AS lastUpdatePostedDate`;
type TimelineRow = {
  nctId: string;
  briefTitle: string;
  acronym: string | null;
  programme: string | null;
  modality: Modality;
  overallStatus: Status | null;
  lastKnownStatus: Status | null;
  startDate: string | null;
  startDateType: DateType | null;
  primaryCompletionDate: string | null;
  primaryCompletionDateType: DateType | null;
  completionDate: string | null;
  completionDateType: DateType | null;
  lastUpdatePostedDate: string | null;
};

/**
 * One page of the trials matching the list filters (its sort and page size are ignored), laid out for the
 * timeline. Pages follow the start date, latest first (planned trials, then the newest), trials with no start
 * date last: the order of the (start_date) index, so any page is one short range of it plus a count. Within a
 * page the chart groups by modality and orders by start, as buildTimeline does.
 */
export function getTimeline(params: ListParams, now: Date = new Date(), database: DbOrTx = db(), pageSize = TIMELINE_PAGE_SIZE): TimelinePage {
  const where = and(...filterConditions(params));
  const { page } = params;
  const offset = (page - 1) * pageSize;
  // One read transaction: the count and the page come from the same snapshot.
  const { total, rows } = database.transaction((tx) => {
    const count = (condition?: SQL) => tx.select({ n: sql<number>`count(*)` }).from(trialsTable).where(condition).get()?.n ?? 0;
    const total = count(where);
    if (total <= offset) return { total, rows: [] };
    // Walking the start-date index reads about (offset + pageSize) × all / total rows to fill the page; sorting
    // reads all `total` matches. SQLite's planner cannot know `total`, so it is told which is fewer: either way
    // no page reads more rows than there are matches. At 500,000 trials, page 1 of one modality takes 4 ms
    // walking against 110 ms sorting; its page 100, 900 ms walking against 160 ms sorting.
    const walk = !where || ((offset + pageSize) * count()) / total <= total;
    return {
      total,
      rows: tx.all<TimelineRow>(sql`SELECT ${timelineColumns} FROM ${trialsTable} ${walk ? sql`INDEXED BY trials_start_date_idx` : sql``}
        ${where ? sql`WHERE ${where}` : sql``} ORDER BY ${trialsTable.startDate} DESC, ${trialsTable.id} DESC LIMIT ${pageSize} OFFSET ${offset}`),
    };
  });
  const items = rows.map(
    (r): TimelineTrial => ({
      nctId: r.nctId,
      name: shortName({ acronym: r.acronym, programme: r.programme, briefTitle: r.briefTitle }),
      briefTitle: r.briefTitle,
      modality: r.modality,
      modalityLabel: MODALITY_LABELS[r.modality],
      status: r.overallStatus,
      statusText: statusText(r.overallStatus, r.lastKnownStatus),
      start: partialDate(r.startDate, r.startDateType),
      primaryCompletion: partialDate(r.primaryCompletionDate, r.primaryCompletionDateType),
      completion: partialDate(r.completionDate, r.completionDateType),
      lastUpdatePosted: r.lastUpdatePostedDate,
      url: trialUrl(r.nctId),
    }),
  );
  return {
    ...buildTimeline(items, now),
    total,
    shown: items.length,
    page,
    pages: Math.ceil(total / pageSize),
    pageSize,
    from: items.length ? offset + 1 : 0,
  };
}

// ——— Layout: every position the chart draws ———

export const CHART = {
  width: 1100,
  labelWidth: 270,
  /** Each row is one link: at least 44 px high so it is easy to hit. */
  rowHeight: 48,
  groupHeight: 40,
  axisHeight: 46,
  rightPad: 16,
  mainBar: 18,
  followBar: 8,
} as const;

export type LaidOutSpan = Span & { x: number; width: number; y: number; height: number };
export type LaidOutRow = {
  trial: TimelineTrial;
  y: number;
  ariaLabel: string;
  startX: number;
  /** x of the primary completion mark, when given. */
  primaryX: number | null;
  spans: LaidOutSpan[];
  /** true when no end date is given, so only the start is drawn. */
  openEnded: boolean;
};
export type LaidOutGroup = { group: TimelineGroup; y: number; rows: LaidOutRow[] };
export type ChartLayout = {
  width: number;
  height: number;
  plotX0: number;
  plotX1: number;
  /** y range of the rows, between the axes. */
  bodyTop: number;
  bodyBottom: number;
  ticks: YearTick[];
  todayX: number;
  groups: LaidOutGroup[];
};

/** Positions for the whole chart: axes top and bottom, a heading band per group, one row per trial. */
export function layoutTimeline(data: TimelineData, now: Date, c: typeof CHART = CHART): ChartLayout {
  const plotX0 = c.labelWidth + 10;
  const plotX1 = c.width - c.rightPad;
  const scale = makeScale(data.domain, plotX0, plotX1);
  const xOf = (d: PartialDate) => scale(dateToTime(d.date));
  let y = c.axisHeight;
  const groups: LaidOutGroup[] = data.groups.map((group) => {
    const groupY = y;
    y += c.groupHeight;
    const rows = group.trials.map((trial): LaidOutRow => {
      const rowY = y;
      y += c.rowHeight;
      const mid = rowY + c.rowHeight / 2;
      const spans = trialSpans(trial.start!, trial.primaryCompletion, trial.completion).map((s): LaidOutSpan => {
        const height = s.kind === 'to-completion' ? c.followBar : c.mainBar;
        const x = xOf(s.from);
        // Dates out of order in a record still get a visible sliver rather than a negative width.
        return { ...s, x, width: Math.max(2, xOf(s.to) - x), y: mid - height / 2, height };
      });
      return {
        trial,
        y: rowY,
        ariaLabel: describeTrialDates(trial, now),
        startX: xOf(trial.start!),
        primaryX: trial.primaryCompletion ? xOf(trial.primaryCompletion) : null,
        spans,
        openEnded: spans.length === 0,
      };
    });
    return { group, y: groupY, rows };
  });
  const bodyBottom = y;
  return {
    width: c.width,
    height: bodyBottom + c.axisHeight,
    plotX0,
    plotX1,
    bodyTop: c.axisHeight,
    bodyBottom,
    ticks: yearTicks(data.domain, scale),
    todayX: scale(now.getTime()),
    groups,
  };
}
