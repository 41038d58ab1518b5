// Runs once when a Next.js server starts: bring the database up to date before the first request, so a
// bare `next start` (or `next dev`) works on an empty DATABASE_PATH. Never during `next build`, which
// also loads this file but must not open the database. The work itself is Node-only: instrumentation-node.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { registerNode } = await import('./instrumentation-node');
    await registerNode();
  }
}
