// Coordinator claims (trial_field_claims): a field a coordinator set stays theirs until the registry or
// curation comes to agree. An import never overwrites a claimed field; when it brings a different value,
// that value is kept beside the coordinator's as a dispute, recorded once in the event stream and shown
// on the trial page with both sources and dates, until a coordinator confirms one (resolveClaim).
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { trialEvents, trialFieldClaims, trialLocations, trials, type NewTrialEvent, type Trial } from '@/db/schema';
import { assertMayEditTrial, type Actor } from '@/lib/auth/permissions';
import { AppError, parseInput } from '@/lib/errors';
import { refreshSearchMatches } from '@/lib/notifications/fanout';
import {
  compareSites,
  confirmationSentence,
  describeEvent,
  fieldName,
  formatFieldValue,
  OTHER_SOURCE_NAMES,
  siteName,
  siteStatusText,
  type SiteRow,
} from './describe-event';
import { refreshTrialSearch } from './search-index';
import type { EventKind } from './vocab';
import { describableEventColumns } from './event-columns';

/** The fields a coordinator can set, by their event-stream names (a date with its type is one field). */
export const CLAIMABLE_FIELDS = [
  'overallStatus',
  'phase',
  'startDate',
  'primaryCompletionDate',
  'completionDate',
  'enrollment',
  'locations',
  'maxMonthsSinceOnset',
  'minVitalCapacityPct',
  'riluzoleAllowed',
  'edaravoneAllowed',
  'plainSummary',
] as const;
export type ClaimableField = (typeof CLAIMABLE_FIELDS)[number];
export type ClaimSource = 'registry' | 'curation';

export type Site = { facility: string | null; city: string | null; state: string | null; country: string | null; status: string | null };

/** The trial columns behind the claimable fields, selected explicitly wherever a trial's facts are read. */
export const FACT_COLUMNS = {
  overallStatus: trials.overallStatus,
  phase: trials.phase,
  startDate: trials.startDate,
  startDateType: trials.startDateType,
  primaryCompletionDate: trials.primaryCompletionDate,
  primaryCompletionDateType: trials.primaryCompletionDateType,
  completionDate: trials.completionDate,
  completionDateType: trials.completionDateType,
  enrollmentCount: trials.enrollmentCount,
  enrollmentType: trials.enrollmentType,
  maxMonthsSinceOnset: trials.maxMonthsSinceOnset,
  minVitalCapacityPct: trials.minVitalCapacityPct,
  riluzoleAllowed: trials.riluzoleAllowed,
  edaravoneAllowed: trials.edaravoneAllowed,
  plainSummary: trials.plainSummary,
};
type FactColumn = keyof typeof FACT_COLUMNS;
/** A trial's claimable facts, as stored or as an import would set them, with its sites in order. */
export type ClaimableFacts = Pick<Trial, FactColumn> & { locations: SiteRow[] };

const DATE_TYPE_COLUMN = {
  startDate: 'startDateType',
  primaryCompletionDate: 'primaryCompletionDateType',
  completionDate: 'completionDateType',
} as const;
const isDateField = (field: string): field is keyof typeof DATE_TYPE_COLUMN => field in DATE_TYPE_COLUMN;
const isClaimable = (field: string): field is ClaimableField => (CLAIMABLE_FIELDS as readonly string[]).includes(field);

export const toSite = (s: SiteRow): Site => ({
  facility: s.facility ?? null,
  city: s.city ?? null,
  state: s.state ?? null,
  country: s.country ?? null,
  status: s.status ?? null,
});

/** A field's value in the event stream's shape: { date, type }, { count, type }, the whole site list, or the value. */
export function claimValue(facts: ClaimableFacts, field: ClaimableField): unknown {
  if (isDateField(field)) return { date: facts[field] ?? null, type: facts[DATE_TYPE_COLUMN[field]] ?? null };
  if (field === 'enrollment') return { count: facts.enrollmentCount ?? null, type: facts.enrollmentType ?? null };
  if (field === 'locations') return facts.locations.map(toSite);
  return facts[field] ?? null;
}

