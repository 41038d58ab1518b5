// Personal API tokens: a coordinator's own tools call the API as that coordinator. The token is shown
// once when created; only its SHA-256 is stored, so a copy of the database cannot be used to sign in.
// A token acts with its owner's rights as they are now (the role is read from users on every request).
import crypto from 'node:crypto';
import { and, count, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { assertSignedIn, type Actor } from './permissions';

/** Recognisable in logs and by secret scanners ("alst" = ALS tracker). */
export const API_TOKEN_PREFIX = 'alst_';
export const MAX_ACTIVE_API_TOKENS = 20;
/** lastUsedAt is "roughly when": one write a minute per token, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const createSchema = z
  .object({
    name: z
      .string('give the token a name')
      .trim()
      .min(1, 'give the token a name, e.g. the tool that will use it')
      .max(80, 'a token name is at most 80 characters'),
  })
  .strict();
const idSchema = z.coerce.number('must be a token id').int('must be a token id').positive('must be a token id');

export type ApiTokenSummary = { id: number; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
export type CreatedApiToken = { id: number; name: string; token: string; createdAt: string };

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token for the signed-in person. The returned `token` is the only time anyone sees it. */
export function createApiToken(database: Db, actor: Actor | null, rawInput: unknown, now = new Date()): CreatedApiToken {
  const createdAt = now.toISOString();
  // IMMEDIATE: the count and the insert see the same state, so two quick requests cannot make a 21st.
  return database.transaction((tx) => {
    const owner = assertSignedIn(tx, actor, 'Sign in to manage your API tokens.');
    const { name } = parseInput(createSchema, rawInput, 'bad_request:token', 'name');
    const token = API_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
    const [active] = tx
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, owner.userId), isNull(apiTokens.revokedAt)))
      .all();
    if ((active?.n ?? 0) >= MAX_ACTIVE_API_TOKENS)
      throw new AppError('conflict:token', `You already have ${MAX_ACTIVE_API_TOKENS} active API tokens. Revoke one you no longer use, then create a new one.`, {
        details: { limit: MAX_ACTIVE_API_TOKENS },
      });
    const row = tx
      .insert(apiTokens)
      .values({ userId: owner.userId, name, tokenHash: hashApiToken(token), createdAt })
      .returning({ id: apiTokens.id })
      .get();
    return { id: row.id, name, token, createdAt };
  }, { behavior: 'immediate' });
}

/** The signed-in person's own tokens, newest first, revoked ones included (never the hash). */
export function listApiTokens(database: Db, actor: Actor | null): ApiTokenSummary[] {
  const owner = assertSignedIn(database, actor, 'Sign in to manage your API tokens.');
  return database
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, owner.userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all();
}

/** Revokes one of the actor's own tokens; revoking it again changes nothing and succeeds. */
export function revokeApiToken(database: Db, actor: Actor | null, rawId: unknown, now = new Date()): ApiTokenSummary {
  const owner = assertSignedIn(database, actor, 'Sign in to manage your API tokens.');
  const id = parseInput(idSchema, rawId, 'bad_request:token', 'id');
  return database.transaction((tx) => {
    // Someone else's token answers exactly like a missing one: ids must not confirm that a token exists.
    const where = and(eq(apiTokens.id, id), eq(apiTokens.userId, owner.userId));
    const columns = { id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt };
    const row = tx.select(columns).from(apiTokens).where(where).get();
    if (!row) throw new AppError('not_found:token', 'You have no API token with this id.', { field: 'id' });
    if (row.revokedAt) return row;
    const revokedAt = now.toISOString();
    tx.update(apiTokens).set({ revokedAt }).where(where).run();
    return { ...row, revokedAt };
  }, { behavior: 'immediate' });
}

/** The owner of an active token, with their role as it is now; null for an unknown or revoked token. */
export function actorFromApiToken(database: Db, token: string, now = new Date()): Actor | null {
  // Anything this long is not one of ours; no need to hash a megabyte to find that out.
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
  const row = database
    .select({ id: apiTokens.id, userId: apiTokens.userId, role: users.role, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    // Conditional, so concurrent requests in the same minute write once between them.
    database
      .update(apiTokens)
      .set({ lastUsedAt: now.toISOString() })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))))
      .run();
  }
  return { userId: row.userId, role: row.role };
}
