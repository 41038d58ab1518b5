// npm run bench [-- options]: the production build on the benchmark database, loaded by autocannon from a separate
// process, beside a bare node:http + better-sqlite3 server answering the same list query; in process, full-text
// search, import against JSON.parse and fan-out against a bare INSERT … SELECT; server memory under load and
// first-load JavaScript per page. Writes bench/results/<timestamp>.json, latest.json and latest.md (issue 6).
//
// Targets are reported, never asserted: the exit code is non-zero only when the harness could not measure
// something (no database, a server that would not start, a scenario that answered errors). `--help` for options.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type autocannon from 'autocannon';
import { loadTargets, type BenchTargets } from './run/dataset';
import { firstLoad } from './run/first-load';
import { benchFanout, benchFts, benchImport, searchQueries } from './run/in-process';
import { parseOptions, USAGE, type Options, type Scenario } from './run/options';
import { killAll, portIsFree, processName, processTree, RssSampler, runToEnd, start, stop, waitForOk, type Child } from './run/processes';
import { serverNodeArgs } from '../scripts/server-node-args';
import { figures, markdown, plainTable, type HttpResult, type Results } from './run/report';

const ROOT = process.cwd();
const RSS_INTERVAL_MS = 250;
const MB = 1024 * 1024;
/** One request outside the load (preflight, first-load): a page slower than this is reported as failing. */
const PAGE_TIMEOUT_MS = 120_000;
const tsxArgs = ['--import', 'tsx'];
/** Undoes what the run changed in the benchmark database (its session row), also on Ctrl-C. */
let undoDatabaseChanges: (() => void) | undefined;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

// ------------------------------------------------------------------------------------------------ build

/** Source files changed since the build (the same walk as scripts/e2e-server.ts); a warning, not a rebuild. */
function sourcesNewerThan(mtimeMs: number): string[] {
  const ignored = new Set(['.git', '.next', '.ci', 'node_modules', 'data', 'drizzle', 'scripts', 'tests', 'bench', 'bench-data', 'test-results', 'playwright-report', 'next-env.d.ts']);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (ignored.has(entry.name) || entry.name.endsWith('.md') || entry.name.endsWith('.tsbuildinfo')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).mtimeMs > mtimeMs) out.push(path.relative(ROOT, full));
    }
  };
  walk(ROOT);
  return out;
}

function ensureBuild(options: Options, results: Results): void {
  const buildIdFile = path.join(ROOT, '.next', 'BUILD_ID');
  if (options.build || !fs.existsSync(buildIdFile)) {
    log(`running next build (${options.build ? '--build' : 'no production build yet'}) …`);
    const built = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    if (built.status !== 0) throw new Error(`next build failed (exit ${built.status})`);
  }
  const stat = fs.statSync(buildIdFile);
  const newer = sourcesNewerThan(stat.mtimeMs);
  results.build = { buildId: fs.readFileSync(buildIdFile, 'utf8').trim(), builtAt: stat.mtime.toISOString(), sourcesNewerThanBuild: newer.slice(0, 20) };
  if (newer.length) results.warnings.push(`${newer.length} source file(s) changed since the production build (e.g. ${newer.slice(0, 3).join(', ')}): the server measured is the older build. Run with --build to rebuild.`);
}

// ------------------------------------------------------------------------------------------------ load

/** The app answered, but not with what can be measured (an error status, the wrong page): reported, not a harness failure. */
class AppFailure extends Error {}

/** Autocannon abandons requests still running when its time is up; with none completed there is no latency. */
const latencyOrNull = (r: autocannon.Result): HttpResult['latencyMs'] =>
  r.requests.total === 0 ? null : { mean: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max };

/**
 * Waits until the server has worked off what the last scenario left queued (requests autocannon gave up on are
 * still rendered: SQLite calls are synchronous), so it does not slow the next scenario: the health check must
 * answer quickly twice in a row. Returns the seconds waited.
 */
async function settle(healthUrl: string, idleMs: number, capMs = 300_000): Promise<number> {
  const started = Date.now();
  let quick = 0;
  while (Date.now() - started < capMs && quick < 2) {
    const t = Date.now();
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(capMs) });
      await response.arrayBuffer();
    } catch {
      // Counted as slow.
    }
    quick = Date.now() - t <= idleMs ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 100));
  }
  return (Date.now() - started) / 1000;
}

type Settle = () => Promise<number>;

