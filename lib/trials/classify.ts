// Transparent rules that classify a trial's modality, target genes and the biomarkers its outcomes
// measure. Each rule says why it fired, and the reason is stored beside the trial. A curated value
// always wins over these rules (see lib/trials/import.ts). Rules are ordered: the first that fires wins.
import type { Biomarker, Gene, Modality } from './vocab';

export type ClassifyInput = {
  titles: string[];
  conditions: string[];
  keywords: string[];
  interventions: { type?: string | null; name: string; otherNames?: string[]; description?: string | null }[];
};

export type Classification = { modality: Modality; genes: Gene[]; reason: string };

/** Drugs whose class and target the stem alone does not reveal; each entry is a public fact. */
const KNOWN_DRUGS: { pattern: RegExp; modality: Modality; genes: Gene[]; what: string }[] = [
  { pattern: /\btofersen\b|\bBIIB067\b|\bQalsody\b/i, modality: 'aso', genes: ['SOD1'], what: 'tofersen, an antisense drug against SOD1' },
  { pattern: /\bBIIB078\b/i, modality: 'aso', genes: ['C9orf72'], what: 'BIIB078, an antisense drug against C9orf72' },
  { pattern: /\bWVE-004\b/i, modality: 'aso', genes: ['C9orf72'], what: 'WVE-004, an antisense drug against C9orf72' },
  { pattern: /\bION363\b|\bjacifusen\b|\bulefnersen\b/i, modality: 'aso', genes: ['FUS'], what: 'ION363 (ulefnersen), an antisense drug against FUS' },
  { pattern: /\bNurOwn\b|\bMSC-NTF\b/i, modality: 'stem-cell', genes: [], what: 'NurOwn (MSC-NTF), mesenchymal stem cells' },
];

const ASO_STEM = /\b[a-z]+ersen\b/i;
const ASO_WORDS = /\bantisense\b|\boligonucleotides?\b|\bASOs?\b/i;
const GENE_THERAPY = /\bgene therapy\b|\bAAV\d*\b|\badeno-associated\b|\bviral vector\b|\bsiRNA\b|\bmicroRNA\b|\bmiRNA\b/i;
const STEM_CELL = /\bstem[- ]cells?\b|\bmesenchymal\b|\bprogenitor cells?\b|\bMSCs?\b|\bcell therapy\b|\biPSC/i;
const IMMUNE =
  /anti-?inflammatory|\bimmun[a-z]*|\bmasitinib\b|\bibudilast\b|\bcomplement\b|\bzilucoplan\b|\bravulizumab\b|\bmicroglia|\bregulatory T|\bT-?regs?\b|\binterleukin|\bIL-\d+\b|\bTNF\b|\btocilizumab\b|\banakinra\b|\bfingolimod\b/i;
const PLACEBO = /^\s*(matching\s+)?placebo\b|\bplacebo\s*(comparator|control)?\s*$|\bsaline\b|\bsham\b/i;

const GENE_RULES: { gene: Gene; pattern: RegExp }[] = [
  { gene: 'SOD1', pattern: /\bSOD-?1\b/i },
  { gene: 'C9orf72', pattern: /\bC9orf72\b|\bC9-ALS\b|\bC9ALS\b/i },
  { gene: 'TARDBP', pattern: /\bTARDBP\b/i },
  // "FUS" in capitals only: the lower-case word is too common in other languages' abstracts.
  { gene: 'FUS', pattern: /\bFUS(-ALS)?\b/ },
  { gene: 'UNC13A', pattern: /\bUNC13A\b/i },
  { gene: 'ATXN2', pattern: /\bATXN2\b|\bataxin-?2\b/i },
];

function isPlacebo(name: string): boolean {
  return PLACEBO.test(name);
}

