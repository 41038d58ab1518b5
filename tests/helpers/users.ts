// Users and coordinator assignments for tests, written through the schema (there is no sign-up flow to go through).
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { trialCoordinators, trials, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/permissions';

export function createUser(db: Db, email: string, role: 'member' | 'admin' = 'member'): Actor {
  const row = db.insert(users).values({ email, role }).returning({ id: users.id }).get();
  return { userId: row.id, role };
}

export function assignCoordinator(db: Db, actor: Actor, nctId: string): void {
  const trial = db.select({ id: trials.id }).from(trials).where(eq(trials.nctId, nctId)).get();
  if (!trial) throw new Error(`no trial ${nctId}`);
  db.insert(trialCoordinators).values({ trialId: trial.id, userId: actor.userId }).run();
}