/** The trial columns a field's value sets. Sites are rows of their own (replaceSites). */
export function claimColumns(field: ClaimableField, value: unknown): Partial<Trial> {
  if (isDateField(field)) {
    const v = value as { date?: string | null; type?: Trial['startDateType'] } | null;
    return { [field]: v?.date ?? null, [DATE_TYPE_COLUMN[field]]: v?.type ?? null };
  }
  if (field === 'enrollment') {
    const v = value as { count?: number | null; type?: Trial['enrollmentType'] } | null;
    return { enrollmentCount: v?.count ?? null, enrollmentType: v?.type ?? null };
  }
  if (field === 'locations') return {};
  return { [field]: value ?? null };
}

/** The kind a change of this field is recorded as, the same as the importer records it. */
export function changeKind(field: ClaimableField, from: unknown, to: unknown): EventKind {
  if (field === 'overallStatus') return 'status_changed';
  if (field === 'phase') return 'phase_changed';
  if (field === 'enrollment') return 'enrolment_changed';
  const type = (v: unknown) => (v as { type?: string } | null)?.type;
  if (field === 'startDate' && type(to) === 'ACTUAL' && type(from) !== 'ACTUAL') return 'started';
  return isDateField(field) ? 'date_changed' : 'record_updated';
}

/** Key-order-independent JSON, so a value read back from SQLite compares equal to the one written. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
export const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** A source that gives nothing (no value, an empty date or count, no sites) has no say against a coordinator. */
function saysNothing(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every((v) => v === null || v === undefined);
  return false;
}

/** Two site lists as the stream records a change between them: the rows that went and the rows that came. */
export function siteListChange(before: SiteRow[], after: SiteRow[]): { from: { removed: Site[] }; to: { added: Site[] } } {
  const key = (s: SiteRow) => canonical(toSite(s));
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    from: { removed: before.filter((s) => !afterKeys.has(key(s))).map(toSite) },
    to: { added: after.filter((s) => !beforeKeys.has(key(s))).map(toSite) },
  };
}

/** Event values for a field: sites as a diff (a trial may list 500 sites), anything else as it is. */
function eventValues(field: ClaimableField, from: unknown, to: unknown): { fromValue: unknown; toValue: unknown } {
  if (field !== 'locations') return { fromValue: from, toValue: to };
  const change = siteListChange((from as SiteRow[] | null) ?? [], (to as SiteRow[] | null) ?? []);
  return { fromValue: change.from, toValue: change.to };
}

export function readSites(database: DbOrTx, trialId: number): (Site & { position: number })[] {
  return database
    .select({
      position: trialLocations.position,
      facility: trialLocations.facility,
      city: trialLocations.city,
      state: trialLocations.state,
      country: trialLocations.country,
      status: trialLocations.status,
    })
    .from(trialLocations)
    .where(eq(trialLocations.trialId, trialId))
    .orderBy(asc(trialLocations.position))
    .all();
}

export function replaceSites(tx: Tx, trialId: number, sites: SiteRow[]): void {
  tx.delete(trialLocations).where(eq(trialLocations.trialId, trialId)).run();
  // Chunked: SQLite caps bound parameters per statement and big trials list hundreds of sites.
  for (let i = 0; i < sites.length; i += 100)
    tx.insert(trialLocations).values(sites.slice(i, i + 100).map((s, j) => ({ ...toSite(s), trialId, position: i + j }))).run();
}

/** What others saved after `version`, as sentences, for a 409. */
export function changesSince(database: DbOrTx, trialId: number, version: number) {
  return database
    .select({ ...describableEventColumns, recordedAt: trialEvents.recordedAt })
    .from(trialEvents)
    .where(and(eq(trialEvents.trialId, trialId), gt(trialEvents.trialVersion, version)))
    .orderBy(asc(trialEvents.id))
    .all()
    .map((e) => ({ text: describeEvent(e), source: e.source, recordedAt: e.recordedAt }));
}

/** Refuses a write made from a stale read of the trial, saying what changed since (409). */
export function assertCurrentVersion(database: DbOrTx, trial: { id: number; version: number }, version: number): void {
  if (trial.version === version) return;
  throw new AppError('conflict:trial', `This trial was changed by someone else since you opened it (version ${version}, now ${trial.version}). Review their changes and try again.`, {
    details: { currentVersion: trial.version, changes: changesSince(database, trial.id, version) },
  });
}

const claimWhere = (trialId: number, field: string) => and(eq(trialFieldClaims.trialId, trialId), eq(trialFieldClaims.field, field));

