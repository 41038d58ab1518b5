// The tracker's schema: tables, then relations, then inferred types (HOUSE-STYLE.md).
// Registry facts and curated facts live side by side on `trials`; `*_source` columns say which won.
// `trial_events` is append-only (triggers in drizzle/0001 refuse UPDATE and DELETE).
import { relations, sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  DATE_TYPES,
  EVENT_KINDS,
  EVENT_SOURCES,
  LINK_RELATIONS,
  MODALITIES,
  PHASES,
  STATUSES,
  type Biomarker,
  type Route,
} from '../lib/trials/vocab';

export type Source = { label: string; url: string; asOf?: string | null };

const dateType = (name: string) => text(name, { enum: DATE_TYPES });
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const trials = sqliteTable(
  'trials',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nctId: text('nct_id').notNull(),
    briefTitle: text('brief_title').notNull(),
    officialTitle: text('official_title'),
    acronym: text('acronym'),
    // Registry text (CommonMark, unescaped) and the curated plain-language summary.
    briefSummary: text('brief_summary'),
    plainSummary: text('plain_summary'),
    modality: text('modality', { enum: MODALITIES }).notNull(),
    modalitySource: text('modality_source', { enum: ['rule', 'curation'] }).notNull(),
    /** Which rule classified modality and genes, in words (transparency for families and curators). */
    classificationReason: text('classification_reason'),
    genesSource: text('genes_source', { enum: ['rule', 'curation'] }).notNull(),
    mechanism: text('mechanism'),
    // Null when the registry record does not say (a trimmed record, an observational study).
    phase: text('phase', { enum: PHASES }),
    overallStatus: text('overall_status', { enum: STATUSES }),
    lastKnownStatus: text('last_known_status', { enum: STATUSES }),
    whyStopped: text('why_stopped'),
    studyType: text('study_type'),
    leadSponsor: text('lead_sponsor'),
    collaborators: text('collaborators', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    conditions: text('conditions', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    // Dates are partial ISO strings as the registry gives them (YYYY, YYYY-MM, YYYY-MM-DD):
    // their length is their precision, and they sort correctly as text.
    startDate: text('start_date'),
    startDateType: dateType('start_date_type'),
    primaryCompletionDate: text('primary_completion_date'),
    primaryCompletionDateType: dateType('primary_completion_date_type'),
    completionDate: text('completion_date'),
    completionDateType: dateType('completion_date_type'),
    firstPostedDate: text('first_posted_date'),
    firstPostedDateType: dateType('first_posted_date_type'),
    lastUpdatePostedDate: text('last_update_posted_date'),
    lastUpdatePostedDateType: dateType('last_update_posted_date_type'),
    resultsFirstPostedDate: text('results_first_posted_date'),
    hasResults: integer('has_results', { mode: 'boolean' }).notNull().default(false),
    enrollmentCount: integer('enrollment_count'),
    enrollmentType: dateType('enrollment_type'),
    // Eligibility, as registered, and curated highlights (null = not known).
    minimumAge: text('minimum_age'),
    maximumAge: text('maximum_age'),
    sex: text('sex'),
    healthyVolunteers: integer('healthy_volunteers', { mode: 'boolean' }),
    eligibilityCriteria: text('eligibility_criteria'),
    maxMonthsSinceOnset: integer('max_months_since_onset'),
    minVitalCapacityPct: integer('min_vital_capacity_pct'),
    riluzoleAllowed: integer('riluzole_allowed', { mode: 'boolean' }),
    edaravoneAllowed: integer('edaravone_allowed', { mode: 'boolean' }),
    // Burden facts families ask about.
    placebo: integer('placebo', { mode: 'boolean' }),
    placeboRatio: text('placebo_ratio'),
    openLabelExtension: integer('open_label_extension', { mode: 'boolean' }),
    routes: text('routes', { mode: 'json' }).$type<Route[]>().notNull().default(sql`'[]'`),
    burdenNotes: text('burden_notes'),
    programme: text('programme'),
    curationNotes: text('curation_notes'),
    // Provenance.
    registryFetchedAt: text('registry_fetched_at'),
    curationAsOf: text('curation_as_of'),
    sources: text('sources', { mode: 'json' }).$type<Source[]>().notNull().default(sql`'[]'`),
    /** Optimistic-concurrency version, bumped by every change. */
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('trials_nct_id_unique').on(t.nctId),
    index('trials_modality_phase_idx').on(t.modality, t.phase),
    index('trials_status_idx').on(t.overallStatus),
    index('trials_last_update_idx').on(t.lastUpdatePostedDate),
    index('trials_start_date_idx').on(t.startDate),
    // Covers every facet that is a column of trials (lib/trials/facets.ts counts them all from one scan of
    // this index, grouped by these columns, instead of reading the wide rows).
    index('trials_facets_idx').on(t.modality, t.phase, t.overallStatus, t.placebo, t.openLabelExtension, t.routes),
    // The board's "curated as of" line: max(curation_as_of) from the end of an index, not a scan.
    index('trials_curation_as_of_idx').on(t.curationAsOf),
  ],
);

/**
 * One row: a number bumped by triggers (drizzle/0008) on every insert, update and delete of `trials`.
 * Every write to a trial's child rows also updates the trial (its version), so an unchanged number
 * means unchanged list results: lib/trials/cache.ts keys cached counts by it.
 */
export const trialsGeneration = sqliteTable('trials_generation', {
  id: integer('id').primaryKey(),
  n: integer('n').notNull(),
});

export const trialGenes = sqliteTable(
  'trial_genes',
  {
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    gene: text('gene').notNull(),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.gene] }), index('trial_genes_gene_idx').on(t.gene, t.trialId)],
);

