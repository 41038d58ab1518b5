import { describe, expect, it } from 'vitest';
import { classifyTrial, detectRoutes, tagBiomarkers, type ClassifyInput } from '@/lib/trials/classify';

const input = (over: Partial<ClassifyInput>): ClassifyInput => ({ titles: [], conditions: ['ALS'], keywords: [], interventions: [], ...over });

describe('classifyTrial', () => {
  it('reads the -ersen stem of antisense drugs and says so', () => {
    const c = classifyTrial(input({ interventions: [{ type: 'DRUG', name: 'Examplersen' }] }));
    expect(c.modality).toBe('aso');
    expect(c.reason).toMatch(/-ersen/);
  });

  it('knows drugs whose names do not reveal their class or target', () => {
    expect(classifyTrial(input({ interventions: [{ type: 'DRUG', name: 'BIIB067' }] }))).toMatchObject({ modality: 'aso', genes: ['SOD1'] });
    expect(classifyTrial(input({ interventions: [{ type: 'DRUG', name: 'ION363' }] }))).toMatchObject({ modality: 'aso', genes: ['FUS'] });
    expect(classifyTrial(input({ interventions: [{ type: 'BIOLOGICAL', name: 'MSC-NTF cells' }] })).modality).toBe('stem-cell');
  });

  it('finds stem-cell, gene-therapy and immune trials by their words', () => {
    expect(classifyTrial(input({ titles: ['Autologous mesenchymal stem cells in ALS'] })).modality).toBe('stem-cell');
    expect(classifyTrial(input({ interventions: [{ type: 'GENETIC', name: 'AAV9 vector' }] })).modality).toBe('gene-therapy');
    expect(classifyTrial(input({ interventions: [{ type: 'DRUG', name: 'Masitinib' }] })).modality).toBe('immune');
    expect(classifyTrial(input({ titles: ['An anti-inflammatory approach'] })).modality).toBe('immune');
  });

  it('calls any other drug a small molecule, and anything else other', () => {
    expect(classifyTrial(input({ interventions: [{ type: 'DRUG', name: 'Riluzole' }] })).modality).toBe('small-molecule');
    expect(classifyTrial(input({ interventions: [{ type: 'DEVICE', name: 'Eye-gaze keyboard' }] })).modality).toBe('other');
  });

  it('ignores the placebo arm when classifying', () => {
    const c = classifyTrial(input({ interventions: [{ type: 'DRUG', name: 'Placebo' }, { type: 'DEVICE', name: 'Brace' }] }));
    expect(c.modality).toBe('other');
  });

  it('finds target genes in titles, conditions and keywords, not in prose elsewhere', () => {
    const c = classifyTrial(input({ titles: ['A study in SOD1-ALS and C9orf72 carriers'], keywords: ['UNC13A'], conditions: ['FUS-ALS'] }));
    expect(c.genes.sort()).toEqual(['C9orf72', 'FUS', 'SOD1', 'UNC13A']);
    expect(classifyTrial(input({ titles: ['Riluzole fus in Danish'] })).genes).toEqual([]);
  });
});

describe('tagBiomarkers', () => {
  it.each([
    ['Plasma neurofilament light (NfL)', ['neurofilament-light']],
    ['Total SOD1 protein in CSF', ['csf-sod1']],
    ['Cerebrospinal fluid poly(GP) levels', ['poly-gp']],
    ['Brain MRI volume', ['imaging']],
    ['ALSFRS-R total score', []],
  ])('%s', (measure, expected) => expect(tagBiomarkers({ measure })).toEqual(expected));
});

describe('detectRoutes', () => {
  it('reads routes from descriptions', () => {
    expect(detectRoutes([{ name: 'X', description: 'Administered by intrathecal bolus injection (lumbar puncture)' }])).toEqual(['intrathecal']);
    expect(detectRoutes([{ name: 'Y', description: 'Oral suspension' }, { name: 'Z', description: 'IV infusion' }])).toEqual(['oral', 'intravenous']);
  });
});
