// Command-line options of `npm run bench`.
import path from 'node:path';

export const SCENARIOS = [
  // In process, no server.
  'fts',
  'import',
  'fanout',
  // Against the production server (and the bare baseline for `list`).
  'list',
  'filters',
  'search',
  'trial-api',
  'trials-page',
  'trial-page',
  'watchlist-page',
  'home-page',
  'timeline-page',
  'first-load',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

const GROUPS: Record<string, Scenario[]> = {
  inprocess: ['fts', 'import', 'fanout'],
  api: ['list', 'filters', 'search', 'trial-api'],
  pages: ['trials-page', 'trial-page', 'watchlist-page', 'home-page', 'timeline-page'],
  http: ['list', 'filters', 'search', 'trial-api', 'trials-page', 'trial-page', 'watchlist-page', 'home-page', 'timeline-page', 'first-load'],
};

export type Options = {
  db: string;
  meta: string | undefined;
  duration: number;
  warmup: number;
  connections: number;
  only: Set<Scenario>;
  quick: boolean;
  importRecords: number;
  followers: number | undefined;
  ftsQueries: number;
  port: number;
  baselinePort: number;
  build: boolean;
  out: string;
  echoServer: boolean;
};

export const USAGE = `npm run bench -- [options]

  --db PATH            the benchmark database (default bench-data/bench.sqlite, made by npm run bench:data)
  --meta PATH          its metadata (default: the db path with .meta.json for .sqlite)
  --duration S         seconds of load per HTTP scenario (default 10; --quick 3)
  --warmup S           seconds of unmeasured load before each (default 2; --quick 1)
  --connections N      concurrent connections (default 10)
  --only A,B,…         scenarios or groups to run (default all):
                         ${SCENARIOS.join(', ')}
                         groups: ${Object.keys(GROUPS).join(', ')}
  --quick              CI: short runs, 2,000 import records, 5,000 fan-out followers
  --import-records N   records for the import benchmark (default 20,000; --quick 2,000)
  --followers N        followers for the fan-out benchmark (default 100,000 or the db's user count; --quick 5,000)
  --fts-queries N      searches timed in process (default 200)
  --port N             the app's port (default 3300); --baseline-port N (default 3301)
  --build              run next build first even if a build exists
  --out DIR            where results go (default bench/results)
  --verbose            echo the server's output
`;

function positive(name: string, raw: string | undefined, { integer = true } = {}): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
    throw new Error(`--${name} needs a positive ${integer ? 'whole ' : ''}number (got ${raw ?? 'nothing'})`);
  return value;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}\n\n${USAGE}`);
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (['quick', 'build', 'verbose', 'help'].includes(key)) values.set(key, true);
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${key} needs a value`);
      values.set(key, value);
    }
  }
  const known = new Set(['db', 'meta', 'duration', 'warmup', 'connections', 'only', 'quick', 'import-records', 'followers', 'fts-queries', 'port', 'baseline-port', 'build', 'out', 'verbose', 'help']);
  for (const key of values.keys()) if (!known.has(key)) throw new Error(`Unknown option --${key}\n\n${USAGE}`);
  if (values.has('help')) return 'help';
  const str = (key: string) => {
    const v = values.get(key);
    return typeof v === 'string' ? v : undefined;
  };
  const quick = values.has('quick');
  const only = new Set<Scenario>();
  for (const name of (str('only') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (GROUPS[name]) GROUPS[name].forEach((s) => only.add(s));
    else if ((SCENARIOS as readonly string[]).includes(name)) only.add(name as Scenario);
    else throw new Error(`--only: unknown scenario ${name} (known: ${SCENARIOS.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')})`);
  }
  const db = path.resolve(str('db') ?? path.join('bench-data', 'bench.sqlite'));
  return {
    db,
    meta: str('meta') ? path.resolve(str('meta')!) : undefined,
    duration: str('duration') ? positive('duration', str('duration'), { integer: false }) : quick ? 3 : 10,
    warmup: str('warmup') !== undefined ? (str('warmup') === '0' ? 0 : positive('warmup', str('warmup'), { integer: false })) : quick ? 1 : 2,
    connections: str('connections') ? positive('connections', str('connections')) : 10,
    only: only.size ? only : new Set(SCENARIOS),
    quick,
    importRecords: str('import-records') ? positive('import-records', str('import-records')) : quick ? 2_000 : 20_000,
    followers: str('followers') ? positive('followers', str('followers')) : quick ? 5_000 : undefined,
    ftsQueries: str('fts-queries') ? positive('fts-queries', str('fts-queries')) : 200,
    port: str('port') ? positive('port', str('port')) : 3300,
    baselinePort: str('baseline-port') ? positive('baseline-port', str('baseline-port')) : 3301,
    build: values.has('build'),
    out: path.resolve(str('out') ?? path.join('bench', 'results')),
    echoServer: values.has('verbose'),
  };
}
