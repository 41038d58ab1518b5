// Tens of thousands of made-up trials written straight into a test database (prepared INSERTs in one
// transaction, well under a second), for tests that the board and the timeline stay bounded and exact at
// registry scale. Every value follows from the trial's number, so a test can work out what a query must return.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import type { Modality, Phase, Status } from '@/lib/trials/vocab';

export type ManyTrial = {
  id: number;
  nctId: string;
  modality: Modality;
  phase: Phase | null;
  status: Status;
  startDate: string | null;
  sod1: boolean;
  /** Intervention names in order; placebo among them for every third trial. */
  treatments: string[];
};

const BULK_MODALITIES: Modality[] = ['aso', 'small-molecule', 'immune', 'other'];
const BULK_PHASES: Phase[] = ['phase-1', 'phase-2', 'phase-3'];

/** Trial number i (from 1): big cells of modality × phase 1–3, a small gene-therapy cell, ASO trials without a phase. */
export function manyTrial(i: number): ManyTrial {
  let modality = BULK_MODALITIES[i % 4]!;
  let phase: Phase | null = BULK_PHASES[Math.floor(i / 4) % 3]!;
  if (i % 500 === 1) [modality, phase] = ['aso', null];
  else if (i % 500 === 2) [modality, phase] = ['aso', 'not-applicable'];
  else if (i % 5000 === 3) [modality, phase] = ['gene-therapy', 'phase-1-2'];
  const year = 1995 + ((i * 7919) % 33);
  const month = String(1 + ((i * 31) % 12)).padStart(2, '0');
  const day = String(1 + ((i * 17) % 28)).padStart(2, '0');
  const startDate = i % 97 === 0 ? null : [`${year}`, `${year}-${month}`, `${year}-${month}-${day}`][i % 3]!;
  return {
    id: i,
    nctId: `NCT${String(80_000_000 + i)}`,
    modality,
    phase,
    status: i % 10 === 0 ? 'RECRUITING' : i % 10 === 5 ? 'NOT_YET_RECRUITING' : 'COMPLETED',
    startDate,
    sod1: i % 7 === 0,
    treatments: i % 3 === 0 ? [`drug ${i}`, 'Placebo'] : [`drug ${i}`],
  };
}

/** Writes trials 1…count with ids 1…count; the database must hold no trials yet. */
export function insertManyTrials(db: Db, count: number): ManyTrial[] {
  const made = Array.from({ length: count }, (_, k) => manyTrial(k + 1));
  const sqlite = db.$client;
  const trial = sqlite.prepare(
    `INSERT INTO trials (id, nct_id, brief_title, modality, modality_source, genes_source, phase, overall_status,
       start_date, start_date_type, last_update_posted_date)
     VALUES (?, ?, ?, ?, 'rule', 'rule', ?, ?, ?, 'ACTUAL', ?)`,
  );
  const gene = sqlite.prepare(`INSERT INTO trial_genes (trial_id, gene) VALUES (?, 'SOD1')`);
  const intervention = sqlite.prepare(`INSERT INTO trial_interventions (trial_id, position, type, name) VALUES (?, ?, 'DRUG', ?)`);
  sqlite.transaction(() => {
    for (const t of made) {
      trial.run(t.id, t.nctId, `Made-up trial number ${t.id}`, t.modality, t.phase, t.status, t.startDate, `2025-${String(1 + (t.id % 12)).padStart(2, '0')}-01`);
      if (t.sod1) gene.run(t.id);
      t.treatments.forEach((name, position) => intervention.run(t.id, position, name));
    }
  })();
  return made;
}

/** The same database through a second Drizzle handle that records how many parameters each query binds. */
export function countingParameters(db: Db): { db: Db; parameters: number[] } {
  const parameters: number[] = [];
  const logged = drizzle(db.$client, { schema, logger: { logQuery: (_query, params) => void parameters.push(params.length) } }) as Db;
  return { db: logged, parameters };
}
