import { describe, expect, it } from 'vitest';
import { compareSites, describeEvent, formatFieldValue, type DescribableEvent } from '@/lib/trials/describe-event';

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

  it("names a site whose status changed, and sums up several", () => {
    const boston = { facility: 'Hospital X', city: 'Boston', state: 'Massachusetts', country: 'United States' };
    const paris = { facility: null, city: 'Paris', state: null, country: 'France' };
    expect(describeEvent(ev({ field: 'locations', fromValue: { removed: [{ ...boston, status: 'NOT_YET_RECRUITING' }] }, toValue: { added: [{ ...boston, status: 'RECRUITING' }] } }))).toBe(
      'Site Hospital X, Boston: now recruiting',
    );
    expect(describeEvent(ev({ field: 'locations', fromValue: { removed: [{ ...paris, status: 'RECRUITING' }] }, toValue: { added: [{ ...paris, status: 'COMPLETED' }] } }))).toBe(
      'The site in Paris, France: now completed',
    );
    expect(
      describeEvent(
        ev({
          field: 'locations',
          fromValue: { removed: [{ ...boston, status: 'RECRUITING' }, { ...paris, status: 'RECRUITING' }] },
          toValue: { added: [{ ...boston, status: 'ACTIVE_NOT_RECRUITING' }, { ...paris, status: 'SUSPENDED' }, { facility: 'New Site', city: 'Lyon', status: 'NOT_YET_RECRUITING' }] },
        }),
      ),
    ).toBe('Trial sites changed: Hospital X, Boston now active, not recruiting; the site in Paris, France now suspended; 1 added');
  });

  it('says where the registry or curation differs from the coordinator, and what the coordinator confirmed', () => {
    expect(describeEvent(ev({ kind: 'source_differs', field: 'overallStatus', fromValue: 'RECRUITING', toValue: 'ACTIVE_NOT_RECRUITING' }))).toBe(
      "Status: ClinicalTrials.gov says Active, not recruiting; the trial's coordinator says Recruiting",
    );
    expect(
      describeEvent(
        ev({ kind: 'source_differs', field: 'primaryCompletionDate', fromValue: { date: '2026-09', type: 'ESTIMATED' }, toValue: { date: '2026-03', type: 'ACTUAL' } }),
      ),
    ).toBe("Primary completion: ClinicalTrials.gov says March 2026 (actual); the trial's coordinator says September 2026 (estimated)");
    expect(describeEvent(ev({ kind: 'source_differs', source: 'curation', field: 'maxMonthsSinceOnset', fromValue: 24, toValue: 18 }))).toBe(
      "Time since first symptoms allowed: the curated record says 18 months; the trial's coordinator says 24 months",
    );
    expect(
      describeEvent(
        ev({
          kind: 'source_differs',
          field: 'locations',
          fromValue: { removed: [{ facility: 'Hospital X', city: 'Boston', status: 'RECRUITING' }] },
          toValue: { added: [{ facility: 'Hospital X', city: 'Boston', status: 'COMPLETED' }, { facility: 'Y', city: 'Lyon', status: 'RECRUITING' }] },
        }),
      ),
    ).toBe("Trial sites: ClinicalTrials.gov and the trial's coordinator differ (Hospital X, Boston: completed per ClinicalTrials.gov, recruiting per the coordinator; 1 site listed only by ClinicalTrials.gov)");
    expect(describeEvent(ev({ kind: 'source_confirmed', source: 'coordinator', field: 'enrollment', fromValue: { count: 120, type: 'ESTIMATED' }, toValue: { count: 98, type: 'ACTUAL' } }))).toBe(
      "Enrolment: the trial's coordinator confirmed 98 (actual) over another source's 120 (estimated)",
    );
    expect(describeEvent(ev({ kind: 'source_confirmed', source: 'coordinator', field: 'phase', text: 'Stored sentence' }))).toBe('Stored sentence');
  });

  it('formats field values in words, long text whole when asked', () => {
    expect(formatFieldValue('enrollment', { count: 98, type: 'ACTUAL' })).toBe('98 (actual)');
    expect(formatFieldValue('completionDate', { date: null, type: null })).toBe('not given');
    expect(formatFieldValue('riluzoleAllowed', false)).toBe('no');
    const long = 'x'.repeat(100);
    expect(formatFieldValue('plainSummary', long)).toHaveLength(78);
    expect(formatFieldValue('plainSummary', long, { full: true })).toBe(long);
  });

  it('compares whole site lists by site, not by position', () => {
    const a = { facility: 'A', city: 'Boston', status: 'RECRUITING' };
    const b = { facility: 'B', city: 'Paris', status: 'RECRUITING' };
    expect(compareSites([a, b], [{ ...b, status: 'COMPLETED' }, a])).toEqual({ changed: [{ site: b, from: 'RECRUITING', to: 'COMPLETED' }], removed: [], added: [] });
  });
});
