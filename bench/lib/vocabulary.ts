// Words the synthetic trials are written with: drug names by kind of treatment (real ALS drug names, so
// full-text search has familiar hits, plus made-up names built from the same stems), sponsors, places,
// outcome measures with the biomarkers they measure, and sentences for titles and summaries.
// Sponsors and sites are invented: a synthetic trial is never attributed to a real organisation.
import type { Biomarker, Gene, Modality, Route } from '@/lib/trials/vocab';
import { Random, type Weighted } from './random';

export const CONDITION = 'Amyotrophic Lateral Sclerosis';

/** Real drug names, by the modality the tracker's classifier would give them. */
export const KNOWN_DRUGS: Record<Modality, readonly string[]> = {
  'small-molecule': [
    'riluzole', 'edaravone', 'sodium phenylbutyrate', 'taurursodiol', 'pridopidine', 'verdiperstat', 'tideglusib', 'fasudil',
    'trehalose', 'methylcobalamin', 'reldesemtiv', 'rapamycin', 'ropinirole', 'bosutinib', 'memantine', 'tamoxifen',
    'lithium carbonate', 'dexpramipexole', 'ceftriaxone', 'arimoclomol', 'levosimendan', 'mexiletine', 'retigabine',
    'deferiprone', 'guanabenz', 'perampanel', 'baclofen', 'dextromethorphan', 'quinidine', 'nuedexta', 'creatine',
  ],
  aso: ['tofersen', 'ulefnersen', 'BIIB078', 'BIIB105', 'WVE-004', 'ION541'],
  immune: ['masitinib', 'ibudilast', 'zilucoplan', 'ravulizumab', 'tocilizumab', 'anakinra', 'fingolimod', 'low-dose interleukin-2', 'regulatory T cells'],
  'stem-cell': ['NurOwn (MSC-NTF cells)', 'lenzumestrocel', 'autologous mesenchymal stem cells', 'neural progenitor cells', 'umbilical cord mesenchymal stem cells'],
  'gene-therapy': ['AAV9 SOD1 silencing vector', 'AAV-miR-SOD1', 'AMT-162', 'AAVrh10 anti-SOD1 microRNA', 'AAV9 GDNF gene therapy'],
  other: [
    'non-invasive ventilation', 'diaphragm pacing', 'resistance exercise programme', 'brain-computer interface', 'high-calorie diet',
    'transcranial magnetic stimulation', 'speech therapy app', 'mechanical insufflation-exsufflation', 'gastrostomy',
    'telehealth clinic visits', 'wearable activity sensor', 'palliative care consultation', 'voice banking',
  ],
};

const STEMS: Record<Modality, readonly string[]> = {
  'small-molecule': ['tinib', 'pamide', 'stat', 'azole', 'ridone', 'ciclib', 'dipine', 'oxetine', 'lukast', 'profen', 'xaban', 'sartan'],
  aso: ['ersen'],
  immune: ['umab', 'zumab', 'ximab', 'cept', 'limus'],
  'stem-cell': ['-cel', 'temcel', 'strocel'],
  'gene-therapy': ['gene', 'vec', 'parvovec'],
  other: [],
};
const SYLLABLES = ['ta', 'ro', 'vi', 'ze', 'mo', 'la', 'ni', 'cu', 'fe', 'so', 'pra', 'bel', 'dor', 'kan', 'lin', 'mar', 'nel', 'ost', 'ril', 'tev', 'zan', 've', 'qui', 'sa'];

/** Made-up drug names with real stems (tofersen's -ersen, -tinib, -umab …), a fixed set per seed. */
export function inventDrugNames(seed: number, perModality = 120): Record<Modality, string[]> {
  const rng = new Random(seed, 'drug-names');
  const out = {} as Record<Modality, string[]>;
  for (const modality of Object.keys(STEMS) as Modality[]) {
    const stems = STEMS[modality];
    const names = new Set<string>();
    while (stems.length && names.size < perModality) {
      const parts = rng.int(2, 3);
      let name = '';
      for (let i = 0; i < parts; i++) name += rng.pick(SYLLABLES);
      names.add(name + rng.pick(stems));
    }
    out[modality] = [...names];
  }
  return out;
}