/** A value in a sentence: free text quoted (the plain summary is the only free text a coordinator sets). */
const said = (field: ClaimableField, value: unknown) => {
  const text = formatFieldValue(field, value);
  return field === 'plainSummary' && typeof value === 'string' && value !== '' ? `“${text}”` : text;
};
const sitesDiffering = (a: unknown, b: unknown) => {
  const { changed, removed, added } = compareSites((a as SiteRow[] | null) ?? [], (b as SiteRow[] | null) ?? []);
  const n = changed.length + removed.length + added.length;
  return `${n} site${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''}`;
};

/** "Status: the trial's coordinator set Completed, setting aside ClinicalTrials.gov's Suspended". */
function settledByEditSentence(field: ClaimableField, value: unknown, otherValue: unknown, other: ClaimSource): string {
  const name = OTHER_SOURCE_NAMES[other];
  if (field === 'locations')
    return sameValue(value, otherValue)
      ? `Trial sites: the trial's coordinator set the list ${name} gives`
      : `Trial sites: the trial's coordinator set their list, setting aside ${name}'s (${sitesDiffering(value, otherValue)})`;
  return sameValue(value, otherValue)
    ? `${fieldName(field)}: the trial's coordinator set ${said(field, value)}, the value ${name} gives`
    : `${fieldName(field)}: the trial's coordinator set ${said(field, value)}, setting aside ${name}'s ${said(field, otherValue)}`;
}

/** The `source_confirmed` event a coordinator's save over an open dispute settles it with (without who, when, reason). */
export type SettledDispute = Pick<NewTrialEvent, 'kind' | 'field' | 'fromValue' | 'toValue' | 'text'>;

/**
 * Records that a coordinator set `field` (inside their update's transaction). The value they replaced is the
 * other source's as far as the tracker knows, and they saw it on the form, so it counts as reviewed: the
 * next import bringing that same value again (the registry lags) neither disputes nor reverts.
 * Saving over an open dispute settles it; the caller records the returned `source_confirmed` event with its update.
 */
export function recordClaim(tx: Tx, trialId: number, field: ClaimableField, value: unknown, replaced: unknown, setBy: string, nowIso: string): SettledDispute | null {
  const existing = tx
    .select({ disputedAt: trialFieldClaims.disputedAt, otherValue: trialFieldClaims.otherValue, otherSource: trialFieldClaims.otherSource, dismissedValue: trialFieldClaims.dismissedValue })
    .from(trialFieldClaims)
    .where(claimWhere(trialId, field))
    .get();
  // With a claim already held, the trial showed the coordinator's value: the other source's is the dispute's, or the one last reviewed.
  const reviewed = existing ? (existing.disputedAt ? existing.otherValue : existing.dismissedValue) : replaced;
  const set = {
    value: value ?? null,
    setBy,
    setAt: nowIso,
    disputedAt: null,
    otherValue: null,
    otherSource: null,
    otherAsOf: null,
    dismissedAt: saysNothing(reviewed) ? null : nowIso,
    dismissedValue: saysNothing(reviewed) ? null : reviewed,
  };
  tx.insert(trialFieldClaims)
    .values({ trialId, field, ...set })
    .onConflictDoUpdate({ target: [trialFieldClaims.trialId, trialFieldClaims.field], set })
    .run();
  if (!existing?.disputedAt || !existing.otherSource) return null;
  return {
    kind: 'source_confirmed',
    field,
    ...eventValues(field, existing.otherValue, value ?? null),
    // Stored as text, as resolveClaim does: the event's source is the coordinator, so only the text names the source set aside.
    text: settledByEditSentence(field, value ?? null, existing.otherValue, existing.otherSource),
  };
}

/** "Status: ClinicalTrials.gov now gives Recruiting, which the trial's coordinator already set aside, instead of its Suspended: …". */
function closedSentence(field: ClaimableField, claim: { value: unknown; otherValue: unknown; otherSource: ClaimSource }, source: ClaimSource, theirs: unknown): string {
  const name = OTHER_SOURCE_NAMES[source];
  const whose = source === claim.otherSource ? 'its' : `${OTHER_SOURCE_NAMES[claim.otherSource]}'s`;
  if (field === 'locations') {
    return saysNothing(theirs)
      ? `Trial sites: ${name} no longer lists sites: the coordinator's list stands`
      : `Trial sites: ${name} now gives the list the trial's coordinator already set aside, instead of ${whose} other list: the coordinator's list stands`;
  }
  const kept = `the coordinator's ${said(field, claim.value)} stands`;
  return saysNothing(theirs)
    ? `${fieldName(field)}: ${name} no longer gives a value (it gave ${said(field, claim.otherValue)}): ${kept}`
    : `${fieldName(field)}: ${name} now gives ${said(field, theirs)}, which the trial's coordinator already set aside, instead of ${whose} ${said(field, claim.otherValue)}: ${kept}`;
}

