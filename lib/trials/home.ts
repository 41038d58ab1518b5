// The home page's list: every trial with the few fields a list row shows, ordered by title.
import { asc } from 'drizzle-orm';
import { db } from '@/db/client';
import { trials } from '@/db/schema';

export type HomeTrial = {
  nctId: string;
  briefTitle: string;
  acronym: string | null;
  overallStatus: (typeof trials.$inferSelect)['overallStatus'];
  phase: (typeof trials.$inferSelect)['phase'];
  modality: (typeof trials.$inferSelect)['modality'];
};

export function listHomeTrials(): HomeTrial[] {
  return db()
    .select({
      nctId: trials.nctId,
      briefTitle: trials.briefTitle,
      acronym: trials.acronym,
      overallStatus: trials.overallStatus,
      phase: trials.phase,
      modality: trials.modality,
    })
    .from(trials)
    .orderBy(asc(trials.briefTitle))
    .all();
}