/** "ABX-1234": a sponsor's code for a compound. */
export function codeName(rng: Random): string {
  const letters = 'ABCDEFGHJKLMNPRSTVWXZ';
  let prefix = '';
  for (let i = rng.int(2, 4); i > 0; i--) prefix += letters[rng.int(0, letters.length - 1)];
  return `${prefix}-${rng.int(100, 9999)}`;
}

export const ROUTES_BY_MODALITY: Record<Modality, Weighted<Route[]>> = {
  'small-molecule': [[['oral'], 80], [['intravenous'], 12], [['oral', 'intravenous'], 5], [['subcutaneous'], 3]],
  aso: [[['intrathecal'], 100]],
  immune: [[['intravenous'], 45], [['subcutaneous'], 35], [['oral'], 20]],
  'stem-cell': [[['intrathecal'], 60], [['intramuscular'], 25], [['intrathecal', 'intramuscular'], 15]],
  'gene-therapy': [[['intrathecal'], 70], [['intravenous'], 30]],
  other: [[[], 70], [['other'], 30]],
};

export const INTERVENTION_TYPES: Record<Modality, Weighted<string>> = {
  'small-molecule': [['DRUG', 95], ['DIETARY_SUPPLEMENT', 5]],
  aso: [['DRUG', 100]],
  immune: [['DRUG', 70], ['BIOLOGICAL', 30]],
  'stem-cell': [['BIOLOGICAL', 90], ['PROCEDURE', 10]],
  'gene-therapy': [['GENETIC', 60], ['BIOLOGICAL', 40]],
  other: [['DEVICE', 30], ['BEHAVIORAL', 30], ['PROCEDURE', 15], ['OTHER', 20], ['DIAGNOSTIC_TEST', 5]],
};

export const MECHANISMS: Record<Modality, readonly string[]> = {
  'small-molecule': ['Glutamate release inhibitor', 'Free-radical scavenger reducing oxidative stress', 'Fast skeletal muscle troponin activator', 'Integrated stress response modulator', 'Sigma-1 receptor agonist', 'Myeloperoxidase inhibitor', 'Autophagy enhancer', 'Kinase inhibitor protecting motor neurons'],
  aso: ['Antisense oligonucleotide that lowers SOD1 protein', 'Antisense oligonucleotide that lowers C9orf72 repeat RNA', 'Antisense oligonucleotide that lowers FUS protein', 'Antisense oligonucleotide that lowers ataxin-2'],
  immune: ['Tyrosine kinase inhibitor acting on microglia and mast cells', 'Phosphodiesterase inhibitor reducing neuroinflammation', 'Complement C5 inhibitor', 'Expands regulatory T cells', 'Interleukin-6 receptor antibody'],
  'stem-cell': ['Mesenchymal stem cells secreting neurotrophic factors', 'Neural progenitor cells releasing GDNF', 'Cell therapy supporting motor neurons'],
  'gene-therapy': ['AAV vector delivering a microRNA against SOD1', 'AAV vector delivering a growth factor gene', 'Viral vector silencing the mutant gene'],
  other: ['Supports breathing at night', 'Keeps muscles active', 'Improves nutrition and weight', 'Restores communication'],
};

export const GENE_WEIGHTS: Record<'aso' | 'gene-therapy' | 'other', Weighted<Gene>> = {
  aso: [['SOD1', 40], ['C9orf72', 30], ['FUS', 12], ['ATXN2', 10], ['UNC13A', 4], ['TARDBP', 4]],
  'gene-therapy': [['SOD1', 45], ['C9orf72', 25], ['TARDBP', 10], ['FUS', 10], ['OPTN', 5], ['TBK1', 5]],
  other: [['SOD1', 25], ['C9orf72', 25], ['TARDBP', 10], ['FUS', 8], ['UNC13A', 7], ['ATXN2', 6], ['TBK1', 6], ['NEK1', 5], ['KIF5A', 5], ['OPTN', 3]],
};

