import { describe, expect, it } from 'vitest';
import { describeEvent, type DescribableEvent } from '@/lib/trials/describe-event';

const ev = (e: Partial<DescribableEvent>): DescribableEvent => ({ kind: 'record_updated', field: null, fromValue: null, toValue: null, text: null, source: 'registry', ...e });

describe('describeEvent', () => {
  it('says how a date moved, at the precision given', () => {
    expect(
      describeEvent(ev({ kind: 'date_changed', field: 'primaryCompletionDate', fromValue: { date: '2026-03', type: 'ESTIMATED' }, toValue: { date: '2026-09', type: 'ESTIMATED' } })),
    ).toBe('Primary completion moved from March 2026 (estimated) to September 2026 (estimated)');
  });
  it('says when an estimated start became actual', () => {
    expect(describeEvent(ev({ kind: 'started', field: 'startDate', fromValue: { date: '2024-03', type: 'ESTIMATED' }, toValue: { date: '2024-03', type: 'ACTUAL' } }))).toBe(
      'Start date of March 2024 is now actual',
    );
  });
  it('names statuses, phases and enrolment in words', () => {
    expect(describeEvent(ev({ kind: 'status_changed', field: 'overallStatus', fromValue: 'RECRUITING', toValue: 'ACTIVE_NOT_RECRUITING' }))).toBe(
      'Status changed from Recruiting to Active, not recruiting',
    );
    expect(describeEvent(ev({ kind: 'phase_changed', field: 'phase', fromValue: 'phase-2', toValue: 'phase-2-3' }))).toBe('Phase changed from Phase 2 to Phase 2/3');
    expect(describeEvent(ev({ kind: 'enrolment_changed', field: 'enrollment', fromValue: { count: 120, type: 'ESTIMATED' }, toValue: { count: 131, type: 'ACTUAL' } }))).toBe(
      'Enrolment changed from 120 (estimated) to 131 (actual)',
    );
  });
  it('counts sites added and removed', () => {
    expect(describeEvent(ev({ field: 'locations', fromValue: { removed: [{}] }, toValue: { added: [{}, {}] } }))).toBe('Trial sites changed: 2 added, 1 removed');
  });
  it('uses curated text as written', () => {
    expect(describeEvent(ev({ kind: 'status_changed', text: 'Recruitment status changed (registry version 2).', source: 'curation' }))).toBe(
      'Recruitment status changed (registry version 2).',
    );
  });
});
