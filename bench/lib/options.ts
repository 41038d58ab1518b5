// Options of `npm run bench:data`: sizes up to registry scale, a seed, and where the file goes.
import path from 'node:path';

export type BenchDataOptions = {
  trials: number;
  users: number;
  /** Rows of watchlist_trials in all, the fan-out trial's followers and the 200-trial watcher included. */
  watches: number;
  /** About this many events per trial over its life (each trial varies around it). */
  eventsPerTrial: number;
  seed: number;
  /** The SQLite file; its meta file is written beside it (bench.sqlite → bench.meta.json). */
  out: string;
};

export const DEFAULT_BENCH_DATA_OPTIONS: BenchDataOptions = {
  trials: 20_000,
  users: 2_000,
  watches: 20_000,
  eventsPerTrial: 10,
  seed: 1,
  out: path.join('bench-data', 'bench.sqlite'),
};

/** ClinicalTrials.gov holds about half a million studies (issue 6); followers and watches to match. */
export const LIMITS = { trials: 500_000, users: 100_000, watches: 1_000_000, eventsPerTrial: 50 } as const;
/** User #1 watches this many trials: the watchlist page the benchmark renders. */
export const WATCHER_TRIALS = 200;
/** The first trial is followed by this many people at most (all of them, up to this): the fan-out benchmark. */
export const MAX_FANOUT_FOLLOWERS = 100_000;

export const USAGE = `usage: npm run bench:data -- [--trials N] [--users N] [--watches N] [--events-per-trial N] [--seed S] [--out PATH]
  --trials N            trials to generate (default ${DEFAULT_BENCH_DATA_OPTIONS.trials}, at most ${LIMITS.trials})
  --users N             people with accounts (default ${DEFAULT_BENCH_DATA_OPTIONS.users}, 3 to ${LIMITS.users})
  --watches N           watchlist_trials rows in all (default ${DEFAULT_BENCH_DATA_OPTIONS.watches}, at most ${LIMITS.watches});
                        at least users + ${WATCHER_TRIALS - 1}: everyone follows the first trial, user #1 watches ${WATCHER_TRIALS}
  --events-per-trial N  about N events in each trial's history (default ${DEFAULT_BENCH_DATA_OPTIONS.eventsPerTrial})
  --seed S              the same seed builds the same data (default ${DEFAULT_BENCH_DATA_OPTIONS.seed})
  --out PATH            the SQLite file (default ${DEFAULT_BENCH_DATA_OPTIONS.out}); PATH's .meta.json is written beside it`;

const FLAGS: Record<string, keyof BenchDataOptions> = {
  '--trials': 'trials',
  '--users': 'users',
  '--watches': 'watches',
  '--events-per-trial': 'eventsPerTrial',
  '--seed': 'seed',
  '--out': 'out',
};

export class UsageError extends Error {}

/** Reads `--name value` and `--name=value`; numbers may carry `_` or `,` separators (500_000). */
export function parseBenchDataArgs(argv: string[]): BenchDataOptions | 'help' {
  const options = { ...DEFAULT_BENCH_DATA_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    if (!key) throw new UsageError(`unknown option ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (key === 'out') options.out = value;
    else {
      const n = Number(value.replace(/[_,]/g, ''));
      if (!Number.isSafeInteger(n)) throw new UsageError(`${flag}: "${value}" is not a whole number`);
      options[key] = n;
    }
  }
  return validateBenchDataOptions(options);
}

/** The options, or a UsageError saying which one is out of range and why. */
export function validateBenchDataOptions(options: BenchDataOptions): BenchDataOptions {
  const { trials, users, watches, eventsPerTrial, seed } = options;
  if (trials < 1 || trials > LIMITS.trials) throw new UsageError(`--trials must be 1 to ${LIMITS.trials}`);
  if (users < 3 || users > LIMITS.users) throw new UsageError(`--users must be 3 to ${LIMITS.users} (user #2 is an admin, #3 a coordinator)`);
  if (eventsPerTrial < 1 || eventsPerTrial > LIMITS.eventsPerTrial) throw new UsageError(`--events-per-trial must be 1 to ${LIMITS.eventsPerTrial}`);
  if (seed < 0 || seed > 0xffffffff) throw new UsageError('--seed must be 0 to 4294967295');
  const least = minimumWatches(trials, users);
  if (watches < least || watches > LIMITS.watches)
    throw new UsageError(`--watches must be ${least} to ${LIMITS.watches} with these sizes: every user follows the first trial and user #1 watches ${Math.min(WATCHER_TRIALS, trials)}`);
  return options;
}

export const fanoutFollowers = (users: number) => Math.min(users, MAX_FANOUT_FOLLOWERS);
export const watcherTrials = (trials: number) => Math.min(WATCHER_TRIALS, trials);
export const minimumWatches = (trials: number, users: number) => fanoutFollowers(users) + watcherTrials(trials) - 1;

/** bench-data/bench.sqlite → bench-data/bench.meta.json */
export function metaPathFor(out: string): string {
  const parsed = path.parse(out);
  return path.join(parsed.dir, `${parsed.ext ? parsed.name : parsed.base}.meta.json`);
}