export const EXTRA_CONDITIONS = ['ALS', 'Motor Neuron Disease', 'Frontotemporal Dementia', 'Lou Gehrig Disease', 'Primary Lateral Sclerosis', 'Progressive Muscular Atrophy', 'Neurodegenerative Diseases'];
export const KEYWORDS = ['ALS', 'MND', 'neurodegeneration', 'motor neuron', 'ALSFRS-R', 'biomarker', 'neurofilament', 'respiratory function', 'bulbar', 'familial ALS', 'sporadic ALS', 'disease progression', 'survival', 'quality of life', 'natural history', 'platform trial', 'expanded access', 'genetic testing', 'caregiver'];

/** Outcome measures, each with the biomarkers its words name (as lib/trials/classify.ts would find them). */
export const OUTCOMES: readonly { measure: string; biomarkers: Biomarker[]; weight: number }[] = [
  { measure: 'Change from baseline in ALSFRS-R total score', biomarkers: [], weight: 30 },
  { measure: 'Change in slow vital capacity (SVC) percent predicted', biomarkers: [], weight: 14 },
  { measure: 'Number of participants with treatment-emergent adverse events', biomarkers: [], weight: 20 },
  { measure: 'Time to death or permanent assisted ventilation', biomarkers: [], weight: 8 },
  { measure: 'Combined Assessment of Function and Survival (CAFS)', biomarkers: [], weight: 5 },
  { measure: 'Muscle strength by hand-held dynamometry', biomarkers: [], weight: 6 },
  { measure: 'ALS Assessment Questionnaire (ALSAQ-40) score', biomarkers: [], weight: 5 },
  { measure: 'Maximum plasma concentration (Cmax)', biomarkers: [], weight: 6 },
  { measure: 'Plasma neurofilament light chain (NfL) concentration', biomarkers: ['neurofilament-light'], weight: 12 },
  { measure: 'Cerebrospinal fluid neurofilament light chain concentration', biomarkers: ['neurofilament-light'], weight: 5 },
  { measure: 'Total SOD1 protein concentration in cerebrospinal fluid (CSF)', biomarkers: ['csf-sod1'], weight: 2 },
  { measure: 'Poly(GP) dipeptide repeat protein in CSF', biomarkers: ['poly-gp'], weight: 1 },
  { measure: 'Brain MRI diffusion tensor imaging (DTI) of the corticospinal tract', biomarkers: ['imaging'], weight: 3 },
  { measure: 'Microglial activation on PET imaging', biomarkers: ['imaging', 'inflammation'], weight: 1 },
  { measure: 'Serum inflammatory cytokines (IL-6, TNF)', biomarkers: ['inflammation'], weight: 3 },
  { measure: 'CSF chitotriosidase (CHIT1) activity', biomarkers: ['inflammation'], weight: 1 },
  { measure: 'Phosphorylated TDP-43 in skin biopsy', biomarkers: ['tdp-43'], weight: 1 },
  { measure: 'Motor unit number estimation (MUNE)', biomarkers: ['electrophysiology'], weight: 3 },
  { measure: 'Compound muscle action potential (CMAP) amplitude on EMG', biomarkers: ['electrophysiology'], weight: 2 },
];

export const TIME_FRAMES = ['Baseline to Week 24', 'Baseline to Week 28', 'Baseline to Month 12', 'Up to 52 weeks', 'Day 1 to Day 85', 'Baseline, Month 3, Month 6', 'Up to 18 months', 'Week 48', 'Up to 5 years'];

export const WHY_STOPPED = [
  'Sponsor decision', 'Futility at the interim analysis', 'Slow enrolment', 'Funding ended', 'Drug supply interrupted',
  'Safety review by the data monitoring committee', 'Study never started', 'Principal investigator left the institution', 'Business reasons',
];

export const NOTES = [
  'Screening visits are booked about six weeks ahead; please contact the site coordinator early.',
  'The sponsor has opened an open-label extension for participants who complete the main study.',
  'Recruitment at the northern sites is paused over the holiday period.',
  'Travel costs to study visits can be reimbursed; ask the site team.',
  'Participants may keep taking riluzole during the study.',
  'Results of the first cohort were presented at the annual ALS meeting.',
  'A home-visit option is now available for some follow-up visits.',
];

