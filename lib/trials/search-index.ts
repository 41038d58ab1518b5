// Keeps the FTS5 index (trials_fts, rowid = trials.id) in step with a trial. Called inside the
// same transaction that writes the trial, so search never sees a half-written trial.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { trialInterventions, trials } from '@/db/schema';

export function refreshTrialSearch(tx: DbOrTx, trialId: number): void {
  const [trial] = tx
    .select({
      briefTitle: trials.briefTitle,
      officialTitle: trials.officialTitle,
      acronym: trials.acronym,
      nctId: trials.nctId,
      leadSponsor: trials.leadSponsor,
      collaborators: trials.collaborators,
      conditions: trials.conditions,
      keywords: trials.keywords,
      plainSummary: trials.plainSummary,
      briefSummary: trials.briefSummary,
      mechanism: trials.mechanism,
      programme: trials.programme,
    })
    .from(trials)
    .where(eq(trials.id, trialId))
    .all();
  tx.run(sql`DELETE FROM trials_fts WHERE rowid = ${trialId}`);
  if (!trial) return;
  const interventions = tx
    .select({ name: trialInterventions.name, otherNames: trialInterventions.otherNames, description: trialInterventions.description })
    .from(trialInterventions)
    .where(eq(trialInterventions.trialId, trialId))
    .orderBy(asc(trialInterventions.position))
    .all();
  const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' \n ');
  tx.run(
    sql`INSERT INTO trials_fts (rowid, title, interventions, sponsor, conditions, summary) VALUES (${trialId}, ${join([
      trial.nctId,
      trial.acronym,
      trial.briefTitle,
      trial.officialTitle,
    ])}, ${join(interventions.flatMap((i) => [i.name, ...i.otherNames, i.description]))}, ${join([
      trial.leadSponsor,
      ...trial.collaborators,
    ])}, ${join([...trial.conditions, ...trial.keywords])}, ${join([
      trial.plainSummary,
      trial.mechanism,
      trial.programme,
      trial.briefSummary,
    ])})`,
  );
}
