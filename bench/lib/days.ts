// Whole days since 1970-01-01 (UTC) and their ISO strings, from a table: the generator formats tens of
// millions of dates, and a Date object per date would dominate its time.

const MS_PER_DAY = 86_400_000;
export const dayOf = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / MS_PER_DAY;

const FIRST = dayOf(1990, 1, 1);
const LAST = dayOf(2045, 12, 31);
const TABLE: string[] = [];
for (let d = FIRST; d <= LAST; d++) TABLE.push(new Date(d * MS_PER_DAY).toISOString().slice(0, 10));

/** YYYY-MM-DD. */
export function isoDay(day: number): string {
  const s = TABLE[Math.round(day) - FIRST];
  if (s === undefined) throw new RangeError(`day ${day} is outside 1990–2045`);
  return s;
}

/** The registry's partial date: YYYY-MM for month precision, YYYY-MM-DD for day precision. */
export const partialIso = (day: number, monthOnly: boolean) => (monthOnly ? isoDay(day).slice(0, 7) : isoDay(day));


/** A timestamp as the app writes them (toISOString), at second `secondOfDay` of the day. */
export function isoTimestamp(day: number, secondOfDay: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(secondOfDay)));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${isoDay(day)}T${hh}:${mm}:${ss}.000Z`;
}
