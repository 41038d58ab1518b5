// GET /api/trials/[nctId]: one trial in full, with its links, sources and event history.
import { toResponse } from '@/lib/errors';
import { parseNctId } from '@/lib/trials/list-params';
import { getTrialOrThrow } from '@/lib/trials/queries';

export const dynamic = 'force-dynamic';

// Typed by hand rather than with the generated RouteContext<'/api/trials/[nctId]'>, so `tsc` passes on a
// fresh clone before `next typegen`; the shape is the same (params is a Promise since Next.js 15).
export async function GET(_request: Request, context: { params: Promise<{ nctId: string }> }): Promise<Response> {
  try {
    const { nctId } = await context.params;
    return Response.json(getTrialOrThrow(parseNctId(nctId)));
  } catch (error) {
    return toResponse(error);
  }
}
