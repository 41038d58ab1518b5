// PUT /api/watching/[nctId]: watch a trial (adds it to your "Watched trials" list).
// DELETE: stop watching it (removes it from all your own lists). GET: whether you watch it.
// For the watch button; session cookie (same-origin checked) or API token.
import { db } from '@/db/client';
import { actorFromRequest } from '@/lib/auth/request-actor';
import { toResponse } from '@/lib/errors';
import { parseNctId } from '@/lib/trials/list-params';
import { unwatchTrial, watchingState, watchTrial } from '@/lib/watchlists/watchlists';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nctId: string }> };
const NO_STORE = { 'Cache-Control': 'no-store' };

export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const nctId = parseNctId((await context.params).nctId);
    const actor = actorFromRequest(db(), request);
    return Response.json({ nctId, watching: watchingState(db(), actor, [nctId])[nctId] ?? false }, { headers: NO_STORE });
  } catch (error) {
    return toResponse(error, { headers: NO_STORE });
  }
}

export async function PUT(request: Request, context: Context): Promise<Response> {
  try {
    const nctId = parseNctId((await context.params).nctId);
    const result = watchTrial(db(), actorFromRequest(db(), request), { nctId });
    return Response.json({ nctId, watching: result.watching }, { headers: NO_STORE });
  } catch (error) {
    return toResponse(error, { headers: NO_STORE });
  }
}

export async function DELETE(request: Request, context: Context): Promise<Response> {
  try {
    const nctId = parseNctId((await context.params).nctId);
    const result = unwatchTrial(db(), actorFromRequest(db(), request), { nctId });
    return Response.json({ nctId, watching: result.watching }, { headers: NO_STORE });
  } catch (error) {
    return toResponse(error, { headers: NO_STORE });
  }
}
