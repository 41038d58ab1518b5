// The trial list as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line
// break), one row per trial, lists joined with "; ". Cells that a spreadsheet would run as a formula
// get a leading apostrophe (OWASP's advice on CSV injection): registry text is written by strangers.
import type { PartialDate } from './dates';
import type { TrialSummary } from './queries';

type Cell = string | number | boolean | null | undefined | string[];

const dateOf = (d: PartialDate | null) => d?.date ?? null;
const typeOf = (d: { type: string | null } | null) => d?.type?.toLowerCase() ?? null;

/** Column headings and how each cell is read from a trial. `origin` turns the app's paths into full links. */
export const CSV_COLUMNS: { header: string; value: (t: TrialSummary, origin: string) => Cell }[] = [
  { header: 'NCT ID', value: (t) => t.nctId },
  { header: 'Title', value: (t) => t.briefTitle },
  { header: 'Acronym', value: (t) => t.acronym },
  { header: 'Modality', value: (t) => t.modalityLabel },
  { header: 'Genes', value: (t) => t.genes },
  { header: 'Phase', value: (t) => t.phaseLabel },
  { header: 'Status', value: (t) => t.overallStatusLabel },
  { header: 'Last known status', value: (t) => t.lastKnownStatusLabel },
  { header: 'Recruiting', value: (t) => (t.recruiting ? 'yes' : 'no') },
  { header: 'Lead sponsor', value: (t) => t.leadSponsor },
  { header: 'Start date', value: (t) => dateOf(t.startDate) },
  { header: 'Start date type', value: (t) => typeOf(t.startDate) },
  { header: 'Primary completion date', value: (t) => dateOf(t.primaryCompletionDate) },
  { header: 'Primary completion date type', value: (t) => typeOf(t.primaryCompletionDate) },
  { header: 'Completion date', value: (t) => dateOf(t.completionDate) },
  { header: 'Completion date type', value: (t) => typeOf(t.completionDate) },
  { header: 'Enrollment', value: (t) => t.enrollment?.count },
  { header: 'Enrollment type', value: (t) => typeOf(t.enrollment) },
  { header: 'Countries', value: (t) => t.countries },
  { header: 'Last update posted', value: (t) => t.lastUpdatePosted },
  { header: 'Curation as of', value: (t) => t.curationAsOf },
  { header: 'Link', value: (t, origin) => origin + t.url },
];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, neutralised and quoted as needed. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join('; ') : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(',') + '\r\n';

export function csvHeader(): string {
  return line(CSV_COLUMNS.map((c) => c.header));
}

/** Data rows only, so a long export can be written chunk by chunk after one header. */
export function csvRows(items: TrialSummary[], origin = ''): string {
  return items.map((t) => line(CSV_COLUMNS.map((c) => c.value(t, origin)))).join('');
}

export function toCsv(items: TrialSummary[], origin = ''): string {
  return csvHeader() + csvRows(items, origin);
}
