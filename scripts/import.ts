// npm run import -- <file|dir|->: import ClinicalTrials.gov API v2 JSON (a study, an array of
// studies, or a page {studies, nextPageToken}) into the configured database.
import { performance } from 'node:perf_hooks';
import { formatSummary, progressReporter } from '../lib/ctgov/cli-report';
import { readInputs } from '../lib/ctgov/read-input';
import { importStudies } from '../lib/trials/import';
import { closeDatabase, databaseLocation, migrate } from './database';

async function main(): Promise<number> {
  const targets = process.argv.slice(2);
  if (targets.length === 0) {
    console.error('usage: npm run import -- <file|dir|-> [more ...]   (- reads standard input)');
    return 2;
  }
  const { database } = migrate();
  const started = performance.now();
  const reads = await Promise.all(targets.map((t) => readInputs(t)));
  const inputs = reads.flatMap((r) => r.inputs);
  const progress = progressReporter(inputs.length);
  const summary = importStudies(database, inputs, { onProgress: (done) => progress.update(done) });
  progress.stop();
  for (const problem of reads.flatMap((r) => r.problems)) {
    summary.failed += 1;
    summary.errors.push({ file: problem.file, reason: problem.reason });
  }
  console.log(formatSummary(summary, (performance.now() - started) / 1000));
  console.log(`database: ${databaseLocation()}`);
  closeDatabase(database);
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
