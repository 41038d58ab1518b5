import { describe, expect, it } from 'vitest';
import { mapPhase, mapStudy, unescapeCommonMark } from '@/lib/ctgov/map';
import { studyRecordSchema } from '@/lib/ctgov/record';
import { study } from '../fixtures/ctgov/build';

const map = (record: unknown) => mapStudy(studyRecordSchema.parse(record));

describe('mapStudy', () => {
  it('maps every field the tracker keeps', () => {
    const t = map(study('NCT01234567', { protocolSection: { identificationModule: { acronym: 'TEST-1' }, descriptionModule: { briefSummary: 'A *short* summary\\.' } } }));
    expect(t).toMatchObject({
      nctId: 'NCT01234567',
      briefTitle: 'Test study NCT01234567',
      officialTitle: 'An official title for NCT01234567',
      acronym: 'TEST-1',
      briefSummary: 'A *short* summary.',
      phase: 'phase-2',
      overallStatus: 'RECRUITING',
      lastKnownStatus: null,
      studyType: 'INTERVENTIONAL',
      leadSponsor: 'Test Sponsor Inc.',
      collaborators: ['Test University'],
      conditions: ['Amyotrophic Lateral Sclerosis'],
      keywords: ['ALS'],
      startDate: '2024-03-01',
      startDateType: 'ACTUAL',
      primaryCompletionDate: '2026-03',
      primaryCompletionDateType: 'ESTIMATED',
      completionDate: '2027',
      completionDateType: 'ESTIMATED',
      firstPostedDate: '2024-01-15',
      lastUpdatePostedDate: '2025-01-10',
      hasResults: false,
      enrollmentCount: 120,
      enrollmentType: 'ESTIMATED',
      minimumAge: '18 Years',
      maximumAge: '80 Years',
      sex: 'ALL',
      healthyVolunteers: false,
      placebo: true,
    });
    expect(t.eligibilityCriteria).toContain('Age >= 18 years');
    expect(t.interventions).toEqual([
      { type: 'DRUG', name: 'Testamab', description: 'Oral tablet once daily', otherNames: [] },
      { type: 'DRUG', name: 'Placebo', description: 'Matching placebo', otherNames: [] },
    ]);
    expect(t.outcomes.map((o) => [o.kind, o.measure])).toEqual([
      ['primary', 'Change in ALSFRS-R total score'],
      ['secondary', 'Plasma neurofilament light chain (NfL) concentration'],
    ]);
    expect(t.locations[1]).toEqual({ facility: 'Hôpital de Test', city: 'Paris', state: null, country: 'France', status: 'NOT_YET_RECRUITING' });
  });

  it('keeps lastKnownStatus behind UNKNOWN, and only there', () => {
    const unknown = map(study('NCT01234567', { protocolSection: { statusModule: { overallStatus: 'UNKNOWN', lastKnownStatus: 'RECRUITING' } } }));
    expect([unknown.overallStatus, unknown.lastKnownStatus]).toEqual(['UNKNOWN', 'RECRUITING']);
    const completed = map(study('NCT01234567', { protocolSection: { statusModule: { overallStatus: 'COMPLETED', lastKnownStatus: 'RECRUITING' } } }));
    expect(completed.lastKnownStatus).toBeNull();
  });

  it('accepts a record with only its identification module', () => {
    const t = map({ protocolSection: { identificationModule: { nctId: 'nct00000001' } } });
    expect(t).toMatchObject({ nctId: 'NCT00000001', briefTitle: null, phase: null, overallStatus: null, startDate: null, enrollmentCount: null, placebo: null });
    expect([t.interventions, t.outcomes, t.locations, t.conditions]).toEqual([[], [], [], []]);
  });

  it('keeps partial dates and a missing date type as they are', () => {
    const t = map(study('NCT01234567', { protocolSection: { statusModule: { startDateStruct: { date: '2006-11', type: undefined } } } }));
    expect([t.startDate, t.startDateType]).toEqual(['2006-11', null]);
  });

  it('treats results as posted when the flag or a results date says so', () => {
    expect(map(study('NCT01234567', { hasResults: true })).hasResults).toBe(true);
    const dated = map(study('NCT01234567', { protocolSection: { statusModule: { resultsFirstPostDateStruct: { date: '2024-02-29', type: 'ACTUAL' } } } }));
    expect([dated.hasResults, dated.resultsFirstPostedDate]).toEqual([true, '2024-02-29']);
  });

  it('never infers "no placebo" from a record that simply does not mention one', () => {
    const open = map(study('NCT01234567', { protocolSection: { armsInterventionsModule: { armGroups: [{ label: 'Open', type: 'EXPERIMENTAL' }], interventions: [{ type: 'DRUG', name: 'Testamab' }] } } }));
    expect(open.placebo).toBeNull();
    const sham = map(study('NCT01234567', { protocolSection: { armsInterventionsModule: { armGroups: [{ label: 'Sham', type: 'SHAM_COMPARATOR' }], interventions: [{ type: 'PROCEDURE', name: 'Lumbar puncture' }] } } }));
    expect(sham.placebo).toBe(true);
  });

  it('rejects what it cannot trust, naming the field', () => {
    expect(() => studyRecordSchema.parse(study('NCT123'))).toThrow(/nctId/);
    const badPhase = studyRecordSchema.safeParse(study('NCT01234567', { protocolSection: { designModule: { phases: ['PHASE9'] } } }));
    expect(badPhase.success).toBe(false);
    const badDate = studyRecordSchema.safeParse(study('NCT01234567', { protocolSection: { statusModule: { startDateStruct: { date: 'March 2020' } } } }));
    expect(badDate.success).toBe(false);
    expect(studyRecordSchema.safeParse({ protocolSection: {} }).success).toBe(false);
  });
});

describe('mapPhase', () => {
  it.each([
    [['PHASE2', 'PHASE3'], 'phase-2-3'],
    [['PHASE1', 'PHASE2'], 'phase-1-2'],
    [['EARLY_PHASE1'], 'early-phase-1'],
    [['PHASE3'], 'phase-3'],
    [['PHASE4'], 'phase-4'],
    [['NA'], 'not-applicable'],
    [[], null],
    [undefined, null],
  ])('%j → %s', (phases, expected) => expect(mapPhase(phases)).toBe(expected));
});

describe('unescapeCommonMark', () => {
  it('removes backslash escapes and leaves other backslashes', () => {
    expect(unescapeCommonMark('FVC \\>= 60% \\* not a list; C:\\path')).toBe('FVC >= 60% * not a list; C:\\path');
  });
});
