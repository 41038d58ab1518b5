// Plain words for the trial page: what a phase means, who can join, where a fact or event came from,
// how two trials are related, and how the event stream is grouped for reading.
import type { TrialDetail, TrialEventView, TrialLink } from '@/lib/trials/queries';
import { formatPartialDate } from '@/lib/trials/format';
import type { EventKind, EventSource, Phase, Route } from '@/lib/trials/vocab';

export const REGISTRY_STUDY_URL = (nctId: string) => `https://clinicaltrials.gov/study/${nctId}`;
export const REGISTRY_SEARCH_URL = (term: string) => `https://clinicaltrials.gov/search?term=${encodeURIComponent(term)}`;

export const PHASE_MEANING: Record<Phase, string> = {
  'early-phase-1': 'A very early, small test, mainly to learn how the treatment acts in the body.',
  'phase-1': 'An early test in a small group, mainly to check the treatment is safe and find the right dose.',
  'phase-1-2': 'An early test of safety and dose that also starts to look for signs the treatment works.',
  'phase-2': 'A test in a larger group to look for signs the treatment works and to check its safety further.',
  'phase-2-3': 'A test that looks for signs the treatment works and then, if it goes well, tests it in more people.',
  'phase-3': 'A large test to show whether the treatment works better than a placebo or the usual care.',
  'phase-4': 'A study of a treatment that is already approved, to learn more about its long-term use.',
  'not-applicable': 'This study does not test a medicine in phases (for example, a device or a study that only observes).',
};

export const NOT_KNOWN = 'Not known';

export const ROUTE_WORDS: Record<Route, string> = {
  intrathecal: 'Into the spinal fluid (intrathecal), by lumbar puncture',
  oral: 'By mouth',
  intravenous: 'Into a vein (infusion or drip)',
  subcutaneous: 'Injection under the skin',
  intramuscular: 'Injection into a muscle',
  other: 'Another way (see the registry record)',
};

export function yesNo(value: boolean | null): string {
  if (value === null) return NOT_KNOWN;
  return value ? 'Yes' : 'No';
}

/** "18 Years" → "18 years". The registry writes ages as "<n> <Unit>". */
const age = (value: string) => value.trim().toLowerCase();

export function agesText(min: string | null, max: string | null): string {
  if (min && max) return `${age(min)} to ${age(max)}`;
  if (min) return `${age(min)} or older`;
  if (max) return `Up to ${age(max)}`;
  return NOT_KNOWN;
}

export function sexText(sex: string | null): string {
  switch (sex) {
    case 'ALL':
      return 'Any sex';
    case 'FEMALE':
      return 'Women only';
    case 'MALE':
      return 'Men only';
    default:
      return sex ?? NOT_KNOWN;
  }
}

export function healthyVolunteersText(value: boolean | null): string {
  if (value === null) return NOT_KNOWN;
  return value ? 'Yes, people without ALS can also join' : 'No, only people with the condition studied';
}

export function enrolmentText(enrollment: TrialDetail['enrollment']): string {
  if (!enrollment) return NOT_KNOWN;
  const people = `${enrollment.count} ${enrollment.count === 1 ? 'person' : 'people'}`;
  if (enrollment.type === 'ACTUAL') return `${people} (actual)`;
  if (enrollment.type === 'ESTIMATED') return `${people} (planned)`;
  return people;
}

export const SOURCE_WORDS: Record<EventSource, string> = {
  registry: 'ClinicalTrials.gov registry',
  curation: 'Curated from public sources',
  coordinator: "Updated by the trial's coordinator",
};

/** Who gives the value a coordinator's value is disputed by, as the trial page names it. */
export const OTHER_SOURCE_WORDS: Record<Exclude<EventSource, 'coordinator'>, string> = {
  registry: 'ClinicalTrials.gov',
  curation: 'The curated record',
};

export function isUrl(value: string | null): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Link text for a source URL: its site name, e.g. "classic.clinicaltrials.gov". */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The words for how another trial relates to this one, read from this trial's side. */
export function relationText(link: Pick<TrialLink, 'direction' | 'relation'>): string {
  const out = link.direction === 'outgoing';
  switch (link.relation) {
    case 'regimen':
      return out ? 'Regimen of this platform trial' : 'This trial is a regimen of the platform trial';
    case 'extension':
      return out ? 'Open-label extension of this trial' : 'This trial is the open-label extension of';
    case 'follow-on':
      return out ? 'Later trial that follows on from this one' : 'Earlier trial this one follows on from';
    case 'programme':
      return 'In the same programme';
  }
}

export type EventGroupId = 'status' | 'dates' | 'enrolment' | 'results' | 'sources' | 'registry' | 'notes';

export const EVENT_GROUPS: { id: EventGroupId; heading: string; kinds: EventKind[] }[] = [
  { id: 'status', heading: 'Status and phase changes', kinds: ['status_changed', 'phase_changed'] },
  { id: 'dates', heading: 'Dates set or moved', kinds: ['started', 'date_changed'] },
  { id: 'enrolment', heading: 'Enrolment', kinds: ['enrolment_changed'] },
  { id: 'results', heading: 'Results', kinds: ['results_posted'] },
  { id: 'sources', heading: 'Where sources disagreed', kinds: ['source_differs', 'source_confirmed'] },
  { id: 'registry', heading: 'Registry updates', kinds: ['registered', 'record_updated'] },
  { id: 'notes', heading: 'Notes', kinds: ['note'] },
];

/** When an event happened as the source dates it; else when the tracker recorded it. */
export function eventDate(event: Pick<TrialEventView, 'occurredAt' | 'recordedAt'>): { iso: string; text: string; recorded: boolean } {
  if (event.occurredAt) return { iso: event.occurredAt, text: formatPartialDate(event.occurredAt) ?? event.occurredAt, recorded: false };
  const day = event.recordedAt.slice(0, 10);
  return { iso: day, text: formatPartialDate(day) ?? day, recorded: true };
}

/** The stream grouped by kind for reading, newest first within each group; empty groups left out. */
export function groupEvents(events: TrialEventView[]): { id: EventGroupId; heading: string; events: TrialEventView[] }[] {
  const sortKey = (e: TrialEventView) => e.occurredAt ?? e.recordedAt.slice(0, 10);
  return EVENT_GROUPS.map((group) => ({
    id: group.id,
    heading: group.heading,
    events: events
      .filter((e) => group.kinds.includes(e.kind))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : b.id - a.id)),
  })).filter((g) => g.events.length > 0);
}
