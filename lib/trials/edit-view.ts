// What the coordinator's update form needs of a trial: the editable facts as they stand, the version they
// were read at, and the sites. Explicit fields only; read in one transaction so facts and version agree.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { trialLocations, trials } from '@/db/schema';
import { FACT_COLUMNS, listDisputes, type Dispute } from './claims';
import type { DateType, Phase, Status } from './vocab';

export type TrialEditView = {
  nctId: string;
  briefTitle: string;
  acronym: string | null;
  version: number;
  updatedAt: string;
  lastUpdatePostedDate: string | null;
  overallStatus: Status | null;
  phase: Phase | null;
  dates: Record<'startDate' | 'primaryCompletionDate' | 'completionDate', { date: string | null; type: DateType | null }>;
  enrollment: { count: number | null; type: DateType | null };
  maxMonthsSinceOnset: number | null;
  minVitalCapacityPct: number | null;
  riluzoleAllowed: boolean | null;
  edaravoneAllowed: boolean | null;
  plainSummary: string | null;
  /** Facts on which another source disagrees with a coordinator's value, for a coordinator to confirm one. */
  disputes: Dispute[];
  sites: { position: number; facility: string | null; city: string | null; state: string | null; country: string | null; status: string | null }[];
};

export function getTrialForEditing(database: DbOrTx, nctId: string): TrialEditView | null {
  const row = database
    .select({
      id: trials.id,
      nctId: trials.nctId,
      briefTitle: trials.briefTitle,
      acronym: trials.acronym,
      version: trials.version,
      updatedAt: trials.updatedAt,
      lastUpdatePostedDate: trials.lastUpdatePostedDate,
      ...FACT_COLUMNS,
    })
    .from(trials)
    .where(eq(trials.nctId, nctId))
    .get();
  if (!row) return null;
  const sites = database
    .select({ position: trialLocations.position, facility: trialLocations.facility, city: trialLocations.city, state: trialLocations.state, country: trialLocations.country, status: trialLocations.status })
    .from(trialLocations)
    .where(eq(trialLocations.trialId, row.id))
    .orderBy(asc(trialLocations.position))
    .all();
  return {
    nctId: row.nctId,
    briefTitle: row.briefTitle,
    acronym: row.acronym,
    version: row.version,
    updatedAt: row.updatedAt,
    lastUpdatePostedDate: row.lastUpdatePostedDate,
    overallStatus: row.overallStatus,
    phase: row.phase,
    dates: {
      startDate: { date: row.startDate, type: row.startDateType },
      primaryCompletionDate: { date: row.primaryCompletionDate, type: row.primaryCompletionDateType },
      completionDate: { date: row.completionDate, type: row.completionDateType },
    },
    enrollment: { count: row.enrollmentCount, type: row.enrollmentType },
    maxMonthsSinceOnset: row.maxMonthsSinceOnset,
    minVitalCapacityPct: row.minVitalCapacityPct,
    riluzoleAllowed: row.riluzoleAllowed,
    edaravoneAllowed: row.edaravoneAllowed,
    plainSummary: row.plainSummary,
    disputes: listDisputes(database, row.id),
    sites,
  };
}
