// GET /api/health on a database that was never migrated: a readiness probe must see 503, not 200.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

let dir: string;
let health: typeof import('@/app/api/health/route');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'als-health-'));
  process.env.DATABASE_PATH = path.join(dir, 'unmigrated.sqlite');
  health = await import('@/app/api/health/route');
});

afterAll(async () => {
  const { db } = await import('@/db/client');
  db().$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('answers 503 with the reason while migrations are missing, never cached', async () => {
  const res = await health.GET();
  expect(res.status).toBe(503);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('unavailable:database');
  expect(body.error.message).toMatch(/^0 of \d+ database migrations applied/);
});