export const trialInterventions = sqliteTable(
  'trial_interventions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: text('type'),
    name: text('name').notNull(),
    description: text('description'),
    otherNames: text('other_names', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('trial_interventions_trial_idx').on(t.trialId, t.position)],
);

export const trialOutcomes = sqliteTable(
  'trial_outcomes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['primary', 'secondary', 'other'] }).notNull(),
    position: integer('position').notNull(),
    measure: text('measure').notNull(),
    description: text('description'),
    timeFrame: text('time_frame'),
    biomarkers: text('biomarkers', { mode: 'json' }).$type<Biomarker[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('trial_outcomes_trial_idx').on(t.trialId, t.kind, t.position)],
);

/** One row per (trial, biomarker measured by any outcome): the index behind the biomarker filter. */
export const trialBiomarkers = sqliteTable(
  'trial_biomarkers',
  {
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    biomarker: text('biomarker').notNull(),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.biomarker] }), index('trial_biomarkers_idx').on(t.biomarker, t.trialId)],
);

export const trialLocations = sqliteTable(
  'trial_locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    facility: text('facility'),
    city: text('city'),
    state: text('state'),
    country: text('country'),
    status: text('status'),
  },
  (t) => [index('trial_locations_trial_idx').on(t.trialId, t.position), index('trial_locations_country_idx').on(t.country, t.trialId)],
);

/** Directed links: master → regimen, parent → extension, earlier → later study of one programme. */
export const trialLinks = sqliteTable(
  'trial_links',
  {
    fromNctId: text('from_nct_id').notNull(),
    toNctId: text('to_nct_id').notNull(),
    relation: text('relation', { enum: LINK_RELATIONS }).notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.fromNctId, t.toNctId] }), index('trial_links_to_idx').on(t.toNctId)],
);

/**
 * Curated facts per NCT id. They win over rules and registry-derived values and outlive re-imports:
 * the importer reads them on every import of that trial.
 */
