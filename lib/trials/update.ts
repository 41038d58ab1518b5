// A coordinator's update of a trial: parsed, authorised, checked against the version the form was read
// at, and written with one event per changed field in one transaction. A stale save changes nothing
// and is refused (409) with what changed in the meantime. Every field set becomes a claim (claims.ts),
// so a later import does not quietly put the registry's value back.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { trialEvents, trialLocations, trials, type NewTrialEvent, type Trial } from '@/db/schema';
import { assertMayEditTrial, type Actor } from '@/lib/auth/permissions';
import { PARTIAL_DATE } from '@/lib/ctgov/record';
import { AppError } from '@/lib/errors';
import { refreshSearchMatches } from '@/lib/notifications/fanout';
import { assertCurrentVersion, FACT_COLUMNS, readSites, recordClaim, toSite, type ClaimableField, type Site } from './claims';
import { refreshTrialSearch } from './search-index';
import { DATE_TYPES, PHASES, SITE_STATUSES, STATUSES, type EventKind } from './vocab';

export { SITE_STATUSES };

/** A full date names a day that exists (no 31 April, no 29 February outside leap years); anything malformed is left to the format's message. */
function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !PARTIAL_DATE.test(date)) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const datedValue = z.object({
  date: z.string().regex(PARTIAL_DATE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD').refine(isRealDate, 'is not a real date'),
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
    /** New recruitment statuses of existing sites, by their position in the trial's site list. */
    sites: z
      .array(z.object({ position: z.number().int().min(0), status: z.enum(SITE_STATUSES, `must be one of ${SITE_STATUSES.join(', ')}`) }))
      .max(2000)
      .optional(),
    /** A note to the trial's followers, recorded as a `note` event. */
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export type TrialUpdate = z.infer<typeof trialUpdateSchema>;

type Row = Pick<Trial, keyof typeof FACT_COLUMNS>;
type SiteWithPosition = Site & { position: number };
type Change = {
  kind: EventKind;
  field: ClaimableField;
  from: unknown;
  to: unknown;
  set: Partial<Trial>;
  /** The claim's value and the value it replaced, when they differ from the event's (sites: whole lists). */
  claim?: { value: unknown; replaced: unknown };
  /** Site statuses to write, by position. */
  sites?: { position: number; status: string }[];
};

const DATE_FIELDS = [
  ['startDate', 'startDateType'],
  ['primaryCompletionDate', 'primaryCompletionDateType'],
  ['completionDate', 'completionDateType'],
] as const;
const PLAIN_FIELDS = ['maxMonthsSinceOnset', 'minVitalCapacityPct', 'riluzoleAllowed', 'edaravoneAllowed', 'plainSummary'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const REASON_NEEDED = 'say why the status changed; families see it beside the change.';

/** A 400 naming each field at fault, in the `details.fields` shape the form reads (fieldErrors). */
function invalid(fields: Record<string, string>): AppError {
  const [field, message] = Object.entries(fields)[0]!;
  return new AppError('bad_request:trial', `${field || 'The update'}: ${message}`, { field: field || undefined, details: { fields } });
}

/** The field errors of a refused update, keyed by dotted path (`primaryCompletionDate.date`, `sites.3.status`, `reason`). */
export function fieldErrors(error: AppError): Record<string, string> {
  const fields = error.details?.fields;
  if (fields && typeof fields === 'object') return { ...(fields as Record<string, string>) };
  if (!error.field) return {};
  const prefix = `${error.field}: `;
  return { [error.field]: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message };
}

function siteChange(sites: SiteWithPosition[], updates: NonNullable<TrialUpdate['sites']>): Change | null {
  const index = new Map(sites.map((s, i) => [s.position, i]));
  const next = sites.map(toSite);
  const problems: Record<string, string> = {};
  const seen = new Set<number>();
  updates.forEach((u, n) => {
    const i = index.get(u.position);
    if (i === undefined) problems[`sites.${n}.position`] = `this trial has no site at position ${u.position}`;
    else if (seen.has(u.position)) problems[`sites.${n}.position`] = `site ${u.position} is listed twice`;
    else next[i] = { ...next[i]!, status: u.status };
    seen.add(u.position);
  });
  if (Object.keys(problems).length) throw invalid(problems);
  const changed = sites.flatMap((s, i) => (s.status !== next[i]!.status ? [i] : []));
  if (!changed.length) return null;
  return {
    kind: 'record_updated',
    field: 'locations',
    // Recorded like the importer's list changes: the rows as they were and as they are now.
    from: { removed: changed.map((i) => toSite(sites[i]!)) },
    to: { added: changed.map((i) => next[i]!) },
    set: {},
    claim: { value: next, replaced: sites.map(toSite) },
    sites: changed.map((i) => ({ position: sites[i]!.position, status: next[i]!.status! })),
  };
}

function changesOf(row: Row, sites: () => SiteWithPosition[], input: TrialUpdate): Change[] {
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
  if (input.sites?.length) {
    const change = siteChange(sites(), input.sites);
    if (change) changes.push(change);
  }
  for (const field of PLAIN_FIELDS) {
    const next = input[field];
    if (next === undefined || same(row[field], next)) continue;
    changes.push({ kind: 'record_updated', field, from: row[field], to: next, set: { [field]: next } });
  }
  return changes;
}

/** On a refused parse: does the input also change the status without a reason? Said with the other errors. */
function statusChangeWithoutReason(database: Db, nctId: string, raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const { overallStatus, reason } = raw as Record<string, unknown>;
  if (typeof overallStatus !== 'string' || (reason !== undefined && reason !== null)) return false;
  // The status is public; reading it before authorising tells nobody anything new.
  const row = database.select({ overallStatus: trials.overallStatus }).from(trials).where(eq(trials.nctId, nctId)).get();
  return !!row && row.overallStatus !== overallStatus;
}

export type TrialUpdateResult = { nctId: string; version: number; events: number };

export function updateTrial(database: Db, nctId: string, rawInput: unknown, actor: Actor | null, now = new Date()): TrialUpdateResult {
  const parsed = trialUpdateSchema.safeParse(rawInput);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
    if (!fields.reason && statusChangeWithoutReason(database, nctId, rawInput)) fields.reason = REASON_NEEDED;
    throw invalid(fields);
  }
  const input = parsed.data;
  const nowIso = now.toISOString();

  return database.transaction((tx) => {
    const row = tx.select({ id: trials.id, version: trials.version, ...FACT_COLUMNS }).from(trials).where(eq(trials.nctId, nctId)).get();
    if (!row) throw new AppError('not_found:trial', `The tracker has no trial ${nctId}.`, { field: 'nctId' });
    const who = assertMayEditTrial(tx, actor, row.id);
    assertCurrentVersion(tx, row, input.version);
    const changes = changesOf(row, () => readSites(tx, row.id), input);
    if (changes.some((c) => c.field === 'overallStatus') && !input.reason) throw invalid({ reason: REASON_NEEDED });
    if (changes.length === 0 && !input.note) return { nctId, version: row.version, events: 0 };

    const version = row.version + 1;
    // The WHERE on version makes the write itself conditional, even across processes.
    const updated = tx
      .update(trials)
      .set({ ...Object.assign({}, ...changes.map((c) => c.set)), version, updatedAt: nowIso })
      .where(and(eq(trials.id, row.id), eq(trials.version, input.version)))
      .run();
    if (updated.changes !== 1) throw new AppError('conflict:trial', 'This trial was changed by someone else at the same moment. Reload and try again.');
    for (const site of changes.flatMap((c) => c.sites ?? []))
      tx.update(trialLocations).set({ status: site.status }).where(and(eq(trialLocations.trialId, row.id), eq(trialLocations.position, site.position))).run();

    const base = { trialId: row.id, occurredAt: nowIso.slice(0, 10), recordedAt: nowIso, source: 'coordinator' as const, actorUserId: who.userId, trialVersion: version };
    const events: NewTrialEvent[] = changes.flatMap((c) => {
      const changed: NewTrialEvent = { ...base, kind: c.kind, field: c.field, fromValue: c.from, toValue: c.to, reason: input.reason ?? null, sourceDetail: "Updated by the trial's coordinator" };
      // Saving over an open dispute settles it: recorded beside the change, never dismissed silently.
      const settled = recordClaim(tx, row.id, c.field, c.claim?.value ?? c.to, c.claim ? c.claim.replaced : c.from, who.userId, nowIso);
      return settled ? [changed, { ...base, ...settled, reason: input.reason ?? null, sourceDetail: "Confirmed by the trial's coordinator" }] : [changed];
    });
    if (input.note) events.push({ ...base, kind: 'note', field: null, text: input.note, reason: null, sourceDetail: "Note from the trial's coordinator" });
    tx.insert(trialEvents).values(events).run();
    if (changes.some((c) => c.field === 'plainSummary')) refreshTrialSearch(tx, row.id);
    refreshSearchMatches(tx, [row.id], now);
    return { nctId, version, events: events.length };
    // IMMEDIATE takes the write lock before reading, so concurrent writers queue on busy_timeout
    // instead of failing to upgrade a stale read (SQLITE_BUSY) between processes.
  }, { behavior: 'immediate' });
}
