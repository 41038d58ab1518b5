// Seeds the curated ALS trials through the same importer as any registry record: the curation
// (facts checked against named sources) is stored first, then each study record is imported.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { readInputs } from '@/lib/ctgov/read-input';
import { curationFileSchema } from '@/lib/trials/curation';
import { importStudies, upsertCuration, type ImportSummary } from '@/lib/trials/import';

export const SEED_DIR = path.join(process.cwd(), 'db', 'seed');

export async function seedCuratedTrials(database: Db, dir = SEED_DIR): Promise<ImportSummary> {
  const file = curationFileSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, 'curation.json'), 'utf8')));
  if (!file.success) throw new Error(`db/seed/curation.json is invalid: ${file.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  database.transaction((tx) => {
    for (const entry of file.data.trials) upsertCuration(tx, entry);
  });
  const { inputs, problems } = await readInputs(path.join(dir, 'studies'));
  const summary = importStudies(database, inputs);
  for (const p of problems) summary.errors.push({ file: p.file, reason: p.reason });
  summary.failed += problems.length;
  return summary;
}