export const trialCurations = sqliteTable('trial_curations', {
  nctId: text('nct_id').primaryKey(),
  data: text('data', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  updatedAt: text('updated_at').notNull().default(now),
});

/** The append-only stream of what happened to a trial; timelines and change histories read it. */
export const trialEvents = sqliteTable(
  'trial_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    /** The trial field the event is about (e.g. primaryCompletionDate), when it is about one. */
    field: text('field'),
    fromValue: text('from_value', { mode: 'json' }).$type<unknown>(),
    toValue: text('to_value', { mode: 'json' }).$type<unknown>(),
    /** When it happened in the world (partial ISO date allowed), as far as the source says. */
    occurredAt: text('occurred_at'),
    recordedAt: text('recorded_at').notNull().default(now),
    source: text('source', { enum: EVENT_SOURCES }).notNull(),
    /** Where exactly: a file, a registry version, a URL. */
    sourceDetail: text('source_detail'),
    text: text('text'),
    reason: text('reason'),
    actorUserId: text('actor_user_id'),
    /** Makes curated history idempotent across re-seeding. */
    dedupeKey: text('dedupe_key'),
    /** The trial's version this event produced: a stale editor is shown the events after its version. */
    trialVersion: integer('trial_version'),
  },
  (t) => [
    index('trial_events_trial_idx').on(t.trialId, t.id),
    index('trial_events_recorded_idx').on(t.recordedAt),
    // "What changed" on the board reads the newest events by when they happened, from a range on this.
    index('trial_events_occurred_idx').on(t.occurredAt),
    uniqueIndex('trial_events_dedupe_unique').on(t.trialId, t.dedupeKey),
  ],
);

/** One run of `npm run sync`; the last finished one sets where the next incremental run starts. */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** Lower bound on LastUpdatePostDate asked of the API; null for a full sync. */
  since: text('since'),
  query: text('query').notNull(),
  pages: integer('pages').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  error: text('error'),
});

// Accounts. Table shapes follow the Auth.js Drizzle adapter's SQLite defaults (passed to it by name),
// plus the tracker's own role column: 'member' for anyone who signs in, 'admin' by `npm run admin:create`.
// Coordinators are not a global role: they are assigned per trial in trial_coordinators.
export const users = sqliteTable('users', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: integer('emailVerified', { mode: 'timestamp_ms' }),
  image: text('image'),
  role: text('role', { enum: ['member', 'admin'] })
    .notNull()
    .default('member'),
  createdAt: text('created_at').notNull().default(now),
});

