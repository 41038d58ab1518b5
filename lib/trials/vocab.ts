// The trial vocabulary: every enumerated value the tracker stores, with the words people read.
// Stored codes are stable identifiers (they appear in URLs and the API); labels may change.

export const MODALITIES = ['aso', 'immune', 'stem-cell', 'small-molecule', 'gene-therapy', 'other'] as const;
export type Modality = (typeof MODALITIES)[number];
export const MODALITY_LABELS: Record<Modality, string> = {
  aso: 'Antisense oligonucleotide (ASO)',
  immune: 'Anti-inflammatory / immune modulator',
  'stem-cell': 'Stem cell',
  'small-molecule': 'Small molecule',
  'gene-therapy': 'Gene therapy',
  other: 'Other',
};

// Genes are open-ended in principle; these are the ones the tracker knows how to recognise.
export const GENES = ['SOD1', 'C9orf72', 'TARDBP', 'FUS', 'UNC13A', 'ATXN2', 'TBK1', 'NEK1', 'KIF5A', 'OPTN'] as const;
export type Gene = (typeof GENES)[number];

export const PHASES = [
  'early-phase-1',
  'phase-1',
  'phase-1-2',
  'phase-2',
  'phase-2-3',
  'phase-3',
  'phase-4',
  'not-applicable',
] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = {
  'early-phase-1': 'Early phase 1',
  'phase-1': 'Phase 1',
  'phase-1-2': 'Phase 1/2',
  'phase-2': 'Phase 2',
  'phase-2-3': 'Phase 2/3',
  'phase-3': 'Phase 3',
  'phase-4': 'Phase 4',
  'not-applicable': 'Not applicable',
};

// Every overallStatus of ClinicalTrials.gov API v2 (Status enum in the OpenAPI file).
export const STATUSES = [
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'ENROLLING_BY_INVITATION',
  'ACTIVE_NOT_RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'COMPLETED',
  'WITHDRAWN',
  'UNKNOWN',
  'AVAILABLE',
  'NO_LONGER_AVAILABLE',
  'TEMPORARILY_NOT_AVAILABLE',
  'APPROVED_FOR_MARKETING',
  'WITHHELD',
] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  NOT_YET_RECRUITING: 'Not yet recruiting',
  RECRUITING: 'Recruiting',
  ENROLLING_BY_INVITATION: 'Enrolling by invitation',
  ACTIVE_NOT_RECRUITING: 'Active, not recruiting',
  SUSPENDED: 'Suspended',
  TERMINATED: 'Terminated',
  COMPLETED: 'Completed',
  WITHDRAWN: 'Withdrawn',
  UNKNOWN: 'Unknown status',
  AVAILABLE: 'Available (expanded access)',
  NO_LONGER_AVAILABLE: 'No longer available',
  TEMPORARILY_NOT_AVAILABLE: 'Temporarily not available',
  APPROVED_FOR_MARKETING: 'Approved for marketing',
  WITHHELD: 'Withheld',
};
/** Statuses under which a trial is taking new participants. */
export const RECRUITING_STATUSES: readonly Status[] = ['RECRUITING', 'NOT_YET_RECRUITING', 'ENROLLING_BY_INVITATION'];

/** Recruitment statuses of one site (ClinicalTrials.gov API v2 location status). */
export const SITE_STATUSES = [
  'RECRUITING',
  'NOT_YET_RECRUITING',
  'ENROLLING_BY_INVITATION',
  'ACTIVE_NOT_RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'COMPLETED',
  'WITHDRAWN',
] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
export const SITE_STATUS_LABELS: Record<SiteStatus, string> = {
  RECRUITING: 'Recruiting',
  NOT_YET_RECRUITING: 'Not yet recruiting',
  ENROLLING_BY_INVITATION: 'Enrolling by invitation',
  ACTIVE_NOT_RECRUITING: 'Active, not recruiting',
  SUSPENDED: 'Suspended',
  TERMINATED: 'Terminated',
  COMPLETED: 'Completed',
  WITHDRAWN: 'Withdrawn',
};

export const STUDY_TYPES = ['INTERVENTIONAL', 'OBSERVATIONAL', 'EXPANDED_ACCESS'] as const;
export type StudyType = (typeof STUDY_TYPES)[number];

export const DATE_TYPES = ['ACTUAL', 'ESTIMATED'] as const;
export type DateType = (typeof DATE_TYPES)[number];

export const ROUTES = ['intrathecal', 'oral', 'intravenous', 'subcutaneous', 'intramuscular', 'other'] as const;
export type Route = (typeof ROUTES)[number];

export const BIOMARKERS = [
  'neurofilament-light',
  'csf-sod1',
  'poly-gp',
  'imaging',
  'inflammation',
  'tdp-43',
  'electrophysiology',
] as const;
export type Biomarker = (typeof BIOMARKERS)[number];
export const BIOMARKER_LABELS: Record<Biomarker, string> = {
  'neurofilament-light': 'Neurofilament light (NfL)',
  'csf-sod1': 'SOD1 protein in spinal fluid',
  'poly-gp': 'Poly(GP) dipeptide',
  imaging: 'Imaging (MRI / PET)',
  inflammation: 'Inflammation markers',
  'tdp-43': 'TDP-43',
  electrophysiology: 'Electrophysiology (e.g. MUNE, EMG)',
};

export const LINK_RELATIONS = ['regimen', 'extension', 'follow-on', 'programme'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export const EVENT_KINDS = [
  'registered',
  'started',
  'status_changed',
  'phase_changed',
  'date_changed',
  'enrolment_changed',
  'results_posted',
  'record_updated',
  'note',
  // A claimed field: another source brings a different value than the trial's coordinator set, and a
  // coordinator keeps theirs over it (lib/trials/claims.ts).
  'source_differs',
  'source_confirmed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_SOURCES = ['registry', 'coordinator', 'curation'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const NCT_ID = /^NCT\d{8}$/;
