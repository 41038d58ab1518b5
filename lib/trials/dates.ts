// Registry dates are partial ISO strings (YYYY, YYYY-MM, YYYY-MM-DD): the length is the precision.
// Readers need that precision to say "March 2026" rather than invent a day.
import type { DateType } from './vocab';

export type DatePrecision = 'year' | 'month' | 'day';
export type PartialDate = { date: string; precision: DatePrecision; type: DateType | null };

export function precisionOf(date: string): DatePrecision {
  if (date.length <= 4) return 'year';
  if (date.length <= 7) return 'month';
  return 'day';
}

/** A stored date and its ACTUAL/ESTIMATED type as one value; null when the registry gives no date. */
export function partialDate(date: string | null | undefined, type: DateType | null | undefined): PartialDate | null {
  if (!date) return null;
  return { date, precision: precisionOf(date), type: type ?? null };
}
