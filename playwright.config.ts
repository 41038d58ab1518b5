import { defineConfig, type PlaywrightTestOptions, type PlaywrightWorkerOptions } from '@playwright/test';

const isCI = !!process.env.CI;
const port = 3100;
// localhost, not 127.0.0.1: Auth.js builds its URLs with localhost.
// E2E_BASE_URL points the tests at a server that is already running (e.g. a dev server while
// writing a spec); without it Playwright starts the production build on a fresh database.
const external = process.env.E2E_BASE_URL || undefined;
const baseURL = external ?? `http://localhost:${port}`;

const chromium: Partial<PlaywrightTestOptions & PlaywrightWorkerOptions> = {
  browserName: 'chromium',
  // Debian's chromium; never `channel`, which would override executablePath.
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  // One production server and one SQLite writer: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  reporter: isCI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      // Pages read by families: they assert the seeded data exactly, so they run first.
      name: 'pages',
      testIgnore: /journeys\//,
      use: chromium,
    },
    {
      // Signed-in journeys change data (a status, an imported trial): after the pages. Run one alone with --no-deps.
      name: 'journeys',
      testMatch: /journeys\/.*\.spec\.ts/,
      dependencies: ['pages'],
      use: chromium,
    },
  ],
  webServer: external
    ? undefined
    : {
        // Builds only when the sources changed, recreates data/e2e.sqlite, then serves like `npm start`.
        command: 'node --import tsx scripts/e2e-server.ts',
        url: `${baseURL}/api/health`,
        env: { NEXT_TELEMETRY_DISABLED: '1', E2E_PORT: String(port) },
        timeout: 180_000,
        reuseExistingServer: !isCI,
        stdout: 'pipe',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      },
});
