// npm start: build if there is no production build, bring the database up to date, then serve.
// The server inherits our stdio; signals are passed on and its exit code becomes ours.
import { spawn, spawnSync } from 'node:child_process';
import { serverNodeArgs } from './server-node-args';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env } from '../lib/env';
import { closeDatabase, databaseLocation, describeSeed, migrate, reportSeedErrors, seed } from './database';

const nextBin = require.resolve('next/dist/bin/next');
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function port(): number {
  const raw = process.env.PORT ?? '3000';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`PORT must be a whole number from 1 to 65535 (got "${raw}").`);
  }
  return value;
}

function buildIfNeeded(): void {
  const buildId = path.join(process.cwd(), '.next', 'BUILD_ID');
  let reason: string | undefined;
  if (process.env.FORCE_BUILD === '1') reason = 'FORCE_BUILD=1';
  else if (!fs.existsSync(buildId)) reason = 'no production build yet';
  if (!reason) return;
  console.log(`Building the app (${reason}); this takes a minute or two…`);
  const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: childEnv });
  if (result.status !== 0) {
    console.error('next build failed; see above.');
    process.exit(result.status ?? 1);
  }
}

async function prepareDatabase(): Promise<void> {
  const { database, applied } = migrate();
  try {
    console.log(`Database: ${databaseLocation()} (${applied} migration(s) applied)`);
    if (env().SEED_ON_START) {
      const summary = await seed(database);
      console.log(`Curated trials: ${describeSeed(summary)}`);
      reportSeedErrors(summary);
    }
  } finally {
    closeDatabase(database);
  }
}

function serve(listenPort: number): void {
  console.log(`ALS Trial Tracker: http://localhost:${listenPort}`);
  // Already migrated and seeded here; the server's start-up hook then only checks the migrations.
  const server = spawn(process.execPath, [...serverNodeArgs(), nextBin, 'start', '-p', String(listenPort)], {
    stdio: 'inherit',
    // Sign-in links point at AUTH_URL; locally that is this port on localhost (never 127.0.0.1: Auth.js's cookies).
    env: { ...childEnv, SEED_ON_START: 'false', AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${listenPort}` },
  });
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal: NodeJS.Signals) => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  server.on('error', (error) => {
    console.error('Could not start next:', error.message);
    process.exit(1);
  });
  server.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
  });
}

async function main(): Promise<void> {
  const listenPort = port();
  buildIfNeeded();
  await prepareDatabase();
  serve(listenPort);
}

main().catch((error: unknown) => {
  console.error('Could not start the ALS Trial Tracker:', error instanceof Error ? error.message : error);
  process.exit(1);
});