export const ACRONYMS = ['PHOENIX', 'VALOR', 'ATLAS', 'HEALEY', 'ADORE', 'CENTAUR', 'ASCEND', 'LIGHTHOUSE', 'MAGNET', 'TRICALS', 'EXPERTS', 'RESOLVE', 'ORION', 'HORIZON', 'BEACON', 'SUMMIT', 'COURAGE', 'ANCHOR', 'EMBER', 'TIDE'];

const FIRST_NAMES = ['Alex', 'Sam', 'Maria', 'Jun', 'Priya', 'Olu', 'Noah', 'Lena', 'Mateo', 'Aisha', 'Erik', 'Mei', 'Tom', 'Sofia', 'Ravi', 'Grace', 'Lucas', 'Hana', 'Omar', 'Ingrid'];
const LAST_NAMES = ['Morgan', 'Okafor', 'Schmidt', 'Tanaka', 'Rossi', 'Kowalski', 'Haddad', 'Nguyen', 'Silva', 'Jensen', 'Dubois', 'Patel', 'Cohen', 'Murphy', 'Larsen', 'Moreau', 'Fischer', 'Ito', 'Garcia', 'Novak'];
export const personName = (rng: Random) => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;

/** Countries as the registry spells them, weighted like ALS trial sites (the United States far ahead). */
export const COUNTRY_WEIGHTS: Weighted<string> = [
  ['United States', 40], ['France', 6], ['Germany', 5], ['Italy', 5], ['United Kingdom', 5], ['Canada', 5], ['China', 5], ['Japan', 4],
  ['Spain', 3], ['Netherlands', 3], ['Australia', 2], ['Belgium', 2], ['Israel', 2], ['Korea, Republic of', 2], ['Sweden', 1.5],
  ['Switzerland', 1.5], ['Brazil', 1.5], ['Ireland', 1], ['Poland', 1], ['Denmark', 1], ['Iran, Islamic Republic of', 1], ['Turkey', 1],
  ['India', 1], ['Taiwan', 1], ['Russian Federation', 0.5], ['Mexico', 0.5], ['Norway', 0.5], ['Portugal', 0.5], ['Argentina', 0.5],
];