export type ClaimReconciliation = {
  /** Claimed fields whose stored value the import must keep. */
  kept: ClaimableField[];
  /** One `source_differs` event per newly opened dispute; one `source_confirmed` per dispute the source closed. */
  events: NewTrialEvent[];
  /** A claim was dropped, disputed or cleared: the trial page changes, so the trial's version moves. */
  changed: boolean;
};

export type IncomingSources = {
  /** Which source drives a field in this import: curation where it has a say, else the registry. */
  sourceOf: (field: ClaimableField) => ClaimSource;
  registry: { asOf: string | null; detail: string };
  curation: { asOf: string | null; detail: string };
};

/**
 * Meets an import's values with the trial's claims (inside the import's transaction). Per claimed field:
 * the source now agrees → the claim is dropped; it says nothing, or what a coordinator already reviewed →
 * the coordinator's value stays (an open dispute closes, recorded); anything else → it stays too, and the
 * dispute is recorded.
 */
export function reconcileClaims(tx: Tx, trialId: number, incoming: ClaimableFacts, sources: IncomingSources, nowIso: string, trialVersion: number): ClaimReconciliation {
  const result: ClaimReconciliation = { kept: [], events: [], changed: false };
  const claims = tx
    .select({
      field: trialFieldClaims.field,
      value: trialFieldClaims.value,
      setAt: trialFieldClaims.setAt,
      disputedAt: trialFieldClaims.disputedAt,
      otherValue: trialFieldClaims.otherValue,
      otherSource: trialFieldClaims.otherSource,
      otherAsOf: trialFieldClaims.otherAsOf,
      dismissedValue: trialFieldClaims.dismissedValue,
    })
    .from(trialFieldClaims)
    .where(eq(trialFieldClaims.trialId, trialId))
    .all();
  for (const claim of claims) {
    const field = claim.field;
    if (!isClaimable(field)) continue;
    const where = claimWhere(trialId, field);
    const theirs = claimValue(incoming, field);
    if (sameValue(theirs, claim.value)) {
      tx.delete(trialFieldClaims).where(where).run();
      result.changed = true;
      continue;
    }
    result.kept.push(field);
    const source = sources.sourceOf(field);
    if (saysNothing(theirs) || sameValue(theirs, claim.dismissedValue)) {
      if (claim.disputedAt) {
        // Closed, not left open: the page would otherwise show a value the source no longer gives. Closing is recorded.
        const other = claim.otherSource ?? source;
        // Silence is the dispute's source falling quiet; a value the coordinator set aside comes from the field's source now.
        const by = saysNothing(theirs) ? other : source;
        tx.update(trialFieldClaims).set({ disputedAt: null, otherValue: null, otherSource: null, otherAsOf: null }).where(where).run();
        result.changed = true;
        result.events.push({
          trialId,
          kind: 'source_confirmed',
          field,
          ...eventValues(field, claim.otherValue, claim.value),
          text: closedSentence(field, { value: claim.value, otherValue: claim.otherValue, otherSource: other }, by, theirs),
          occurredAt: sources[by].asOf,
          recordedAt: nowIso,
          source: by,
          sourceDetail: sources[by].detail,
          trialVersion,
        });
      }
      continue;
    }
    const { asOf, detail } = sources[source];
    if (claim.disputedAt && claim.otherSource === source && sameValue(theirs, claim.otherValue)) {
      // The same disagreement, perhaps restated in a later record: only its date moves, and with it the
      // trial page, so the trial's version moves too (its ETag). An identical record writes nothing.
      if (asOf && (!claim.otherAsOf || asOf > claim.otherAsOf)) {
        tx.update(trialFieldClaims).set({ otherAsOf: asOf }).where(where).run();
        result.changed = true;
      }
      continue;
    }
    tx.update(trialFieldClaims).set({ disputedAt: nowIso, otherValue: theirs, otherSource: source, otherAsOf: asOf }).where(where).run();
    result.changed = true;
    result.events.push({
      trialId,
      kind: 'source_differs',
      field,
      ...eventValues(field, claim.value, theirs),
      occurredAt: asOf,
      recordedAt: nowIso,
      source,
      sourceDetail: detail,
      trialVersion,
      // Once per opened dispute: the same record imported again is the same disagreement (above) and adds
      // nothing, while a dispute opened again (X, kept, Y, kept, X) is a new one. Every opening moves the
      // trial's version, so the version this import gives the trial counts the openings.
      dedupeKey: 'differs:' + createHash('sha256').update(canonical([field, claim.setAt, source, theirs, trialVersion])).digest('hex').slice(0, 24),
    });
  }
  return result;
}

