// GET /api/trials/[nctId]: one trial in full, with its links, sources and event history.
// PATCH /api/trials/[nctId]: a coordinator (or admin) updates a trial from their own tool, with the
// same rules as the update form. The trial's version is its ETag; a PATCH must send it back in If-Match.
import { db } from '@/db/client';
import { actorFromRequest } from '@/lib/auth/request-actor';
import { AppError, isAppError, toResponse } from '@/lib/errors';
import { parseNctId } from '@/lib/trials/list-params';
import { getTrialOrThrow } from '@/lib/trials/queries';
import { updateTrial } from '@/lib/trials/update';

export const dynamic = 'force-dynamic';

// Typed by hand rather than with the generated RouteContext<'/api/trials/[nctId]'>, so `tsc` passes on a
// fresh clone before `next typegen`; the shape is the same (params is a Promise since Next.js 15).
type Context = { params: Promise<{ nctId: string }> };

/** A strong ETag: the version changes with every write, so it is what an edit is checked against. */
const etagOf = (version: number) => `"${version}"`;
/** A coordinator's update is a few fields and a note; anything this large is not one. */
const MAX_BODY_CHARS = 64_000;

/** Weak comparison (RFC 9110 §13.1.2): `W/"3"` matches `"3"`, and `*` matches any. */
function noneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

function errorResponse(error: unknown): Response {
  if (isAppError(error) && error.status === 401) {
    const challenge = error.code === 'unauthorized:token' ? 'Bearer error="invalid_token"' : 'Bearer';
    return toResponse(error, { headers: { 'WWW-Authenticate': challenge } });
  }
  return toResponse(error);
}

export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const { nctId } = await context.params;
    const trial = getTrialOrThrow(parseNctId(nctId));
    // no-cache: a client may keep a copy but must ask (If-None-Match) before using it.
    const headers = { ETag: etagOf(trial.version), 'Cache-Control': 'no-cache' };
    if (noneMatch(request.headers.get('if-none-match'), headers.ETag)) return new Response(null, { status: 304, headers });
    return Response.json(trial, { headers });
  } catch (error) {
    return toResponse(error);
  }
}

/** The version an If-Match header names; only one strong ETag as GET sent it is accepted. */
function ifMatchVersion(header: string | null): number {
  // `*` would match any version, which is exactly the blind overwrite If-Match is here to prevent.
  if (header === null || header.trim() === '' || header.trim() === '*')
    throw new AppError('precondition_required:trial', 'Send the If-Match header with the ETag from GET /api/trials/{nctId}, so an update cannot overwrite a change you have not seen.', {
      field: 'If-Match',
    });
  const match = header.trim().match(/^"([1-9]\d{0,14})"$/);
  if (!match)
    throw new AppError('bad_request:header', `If-Match must be exactly the ETag from GET, e.g. "3" with the quotes (got ${header.trim().slice(0, 40)}).`, {
      field: 'If-Match',
    });
  return Number(match[1]);
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS)
    throw new AppError('bad_request:body', `The request body is too large (at most ${MAX_BODY_CHARS} characters).`, { field: 'body', status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('bad_request:body', 'The request body must be a JSON object, e.g. {"overallStatus": "COMPLETED", "reason": "…"}.', { field: 'body' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new AppError('bad_request:body', 'The request body must be a JSON object of the fields to change.', { field: 'body' });
  return body as Record<string, unknown>;
}

/** updateTrial, with a stale version reported as HTTP clients expect: a failed precondition (412). */
function updateWithPrecondition(...args: Parameters<typeof updateTrial>): ReturnType<typeof updateTrial> {
  try {
    return updateTrial(...args);
  } catch (error) {
    // The message and what changed in the meantime stay as the form shows them.
    if (isAppError(error) && error.code === 'conflict:trial')
      throw new AppError('precondition_failed:trial', error.message, { field: 'If-Match', details: error.details });
    throw error;
  }
}

export async function PATCH(request: Request, context: Context): Promise<Response> {
  try {
    const nctId = parseNctId((await context.params).nctId);
    const database = db();
    const actor = actorFromRequest(database, request);
    if (!actor) throw new AppError('unauthorized:session', 'Sign in, or send a personal API token as "Authorization: Bearer <token>", to update a trial.');
    const version = ifMatchVersion(request.headers.get('if-match'));
    const body = await jsonBody(request);
    if ('version' in body && body.version !== version)
      throw new AppError('bad_request:trial', `version: leave it out, or send the same version as If-Match (${version}).`, { field: 'version' });

    const result = updateWithPrecondition(database, nctId, { ...body, version }, actor);
    // No revalidatePath: every page showing a trial is force-dynamic, so nothing cached needs purging.
    return Response.json(result, { headers: { ETag: etagOf(result.version), 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
