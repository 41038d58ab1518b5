// Configuration, parsed once from the environment with defaults that make `npm start` work on a
// fresh machine. A wrong value stops the process with the variable's name and the reason.
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default(path.join(process.cwd(), 'data', 'als-trials.sqlite')),
  /** Milliseconds a writer waits for a lock before SQLITE_BUSY. */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  CTGOV_API_URL: z.url().default('https://clinicaltrials.gov/api/v2'),
  /** Seed the curated trials when the server starts (idempotent). */
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}
