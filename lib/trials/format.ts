// Words for dates and statuses, shared by every page (and later by e-mails and feeds).
// Dates are shown at the precision the source gives: "March 2026", never an invented day.
import { precisionOf } from './dates';
import { RECRUITING_STATUSES, STATUS_LABELS, type Status } from './vocab';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026" → "2026"; "2026-03" → "March 2026"; "2026-03-14" → "14 March 2026". */
export function formatPartialDate(date: string | null | undefined): string | null {
  if (!date) return null;
  const [y, m, d] = date.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  switch (precisionOf(date)) {
    case 'year':
      return y ?? date;
    case 'month':
      return `${month} ${y}`;
    default:
      return `${Number(d)} ${month} ${y}`;
  }
}

/** "March 2026 (estimated)" / "14 March 2026 (actual)"; the type is left out when unknown. */
export function formatDateWithType(date: string | null | undefined, type: 'ACTUAL' | 'ESTIMATED' | null | undefined): string | null {
  const text = formatPartialDate(date);
  if (!text) return null;
  return type ? `${text} (${type === 'ACTUAL' ? 'actual' : 'estimated'})` : text;
}

/** A status's family, which decides its colour and icon; the words always come with it. */
export type StatusTone = 'recruiting' | 'active' | 'completed' | 'stopped' | 'unknown';

export function statusTone(status: Status | null | undefined): StatusTone {
  if (!status) return 'unknown';
  if (RECRUITING_STATUSES.includes(status) || status === 'AVAILABLE') return 'recruiting';
  if (status === 'ACTIVE_NOT_RECRUITING' || status === 'TEMPORARILY_NOT_AVAILABLE') return 'active';
  if (status === 'COMPLETED' || status === 'APPROVED_FOR_MARKETING') return 'completed';
  if (status === 'TERMINATED' || status === 'WITHDRAWN' || status === 'SUSPENDED' || status === 'NO_LONGER_AVAILABLE') return 'stopped';
  return 'unknown';
}

/** Status in words, with the last known status behind UNKNOWN: "Unknown status (last known: Recruiting)". */
export function statusText(status: Status | null | undefined, lastKnown?: Status | null): string {
  if (!status) return 'Status not given';
  const label = STATUS_LABELS[status];
  return status === 'UNKNOWN' && lastKnown ? `${label} (last known: ${STATUS_LABELS[lastKnown]})` : label;
}

/** What a status means for someone hoping to take part, in one plain sentence. */
export const STATUS_MEANING: Record<Status, string> = {
  NOT_YET_RECRUITING: 'The trial has not started taking participants yet.',
  RECRUITING: 'The trial is looking for participants now.',
  ENROLLING_BY_INVITATION: 'The trial takes only people it invites, often from an earlier trial.',
  ACTIVE_NOT_RECRUITING: 'The trial is running but is not taking new participants.',
  SUSPENDED: 'The trial has paused and may start again.',
  TERMINATED: 'The trial stopped early and will not start again.',
  COMPLETED: 'The trial has ended.',
  WITHDRAWN: 'The trial stopped before anyone took part.',
  UNKNOWN: 'The registry record has not been confirmed for over two years, so its status is uncertain.',
  AVAILABLE: 'The treatment is available outside a trial (expanded access).',
  NO_LONGER_AVAILABLE: 'Expanded access to the treatment has ended.',
  TEMPORARILY_NOT_AVAILABLE: 'Expanded access is paused for now.',
  APPROVED_FOR_MARKETING: 'The treatment has been approved and can be prescribed.',
  WITHHELD: 'The registry is withholding this record.',
};

/** "20 November 2026, 14:02 UTC": a moment, in words, in one time zone for everyone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'not known';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}
