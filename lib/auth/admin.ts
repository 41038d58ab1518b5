// Roles: admins assign and remove trial coordinators; the first admin comes from a script. Every grant
// and removal is appended to role_changes with who did it and when, in the same transaction as the change.
// Pages show people by name or a masked address: no response carries another user's e-mail address.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { roleChanges, trialCoordinators, trials, users } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { NCT_ID } from '@/lib/trials/vocab';
import { assertSignedIn, type Actor } from './permissions';

export const emailSchema = z
  .string('give an e-mail address')
  .trim()
  .toLowerCase()
  .max(254, 'an e-mail address is at most 254 characters')
  .pipe(z.email('must be an e-mail address, like name@example.org'));

const nctIdSchema = z
  .string('give the trial’s NCT number')
  .trim()
  .toUpperCase()
  .regex(NCT_ID, 'must be an NCT number: NCT followed by 8 digits, e.g. NCT04856982');

const assignSchema = z.object({ email: emailSchema, nctId: nctIdSchema }).strict();
const removeSchema = z.object({ userId: z.string().min(1).max(100), nctId: nctIdSchema }).strict();

/** "j•••@example.org": enough for an admin to tell people apart, not an address to harvest. */
export function maskEmail(email: string | null): string {
  if (!email) return 'someone without an e-mail address';
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** A person as others may see them: their name if they gave one, else a masked address. */
export function personLabel(user: { name: string | null; email: string | null }): string {
  return user.name?.trim() || maskEmail(user.email);
}

/** Throws unless the actor is an admin now (read from the database, never from a possibly stale session). */
export function assertAdmin(database: DbOrTx, actor: Actor | null): Actor {
  const who = assertSignedIn(database, actor, 'Sign in as an admin to manage coordinators.');
  if (who.role !== 'admin') throw new AppError('forbidden:admin', 'Only an admin can manage coordinators.');
  return who;
}

function trialIdOrThrow(tx: DbOrTx, nctId: string): { id: number; briefTitle: string } {
  const trial = tx.select({ id: trials.id, briefTitle: trials.briefTitle }).from(trials).where(eq(trials.nctId, nctId)).get();
  if (!trial) throw new AppError('not_found:trial', `nctId: the tracker has no trial ${nctId}.`, { field: 'nctId', details: { fields: { nctId: `the tracker has no trial ${nctId}` } } });
  return trial;
}

/**
 * Makes the person with this address a coordinator of the trial. Someone who has never signed in gets
 * an account now, so their first sign-in with that address lands in their workspace.
 */
export function assignCoordinator(database: Db, actor: Actor | null, input: unknown, now = new Date()): { nctId: string; coordinator: string } {
  return database.transaction((tx) => {
    const admin = assertAdmin(tx, actor);
    const { email, nctId } = parseInput(assignSchema, input, 'bad_request:coordinator', 'input');
    const trial = trialIdOrThrow(tx, nctId);
    const at = now.toISOString();
    let user = tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, email)).get();
    user ??= tx.insert(users).values({ email, createdAt: at }).returning({ id: users.id, name: users.name, email: users.email }).get();
    const inserted = tx
      .insert(trialCoordinators)
      .values({ trialId: trial.id, userId: user.id, assignedBy: admin.userId, assignedAt: at })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0)
      throw new AppError('conflict:coordinator', `${personLabel(user)} is already a coordinator of ${nctId}.`, { field: 'email' });
    tx.insert(roleChanges).values({ userId: user.id, change: 'coordinator_assigned', trialId: trial.id, actorUserId: admin.userId, at }).run();
    return { nctId, coordinator: personLabel(user) };
  }, { behavior: 'immediate' });
}

export function removeCoordinator(database: Db, actor: Actor | null, input: unknown, now = new Date()): { nctId: string; coordinator: string } {
  return database.transaction((tx) => {
    const admin = assertAdmin(tx, actor);
    const { userId, nctId } = parseInput(removeSchema, input, 'bad_request:coordinator', 'input');
    const trial = trialIdOrThrow(tx, nctId);
    const user = tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get();
    const removed = tx
      .delete(trialCoordinators)
      .where(and(eq(trialCoordinators.trialId, trial.id), eq(trialCoordinators.userId, userId)))
      .run();
    if (!user || removed.changes === 0) throw new AppError('not_found:coordinator', `That person is not a coordinator of ${nctId}.`);
    tx.insert(roleChanges).values({ userId, change: 'coordinator_removed', trialId: trial.id, actorUserId: admin.userId, at: now.toISOString() }).run();
    return { nctId, coordinator: personLabel(user) };
  }, { behavior: 'immediate' });
}

