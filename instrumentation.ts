// Runs once when a Next.js server starts: bring the database up to date before the first request, so a
// bare `next start` (or `next dev`) works on an empty DATABASE_PATH. Never during `next build`, which
// also loads this file but must not open the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const [{ db }, { migrateDatabase }, { env }] = await Promise.all([
      import('./db/client'),
      import('./db/migrate'),
      import('./lib/env'),
    ]);
    const database = db();
    migrateDatabase(database);
    if (env().SEED_ON_START) {
      const { seedCuratedTrials } = await import('./db/seed');
      const summary = await seedCuratedTrials(database);
      if (summary.failed > 0) {
        console.warn(`Seeding: ${summary.failed} curated trial(s) failed to import:`, summary.errors);
      }
    }
  }
}