export const claimResolutionSchema = z
  .object({
    field: z.enum(CLAIMABLE_FIELDS, 'must be a field a coordinator can set'),
    /** 'other' (or the other source's name, 'registry' or 'curation') takes the other source's value. */
    keep: z.enum(['coordinator', 'other', 'registry', 'curation'], "must be 'coordinator' or 'registry'"),
    /** The trial's version when the page showing the dispute was read. */
    version: z.number().int().positive(),
  })
  .strict();
export type ClaimResolution = z.infer<typeof claimResolutionSchema>;
export type ClaimResolutionResult = { nctId: string; version: number; events: number };

const CONFIRMED_REASON: Record<ClaimSource, string> = {
  registry: "Confirmed ClinicalTrials.gov's value",
  curation: 'Confirmed the curated value',
};

/**
 * A coordinator settles a dispute: keep 'coordinator' → their value stays and the other becomes reviewed;
 * keep 'registry'/'other' → the trial takes the other source's value and the claim ends. Parsed, authorised
 * and version-checked inside one IMMEDIATE transaction with its event, like updateTrial.
 */
export function resolveClaim(database: Db, nctId: string, rawInput: unknown, actor: Actor | null, now = new Date()): ClaimResolutionResult {
  const input = parseInput(claimResolutionSchema, rawInput, 'bad_request:claim');
  const nowIso = now.toISOString();

  return database.transaction((tx) => {
    const row = tx.select({ id: trials.id, version: trials.version, ...FACT_COLUMNS }).from(trials).where(eq(trials.nctId, nctId)).get();
    if (!row) throw new AppError('not_found:trial', `The tracker has no trial ${nctId}.`, { field: 'nctId' });
    const who = assertMayEditTrial(tx, actor, row.id);
    assertCurrentVersion(tx, row, input.version);
    const claim = tx
      .select({ value: trialFieldClaims.value, disputedAt: trialFieldClaims.disputedAt, otherValue: trialFieldClaims.otherValue, otherSource: trialFieldClaims.otherSource })
      .from(trialFieldClaims)
      .where(claimWhere(row.id, input.field))
      .get();
    const name = fieldName(input.field).toLowerCase();
    if (!claim?.disputedAt || !claim.otherSource)
      throw new AppError('not_found:dispute', `No other source disagrees with the coordinator about the ${name} of ${nctId}: there is nothing to confirm.`, { field: 'field' });
    const other = claim.otherSource;
    if (input.keep === 'registry' || input.keep === 'curation') {
      if (input.keep !== other) {
        const message = `the value that differs comes from ${OTHER_SOURCE_NAMES[other]}; send keep: '${other}' or 'other'`;
        throw new AppError('bad_request:claim', `keep: ${message}`, { field: 'keep', details: { fields: { keep: message } } });
      }
    }

    const version = row.version + 1;
    const keepOther = input.keep !== 'coordinator';
    // The WHERE on version makes the write itself conditional, as in updateTrial.
    const updated = tx
      .update(trials)
      .set({ ...(keepOther ? claimColumns(input.field, claim.otherValue) : {}), version, updatedAt: nowIso })
      .where(and(eq(trials.id, row.id), eq(trials.version, input.version)))
      .run();
    if (updated.changes !== 1) throw new AppError('conflict:trial', 'This trial was changed by someone else at the same moment. Reload and try again.');

    const base = { trialId: row.id, field: input.field, occurredAt: nowIso.slice(0, 10), recordedAt: nowIso, source: 'coordinator' as const, actorUserId: who.userId, trialVersion: version };
    if (keepOther) {
      const current = claimValue({ ...row, locations: input.field === 'locations' ? readSites(tx, row.id) : [] }, input.field);
      if (input.field === 'locations') replaceSites(tx, row.id, (claim.otherValue as SiteRow[] | null) ?? []);
      if (input.field === 'plainSummary') refreshTrialSearch(tx, row.id);
      tx.delete(trialFieldClaims).where(claimWhere(row.id, input.field)).run();
      tx.insert(trialEvents)
        .values({
          ...base,
          kind: changeKind(input.field, current, claim.otherValue),
          ...eventValues(input.field, current, claim.otherValue),
          reason: CONFIRMED_REASON[other],
          sourceDetail: "Updated by the trial's coordinator",
        })
        .run();
    } else {
      tx.update(trialFieldClaims)
        .set({ dismissedAt: nowIso, dismissedValue: claim.otherValue, disputedAt: null, otherValue: null, otherSource: null, otherAsOf: null })
        .where(claimWhere(row.id, input.field))
        .run();
      tx.insert(trialEvents)
        .values({
          ...base,
          kind: 'source_confirmed',
          ...eventValues(input.field, claim.otherValue, claim.value),
          // Stored as text: the event's source is the coordinator, so only the text can name the source set aside.
          text: confirmationSentence(input.field, claim.value, claim.otherValue, other),
          reason: null,
          sourceDetail: "Confirmed by the trial's coordinator",
        })
        .run();
    }
    refreshSearchMatches(tx, [row.id], now);
    return { nctId, version, events: 1 };
  }, { behavior: 'immediate' });
}

