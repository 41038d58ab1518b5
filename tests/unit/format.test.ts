import { describe, expect, it } from 'vitest';
import { formatDateWithType, formatPartialDate, statusText, statusTone } from '@/lib/trials/format';

describe('formatPartialDate', () => {
  it('says a date at the precision it has, never inventing a day', () => {
    expect(formatPartialDate('2026')).toBe('2026');
    expect(formatPartialDate('2026-03')).toBe('March 2026');
    expect(formatPartialDate('2026-03-04')).toBe('4 March 2026');
    expect(formatPartialDate(null)).toBeNull();
  });
  it('adds actual or estimated when known', () => {
    expect(formatDateWithType('2026-09', 'ESTIMATED')).toBe('September 2026 (estimated)');
    expect(formatDateWithType('2021-07-16', 'ACTUAL')).toBe('16 July 2021 (actual)');
    expect(formatDateWithType('2021', null)).toBe('2021');
  });
});

describe('status words', () => {
  it('names the last known status behind UNKNOWN', () => {
    expect(statusText('UNKNOWN', 'RECRUITING')).toBe('Unknown status (last known: Recruiting)');
    expect(statusText(null)).toBe('Status not given');
  });
  it('groups statuses into tones', () => {
    expect(statusTone('ENROLLING_BY_INVITATION')).toBe('recruiting');
    expect(statusTone('TERMINATED')).toBe('stopped');
    expect(statusTone('COMPLETED')).toBe('completed');
  });
});
