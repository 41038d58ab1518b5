// Who may change what. Called inside every mutation (and again inside the data function that writes),
// never only in proxy.ts or on the page: a server action is a public POST endpoint.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { trialCoordinators, trials, users } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** The person asking, as established by a session or an API token; null when nobody signed in. */
export type Actor = { userId: string; role: 'member' | 'admin' };

export function isCoordinatorOf(database: DbOrTx, userId: string, trialId: number): boolean {
  return !!database
    .select({ userId: trialCoordinators.userId })
    .from(trialCoordinators)
    .where(and(eq(trialCoordinators.trialId, trialId), eq(trialCoordinators.userId, userId)))
    .get();
}

/**
 * The person asking as they are now: 401 (with `signInTo` as the reason) for nobody or a deleted account.
 * The role is read from the database, never trusted from a session that may be stale.
 */
export function assertSignedIn(database: DbOrTx, actor: Actor | null, signInTo: string): Actor {
  if (!actor) throw new AppError('unauthorized:session', signInTo);
  const user = database.select({ role: users.role }).from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw new AppError('unauthorized:session', 'Your account no longer exists. Sign in again.');
  return { userId: actor.userId, role: user.role };
}

/** Throws 401 for nobody, 403 for anyone but an admin or a coordinator of this trial. */
export function assertMayEditTrial(database: DbOrTx, actor: Actor | null, trialId: number): Actor {
  const who = assertSignedIn(database, actor, 'Sign in to update a trial.');
  if (who.role === 'admin' || isCoordinatorOf(database, who.userId, trialId)) return who;
  throw new AppError('forbidden:trial', 'Only a coordinator of this trial or an admin can update it.');
}

/** For pages deciding what to show; the write itself checks again with assertMayEditTrial. */
export function mayEditTrial(database: DbOrTx, actor: Actor | null, nctId: string): boolean {
  if (!actor) return false;
  const row = database
    .select({ role: users.role })
    .from(users)
    .where(eq(users.id, actor.userId))
    .get();
  if (!row) return false;
  if (row.role === 'admin') return true;
  const trial = database.select({ id: trials.id }).from(trials).where(eq(trials.nctId, nctId)).get();
  return !!trial && isCoordinatorOf(database, actor.userId, trial.id);
}
