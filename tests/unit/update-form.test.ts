// The coordinator's form as posted → the update the data layer parses. Empty means "clear", untouched
// sites are not sent, and a site error comes back to the control it is about.
import { describe, expect, it } from 'vitest';
import { formToUpdateInput } from '@/lib/trials/update-form';

describe('formToUpdateInput', () => {
  it('reads statuses, dates with their type, numbers and yes/no/not known', () => {
    const { input, errors } = formToUpdateInput(
      {
        overallStatus: 'RECRUITING',
        reason: '  First patient dosed ',
        phase: 'phase-3',
        'startDate.date': '2026-03',
        'startDate.type': 'ACTUAL',
        'completionDate.date': '',
        'enrollment.count': '120',
        'enrollment.type': 'ESTIMATED',
        maxMonthsSinceOnset: '',
        minVitalCapacityPct: '60',
        riluzoleAllowed: 'yes',
        edaravoneAllowed: 'unknown',
        plainSummary: '  ',
        note: '',
      },
      4,
    );
    expect(errors).toEqual({});
    expect(input).toEqual({
      version: 4,
      overallStatus: 'RECRUITING',
      reason: 'First patient dosed',
      phase: 'phase-3',
      startDate: { date: '2026-03', type: 'ACTUAL' },
      completionDate: null,
      enrollment: { count: 120, type: 'ESTIMATED' },
      maxMonthsSinceOnset: null,
      minVitalCapacityPct: 60,
      riluzoleAllowed: true,
      edaravoneAllowed: null,
      plainSummary: null,
    });
  });

  it('sends only what the person changed when the form says what it read (so saving over a newer version reverts nothing)', () => {
    const { input } = formToUpdateInput(
      {
        overallStatus: 'RECRUITING', 'orig.overallStatus': 'RECRUITING',
        phase: 'phase-3', 'orig.phase': 'phase-2',
        'startDate.date': '2026-03', 'orig.startDate.date': '2026-03', 'startDate.type': 'ACTUAL', 'orig.startDate.type': 'ESTIMATED',
        'enrollment.count': '60', 'orig.enrollment.count': '60', 'enrollment.type': 'ESTIMATED', 'orig.enrollment.type': 'ESTIMATED',
        plainSummary: 'Same words ', 'orig.plainSummary': 'Same words',
        riluzoleAllowed: 'yes', 'orig.riluzoleAllowed': 'yes',
      },
      7,
    );
    expect(input).toEqual({ version: 7, phase: 'phase-3', startDate: { date: '2026-03', type: 'ACTUAL' } });
  });

  it('sends only the sites whose status changed, and maps their errors back to the form control', () => {
    const { input, controlOf } = formToUpdateInput(
      {
        'sites.0.position': '0', 'sites.0.was': 'RECRUITING', 'sites.0.status': 'RECRUITING',
        'sites.1.position': '1', 'sites.1.was': '', 'sites.1.status': 'COMPLETED',
        'sites.2.position': '2', 'sites.2.was': 'RECRUITING', 'sites.2.status': 'WITHDRAWN',
      },
      1,
    );
    expect(input.sites).toEqual([{ position: 1, status: 'COMPLETED' }, { position: 2, status: 'WITHDRAWN' }]);
    expect(controlOf('sites.1.status')).toBe('sites.2.status');
    expect(controlOf('reason')).toBe('reason');
  });

  it('words what is not a number, and still passes it on so every other problem is reported too', () => {
    const { input, errors } = formToUpdateInput({ 'enrollment.count': '12a', minVitalCapacityPct: '-5' }, 1);
    expect(errors).toEqual({ 'enrollment.count': 'must be a whole number of people, like 60', minVitalCapacityPct: 'must be a whole number, or empty when not known' });
    expect(input.enrollment).toEqual({ count: '12a', type: undefined });
    expect(input.minVitalCapacityPct).toBe('-5');
  });
});
