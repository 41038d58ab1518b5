import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: { '@': root },
  },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 20_000,
    // One child process per worker: each test file gets its own better-sqlite3 handles and module state.
    pool: 'forks',
    env: {
      // A stray db() call in a test gets an empty in-memory database, never data/als-trials.sqlite.
      DATABASE_PATH: ':memory:',
      SEED_ON_START: 'false',
    },
  },
});
