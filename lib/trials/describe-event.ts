// Turns one event of the stream into a sentence a family member can read: "Primary completion
// moved from March 2026 to September 2026". Shared by trial pages, the board, and later e-mails and feeds.
import { formatDateWithType, formatPartialDate } from './format';
import {
  BIOMARKER_LABELS,
  MODALITY_LABELS,
  PHASE_LABELS,
  SITE_STATUS_LABELS,
  STATUS_LABELS,
  type EventKind,
  type EventSource,
  type SiteStatus,
} from './vocab';

export type DescribableEvent = {
  kind: EventKind;
  field: string | null;
  fromValue: unknown;
  toValue: unknown;
  text: string | null;
  source: EventSource;
};

const FIELD_NAMES: Record<string, string> = {
  overallStatus: 'Status',
  phase: 'Phase',
  enrollment: 'Enrolment',
  startDate: 'Start',
  primaryCompletionDate: 'Primary completion',
  completionDate: 'Completion',
  briefTitle: 'Title',
  officialTitle: 'Official title',
  plainSummary: 'Plain-language summary',
  briefSummary: 'Registry summary',
  eligibilityCriteria: 'Eligibility criteria',
  maxMonthsSinceOnset: 'Time since first symptoms allowed',
  minVitalCapacityPct: 'Minimum breathing capacity',
  riluzoleAllowed: 'Riluzole allowed',
  edaravoneAllowed: 'Edaravone allowed',
  placebo: 'Placebo',
  placeboRatio: 'Placebo ratio',
  openLabelExtension: 'Open-label extension',
  routes: 'How the treatment is given',
  leadSponsor: 'Lead sponsor',
  modality: 'Kind of treatment',
  genes: 'Target genes',
  locations: 'Trial sites',
  interventions: 'Treatments',
  outcomes: 'What the trial measures',
  whyStopped: 'Reason for stopping',
  links: 'Related trials',
};

export function fieldName(field: string | null): string {
  if (!field) return 'Record';
  return FIELD_NAMES[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

type Dated = { date?: string | null; type?: 'ACTUAL' | 'ESTIMATED' | null };
type Counted = { count?: number | null; type?: 'ACTUAL' | 'ESTIMATED' | null };

/** Fields whose values are codes with labels; any other string is free text, quoted in sentences. */
const CODED = new Set(['overallStatus', 'lastKnownStatus', 'phase', 'modality']);

function valueText(field: string | null, value: unknown, full = false): string {
  if (value === null || value === undefined || value === '') return 'not given';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (field === 'overallStatus' || field === 'lastKnownStatus') return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? value;
    if (field === 'phase') return PHASE_LABELS[value as keyof typeof PHASE_LABELS] ?? value;
    if (field === 'modality') return MODALITY_LABELS[value as keyof typeof MODALITY_LABELS] ?? value;
    return value.length > 80 && !full ? `${value.slice(0, 77)}…` : value;
  }
  if (typeof value === 'number') {
    if (field === 'maxMonthsSinceOnset') return `${value} months`;
    if (field === 'minVitalCapacityPct') return `${value}%`;
    return String(value);
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'string' ? (BIOMARKER_LABELS[v as keyof typeof BIOMARKER_LABELS] ?? v) : JSON.stringify(v))).join(', ') : 'none';
  return JSON.stringify(value);
}

const countedText = (c: Counted | null) => (c?.count == null ? 'not given' : `${c.count}${c.type ? ` (${c.type === 'ACTUAL' ? 'actual' : 'estimated'})` : ''}`);

/**
 * A field's value in words, in the event stream's shape: a date with its type, a count with its type,
 * a status or phase by its label. `full` keeps long text whole (the trial page shows two summaries side by side).
 */
export function formatFieldValue(field: string | null, value: unknown, options: { full?: boolean } = {}): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if ('count' in v) return countedText(v as Counted);
    if ('date' in v && 'type' in v) return formatDateWithType((v as Dated).date, (v as Dated).type) ?? 'not given';
  }
  if (field === 'locations' && Array.isArray(value)) return value.length === 1 ? '1 site' : `${value.length} sites`;
  return valueText(field, value, options.full);
}

/** Free text in quotes so a sentence around it still reads: “A plain summary.” */
const quoted = (field: string | null, value: unknown, text: string) =>
  typeof value === 'string' && value !== '' && !CODED.has(field ?? '') ? `“${text}”` : text;

/** One site as the tracker stores it (trial_locations without ids). */
export type SiteRow = { facility?: string | null; city?: string | null; state?: string | null; country?: string | null; status?: string | null };