export const accounts = sqliteTable(
  'accounts',
  {
    userId: text('userId')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('providerAccountId').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = sqliteTable('sessions', {
  sessionToken: text('sessionToken').primaryKey(),
  userId: text('userId')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: integer('expires', { mode: 'timestamp_ms' }).notNull(),
});

export const verificationTokens = sqliteTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: integer('expires', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Who may update which trial. A trial may have several coordinators, a coordinator several trials. */
export const trialCoordinators = sqliteTable(
  'trial_coordinators',
  {
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: text('assigned_by').references(() => users.id),
    assignedAt: text('assigned_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.userId] }), index('trial_coordinators_user_idx').on(t.userId)],
);

/** Every grant and removal of a role, with who did it and when (append-only, like trial_events). */
export const roleChanges = sqliteTable(
  'role_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    change: text('change', { enum: ['admin_granted', 'admin_revoked', 'coordinator_assigned', 'coordinator_removed'] }).notNull(),
    trialId: integer('trial_id').references(() => trials.id),
    actorUserId: text('actor_user_id').references(() => users.id),
    /** Set when the change came from a script (e.g. `npm run admin:create`) rather than a person in the app. */
    via: text('via'),
    at: text('at').notNull().default(now),
  },
  (t) => [index('role_changes_user_idx').on(t.userId, t.id)],
);

/** Personal API tokens for coordinators' tools: only a SHA-256 hash of the token is stored. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull().default(now),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Sign-in e-mails sent, for the rate limits per address and per client. Only hashes are kept:
 * the table must not become a list of who tried to sign in.
 */
export const signInRequests = sqliteTable(
  'sign_in_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    emailHash: text('email_hash').notNull(),
    clientHash: text('client_hash').notNull(),
    /** Epoch milliseconds. */
    at: integer('at').notNull(),
  },
  (t) => [
    index('sign_in_requests_email_idx').on(t.emailHash, t.at),
    index('sign_in_requests_client_idx').on(t.clientHash, t.at),
    index('sign_in_requests_at_idx').on(t.at),
  ],
);

/**
 * A field whose value a coordinator set. Imports do not overwrite it: when the registry (or curation)
 * brings a different value, that value is kept here beside the coordinator's, the trial page shows
 * both, and a coordinator confirms one. When the registry comes to agree, the claim is dropped.
 */
export const trialFieldClaims = sqliteTable(
  'trial_field_claims',
  {
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    /** The event-stream field name: overallStatus, phase, startDate, enrollment, locations, … */
    field: text('field').notNull(),
    /** The coordinator's value, in the event stream's shape (a date field is { date, type }). */
    value: text('value', { mode: 'json' }).$type<unknown>(),
    setBy: text('set_by').references(() => users.id, { onDelete: 'set null' }),
    setAt: text('set_at').notNull(),
    /** Set while another source disagrees: its value, which source, as of when, and when we saw it. */
    disputedAt: text('disputed_at'),
    otherValue: text('other_value', { mode: 'json' }).$type<unknown>(),
    otherSource: text('other_source', { enum: ['registry', 'curation'] }),
    otherAsOf: text('other_as_of'),
    /** A value a coordinator reviewed and kept theirs over: the same value does not dispute again. */
    dismissedAt: text('dismissed_at'),
    dismissedValue: text('dismissed_value', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.field] }), index('trial_field_claims_disputed_idx').on(t.disputedAt)],
);

// Followers (issue 5). A watchlist is a named set of trials (chosen one by one) or a saved search (its
// trials are whatever matches now). Everyone following a list, its owner included, has a subscription row
// carrying their e-mail choice. Notifications and their deliveries are written in the same transaction as
// the event that causes them (an outbox); the worker sends what is due.

export const WATCHLIST_KINDS = ['trials', 'search'] as const;
export const VISIBILITIES = ['private', 'shared', 'public'] as const;
export const EMAIL_CADENCES = ['immediate', 'daily', 'weekly', 'never'] as const;

export const watchlists = sqliteTable(
  'watchlists',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: WATCHLIST_KINDS }).notNull(),
    /** For a saved search: the /trials query string, canonical (sorted, no paging). */
    searchQuery: text('search_query'),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('private'),
    /** Read-only link for family members (visibility 'shared'); unguessable. */
    shareToken: text('share_token').notNull(),
    /** RSS/Atom and iCalendar URLs; unguessable, rotated by the owner. */
    feedToken: text('feed_token').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('watchlists_owner_idx').on(t.ownerId),
    index('watchlists_visibility_idx').on(t.visibility),
    // Every trial write asks "which saved searches exist?": without this, a scan of every watchlist.
    index('watchlists_kind_idx').on(t.kind),
    uniqueIndex('watchlists_share_token_unique').on(t.shareToken),
    uniqueIndex('watchlists_feed_token_unique').on(t.feedToken),
  ],
);

/** The trials of a 'trials' watchlist. */
export const watchlistTrials = sqliteTable(
  'watchlist_trials',
  {
    watchlistId: integer('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    addedAt: text('added_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.watchlistId, t.trialId] }), index('watchlist_trials_trial_idx').on(t.trialId, t.watchlistId)],
);

/** What a saved search matched when last looked at: a trial that newly matches is news for its followers. */
export const watchlistMatches = sqliteTable(
  'watchlist_matches',
  {
    watchlistId: integer('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    since: text('since').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.watchlistId, t.trialId] }), index('watchlist_matches_trial_idx').on(t.trialId, t.watchlistId)],
);

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    watchlistId: integer('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emailCadence: text('email_cadence', { enum: EMAIL_CADENCES }).notNull().default('immediate'),
    /** The one-click unsubscribe link's secret (List-Unsubscribe): no sign-in needed to stop e-mail. */
    unsubscribeToken: text('unsubscribe_token').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.watchlistId, t.userId] }),
    index('subscriptions_user_idx').on(t.userId),
    uniqueIndex('subscriptions_unsubscribe_token_unique').on(t.unsubscribeToken),
  ],
);