const CITIES: Record<string, readonly (readonly [string, string | null])[]> = {
  'United States': [
    ['Boston', 'Massachusetts'], ['New York', 'New York'], ['Baltimore', 'Maryland'], ['Philadelphia', 'Pennsylvania'], ['Chicago', 'Illinois'],
    ['Houston', 'Texas'], ['Dallas', 'Texas'], ['Los Angeles', 'California'], ['San Francisco', 'California'], ['Stanford', 'California'],
    ['Seattle', 'Washington'], ['Phoenix', 'Arizona'], ['Atlanta', 'Georgia'], ['Miami', 'Florida'], ['Jacksonville', 'Florida'],
    ['Rochester', 'Minnesota'], ['Ann Arbor', 'Michigan'], ['Columbus', 'Ohio'], ['Cleveland', 'Ohio'], ['St Louis', 'Missouri'],
    ['Kansas City', 'Kansas'], ['Denver', 'Colorado'], ['Salt Lake City', 'Utah'], ['Nashville', 'Tennessee'], ['Charlotte', 'North Carolina'],
    ['Durham', 'North Carolina'], ['Pittsburgh', 'Pennsylvania'], ['Burlington', 'Vermont'], ['Portland', 'Oregon'], ['Milwaukee', 'Wisconsin'],
  ],
  France: [['Paris', null], ['Lyon', null], ['Marseille', null], ['Lille', null], ['Montpellier', null], ['Tours', null], ['Limoges', null], ['Nice', null]],
  Germany: [['Berlin', null], ['Ulm', null], ['Munich', null], ['Hannover', null], ['Bochum', null], ['Dresden', null], ['Jena', null], ['Göttingen', null]],
  Italy: [['Milan', null], ['Turin', null], ['Rome', null], ['Padova', null], ['Modena', null], ['Naples', null], ['Genova', null]],
  'United Kingdom': [['London', null], ['Sheffield', null], ['Oxford', null], ['Edinburgh', null], ['Manchester', null], ['Cambridge', null], ['Liverpool', null]],
  Canada: [['Toronto', 'Ontario'], ['Montreal', 'Quebec'], ['Vancouver', 'British Columbia'], ['Calgary', 'Alberta'], ['Edmonton', 'Alberta'], ['Ottawa', 'Ontario']],
  China: [['Beijing', null], ['Shanghai', null], ['Guangzhou', null], ['Chengdu', null], ['Wuhan', null], ['Hangzhou', null]],
  Japan: [['Tokyo', null], ['Nagoya', null], ['Osaka', null], ['Sendai', null], ['Kyoto', null], ['Tokushima', null]],
  Spain: [['Madrid', null], ['Barcelona', null], ['Valencia', null], ['Sevilla', null]],
  Netherlands: [['Utrecht', null], ['Amsterdam', null], ['Maastricht', null], ['Nijmegen', null]],
  Australia: [['Sydney', 'New South Wales'], ['Melbourne', 'Victoria'], ['Brisbane', 'Queensland'], ['Perth', 'Western Australia']],
  Belgium: [['Leuven', null], ['Brussels', null], ['Ghent', null]],
  Israel: [['Tel Aviv', null], ['Jerusalem', null], ['Haifa', null]],
  'Korea, Republic of': [['Seoul', null], ['Busan', null], ['Daegu', null]],
  Sweden: [['Stockholm', null], ['Umeå', null], ['Gothenburg', null]],
  Switzerland: [['Zurich', null], ['Basel', null], ['St. Gallen', null]],
  Brazil: [['São Paulo', null], ['Rio de Janeiro', null], ['Porto Alegre', null]],
  Ireland: [['Dublin', null], ['Cork', null]],
  Poland: [['Warsaw', null], ['Kraków', null]],
  Denmark: [['Copenhagen', null], ['Aarhus', null]],
  'Iran, Islamic Republic of': [['Tehran', null], ['Shiraz', null]],
  Turkey: [['Istanbul', null], ['Ankara', null]],
  India: [['New Delhi', null], ['Bengaluru', null], ['Mumbai', null]],
  Taiwan: [['Taipei', null], ['Taichung', null]],
  'Russian Federation': [['Moscow', null], ['Saint Petersburg', null]],
  Mexico: [['Mexico City', null], ['Monterrey', null]],
  Norway: [['Oslo', null], ['Bergen', null]],
  Portugal: [['Lisbon', null], ['Porto', null]],
  Argentina: [['Buenos Aires', null], ['Córdoba', null]],
};

export function citiesOf(country: string): readonly (readonly [string, string | null])[] {
  return CITIES[country] ?? [['Capital City', null]];
}

const FACILITY_PATTERNS = ['{city} University Hospital', '{city} ALS Center', '{city} Neuromuscular Clinic', 'Neurology Research Unit, {city}', '{city} General Hospital', "{city} Children's and Adults' Hospital", 'Motor Neuron Disease Clinic of {city}'];
/** One of a few invented facilities per city, so the same site recurs across trials as real sites do. */
export const facilityName = (rng: Random, city: string) => rng.pick(FACILITY_PATTERNS).replace('{city}', city);

const SPONSOR_PLACES = ['Northbridge', 'Eastvale', 'Lakeside', 'Westmoor', 'Riverton', 'Highfield', 'Southport', 'Kingsford', 'Ashby', 'Greenhill', 'Fairhaven', 'Stonebridge'];
const COMPANY_SUFFIXES = ['Therapeutics', 'Pharmaceuticals', 'Bio', 'Biosciences', 'Neuroscience', 'Pharma', 'Genetics', 'Medicines'];
/** Invented sponsors: universities, hospitals, networks and companies. */
export function inventSponsors(seed: number, count = 400): string[] {
  const rng = new Random(seed, 'sponsors');
  const names = new Set<string>();
  while (names.size < count) {
    const kind = rng.int(0, 5);
    const place = rng.pick(SPONSOR_PLACES);
    if (kind === 0) names.add(`University of ${place}`);
    else if (kind === 1) names.add(`${place} Medical Center`);
    else if (kind === 2) names.add(`${place} ALS Research Network`);
    else names.add(`${rng.pick(SYLLABLES).replace(/^./, (c) => c.toUpperCase())}${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)} ${rng.pick(COMPANY_SUFFIXES)}`);
  }
  return [...names];
}

