// GET /api/notifications: your unread count (and the first page of your inbox with ?list=1), for the
// badge that updates without a reload. POST: mark read, `{ "ids": [..] }` or `{ "all": true }`.
import { db } from '@/db/client';
import { actorFromRequest } from '@/lib/auth/request-actor';
import { AppError, toResponse } from '@/lib/errors';
import { listInbox, markRead, unreadCount } from '@/lib/notifications/inbox';

export const dynamic = 'force-dynamic';
const NO_STORE = { 'Cache-Control': 'no-store' };

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = actorFromRequest(db(), request);
    if (!actor) throw new AppError('unauthorized:session', 'Sign in to see your notifications.');
    const url = new URL(request.url);
    if (url.searchParams.get('list') === '1') return Response.json(listInbox(db(), actor, { page: Number(url.searchParams.get('page') ?? 1) }), { headers: NO_STORE });
    return Response.json({ unread: unreadCount(db(), actor) }, { headers: NO_STORE });
  } catch (error) {
    return toResponse(error, { headers: NO_STORE });
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const actor = actorFromRequest(db(), request);
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new AppError('bad_request:body', 'The body must be JSON: { "ids": [1, 2] } or { "all": true }.', { field: 'body' });
    }
    return Response.json(markRead(db(), actor, body), { headers: NO_STORE });
  } catch (error) {
    return toResponse(error, { headers: NO_STORE });
  }
}