/** One disagreement as the trial page shows it: both values in words, each with its source and date. */
export type Dispute = {
  field: ClaimableField;
  label: string;
  coordinator: { value: string; setAt: string };
  other: { source: ClaimSource; value: string; asOf: string | null; seenAt: string };
};

const MANY = 5;
const listed = (items: string[]) =>
  (items.length > MANY ? [...items.slice(0, MANY), `and ${items.length - MANY} more`] : items).map((s) => s.replace(/^./, (c) => c.toUpperCase())).join('; ');

/** Only the sites on which two lists differ: the rest would bury the difference. */
function siteDisagreement(coordinator: SiteRow[], other: SiteRow[]): { coordinator: string; other: string } {
  const { changed, removed, added } = compareSites(coordinator, other);
  const notListed = (s: SiteRow) => `${siteName(s)}: not listed`;
  const withStatus = (s: SiteRow, status: string | null | undefined) => `${siteName(s)}: ${siteStatusText(status)}`;
  return {
    coordinator: listed([...changed.map((c) => withStatus(c.site, c.from)), ...removed.map((s) => withStatus(s, s.status)), ...added.map(notListed)]) || 'The same sites, in another order',
    other: listed([...changed.map((c) => withStatus(c.site, c.to)), ...removed.map(notListed), ...added.map((s) => withStatus(s, s.status))]) || 'The same sites, in another order',
  };
}

/** The trial's open disputes, in the order of the update form's fields. */
export function listDisputes(database: DbOrTx, trialId: number): Dispute[] {
  const rows = database
    .select({
      field: trialFieldClaims.field,
      value: trialFieldClaims.value,
      setAt: trialFieldClaims.setAt,
      disputedAt: trialFieldClaims.disputedAt,
      otherValue: trialFieldClaims.otherValue,
      otherSource: trialFieldClaims.otherSource,
      otherAsOf: trialFieldClaims.otherAsOf,
    })
    .from(trialFieldClaims)
    .where(and(eq(trialFieldClaims.trialId, trialId), isNotNull(trialFieldClaims.disputedAt)))
    .all();
  return rows
    .flatMap((r) => (isClaimable(r.field) && r.otherSource && r.disputedAt ? [{ ...r, field: r.field, otherSource: r.otherSource, disputedAt: r.disputedAt }] : []))
    .sort((a, b) => CLAIMABLE_FIELDS.indexOf(a.field) - CLAIMABLE_FIELDS.indexOf(b.field))
    .map((r) => {
      const text =
        r.field === 'locations'
          ? siteDisagreement((r.value as SiteRow[] | null) ?? [], (r.otherValue as SiteRow[] | null) ?? [])
          : { coordinator: formatFieldValue(r.field, r.value, { full: true }), other: formatFieldValue(r.field, r.otherValue, { full: true }) };
      return {
        field: r.field,
        label: fieldName(r.field),
        coordinator: { value: text.coordinator, setAt: r.setAt },
        other: { source: r.otherSource, value: text.other, asOf: r.otherAsOf, seenAt: r.disputedAt },
      };
    });
}