/** Sentence templates for registry summaries; {drug}, {gene}, {measure}, {n}, {weeks} are filled per trial. */
export const SUMMARY_SENTENCES = [
  'This study will evaluate the safety, tolerability and efficacy of {drug} in adults with amyotrophic lateral sclerosis (ALS).',
  'Participants will be randomly assigned to receive {drug} or placebo for {weeks} weeks, followed by an optional open-label extension.',
  'The primary objective is to assess the effect of {drug} on {measure}.',
  'ALS is a progressive neurodegenerative disease affecting upper and lower motor neurons, leading to weakness, paralysis and respiratory failure.',
  'Approximately {n} participants will be enrolled at sites in North America and Europe.',
  'Secondary objectives include pharmacokinetics, changes in plasma and cerebrospinal fluid neurofilament light chain, and survival.',
  'People with a confirmed {gene} mutation may be eligible for a dedicated cohort.',
  'Participants continue their standard care, including riluzole and edaravone where prescribed.',
  'Study visits take place every four weeks and include breathing tests, muscle strength measurements and blood samples.',
  'A lumbar puncture is performed at baseline and at week {weeks} to collect cerebrospinal fluid.',
  'The trial uses a Bayesian adaptive design with shared placebo across regimens of the platform.',
  'Disease progression is measured with the revised ALS Functional Rating Scale (ALSFRS-R) and slow vital capacity.',
  'Remote assessments by video and home spirometry reduce the number of clinic visits.',
  'An independent data and safety monitoring board reviews unblinded safety data at regular intervals.',
  'This natural history study follows people with ALS and presymptomatic carriers of {gene} variants over time.',
  'Biomarkers of neurodegeneration and neuroinflammation will be measured to understand how {drug} works.',
  'Preclinical models showed that {drug} protects motor neurons from excitotoxicity and oxidative stress.',
  'Eligible participants have had symptoms for less than {months} months and a slow vital capacity of at least 60% of predicted.',
  'The dose of {drug} is escalated in sequential cohorts after review of safety data.',
  'Quality of life, caregiver burden and health-economic outcomes are collected with validated questionnaires.',
  'Electrophysiology, including motor unit number estimation, is used as an exploratory measure of motor neuron loss.',
  'Genetic testing is offered to all participants, and results are returned through a genetic counsellor.',
];

export const ELIGIBILITY_INCLUSION = [
  'Diagnosis of ALS according to the revised El Escorial or Gold Coast criteria',
  'Age 18 years or older',
  'Onset of weakness within the last 24 months',
  'Slow vital capacity of at least 60% of predicted',
  'Stable dose of riluzole for at least 30 days, or not taking riluzole',
  'Able to swallow capsules',
  'Confirmed pathogenic SOD1 or C9orf72 variant (genetic cohort only)',
  'Willing to undergo lumbar punctures',
  'Caregiver available to attend visits',
];
export const ELIGIBILITY_EXCLUSION = [
  'Tracheostomy or permanent assisted ventilation',
  'Participation in another interventional trial within 30 days',
  'Significant cognitive impairment that prevents informed consent',
  'Pregnancy or breastfeeding',
  'Active infection, cancer or unstable cardiac disease',
  'Contraindication to MRI',
  'Known hypersensitivity to the study drug',
  'Use of edaravone within 14 days of screening',
];

/** Search terms known to hit, from rare to every trial: what the benchmark's search scenarios type. */
export const SEARCH_TERMS = ['tofersen', 'riluzole', 'edaravone', 'masitinib', 'neurofilament', 'stem cell', 'gene therapy', 'SOD1', 'C9orf72', 'placebo', 'amyotrophic'];
