// npm run sync [-- --full] [-- --condition "..."] [-- --max-pages N]: fetch ALS studies from the
// live ClinicalTrials.gov API v2 and import them. Fails with one clear line when offline.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { formatSummary } from '../lib/ctgov/cli-report';
import { DEFAULT_CONDITION, SyncError, syncStudies } from '../lib/ctgov/sync';
import { env } from '../lib/env';
import { closeDatabase, migrate } from './database';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { full: { type: 'boolean', default: false }, condition: { type: 'string', default: DEFAULT_CONDITION }, 'max-pages': { type: 'string' } },
  });
  const maxPages = values['max-pages'] === undefined ? undefined : Number(values['max-pages']);
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
    console.error('sync: --max-pages must be a whole number above 0');
    return 2;
  }
  const { database } = migrate();
  const started = performance.now();
  try {
    const result = await syncStudies(database, {
      baseUrl: env().CTGOV_API_URL,
      condition: values.condition,
      full: values.full,
      maxPages,
      onPage: (page, s) => console.error(`page ${page}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed`),
    });
    console.log(result.since ? `incremental: studies updated since ${result.since}` : 'full sync');
    console.log(formatSummary(result, (performance.now() - started) / 1000));
    return result.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof SyncError) {
      console.error(`sync: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    closeDatabase(database);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
