// Keeps the FTS5 index (trials_fts, rowid = trials.id) in step with a trial. Called inside the
// same transaction that writes the trial, so search never sees a half-written trial.
import type Database from 'better-sqlite3';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { trialInterventions, trials, type Trial } from '@/db/schema';

/** The trial's fields that are searched (besides its NCT id), and its interventions in their stored order. */
export type SearchedFields = Pick<
  Trial,
  'acronym' | 'briefTitle' | 'officialTitle' | 'leadSponsor' | 'collaborators' | 'conditions' | 'keywords' | 'plainSummary' | 'mechanism' | 'programme' | 'briefSummary'
>;
export type SearchedIntervention = { name: string; otherNames: string[]; description: string | null };

const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' \n ');

/** The FTS row's columns: title, interventions, sponsor, conditions, summary. */
function searchColumns(nctId: string, trial: SearchedFields, interventions: SearchedIntervention[]): [string, string, string, string, string] {
  return [
    join([nctId, trial.acronym, trial.briefTitle, trial.officialTitle]),
    join(interventions.flatMap((i) => [i.name, ...i.otherNames, i.description])),
    join([trial.leadSponsor, ...trial.collaborators]),
    join([...trial.conditions, ...trial.keywords]),
    join([trial.plainSummary, trial.mechanism, trial.programme, trial.briefSummary]),
  ];
}

/** Rewrites the trial's row from what is stored. */
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
  const [title, interventionText, sponsor, conditions, summary] = searchColumns(trial.nctId, trial, interventions);
  tx.run(sql`INSERT INTO trials_fts (rowid, title, interventions, sponsor, conditions, summary) VALUES (${trialId}, ${title}, ${interventionText}, ${sponsor}, ${conditions}, ${summary})`);
}

const statements = new WeakMap<Database.Database, { remove: Database.Statement; insert: Database.Statement }>();

/**
 * Rewrites the trial's row from the values its writer has just stored (the importer, a thousand trials a
 * second): the same row refreshTrialSearch would make, without reading the trial back. `created`: the trial was
 * created in this transaction (its id never used before), so there is no row to delete.
 */
export function writeTrialSearch(sqlite: Database.Database, trialId: number, nctId: string, trial: SearchedFields, interventions: SearchedIntervention[], created = false): void {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      remove: sqlite.prepare('DELETE FROM trials_fts WHERE rowid = ?'),
      insert: sqlite.prepare('INSERT INTO trials_fts (rowid, title, interventions, sponsor, conditions, summary) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    statements.set(sqlite, s);
  }
  if (!created) s.remove.run(trialId);
  s.insert.run(trialId, ...searchColumns(nctId, trial, interventions));
}