/** For `npm run admin:create`: the person becomes an admin (an account is made if needed). */
export function createAdmin(database: Db, rawEmail: unknown, via: string, now = new Date()): { created: boolean; alreadyAdmin: boolean } {
  const email = parseInput(z.object({ email: emailSchema }), { email: rawEmail }, 'bad_request:admin', 'input').email;
  return database.transaction((tx) => {
    const at = now.toISOString();
    const existing = tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email)).get();
    if (existing?.role === 'admin') return { created: false, alreadyAdmin: true };
    const id = existing
      ? (tx.update(users).set({ role: 'admin' }).where(eq(users.id, existing.id)).run(), existing.id)
      : tx.insert(users).values({ email, role: 'admin', createdAt: at }).returning({ id: users.id }).get().id;
    tx.insert(roleChanges).values({ userId: id, change: 'admin_granted', via, at }).run();
    return { created: !existing, alreadyAdmin: false };
  }, { behavior: 'immediate' });
}

export type CoordinatedTrial = { nctId: string; briefTitle: string; acronym: string | null; overallStatus: string | null; version: number; updatedAt: string };

/** "My trials": the trials this person coordinates, by title. */
export function listMyTrials(database: DbOrTx, actor: Actor): CoordinatedTrial[] {
  return database
    .select({ nctId: trials.nctId, briefTitle: trials.briefTitle, acronym: trials.acronym, overallStatus: trials.overallStatus, version: trials.version, updatedAt: trials.updatedAt })
    .from(trialCoordinators)
    .innerJoin(trials, eq(trials.id, trialCoordinators.trialId))
    .where(eq(trialCoordinators.userId, actor.userId))
    .orderBy(asc(trials.briefTitle))
    .all();
}

export type CoordinatorAssignment = { nctId: string; briefTitle: string; coordinators: { userId: string; label: string; assignedAt: string }[] };

/** Every trial that has coordinators, with them (admin page). */
export function listAssignments(database: DbOrTx, actor: Actor | null): CoordinatorAssignment[] {
  assertAdmin(database, actor);
  const rows = database
    .select({ nctId: trials.nctId, briefTitle: trials.briefTitle, userId: users.id, name: users.name, email: users.email, assignedAt: trialCoordinators.assignedAt })
    .from(trialCoordinators)
    .innerJoin(trials, eq(trials.id, trialCoordinators.trialId))
    .innerJoin(users, eq(users.id, trialCoordinators.userId))
    .orderBy(asc(trials.nctId), asc(trialCoordinators.assignedAt))
    .all();
  const byTrial = new Map<string, CoordinatorAssignment>();
  for (const r of rows) {
    const entry = byTrial.get(r.nctId) ?? { nctId: r.nctId, briefTitle: r.briefTitle, coordinators: [] };
    entry.coordinators.push({ userId: r.userId, label: personLabel(r), assignedAt: r.assignedAt });
    byTrial.set(r.nctId, entry);
  }
  return [...byTrial.values()];
}

export type RoleChangeView = { id: number; change: string; person: string; nctId: string | null; by: string; at: string };

/** The most recent role changes, newest first (admin page). */
export function listRoleChanges(database: DbOrTx, actor: Actor | null, limit = 50): RoleChangeView[] {
  assertAdmin(database, actor);
  const subject = alias(users, 'subject');
  const rows = database
    .select({ id: roleChanges.id, change: roleChanges.change, subjectName: subject.name, subjectEmail: subject.email, trialId: roleChanges.trialId, actorUserId: roleChanges.actorUserId, via: roleChanges.via, at: roleChanges.at })
    .from(roleChanges)
    .innerJoin(subject, eq(subject.id, roleChanges.userId))
    .orderBy(desc(roleChanges.id))
    .limit(limit)
    .all();
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const actors = new Map(
    actorIds.length
      ? database.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, actorIds)).all().map((u) => [u.id, personLabel(u)])
      : [],
  );
  const trialIds = [...new Set(rows.flatMap((r) => (r.trialId ? [r.trialId] : [])))];
  const nct = new Map(
    trialIds.length ? database.select({ id: trials.id, nctId: trials.nctId }).from(trials).where(inArray(trials.id, trialIds)).all().map((t) => [t.id, t.nctId]) : [],
  );
  return rows.map((r) => ({
    id: r.id,
    change: r.change,
    person: personLabel({ name: r.subjectName, email: r.subjectEmail }),
    nctId: r.trialId ? (nct.get(r.trialId) ?? null) : null,
    by: r.actorUserId ? (actors.get(r.actorUserId) ?? 'a removed account') : (r.via ?? 'a script'),
    at: r.at,
  }));
}

/** Whether this person coordinates any trial (for the "My trials" link). */
export function coordinatesAnyTrial(database: DbOrTx, userId: string): boolean {
  return !!database.select({ userId: trialCoordinators.userId }).from(trialCoordinators).where(eq(trialCoordinators.userId, userId)).limit(1).get();
}
