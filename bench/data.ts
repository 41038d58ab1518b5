// npm run bench:data -- [--trials N] [--users N] [--watches N] [--events-per-trial N] [--seed S] [--out PATH]:
// a synthetic database at registry scale for the benchmarks (issue 6), built through the real migrations,
// the same for the same seed, with a meta file of known ids and search terms beside it (bench/lib/build-database.ts).
import cliProgress from 'cli-progress';
import { buildBenchDatabase, type BuildProgress } from './lib/build-database';
import { metaPathFor, parseBenchDataArgs, USAGE, UsageError } from './lib/options';

/** One bar per phase on stderr (periodic plain lines when it is not a terminal), as npm run import does. */
function progressBars(): BuildProgress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(phase, total) {
      bar = new cliProgress.SingleBar(
        {
          format: `${phase.padEnd(10)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, {eta_formatted} left`,
          noTTYOutput: true,
          notTTYSchedule: 5000,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update: (done) => bar?.update(done),
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}

const thousands = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchDataArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench:data: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const meta = buildBenchDatabase(options, progressBars());
  const c = meta.counts;
  const rows = Object.entries(c)
    .filter(([table]) => !['admins', 'savedSearchLists', 'publicLists'].includes(table))
    .reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `${thousands(c.trials!)} trials, ${thousands(c.trial_events!)} events, ${thousands(c.trial_locations!)} sites, ${thousands(c.users!)} users, ` +
      `${thousands(c.watchlists!)} watchlists, ${thousands(c.watchlist_trials!)} watches, ${thousands(c.subscriptions!)} subscriptions; ` +
      `${thousands(rows)} rows in ${meta.buildSeconds.toFixed(1)} s (${thousands(Math.round(rows / meta.buildSeconds))} rows/s), ` +
      `${(meta.fileBytes / 1024 ** 2).toFixed(0)} MB`,
  );
  console.log(`database: ${meta.file}\nmeta: ${metaPathFor(meta.file)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:data: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