/** The warm-up, a pause until the server is idle again, then the measured run: each autocannon in its own process. */
async function load(name: string, label: string, origin: string, paths: string[], options: Options, settleDown: Settle, headers?: Record<string, string>): Promise<HttpResult> {
  const fire = (duration: number) => {
    const config = { url: origin, paths, headers, connections: options.connections, duration, warmup: 0 };
    return runToEnd(`autocannon ${name}`, process.execPath, [...tsxArgs, path.join(ROOT, 'bench', 'run', 'load.ts'), JSON.stringify(config)], process.env, duration * 1000 + 120_000);
  };
  if (options.warmup > 0) {
    await fire(options.warmup);
    await settleDown();
  }
  const stdout = await fire(options.duration);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const r = JSON.parse(line) as autocannon.Result;
  const total = r.requests.total;
  return {
    scenario: name,
    label,
    url: `${origin}${paths[0]}${paths.length > 1 ? ` (+${paths.length - 1} more, in rotation)` : ''}`,
    paths: paths.length,
    connections: r.connections,
    durationSeconds: r.duration,
    requestsPerSecond: r.requests.average,
    requests: total,
    latencyMs: latencyOrNull(r),
    bytesPerResponse: total ? Math.round(r.throughput.total / total) : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

/** One request before the load: the scenario must answer 200 (a fast 404 would be a meaningless figure). */
async function preflight(origin: string, pathname: string, headers?: Record<string, string>, mustContain: string[] = []): Promise<{ body: string; bytes: number }> {
  const response = await fetch(origin + pathname, { headers, redirect: 'manual', signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
  const body = await response.text();
  if (response.status !== 200) throw new AppFailure(`GET ${pathname} answered ${response.status}, not 200: ${body.slice(0, 200).replace(/\s+/g, ' ')}`);
  for (const text of mustContain) if (!body.includes(text)) throw new AppFailure(`GET ${pathname} answered 200 but without "${text}" (not the page expected)`);
  return { body, bytes: Buffer.byteLength(body) };
}

/** Error statuses or broken connections make the figure meaningless; requests still running at the end do not. */
function checkResponses(result: HttpResult): void {
  const broken = result.errors - result.timeouts;
  if (result.non2xx || broken > 0)
    throw new AppFailure(`${result.non2xx} non-2xx responses and ${broken} connection errors of ${result.requests} (status codes ${JSON.stringify(result.statusCodes)})`);
}

// ------------------------------------------------------------------------------------------------ main

type Plan = { name: Scenario; sub: string; label: string; paths: string[]; headers?: Record<string, string>; mustContain?: string[] };

function httpPlan(targets: BenchTargets, only: Set<Scenario>, cookie: Record<string, string> | undefined): { plan: Plan[]; skipped: { scenario: string; message: string }[] } {
  const plan: Plan[] = [];
  const skipped: { scenario: string; message: string }[] = [];
  const ids = targets.nctIds.slice(0, 100);
  const terms = targets.searchTerms.slice(0, 20);
  if (only.has('list')) plan.push({ name: 'list', sub: 'list', label: 'GET /api/trials (default list)', paths: ['/api/trials'] });
  if (only.has('filters')) {
    plan.push({ name: 'filters', sub: 'filter-aso-phase-3', label: 'GET /api/trials?modality=aso&phase=phase-3', paths: ['/api/trials?modality=aso&phase=phase-3'] });
    plan.push({ name: 'filters', sub: 'filter-recruiting-us', label: 'GET /api/trials?recruiting=true&country=United States', paths: ['/api/trials?recruiting=true&country=United%20States'] });
    plan.push({ name: 'filters', sub: 'filter-gene-sod1', label: 'GET /api/trials?gene=SOD1', paths: ['/api/trials?gene=SOD1'] });
  }
  if (only.has('search')) {
    if (terms.length) plan.push({ name: 'search', sub: 'search', label: `GET /api/trials?q= (${terms.length} terms in rotation)`, paths: terms.map((t) => `/api/trials?q=${encodeURIComponent(t)}`) });
    else skipped.push({ scenario: 'search', message: 'no search terms' });
  }
  if (only.has('trial-api')) {
    if (ids.length) plan.push({ name: 'trial-api', sub: 'trial-api', label: `GET /api/trials/{nctId} (${ids.length} ids in rotation)`, paths: ids.map((id) => `/api/trials/${id}`) });
    else skipped.push({ scenario: 'trial-api', message: 'no trial ids' });
  }
  if (only.has('trials-page')) plan.push({ name: 'trials-page', sub: 'trials-page', label: 'GET /trials (server rendering)', paths: ['/trials'] });
  if (only.has('home-page')) plan.push({ name: 'home-page', sub: 'home-page', label: 'GET / (the board, server rendering)', paths: ['/'] });
  if (only.has('timeline-page')) plan.push({ name: 'timeline-page', sub: 'timeline-page', label: 'GET /timeline (server rendering)', paths: ['/timeline'] });
  if (only.has('trial-page')) {
    if (ids.length) plan.push({ name: 'trial-page', sub: 'trial-page', label: `GET /trials/{nctId} (${ids.length} ids in rotation)`, paths: ids.map((id) => `/trials/${id}`) });
    else skipped.push({ scenario: 'trial-page', message: 'no trial ids' });
  }
  if (only.has('watchlist-page')) {
    if (targets.watcher && cookie)
      plan.push({
        name: 'watchlist-page',
        sub: 'watchlist-page',
        label: `GET /watchlists/{id} (${targets.watcher.trials} trials, signed in as its owner)`,
        paths: [`/watchlists/${targets.watcher.watchlistId}`],
        headers: cookie,
        mustContain: ['id="share-heading"'],
      });
    else skipped.push({ scenario: 'watchlist-page', message: 'the database has no watchlist to show' });
  }
  return { plan, skipped };
}

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = parsed;
  const started = new Date();
  if (!fs.existsSync(options.db)) throw new Error(`No database at ${path.relative(ROOT, options.db)}: run npm run bench:data first (or pass --db PATH).`);
  const metaPath = options.meta ?? options.db.replace(/\.sqlite$/, '') + '.meta.json';

  const results: Results = {
    schema: 1,
    startedAt: started.toISOString(),
    finishedAt: '',
    elapsedSeconds: 0,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? '?',
      memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      kernel: os.release(),
    },
    options: { ...options, only: [...options.only] },
    db: { path: path.relative(ROOT, options.db), bytes: fs.statSync(options.db).size, walBytes: fs.statSync(`${options.db}-wal`, { throwIfNoEntry: false })?.size ?? 0, counts: {}, targetsFrom: '', meta: null },
    build: null,
    server: null,
    figures: [],
    http: {},
    listVsBaseline: null,
    rss: null,
    fts: null,
    import: null,
    fanout: null,
    firstLoad: null,
    errors: [],
    warnings: [],
  };
  const attempt = async (scenario: string, fn: () => unknown) => {
    try {
      await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const kind = error instanceof AppFailure ? 'app' : 'harness';
      log(`${scenario} FAILED (${kind}): ${message.split('\n')[0]}`);
      results.errors.push({ scenario, kind, message });
    }
  };

  // What to request: from the metadata, checked against the database.
  const sqlite = new Database(options.db, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const targets = loadTargets(sqlite, fs.existsSync(metaPath) ? metaPath : undefined);
  results.db.counts = targets.counts;
  results.db.targetsFrom = targets.source === 'database' ? 'the database (no usable metadata)' : targets.source === 'meta' ? path.relative(ROOT, metaPath) : `${path.relative(ROOT, metaPath)} and the database`;
  results.db.meta = targets.meta;
  log(`${path.relative(ROOT, options.db)}: ${Object.entries(targets.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  // ---- in process, before any server runs (nothing else on the CPU)
  if (options.only.has('fts')) {
    await attempt('fts', () => {
      const queries = searchQueries(targets.searchTerms, options.ftsQueries);
      if (!queries.length) throw new Error('no search terms');
      log(`fts: ${queries.length} searches …`);
      results.fts = benchFts(options.db, queries);
    });
  }
  if (options.only.has('import')) {
    await attempt('import', () => {
      log(`import: ${options.importRecords} records into a fresh database …`);
      results.import = benchImport(options.importRecords);
    });
  }
  if (options.only.has('fanout')) {
    await attempt('fanout', () => {
      const followers = options.followers ?? 100_000;
      log(`fan-out: ${followers} followers …`);
      results.fanout = benchFanout(followers);
    });
  }

  // ---- against the production server
  const httpScenarios: Scenario[] = ['list', 'filters', 'search', 'trial-api', 'trials-page', 'trial-page', 'watchlist-page', 'home-page', 'timeline-page', 'first-load'];
  const wantsHttp = httpScenarios.some((s) => options.only.has(s));
  let server: Child | undefined;
  let baseline: Child | undefined;
  let sampler: RssSampler | undefined;
  try {
    if (wantsHttp) {
      ensureBuild(options, results);
      for (const port of [options.port, options.baselinePort])
        if (!(await portIsFree(port))) throw new Error(`port ${port} is in use: stop what listens there or pass --port / --baseline-port`);

      // Signed in as the owner of the list being rendered. Auth.js database sessions: the cookie is a sessions row's
      // token. bench:data makes one (in its meta file); otherwise the run adds a row for a day and removes it after.
      let cookie: Record<string, string> | undefined;
      if (targets.watcher && (options.only.has('watchlist-page') || options.only.has('first-load'))) {
        let sessionToken = targets.watcher.sessionToken;
        if (!sessionToken) {
          const token = crypto.randomBytes(32).toString('hex');
          sessionToken = token;
          sqlite.prepare('INSERT INTO sessions (sessionToken, userId, expires) VALUES (?, ?, ?)').run(token, targets.watcher.userId, Date.now() + 24 * 3600 * 1000);
          undoDatabaseChanges = () => {
            undoDatabaseChanges = undefined;
            const cleanup = new Database(options.db, { fileMustExist: true });
            try {
              cleanup.pragma('busy_timeout = 5000');
              cleanup.prepare('DELETE FROM sessions WHERE sessionToken = ?').run(token);
            } finally {
              cleanup.close();
            }
          };
        }
        cookie = { cookie: `${targets.cookieName}=${sessionToken}` };
      }
      sqlite.close(); // the server has the file to itself

      const origin = `http://localhost:${options.port}`;
      log(`starting next start -p ${options.port} …`);
      const serverStarted = Date.now();
      server = start('next start', process.execPath, [...serverNodeArgs(), require.resolve('next/dist/bin/next'), 'start', '-p', String(options.port)], {
        echo: options.echoServer,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_PATH: options.db,
          SEED_ON_START: 'false',
          DELIVERY_WORKER: 'false',
          AUTH_URL: origin,
          AUTH_SECRET: crypto.randomBytes(33).toString('base64url'),
          // A configured (unused: no worker, no sign-in) SMTP server, so no local mail catcher takes ports.
          SMTP_URL: 'smtp://127.0.0.1:9',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      });
      await waitForOk(`${origin}/api/health`, server, 120_000);
      const startMs = Date.now() - serverStarted;
      log(`server ready in ${(startMs / 1000).toFixed(1)} s (pid ${server.proc.pid})`);
      sampler = new RssSampler(server.proc.pid!, RSS_INTERVAL_MS);
      sampler.start();
      const idleRss = sampler.sample();
      // How fast the health check answers on an idle server: the yardstick for `settle`.
      const idleHealthMs = await (async () => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = Date.now();
          await (await fetch(`${origin}/api/health`)).arrayBuffer();
          times.push(Date.now() - t);
        }
        return Math.min(...times);
      })();
      const appSettles = () => settle(`${origin}/api/health`, Math.max(100, idleHealthMs * 4));

      // First-load JavaScript, on the idle server before any load.
      if (options.only.has('first-load')) {
        sampler.phase = 'first-load';
        const routes: [string, string, Record<string, string> | undefined][] = [
          ['/', '/', undefined],
          ['/trials', '/trials', undefined],
          ['/trials/[nctId]', targets.nctIds[0] ? `/trials/${targets.nctIds[0]}` : '', undefined],
          ['/timeline', '/timeline', undefined],
          ['/watchlists/[id]', targets.watcher && cookie ? `/watchlists/${targets.watcher.watchlistId}` : '', cookie],
        ];
        results.firstLoad = {};
        log('first-load JavaScript …');
        for (const [route, pathname, headers] of routes) {
          if (!pathname) {
            results.warnings.push(`first-load: ${route} skipped (nothing to show in this database)`);
            continue;
          }
          await attempt(`first-load ${route}`, async () => {
            const f = await firstLoad(origin, route, pathname, headers, PAGE_TIMEOUT_MS);
            if (f.status !== 200) throw new AppFailure(`GET ${pathname} answered ${f.status}`);
            if (f.manifest && !f.manifest.agrees) results.warnings.push(`first-load: the chunks ${pathname} loads differ from its build manifests' (${f.chunks.length} vs ${f.manifest.chunks.length})`);
            results.firstLoad![route] = f;
          });
        }
        sampler.phase = 'between scenarios';
      }

      const { plan, skipped } = httpPlan(targets, options.only, cookie);
      results.errors.push(...skipped.map((e) => ({ ...e, kind: 'harness' as const })));
      const settled: Record<string, number> = {};
      for (const step of plan) {
        await attempt(step.sub, async () => {
          for (const p of step.paths.slice(0, 3)) await preflight(origin, p, step.headers, step.mustContain);
          log(`${step.sub}: ${options.warmup} s warm-up + ${options.duration} s …`);
          sampler!.phase = step.sub;
          let result: HttpResult;
          try {
            result = await load(step.sub, step.label, origin, step.paths, options, appSettles, step.headers);
          } finally {
            sampler!.phase = 'between scenarios';
            const waited = await appSettles();
            if (waited > 1) log(`${step.sub}: the server took ${waited.toFixed(1)} s to work off its queue`);
            settled[step.sub] = waited;
          }
          result.settleSeconds = settled[step.sub]!;
          results.http[step.sub] = result;
          checkResponses(result);
        });
        if (step.name === 'list')
          await attempt('baseline', async () => {
            const basePort = options.baselinePort;
            baseline = start('baseline server', process.execPath, [...tsxArgs, path.join(ROOT, 'bench', 'baseline-server.ts'), '--db', options.db, '--port', String(basePort)], { echo: options.echoServer });
            const baseOrigin = `http://localhost:${basePort}`;
            await waitForOk(`${baseOrigin}/health`, baseline, 60_000);
            const app = await preflight(origin, '/api/trials');
            const bare = await preflight(baseOrigin, '/api/trials');
            const identical = isDeepStrictEqual(JSON.parse(app.body), JSON.parse(bare.body));
            if (!identical) results.warnings.push('The baseline list body differs from GET /api/trials: the ratio compares different work.');
            log(`baseline: ${options.warmup} s warm-up + ${options.duration} s …`);
            const result = await load('baseline-list', 'Bare baseline: node:http + better-sqlite3, same list query', baseOrigin, ['/api/trials'], options, () => settle(`${baseOrigin}/health`, 100));
            results.http['baseline-list'] = result;
            await stop(baseline);
            baseline = undefined;
            const appRps = results.http.list?.requestsPerSecond;
            if (appRps !== undefined)
              results.listVsBaseline = { app: appRps, baseline: result.requestsPerSecond, ratio: appRps / result.requestsPerSecond, identicalBodies: identical, appBytes: app.bytes, baselineBytes: bare.bytes };
            checkResponses(result);
          });
      }

      sampler.stop();
      const byPhase = Object.fromEntries([...sampler.maxByPhase.entries()].map(([k, v]) => [k, Math.round((v / MB) * 10) / 10]));
      results.rss = {
        samples: sampler.samples,
        intervalMs: RSS_INTERVAL_MS,
        idleMb: Math.round((idleRss / MB) * 10) / 10,
        trialsPageMaxMb: byPhase['trials-page'] ?? null,
        maxMb: Math.round((sampler.max() / MB) * 10) / 10,
        byPhaseMb: byPhase,
      };
      results.server = {
        startMs,
        pids: [...sampler.maxByPid.entries()].map(([pid, rss]) => ({ pid, cmd: processName(pid), maxRssMb: Math.round((rss / MB) * 10) / 10 })),
      };
      if (processTree(server.proc.pid!).length > 1) results.warnings.push('next start runs more than one process: RSS is the sum over its process tree.');
    }
  } catch (error) {
    results.errors.push({ scenario: 'server', kind: 'harness', message: error instanceof Error ? error.message : String(error) });
    log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    sampler?.stop();
    if (baseline) await stop(baseline);
    if (server) await stop(server);
    if (sqlite.open) sqlite.close();
    try {
      undoDatabaseChanges?.();
    } catch (error) {
      results.warnings.push(`could not remove the benchmark's session row: ${String(error)}`);
    }
  }
  if (server)
    for (const port of [options.port, options.baselinePort]) if (!(await portIsFree(port))) results.warnings.push(`port ${port} still answers after the servers were stopped`);

  const finished = new Date();
  results.finishedAt = finished.toISOString();
  results.elapsedSeconds = (finished.getTime() - started.getTime()) / 1000;
  results.figures = figures(results);
  fs.mkdirSync(options.out, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(options.out, `${stamp}.json`), json);
  fs.writeFileSync(path.join(options.out, 'latest.json'), json);
  fs.writeFileSync(path.join(options.out, 'latest.md'), markdown(results));

  process.stdout.write(`\n${plainTable(results)}\n\n`);
  for (const w of results.warnings) process.stdout.write(`warning: ${w}\n`);
  for (const e of results.errors) process.stdout.write(`not measured (${e.kind === 'app' ? 'the app failed' : 'harness'}): ${e.scenario}: ${e.message.split('\n')[0]}\n`);
  process.stdout.write(`Results: ${path.relative(ROOT, path.join(options.out, `${stamp}.json`))}, ${path.relative(ROOT, path.join(options.out, 'latest.md'))}\n`);
  // Targets and the app's own failures are reported; only the harness failing is an error exit.
  return results.errors.some((e) => e.kind === 'harness') ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    log(`${signal}: stopping the servers`);
    killAll();
    try {
      undoDatabaseChanges?.();
    } catch {
      // Best effort: a session row that expires in a day.
    }
    process.exit(130);
  });

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    killAll();
    process.exit(1);
  },
);
