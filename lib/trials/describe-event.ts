// Turns one event of the stream into a sentence a family member can read: "Primary completion
// moved from March 2026 to September 2026". Shared by trial pages, the board, and later e-mails and feeds.
import { formatDateWithType, formatPartialDate } from './format';
import { BIOMARKER_LABELS, MODALITY_LABELS, PHASE_LABELS, STATUS_LABELS, type EventKind, type EventSource } from './vocab';

export type DescribableEvent = {
  kind: EventKind;
  field: string | null;
  fromValue: unknown;
  toValue: unknown;
  text: string | null;
  source: EventSource;
};

const FIELD_NAMES: Record<string, string> = {
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

function valueText(field: string | null, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'not given';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (field === 'overallStatus' || field === 'lastKnownStatus') return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? value;
    if (field === 'phase') return PHASE_LABELS[value as keyof typeof PHASE_LABELS] ?? value;
    if (field === 'modality') return MODALITY_LABELS[value as keyof typeof MODALITY_LABELS] ?? value;
    return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  }
  if (typeof value === 'number') {
    if (field === 'maxMonthsSinceOnset') return `${value} months`;
    if (field === 'minVitalCapacityPct') return `${value}%`;
    return String(value);
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'string' ? (BIOMARKER_LABELS[v as keyof typeof BIOMARKER_LABELS] ?? v) : JSON.stringify(v))).join(', ') : 'none';
  return JSON.stringify(value);
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
      const n = (c: Counted | null) => (c?.count == null ? 'not given' : `${c.count}${c.type ? ` (${c.type === 'ACTUAL' ? 'actual' : 'estimated'})` : ''}`);
      return `Enrolment changed from ${n(a)} to ${n(b)}`;
    }
    case 'status_changed':
      if (field === 'lastKnownStatus') return `Last known status changed from ${valueText(field, from)} to ${valueText(field, to)}`;
      return from == null && to == null ? (event.text ?? 'Status changed') : `Status changed from ${valueText('overallStatus', from)} to ${valueText('overallStatus', to)}`;
    case 'phase_changed':
      return `Phase changed from ${valueText('phase', from)} to ${valueText('phase', to)}`;
    case 'note':
      return event.text ?? 'Note';
    default: {
      if (from && typeof from === 'object' && 'removed' in from && to && typeof to === 'object' && 'added' in to) {
        const added = (to.added as unknown[]).length;
        const removed = (from.removed as unknown[]).length;
        const parts = [added ? `${added} added` : '', removed ? `${removed} removed` : ''].filter(Boolean);
        return `${fieldName(field)} changed: ${parts.join(', ')}`;
      }
      return `${fieldName(field)} changed from ${valueText(field, from)} to ${valueText(field, to)}`;
    }
  }
}
