// The parts of a ClinicalTrials.gov API v2 study record the tracker reads, parsed with zod.
// Real records are full of gaps: every module but identificationModule may be missing, dates are
// partial, types are absent. Unknown keys pass but are left out of the result (mapStudy reads only these;
// copying the rest, a record's contacts and results, was a fifth of parsing), values we use are checked.
import { z } from 'zod';
import { NCT_ID, STATUSES } from '@/lib/trials/vocab';

export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const str = z.string();
const strList = z.array(z.string());
const dateStruct = z.object({
  date: z.string().regex(PARTIAL_DATE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD'),
  type: z.enum(['ACTUAL', 'ESTIMATED']).optional(),
});

export const CTGOV_PHASES = ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'] as const;

export const studyRecordSchema = z.object({
  protocolSection: z.object({
    identificationModule: z.object({
      nctId: z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .pipe(z.string().regex(NCT_ID, 'must be NCT followed by 8 digits')),
      briefTitle: str.optional(),
      officialTitle: str.optional(),
      acronym: str.optional(),
    }),
    statusModule: z
      .looseObject({
        overallStatus: z.enum(STATUSES).optional(),
        lastKnownStatus: z.enum(STATUSES).optional(),
        whyStopped: str.optional(),
        startDateStruct: dateStruct.optional(),
        primaryCompletionDateStruct: dateStruct.optional(),
        completionDateStruct: dateStruct.optional(),
        studyFirstPostDateStruct: dateStruct.optional(),
        lastUpdatePostDateStruct: dateStruct.optional(),
        resultsFirstPostDateStruct: dateStruct.optional(),
      })
      .optional(),
    sponsorCollaboratorsModule: z
      .looseObject({
        leadSponsor: z.object({ name: str.optional() }).optional(),
        collaborators: z.array(z.object({ name: str.optional() })).optional(),
      })
      .optional(),
    descriptionModule: z.object({ briefSummary: str.optional(), detailedDescription: str.optional() }).optional(),
    conditionsModule: z.object({ conditions: strList.optional(), keywords: strList.optional() }).optional(),
    designModule: z
      .looseObject({
        studyType: str.optional(),
        phases: z.array(z.enum(CTGOV_PHASES)).optional(),
        enrollmentInfo: z
          .looseObject({
            count: z.number().int().min(0).optional(),
            type: z.enum(['ACTUAL', 'ESTIMATED']).optional(),
          })
          .optional(),
        designInfo: z
          .looseObject({
            allocation: str.optional(),
            maskingInfo: z.object({ masking: str.optional() }).optional(),
          })
          .optional(),
      })
      .optional(),
    armsInterventionsModule: z
      .looseObject({
        armGroups: z
          .array(z.object({ label: str.optional(), type: str.optional(), description: str.optional() }))
          .optional(),
        interventions: z
          .array(
            z.object({
              type: str.optional(),
              name: str.optional(),
              description: str.optional(),
              otherNames: strList.optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    outcomesModule: z
      .looseObject({
        primaryOutcomes: z.array(z.object({ measure: str.optional(), description: str.optional(), timeFrame: str.optional() })).optional(),
        secondaryOutcomes: z.array(z.object({ measure: str.optional(), description: str.optional(), timeFrame: str.optional() })).optional(),
        otherOutcomes: z.array(z.object({ measure: str.optional(), description: str.optional(), timeFrame: str.optional() })).optional(),
      })
      .optional(),
    eligibilityModule: z
      .looseObject({
        eligibilityCriteria: str.optional(),
        healthyVolunteers: z.boolean().optional(),
        sex: str.optional(),
        minimumAge: str.optional(),
        maximumAge: str.optional(),
      })
      .optional(),
    contactsLocationsModule: z
      .looseObject({
        locations: z
          .array(
            z.object({
              facility: str.optional(),
              city: str.optional(),
              state: str.optional(),
              country: str.optional(),
              status: str.optional(),
            }),
          )
          .optional(),
      })
      .optional(),
  }),
  hasResults: z.boolean().optional(),
});

export type StudyRecord = z.infer<typeof studyRecordSchema>;

/** The NCT id of a record that may not parse, for error reports. */
export function peekNctId(record: unknown): string | undefined {
  const id = (record as { protocolSection?: { identificationModule?: { nctId?: unknown } } } | null)?.protocolSection
    ?.identificationModule?.nctId;
  return typeof id === 'string' ? id : undefined;
}

/** A zod error as one line: `protocolSection.designModule.phases.0: Invalid option …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}
