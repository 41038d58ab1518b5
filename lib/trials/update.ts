// A coordinator's update of a trial: parsed, authorised, checked against the version the form was read
// at, and written with one event per changed field in one transaction. A stale save changes nothing
// and is refused (409) with what changed in the meantime.
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { trialEvents, trials, type NewTrialEvent } from '@/db/schema';
import { assertMayEditTrial, type Actor } from '@/lib/auth/permissions';
import { PARTIAL_DATE } from '@/lib/ctgov/record';
import { AppError } from '@/lib/errors';
import { describeEvent } from './describe-event';
import { refreshTrialSearch } from './search-index';
import { DATE_TYPES, PHASES, STATUSES, type EventKind } from './vocab';

const datedValue = z.object({
  date: z.string().regex(PARTIAL_DATE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD'),
  type: z.enum(DATE_TYPES, 'must be ACTUAL or ESTIMATED'),
});

export const trialUpdateSchema = z
  .object({
    /** The trial's version when the form or client read it. */
    version: z.number().int().positive(),
    overallStatus: z.enum(STATUSES).optional(),
    /** Required when the status changes: families see it beside the change. */
    reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(1000).optional(),
    phase: z.enum(PHASES).optional(),
    startDate: datedValue.nullable().optional(),
    primaryCompletionDate: datedValue.nullable().optional(),
    completionDate: datedValue.nullable().optional(),
    enrollment: z
      .object({ count: z.number().int().min(0).max(1_000_000), type: z.enum(DATE_TYPES) })
      .nullable()
      .optional(),
    maxMonthsSinceOnset: z.number().int().min(1).max(600).nullable().optional(),
    minVitalCapacityPct: z.number().int().min(1).max(150).nullable().optional(),
    riluzoleAllowed: z.boolean().nullable().optional(),
    edaravoneAllowed: z.boolean().nullable().optional(),
    plainSummary: z.string().trim().min(1).max(4000).nullable().optional(),
    /** A note to the trial's followers, recorded as a `note` event. */
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export type TrialUpdate = z.infer<typeof trialUpdateSchema>;

type Row = typeof trials.$inferSelect;
type Change = { kind: EventKind; field: string; from: unknown; to: unknown; set: Partial<Row> };

const DATE_FIELDS = [
  ['startDate', 'startDateType'],
  ['primaryCompletionDate', 'primaryCompletionDateType'],
  ['completionDate', 'completionDateType'],
] as const;
const PLAIN_FIELDS = ['maxMonthsSinceOnset', 'minVitalCapacityPct', 'riluzoleAllowed', 'edaravoneAllowed', 'plainSummary'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function changesOf(row: Row, input: TrialUpdate): Change[] {
  const changes: Change[] = [];
  if (input.overallStatus !== undefined && input.overallStatus !== row.overallStatus)
    changes.push({ kind: 'status_changed', field: 'overallStatus', from: row.overallStatus, to: input.overallStatus, set: { overallStatus: input.overallStatus } });
  if (input.phase !== undefined && input.phase !== row.phase)
    changes.push({ kind: 'phase_changed', field: 'phase', from: row.phase, to: input.phase, set: { phase: input.phase } });
  for (const [field, typeField] of DATE_FIELDS) {
    const next = input[field];
    if (next === undefined) continue;
    const from = { date: row[field], type: row[typeField] };
    const to = { date: next?.date ?? null, type: next?.type ?? null };
    if (same(from, to)) continue;
    const kind = field === 'startDate' && to.type === 'ACTUAL' && from.type !== 'ACTUAL' ? 'started' : 'date_changed';
    changes.push({ kind, field, from, to, set: { [field]: to.date, [typeField]: to.type } });
  }
  if (input.enrollment !== undefined) {
    const from = { count: row.enrollmentCount, type: row.enrollmentType };
    const to = { count: input.enrollment?.count ?? null, type: input.enrollment?.type ?? null };
    if (!same(from, to)) changes.push({ kind: 'enrolment_changed', field: 'enrollment', from, to, set: { enrollmentCount: to.count, enrollmentType: to.type } });
  }
  for (const field of PLAIN_FIELDS) {
    const next = input[field];
    if (next === undefined || same(row[field], next)) continue;
    changes.push({ kind: 'record_updated', field, from: row[field], to: next, set: { [field]: next } });
  }
  return changes;
}

/** What others saved after `version`, as sentences, for the 409 message. */
function changesSince(database: Db, trialId: number, version: number) {
  return database
    .select({ kind: trialEvents.kind, field: trialEvents.field, fromValue: trialEvents.fromValue, toValue: trialEvents.toValue, text: trialEvents.text, source: trialEvents.source, recordedAt: trialEvents.recordedAt })
    .from(trialEvents)
    .where(and(eq(trialEvents.trialId, trialId), gt(trialEvents.trialVersion, version)))
    .orderBy(asc(trialEvents.id))
    .all()
    .map((e) => ({ text: describeEvent(e), source: e.source, recordedAt: e.recordedAt }));
}

export type TrialUpdateResult = { nctId: string; version: number; events: number };

export function updateTrial(database: Db, nctId: string, rawInput: unknown, actor: Actor | null, now = new Date()): TrialUpdateResult {
  const parsed = trialUpdateSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || undefined;
    throw new AppError('bad_request:trial', `${field ?? 'The update'}: ${issue.message}`, {
      field,
      details: { fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])) },
    });
  }
  const input = parsed.data;
  const nowIso = now.toISOString();

  return database.transaction((tx) => {
    const row = tx.select().from(trials).where(eq(trials.nctId, nctId)).get();
    if (!row) throw new AppError('not_found:trial', `The tracker has no trial ${nctId}.`, { field: 'nctId' });
    const who = assertMayEditTrial(tx, actor, row.id);
    if (row.version !== input.version) {
      throw new AppError('conflict:trial', `This trial was changed by someone else since you opened it (version ${input.version}, now ${row.version}). Review their changes and try again.`, {
        details: { currentVersion: row.version, changes: changesSince(database, row.id, input.version) },
      });
    }
    const changes = changesOf(row, input);
    if (changes.some((c) => c.field === 'overallStatus') && !input.reason)
      throw new AppError('bad_request:trial', 'reason: say why the status changed; families see it beside the change.', { field: 'reason' });
    if (changes.length === 0 && !input.note) return { nctId, version: row.version, events: 0 };

    const version = row.version + 1;
    // The WHERE on version makes the write itself conditional, even across processes.
    const updated = tx
      .update(trials)
      .set({ ...Object.assign({}, ...changes.map((c) => c.set)), version, updatedAt: nowIso })
      .where(and(eq(trials.id, row.id), eq(trials.version, input.version)))
      .run();
    if (updated.changes !== 1) throw new AppError('conflict:trial', 'This trial was changed by someone else at the same moment. Reload and try again.');

    const base = { trialId: row.id, occurredAt: nowIso.slice(0, 10), recordedAt: nowIso, source: 'coordinator' as const, actorUserId: who.userId, trialVersion: version };
    const events: NewTrialEvent[] = changes.map((c) => ({
      ...base,
      kind: c.kind,
      field: c.field,
      fromValue: c.from,
      toValue: c.to,
      reason: input.reason ?? null,
      sourceDetail: "Updated by the trial's coordinator",
    }));
    if (input.note) events.push({ ...base, kind: 'note', field: null, text: input.note, reason: null, sourceDetail: "Note from the trial's coordinator" });
    tx.insert(trialEvents).values(events).run();
    if (changes.some((c) => c.field === 'plainSummary')) refreshTrialSearch(tx, row.id);
    return { nctId, version, events: events.length };
    // IMMEDIATE takes the write lock before reading, so concurrent writers queue on busy_timeout
    // instead of failing to upgrade a stale read (SQLITE_BUSY) between processes.
  }, { behavior: 'immediate' });
}