/** "Test Hospital, Boston"; a site with no facility name by its place. */
export function siteName(site: SiteRow): string {
  const place = site.city ?? site.state ?? site.country;
  if (site.facility) return place ? `${site.facility}, ${place}` : site.facility;
  const places = [site.city, site.state, site.country].filter(Boolean).join(', ');
  return places ? `the site in ${places}` : 'a site with no name or place';
}

const siteSubject = (site: SiteRow) => (site.facility ? `Site ${siteName(site)}` : siteName(site).replace(/^./, (c) => c.toUpperCase()));

/** A site's recruitment status in lower-case words, for the middle of a sentence. */
export function siteStatusText(status: string | null | undefined): string {
  if (!status) return 'recruitment not stated';
  const label = SITE_STATUS_LABELS[status as SiteStatus] ?? STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status.replace(/_/g, ' ');
  return label.toLowerCase();
}

const identity = (s: SiteRow) => (s.facility || s.city ? JSON.stringify([s.facility ?? null, s.city ?? null, s.state ?? null, s.country ?? null]) : null);
const whole = (s: SiteRow) => JSON.stringify([s.facility ?? null, s.city ?? null, s.state ?? null, s.country ?? null, s.status ?? null]);

/**
 * Two site lists compared: the same site (by name and place) with another status is a status change;
 * the rest were added or removed. Maps, not nested scans: big trials list 500+ sites. `whole` lists
 * share unchanged rows; the two sides of an event's diff do not, so there each row counts.
 */
export function compareSites(before: SiteRow[], after: SiteRow[], lists: 'whole' | 'diff' = 'whole') {
  const used = new Set<number>();
  const index = (key: (s: SiteRow) => string | null) => {
    const map = new Map<string, number[]>();
    after.forEach((s, i) => {
      const k = key(s);
      if (k !== null) map.set(k, [...(map.get(k) ?? []), i]);
    });
    return (k: string | null) => {
      const i = (k === null ? undefined : map.get(k))?.find((j) => !used.has(j));
      if (i === undefined) return -1;
      used.add(i);
      return i;
    };
  };
  const sameRow = index(whole);
  const sameSite = index(identity);
  const rest = lists === 'diff' ? before : before.filter((s) => sameRow(whole(s)) < 0);
  const changed: { site: SiteRow; from: string | null; to: string | null }[] = [];
  const removed: SiteRow[] = [];
  for (const s of rest) {
    const i = sameSite(identity(s));
    if (i >= 0) changed.push({ site: s, from: s.status ?? null, to: after[i]!.status ?? null });
    else removed.push(s);
  }
  return { changed, removed, added: after.filter((_, i) => !used.has(i)) };
}

/** "Site Test Hospital, Boston: now recruiting", or several changes and what was added and removed. */
function sitesSentence(removedRows: SiteRow[], addedRows: SiteRow[]): string {
  const { changed, removed, added } = compareSites(removedRows, addedRows, 'diff');
  if (changed.length === 1 && !removed.length && !added.length) return `${siteSubject(changed[0]!.site)}: now ${siteStatusText(changed[0]!.to)}`;
  const parts = changed.slice(0, 3).map((c) => `${siteName(c.site)} now ${siteStatusText(c.to)}`);
  if (changed.length > 3) parts.push(`${changed.length - 3} more changed status`);
  const counts = [added.length ? `${added.length} added` : '', removed.length ? `${removed.length} removed` : ''].filter(Boolean);
  if (counts.length) parts.push(counts.join(', '));
  return `Trial sites changed: ${parts.join('; ')}`;
}

/** The rows of a site list in any of the stream's shapes: a whole list, or one side of a diff. */
function siteRows(value: unknown): SiteRow[] {
  if (Array.isArray(value)) return value as SiteRow[];
  if (value && typeof value === 'object') {
    const v = value as { removed?: unknown; added?: unknown };
    if (Array.isArray(v.removed)) return v.removed as SiteRow[];
    if (Array.isArray(v.added)) return v.added as SiteRow[];
  }
  return [];
}

