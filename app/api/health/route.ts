// GET /api/health: readiness; 200 once the database opens and every migration of this build is applied, else 503.
import { AppError, toResponse } from '@/lib/errors';
import { getReadiness } from '@/lib/trials/queries';

export const dynamic = 'force-dynamic';

const headers = { 'Cache-Control': 'no-store' };

export async function GET(): Promise<Response> {
  let readiness;
  try {
    readiness = getReadiness();
  } catch (error) {
    // Detail goes to the log only; a probe needs to know that it failed, not the file path.
    console.error('Health check failed:', error);
    return toResponse(new AppError('unavailable:database', 'The database or the migration files cannot be read.'), { headers });
  }
  if (!readiness.ok) return toResponse(new AppError('unavailable:database', readiness.reason), { headers });
  return Response.json({ status: 'ok', trials: readiness.trials, migrations: readiness.migrations }, { headers });
}
