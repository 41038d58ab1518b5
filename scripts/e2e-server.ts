// Playwright's web server: the production build, rebuilt only when its sources changed, serving a fresh
// database (data/e2e.sqlite by default) on port 3100. The rest is `npm start` (scripts/start.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
// Not part of the bundle, or rewritten by `next typegen` before every test run.
const IGNORED = new Set([
  '.git', '.next', '.ci', 'node_modules', 'data', 'drizzle', 'scripts', 'tests', 'bench', 'bench-data',
  'test-results', 'playwright-report', 'next-env.d.ts',
]);

function newestSourceChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name) || entry.name.endsWith('.md') || entry.name.endsWith('.tsbuildinfo')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceChange(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildReason(): string | undefined {
  if (process.env.FORCE_BUILD === '1') return 'FORCE_BUILD=1';
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return 'no production build yet';
  if (newestSourceChange(root) > fs.statSync(buildId).mtimeMs) return 'sources changed since the last build';
  return undefined;
}

async function main(): Promise<void> {
  const reason = buildReason();
  if (reason) {
    console.log(`e2e: building the app (${reason})`);
    const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }

  const database = path.resolve(process.env.E2E_DATABASE_PATH ?? path.join('data', 'e2e.sqlite'));
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(database + suffix, { force: true });
  process.env.DATABASE_PATH = database;
  process.env.PORT = process.env.E2E_PORT ?? '3100';
  process.env.SEED_ON_START = 'true';
  // Its own mail catcher ports, so a dev server's catcher on 1025/1080 does not receive the tests' mail.
  process.env.MAIL_CATCHER_SMTP_PORT = process.env.E2E_SMTP_PORT ?? '2525';
  process.env.MAIL_CATCHER_HTTP_PORT = process.env.E2E_MAIL_PORT ?? '2580';
  delete process.env.SMTP_URL;
  // Deliver notification e-mail quickly, so the followers' journey does not wait five seconds per step.
  process.env.WORKER_INTERVAL_MS = process.env.WORKER_INTERVAL_MS ?? '500';
  delete process.env.AUTH_URL;
  delete process.env.FORCE_BUILD;

  await import('./start');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