export function classifyTrial(input: ClassifyInput): Classification {
  const active = input.interventions.filter((i) => !isPlacebo(i.name));
  const names = active.flatMap((i) => [i.name, ...(i.otherNames ?? [])]);
  const text = [...input.titles, ...input.keywords, ...names, ...active.map((i) => i.description ?? '')].join(' \n ');

  const genes = new Set<Gene>();
  const geneText = [...input.titles, ...input.conditions, ...input.keywords, ...names].join(' \n ');
  for (const rule of GENE_RULES) if (rule.pattern.test(geneText)) genes.add(rule.gene);

  const nameText = names.join(' ');
  const titleText = input.titles.join(' ');
  const known = KNOWN_DRUGS.find((d) => d.pattern.test(nameText) || d.pattern.test(titleText));
  if (known) {
    known.genes.forEach((g) => genes.add(g));
    return { modality: known.modality, genes: [...genes], reason: `Known drug: ${known.what}.` };
  }
  const stem = names.map((n) => n.match(ASO_STEM)?.[0]).find(Boolean);
  if (stem) return { modality: 'aso', genes: [...genes], reason: `Intervention "${stem}" has the -ersen stem of antisense drugs.` };
  if (ASO_WORDS.test(text)) return { modality: 'aso', genes: [...genes], reason: 'Title or intervention mentions antisense oligonucleotides.' };
  if (GENE_THERAPY.test(text) || active.some((i) => i.type === 'GENETIC'))
    return { modality: 'gene-therapy', genes: [...genes], reason: 'Genetic intervention or gene-therapy terms (AAV, vector, siRNA).' };
  const cell = text.match(STEM_CELL)?.[0];
  if (cell) return { modality: 'stem-cell', genes: [...genes], reason: `Mentions "${cell}".` };
  const immune = text.match(IMMUNE)?.[0];
  if (immune) return { modality: 'immune', genes: [...genes], reason: `Mentions "${immune}", an anti-inflammatory or immune mechanism.` };
  if (active.some((i) => i.type === 'DRUG'))
    return { modality: 'small-molecule', genes: [...genes], reason: 'A drug intervention that no more specific rule matched.' };
  return { modality: 'other', genes: [...genes], reason: 'No rule matched.' };
}

const BIOMARKER_RULES: { biomarker: Biomarker; pattern: RegExp }[] = [
  { biomarker: 'neurofilament-light', pattern: /neurofilament|\bNfL\b|\bNF-L\b|\bpNfH\b/i },
  { biomarker: 'csf-sod1', pattern: /\bSOD-?1\b.{0,40}\b(CSF|cerebrospinal)|\b(CSF|cerebrospinal)\b.{0,40}\bSOD-?1\b/i },
  { biomarker: 'poly-gp', pattern: /poly\s*\(?\s*GP\s*\)?|\bdipeptide repeat/i },
  { biomarker: 'imaging', pattern: /\bMRI\b|\bPET\b|magnetic resonance|\bimaging\b|\bDTI\b/i },
  { biomarker: 'inflammation', pattern: /inflammat|cytokine|\bCRP\b|\bIL-\d+\b|chitotriosidase|\bCHIT1\b/i },
  { biomarker: 'tdp-43', pattern: /\bTDP-?43\b/i },
  { biomarker: 'electrophysiology', pattern: /\bMUNE\b|\bMUNIX\b|\bCMAP\b|\bEMG\b|electrophysiolog/i },
];

/** Biomarkers an outcome measure is about, from its measure and description. */
export function tagBiomarkers(outcome: { measure: string; description?: string | null }): Biomarker[] {
  const text = `${outcome.measure} ${outcome.description ?? ''}`;
  return BIOMARKER_RULES.filter((r) => r.pattern.test(text)).map((r) => r.biomarker);
}

/** The route of administration, from intervention descriptions. Curated burden facts win. */
export function detectRoutes(interventions: { name: string; description?: string | null }[]): ('intrathecal' | 'oral' | 'intravenous' | 'subcutaneous' | 'intramuscular')[] {
  const text = interventions.map((i) => `${i.name} ${i.description ?? ''}`).join(' ');
  const routes: ('intrathecal' | 'oral' | 'intravenous' | 'subcutaneous' | 'intramuscular')[] = [];
  if (/intrathecal|lumbar puncture/i.test(text)) routes.push('intrathecal');
  if (/\boral(ly)?\b|\btablets?\b|\bcapsules?\b|by mouth/i.test(text)) routes.push('oral');
  if (/intravenous|\bIV\b|infusion/i.test(text)) routes.push('intravenous');
  if (/subcutaneous/i.test(text)) routes.push('subcutaneous');
  if (/intramuscular/i.test(text)) routes.push('intramuscular');
  return routes;
}