type OtherSource = Exclude<EventSource, 'coordinator'>;
export const OTHER_SOURCE_NAMES: Record<OtherSource, string> = { registry: 'ClinicalTrials.gov', curation: 'the curated record' };
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "Status: ClinicalTrials.gov says Active, not recruiting; the trial's coordinator says Recruiting". */
export function differenceSentence(field: string | null, coordinatorValue: unknown, otherValue: unknown, other: OtherSource): string {
  const who = OTHER_SOURCE_NAMES[other];
  if (field === 'locations') {
    const { changed, removed, added } = compareSites(siteRows(coordinatorValue), siteRows(otherValue), Array.isArray(coordinatorValue) ? 'whole' : 'diff');
    const parts = changed.slice(0, 3).map((c) => `${siteName(c.site)}: ${siteStatusText(c.to)} per ${who}, ${siteStatusText(c.from)} per the coordinator`);
    if (changed.length > 3) parts.push(`${plural(changed.length - 3, 'more site')} with another status`);
    if (added.length) parts.push(`${plural(added.length, 'site')} listed only by ${who}`);
    if (removed.length) parts.push(`${plural(removed.length, 'site')} listed only by the coordinator`);
    return `Trial sites: ${who.replace(/^./, (c) => c.toUpperCase())} and the trial's coordinator differ (${parts.join('; ') || 'in order'})`;
  }
  const say = (v: unknown) => quoted(field, v, formatFieldValue(field, v));
  return `${fieldName(field)}: ${who} says ${say(otherValue)}; the trial's coordinator says ${say(coordinatorValue)}`;
}

/** "Status: the trial's coordinator confirmed Recruiting over ClinicalTrials.gov's Active, not recruiting". */
export function confirmationSentence(field: string | null, coordinatorValue: unknown, otherValue: unknown, other: OtherSource | null): string {
  const whose = other ? `${OTHER_SOURCE_NAMES[other]}'s` : "another source's";
  if (field === 'locations') {
    const { changed, removed, added } = compareSites(siteRows(coordinatorValue), siteRows(otherValue), Array.isArray(coordinatorValue) ? 'whole' : 'diff');
    const n = changed.length + removed.length + added.length;
    return `Trial sites: the trial's coordinator confirmed their list over ${whose} (${plural(n, 'site')} differ${n === 1 ? 's' : ''})`;
  }
  const say = (v: unknown) => quoted(field, v, formatFieldValue(field, v));
  return `${fieldName(field)}: the trial's coordinator confirmed ${say(coordinatorValue)} over ${whose} ${say(otherValue)}`;
}

/** One sentence for an event. Curated and registry texts are used as they are. */
export function describeEvent(event: DescribableEvent): string {
  const { kind, field } = event;
  const from = event.fromValue as Record<string, unknown> | null;
  const to = event.toValue as Record<string, unknown> | null;
  if (event.text && (event.source === 'curation' || !field)) return event.text;
  switch (kind) {
    case 'registered':
      return 'First posted on ClinicalTrials.gov';
    case 'results_posted':
      return 'Results posted on ClinicalTrials.gov';
    case 'started':
      if (!from) return 'Trial started';
    // falls through: a start date that became actual is also a date change
    case 'date_changed': {
      const a = from as Dated | null;
      const b = to as Dated | null;
      const name = fieldName(field);
      if (!a?.date && b?.date) return `${name} date set to ${formatDateWithType(b.date, b.type)}`;
      if (a?.date && !b?.date) return `${name} date removed (was ${formatDateWithType(a.date, a.type)})`;
      if (a?.date === b?.date) return `${name} date of ${formatPartialDate(b?.date ?? null)} is now ${b?.type === 'ACTUAL' ? 'actual' : 'estimated'}`;
      return `${name} moved from ${formatDateWithType(a?.date, a?.type)} to ${formatDateWithType(b?.date, b?.type)}`;
    }
    case 'enrolment_changed': {
      const a = from as Counted | null;
      const b = to as Counted | null;
      return `Enrolment changed from ${countedText(a)} to ${countedText(b)}`;
    }
    case 'status_changed':
      if (field === 'lastKnownStatus') return `Last known status changed from ${valueText(field, from)} to ${valueText(field, to)}`;
      return from == null && to == null ? (event.text ?? 'Status changed') : `Status changed from ${valueText('overallStatus', from)} to ${valueText('overallStatus', to)}`;
    case 'phase_changed':
      return `Phase changed from ${valueText('phase', from)} to ${valueText('phase', to)}`;
    case 'note':
      return event.text ?? 'Note';
    case 'source_differs':
      return differenceSentence(field, from, to, event.source === 'curation' ? 'curation' : 'registry');
    case 'source_confirmed':
      // The text names the source set aside, which the event's own source (coordinator) does not.
      return event.text ?? confirmationSentence(field, to, from, null);
    default: {
      if (from && typeof from === 'object' && 'removed' in from && to && typeof to === 'object' && 'added' in to) {
        if (field === 'locations') return sitesSentence(siteRows(from), siteRows(to));
        const added = (to.added as unknown[]).length;
        const removed = (from.removed as unknown[]).length;
        const parts = [added ? `${added} added` : '', removed ? `${removed} removed` : ''].filter(Boolean);
        return `${fieldName(field)} changed: ${parts.join(', ')}`;
      }
      return `${fieldName(field)} changed from ${valueText(field, from)} to ${valueText(field, to)}`;
    }
  }
}