/** One per person per piece of news (an event of a followed trial, or a new match of a saved search). */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trialId: integer('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').references(() => trialEvents.id),
    /** The list that brought it (the first, when several do). */
    watchlistId: integer('watchlist_id').references(() => watchlists.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['event', 'new_match'] }).notNull(),
    /** `event:<id>` or `match:<watchlist>:<trial>`: one notification per person per piece of news. */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: text('created_at').notNull().default(now),
    readAt: text('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_unique').on(t.userId, t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId, t.readAt),
    index('notifications_event_idx').on(t.eventId),
  ],
);

/**
 * The outbox: one row per notification per channel that sends (e-mail). Idempotency key
 * `<notification>:<channel>`; an e-mail (single or digest) is one `email_sends` row, claimed before sending.
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    channel: text('channel', { enum: ['email'] }).notNull(),
    cadence: text('cadence', { enum: ['immediate', 'daily', 'weekly'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Not before: now for 'immediate', the next digest time for digests. */
    dueAt: text('due_at').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'cancelled'] }).notNull().default('pending'),
    /** The e-mail it went out in (email_sends.id). */
    sendId: integer('send_id'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('deliveries_idempotency_unique').on(t.idempotencyKey), index('deliveries_due_idx').on(t.status, t.dueAt)],
);

/** One e-mail: a single notification or a digest. Retried with backoff; every attempt is recorded. */
export const emailSends = sqliteTable(
  'email_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `immediate:<notification>` or `digest:<user>:<cadence>:<dueAt>`: the same e-mail is never built twice. */
    batchKey: text('batch_key').notNull(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('email_sends_batch_unique').on(t.batchKey), index('email_sends_due_idx').on(t.status, t.nextAttemptAt)],
);

export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sendId: integer('send_id')
      .notNull()
      .references(() => emailSends.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    workerId: text('worker_id'),
  },
  (t) => [index('delivery_attempts_send_idx').on(t.sendId)],
);

export const trialsRelations = relations(trials, ({ many }) => ({
  genes: many(trialGenes),
  interventions: many(trialInterventions),
  outcomes: many(trialOutcomes),
  biomarkers: many(trialBiomarkers),
  locations: many(trialLocations),
  events: many(trialEvents),
}));
export const trialGenesRelations = relations(trialGenes, ({ one }) => ({
  trial: one(trials, { fields: [trialGenes.trialId], references: [trials.id] }),
}));
export const trialInterventionsRelations = relations(trialInterventions, ({ one }) => ({
  trial: one(trials, { fields: [trialInterventions.trialId], references: [trials.id] }),
}));
export const trialOutcomesRelations = relations(trialOutcomes, ({ one }) => ({
  trial: one(trials, { fields: [trialOutcomes.trialId], references: [trials.id] }),
}));
export const trialBiomarkersRelations = relations(trialBiomarkers, ({ one }) => ({
  trial: one(trials, { fields: [trialBiomarkers.trialId], references: [trials.id] }),
}));
export const trialLocationsRelations = relations(trialLocations, ({ one }) => ({
  trial: one(trials, { fields: [trialLocations.trialId], references: [trials.id] }),
}));
export const trialEventsRelations = relations(trialEvents, ({ one }) => ({
  trial: one(trials, { fields: [trialEvents.trialId], references: [trials.id] }),
}));

export type Trial = typeof trials.$inferSelect;
export type NewTrial = typeof trials.$inferInsert;
export type TrialEvent = typeof trialEvents.$inferSelect;
export type NewTrialEvent = typeof trialEvents.$inferInsert;
export type TrialFieldClaim = typeof trialFieldClaims.$inferSelect;
export type User = typeof users.$inferSelect;
export type Watchlist = typeof watchlists.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
