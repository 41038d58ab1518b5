// Readers of a trial's child lists, in their stored order: shared by the importer (to diff against)
// and by getTrial (to show), so both always see the same shape.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { trialInterventions, trialOutcomes } from '@/db/schema';

export function readInterventions(tx: DbOrTx, trialId: number) {
  return tx
    .select({ type: trialInterventions.type, name: trialInterventions.name, description: trialInterventions.description, otherNames: trialInterventions.otherNames })
    .from(trialInterventions)
    .where(eq(trialInterventions.trialId, trialId))
    .orderBy(asc(trialInterventions.position))
    .all();
}

/** Primary, then secondary, then other outcomes, each in registry order. */
export function readOutcomes(tx: DbOrTx, trialId: number) {
  return tx
    .select({ kind: trialOutcomes.kind, measure: trialOutcomes.measure, description: trialOutcomes.description, timeFrame: trialOutcomes.timeFrame, biomarkers: trialOutcomes.biomarkers })
    .from(trialOutcomes)
    .where(eq(trialOutcomes.trialId, trialId))
    .orderBy(sql`CASE ${trialOutcomes.kind} WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END`, asc(trialOutcomes.position))
    .all();
}
