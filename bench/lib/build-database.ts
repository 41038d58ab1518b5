// Builds the synthetic benchmark database through the real schema: a fresh file, migrated by
// db/migrate.ts (so the FTS5 table, the append-only triggers and the follower fan-out trigger are the app's
// own), then filled with raw prepared statements in large transactions. Order matters: trials and their
// events go in before anyone follows anything, so the fan-out trigger (drizzle/0006) finds no followers and
// costs almost nothing; people, lists and watches come after.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { and, sql } from 'drizzle-orm';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { trials, watchlistMatches } from '@/db/schema';
import { parseListParams } from '@/lib/trials/list-params';
import { filterConditions, listTrials, toFtsQuery } from '@/lib/trials/queries';
import { RECRUITING_STATUSES, type Status } from '@/lib/trials/vocab';
import { canonicalSearchQuery, DEFAULT_WATCHLIST_NAME } from '@/lib/watchlists/watchlists';
import { isoTimestamp } from './days';
import { fanoutFollowers, metaPathFor, validateBenchDataOptions, watcherTrials, type BenchDataOptions } from './options';
import { Random, type Weighted } from './random';
import { REFERENCE_DATE, REFERENCE_DAY, TRIAL_COLUMNS, benchNctId, generateTrial, type GeneratedTrial, type TrialPools } from './trial-generator';
import { inventDrugNames, inventSponsors, personName, SEARCH_TERMS } from './vocabulary';

/** Told about each phase of the build: the CLI draws a progress bar per phase, tests pass nothing. */
export type BuildProgress = { start: (phase: string, total: number) => void; update: (done: number) => void; stop: () => void };

export type BenchMeta = {
  generator: 'bench/data.ts';
  options: BenchDataOptions;
  /** The synthetic registry's "today": ACTUAL dates lie before it, ESTIMATED ones after (UNKNOWN trials excepted, as in the registry). */
  referenceDate: string;
  file: string;
  fileBytes: number;
  builtAt: string;
  buildSeconds: number;
  phaseSeconds: Record<string, number>;
  counts: Record<string, number>;
  /** NCT ids of all kinds, spread over the id range; recruiting and gene-targeted ones separately. */
  sample: { nctIds: string[]; recruitingNctIds: string[]; sod1NctIds: string[]; completedNctIds: string[] };
  /** User #1: watches exactly `trials` trials in their "Watched trials" list (visibility shared). */
  watcher: { userId: string; email: string; watchlistId: number; shareToken: string; trials: number; sessionToken: string };
  /** The first trial, followed by `followers` people; `coordinatorUserId` may update it (updateTrial). */
  fanout: { nctId: string; trialId: number; followers: number; coordinatorUserId: string; coordinatorEmail: string; coordinatorSessionToken: string };
  admin: { userId: string; email: string; sessionToken: string };
  /** Auth.js database sessions: send `${cookie}=<sessionToken>` to be signed in as that person. */
  session: { cookie: string; expires: string };
  /** Full-text search terms with how many trials match each (the `q` of /trials and /api/trials). */
  searchTerms: { q: string; matches: number }[];
  /** Typical /trials filters (the query string of /trials and /api/trials) with how many trials each lists. */
  filters: { query: string; total: number }[];
  savedSearches: { query: string; lists: number; matches: number }[];
};

type Sqlite = Database.Database;

/** Trials per transaction in the trials phase (each brings ~30 child, event and index rows). */
const TRIAL_BATCH = 1_000;
/** Rows per transaction elsewhere. */
const ROW_BATCH = 20_000;
const SESSION_COOKIE = 'authjs.session-token';
const FANOUT_TRIGGER = 'trial_events_notify_followers';
/** Tables written in the people and watchlists phases (saved searches' matches are read through the trials' indexes). */
const FOLLOWER_TABLES = ['users', 'sessions', 'trial_coordinators', 'role_changes', 'watchlists', 'subscriptions', 'watchlist_trials', 'watchlist_matches'];
/** Tables written in the trials phase. */
const TRIAL_TABLES = ['trials', 'trial_genes', 'trial_interventions', 'trial_outcomes', 'trial_biomarkers', 'trial_locations', 'trial_links', 'trial_events'];
const SESSION_EXPIRES = Date.UTC(2099, 0, 1);
const CADENCES: Weighted<'immediate' | 'daily' | 'weekly' | 'never'> = [['immediate', 60], ['daily', 20], ['weekly', 10], ['never', 10]];
/** Searches people save, in /trials query form (canonicalised as saveSearch does before storing). */
const SAVED_SEARCHES = [
  { name: 'SOD1 trials', query: 'gene=SOD1' },
  { name: 'Recruiting C9orf72 trials', query: 'gene=C9orf72&recruiting=true' },
  { name: 'Antisense trials taking people', query: 'modality=aso&recruiting=true' },
  { name: 'Phase 3 in the United States', query: 'phase=3&country=United States&recruiting=true' },
  { name: 'Tofersen', query: 'q=tofersen' },
  { name: 'NfL measured, recruiting', query: 'biomarker=neurofilament-light&recruiting=true' },
  { name: 'FUS trials', query: 'gene=FUS' },
  { name: 'Stem cells in Europe', query: 'modality=stem-cell&country=France&country=Germany&country=Italy' },
];
const TYPICAL_FILTERS = [
  'recruiting=true',
  'gene=SOD1',
  'modality=aso&phase=phase-3',
  'country=United States&recruiting=true',
  'biomarker=neurofilament-light&phase=phase-2',
  'modality=small-molecule&status=COMPLETED&sort=start',
  'q=riluzole&recruiting=true',
];
const PUBLIC_LIST_NAMES = ['Trials to watch this year', 'Gene-targeted trials', 'Large phase 3 trials', 'Trials with open-label extensions', 'Breathing and nutrition studies', 'Biomarker studies', 'Trials in Europe', 'Platform trials'];

const noProgress: BuildProgress = { start: () => {}, update: () => {}, stop: () => {} };

/** Builds the database at options.out (replacing it) and its meta file; returns the meta. */
export function buildBenchDatabase(rawOptions: BenchDataOptions, progress: BuildProgress = noProgress): BenchMeta {
  const options = validateBenchDataOptions({ ...rawOptions });
  const began = performance.now();
  // Built under a temporary name and renamed at the end: a failed build never leaves a half-made file behind.
  const out = path.resolve(options.out);
  const building = `${out}.building`;
  const remove = (file: string) => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(file + suffix, { force: true }));
  remove(out);
  remove(building);
  const database = openDatabase(building);
  let filled: Filled;
  try {
    filled = fill(database, options, progress);
    database.$client.close();
  } catch (error) {
    if (database.$client.open) database.$client.close();
    remove(building);
    throw error;
  }
  fs.renameSync(building, out);

  const { people, loaded, lists } = filled;
  const meta: BenchMeta = {
    generator: 'bench/data.ts',
    options: { ...options },
    referenceDate: REFERENCE_DATE,
    file: displayPath(out),
    fileBytes: fs.statSync(out).size,
    builtAt: new Date().toISOString(),
    buildSeconds: round((performance.now() - began) / 1000),
    phaseSeconds: filled.phaseSeconds,
    counts: filled.counts,
    sample: loaded.sample,
    watcher: {
      userId: people.ids[0]!,
      email: emailOf(1),
      watchlistId: 1,
      shareToken: lists.watcherShareToken,
      trials: watcherTrials(options.trials),
      sessionToken: people.sessionTokens.get(1)!,
    },
    fanout: {
      nctId: benchNctId(0),
      trialId: 1,
      followers: fanoutFollowers(options.users),
      coordinatorUserId: people.ids[2]!,
      coordinatorEmail: emailOf(3),
      coordinatorSessionToken: people.sessionTokens.get(3)!,
    },
    admin: { userId: people.ids[1]!, email: emailOf(2), sessionToken: people.sessionTokens.get(2)! },
    session: { cookie: SESSION_COOKIE, expires: new Date(SESSION_EXPIRES).toISOString() },
    searchTerms: filled.searchTerms,
    filters: filled.filters,
    savedSearches: lists.savedSearches,
  };
  fs.writeFileSync(metaPathFor(out), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

type Filled = {
  people: People;
  loaded: Loaded;
  lists: Lists;
  counts: Record<string, number>;
  searchTerms: BenchMeta['searchTerms'];
  filters: BenchMeta['filters'];
  phaseSeconds: Record<string, number>;
};

function fill(database: Db, options: BenchDataOptions, progress: BuildProgress): Filled {
  const sqlite = database.$client;
  const phaseSeconds: Record<string, number> = {};
  const timed = <T>(name: string, work: () => T): T => {
    const t0 = performance.now();
    const result = work();
    phaseSeconds[name] = round((performance.now() - t0) / 1000);
    return result;
  };
  timed('migrate', () => migrateDatabase(database));
  // Loading settings: nothing to recover if the machine dies mid-build, so no syncing; a large page cache.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');

  const people = peopleOf(options);
  // Set aside while a phase writes, then put back from their own stored text, so the schema ends exactly as the
  // migrations made it (the test compares it with a freshly migrated one):
  // - the fan-out trigger, while trials and their history are written: nobody follows anything yet, so it would
  //   write nothing, but finding no one still costs ~25 µs an event, most of the load time;
  // - each phase's tables' non-unique indexes: built once, sorted, afterwards instead of row by row (half the time).
  const setAside = (tables: readonly string[], trigger?: string) => {
    const objects = sqlite
      .prepare(
        `SELECT type, name, sql FROM sqlite_master WHERE (type = 'trigger' AND name = ?)
         OR (type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${tables.map(() => '?').join(', ')}))`,
      )
      .all(trigger ?? null, ...tables) as { type: 'trigger' | 'index'; name: string; sql: string }[];
    if (trigger && !objects.some((o) => o.name === trigger)) throw new Error(`the migrations made no ${trigger} trigger: has drizzle/0006 changed?`);
    for (const o of objects) sqlite.exec(`DROP ${o.type.toUpperCase()} ${o.name}`);
    return objects;
  };
  const putBack = (phase: string, objects: { sql: string }[]) =>
    timed(phase, () => {
      progress.start(phase, objects.length);
      objects.forEach((o, i) => {
        sqlite.exec(o.sql);
        progress.update(i + 1);
      });
      progress.stop();
    });
  const trialObjects = setAside(TRIAL_TABLES, FANOUT_TRIGGER);
  const loaded = timed('trials', () => loadTrials(sqlite, options, people, progress));
  putBack('indexes', trialObjects);
  const followerObjects = setAside(FOLLOWER_TABLES);
  timed('people', () => loadPeople(sqlite, options, people, loaded, progress));
  const lists = timed('watchlists', () => loadWatchlists(database, options, people, loaded, progress));
  putBack('indexes2', followerObjects);

  return timed('finish', () => {
    progress.start('finish', 3);
    sqlite.exec('ANALYZE');
    progress.update(1);
    // One b-tree per term instead of the many segments incremental writes leave: the index as after maintenance.
    sqlite.prepare("INSERT INTO trials_fts (trials_fts) VALUES ('optimize')").run();
    progress.update(2);
    const counts = countRows(sqlite);
    const searchTerms = SEARCH_TERMS.map((q) => ({
      q,
      matches: (sqlite.prepare('SELECT count(*) AS n FROM trials_fts WHERE trials_fts MATCH ?').get(toFtsQuery(q)) as { n: number }).n,
    }));
    const filters = TYPICAL_FILTERS.map((query) => ({ query, total: listTrials(parseListParams(new URLSearchParams(query)), database).total }));
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    progress.update(3);
    progress.stop();
    return { people, loaded, lists, counts, searchTerms, filters, phaseSeconds };
  });
}

/** Relative to the working directory when under it (bench-data/bench.sqlite), else absolute. */
const displayPath = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
};
const round = (n: number) => Math.round(n * 100) / 100;
const emailOf = (n: number) => `user${n}@bench.invalid`;

// ---- People: ids are drawn before the trials, because coordinators' notes name their author.

type People = {
  /** ids[n - 1] is user #n's id. */
  ids: string[];
  /** Users #3 … : each coordinates some trials; trial 1's coordinator is user #3. */
  coordinators: number;
  sessionTokens: Map<number, string>;
};

function peopleOf(options: BenchDataOptions): People {
  const ids = Array.from({ length: options.users }, (_, i) => new Random(options.seed, 'user', i + 1).uuid());
  const coordinators = Math.max(1, Math.min(500, Math.round(options.users / 100), options.users - 2));
  const sessionTokens = new Map([1, 2, 3].map((n) => [n, new Random(options.seed, 'session', n).hex(64)]));
  return { ids, coordinators, sessionTokens };
}

/** The coordinator (user number) of a trial, if it has one: trial 1 always, about 2% of the rest. */
function coordinatorOf(seed: number, index: number, people: People): number | null {
  if (index === 0) return 3;
  return new Random(seed, 'coordinated', index).chance(0.02) ? 3 + (index % people.coordinators) : null;
}

const isAdmin = (n: number) => n === 2 || n % 1000 === 0;

// ---- Trials, their children, search rows and events.

type Loaded = {
  /** Trial ids people are likelier to follow: taking participants, or targeting a gene. */
  popular: number[];
  coordinated: { trialId: number; user: number }[];
  sample: BenchMeta['sample'];
};

function loadTrials(sqlite: Sqlite, options: BenchDataOptions, people: People, progress: BuildProgress): Loaded {
  const pools: TrialPools = { invented: inventDrugNames(options.seed), sponsors: inventSponsors(options.seed) };
  const insert = {
    trial: sqlite.prepare(`INSERT INTO trials (${TRIAL_COLUMNS.join(', ')}) VALUES (${TRIAL_COLUMNS.map(() => '?').join(', ')})`),
    gene: sqlite.prepare('INSERT INTO trial_genes (trial_id, gene) VALUES (?, ?)'),
    intervention: sqlite.prepare('INSERT INTO trial_interventions (trial_id, position, type, name, description, other_names) VALUES (?, ?, ?, ?, ?, ?)'),
    outcome: sqlite.prepare('INSERT INTO trial_outcomes (trial_id, kind, position, measure, description, time_frame, biomarkers) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    biomarker: sqlite.prepare('INSERT INTO trial_biomarkers (trial_id, biomarker) VALUES (?, ?)'),
    location: sqlite.prepare('INSERT INTO trial_locations (trial_id, position, facility, city, state, country, status) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    link: sqlite.prepare('INSERT INTO trial_links (from_nct_id, to_nct_id, relation, note) VALUES (?, ?, ?, ?)'),
    fts: sqlite.prepare('INSERT INTO trials_fts (rowid, title, interventions, sponsor, conditions, summary) VALUES (?, ?, ?, ?, ?, ?)'),
    event: sqlite.prepare(
      `INSERT INTO trial_events (trial_id, kind, field, from_value, to_value, occurred_at, recorded_at, source, source_detail, text, actor_user_id, trial_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const write = (t: GeneratedTrial) => {
    insert.trial.run(t.row);
    for (const gene of t.genes) insert.gene.run(t.id, gene);
    t.interventions.forEach((i, position) => insert.intervention.run(t.id, position, i.type, i.name, i.description, JSON.stringify(i.otherNames)));
    t.outcomes.forEach((o, position) => insert.outcome.run(t.id, o.kind, position, o.measure, o.description, o.timeFrame, JSON.stringify(o.biomarkers)));
    for (const b of t.biomarkers) insert.biomarker.run(t.id, b);
    t.locations.forEach((l, position) => insert.location.run(t.id, position, l.facility, l.city, l.state, l.country, l.status));
    if (t.link) insert.link.run(t.link.fromNctId, t.nctId, t.link.relation, t.link.note);
    insert.fts.run(t.id, ...t.fts);
    for (const e of t.events)
      insert.event.run(t.id, e.kind, e.field, e.fromValue, e.toValue, e.occurredAt, e.recordedAt, e.source, e.sourceDetail, e.text, e.actorUserId, e.trialVersion);
  };

  const recruiting = new Set<Status>(RECRUITING_STATUSES);
  const popular: number[] = [];
  const coordinated: Loaded['coordinated'] = [];
  const byKind: Record<'recruiting' | 'sod1' | 'completed', string[]> = { recruiting: [], sod1: [], completed: [] };
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const coordinator = coordinatorOf(options.seed, index, people);
      const trial = generateTrial(options.seed, index, pools, { eventsPerTrial: options.eventsPerTrial, coordinatorId: coordinator ? people.ids[coordinator - 1]! : null });
      write(trial);
      if (coordinator) coordinated.push({ trialId: trial.id, user: coordinator });
      if ((trial.status && recruiting.has(trial.status)) || trial.genes.length) popular.push(trial.id);
      const kind = trial.status && recruiting.has(trial.status) ? 'recruiting' : trial.status === 'COMPLETED' ? 'completed' : null;
      if (kind && byKind[kind].length < 20) byKind[kind].push(trial.nctId);
      if (trial.genes.includes('SOD1') && byKind.sod1.length < 20) byKind.sod1.push(trial.nctId);
    }
  });
  progress.start('trials', options.trials);
  for (let from = 0; from < options.trials; from += TRIAL_BATCH) {
    batch(from, Math.min(from + TRIAL_BATCH, options.trials));
    progress.update(Math.min(from + TRIAL_BATCH, options.trials));
  }
  progress.stop();
  const spread = Array.from({ length: Math.min(20, options.trials) }, (_, i) => benchNctId(Math.floor((i * options.trials) / Math.min(20, options.trials))));
  return { popular, coordinated, sample: { nctIds: spread, recruitingNctIds: byKind.recruiting, sod1NctIds: byKind.sod1, completedNctIds: byKind.completed } };
}

// ---- Accounts: users, a few admins, coordinators of some trials, the role log, three signed-in sessions.

/** When user #n joined: over the two years before the reference date, in order. */
const joinedDay = (n: number, users: number) => REFERENCE_DAY - 730 + Math.floor((n / (users + 1)) * 700);

function loadPeople(sqlite: Sqlite, options: BenchDataOptions, people: People, loaded: Loaded, progress: BuildProgress): void {
  const rng = new Random(options.seed, 'people');
  const user = sqlite.prepare('INSERT INTO users (id, name, email, emailVerified, role, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const session = sqlite.prepare('INSERT INTO sessions (sessionToken, userId, expires) VALUES (?, ?, ?)');
  const coordinator = sqlite.prepare('INSERT INTO trial_coordinators (trial_id, user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)');
  const roleChange = sqlite.prepare('INSERT INTO role_changes (user_id, change, trial_id, actor_user_id, via, at) VALUES (?, ?, ?, ?, ?, ?)');
  const admin = people.ids[1]!;
  progress.start('people', options.users + loaded.coordinated.length);
  const users = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n <= to; n++) {
      const day = joinedDay(n, options.users);
      const at = isoTimestamp(day, rng.int(0, 86_399));
      user.run(people.ids[n - 1], rng.chance(0.5) ? personName(rng) : null, emailOf(n), Date.parse(at), isAdmin(n) ? 'admin' : 'member', at);
      if (isAdmin(n)) roleChange.run(people.ids[n - 1], 'admin_granted', null, null, 'npm run bench:data', at);
      if (people.sessionTokens.has(n)) session.run(people.sessionTokens.get(n), people.ids[n - 1], SESSION_EXPIRES);
    }
  });
  for (let from = 1; from <= options.users; from += ROW_BATCH) {
    users(from, Math.min(from + ROW_BATCH - 1, options.users));
    progress.update(Math.min(from + ROW_BATCH - 1, options.users));
  }
  sqlite.transaction(() => {
    for (const c of loaded.coordinated) {
      const at = isoTimestamp(Math.max(joinedDay(c.user, options.users), joinedDay(2, options.users)) + 1, rng.int(0, 86_399));
      coordinator.run(c.trialId, people.ids[c.user - 1], admin, at);
      roleChange.run(people.ids[c.user - 1], 'coordinator_assigned', c.trialId, admin, null, at);
    }
  })();
  progress.update(options.users + loaded.coordinated.length);
  progress.stop();
}

// ---- Watchlists, subscriptions, watches and saved-search matches.

type Lists = { watcherShareToken: string; savedSearches: BenchMeta['savedSearches'] };

function loadWatchlists(database: Db, options: BenchDataOptions, people: People, loaded: Loaded, progress: BuildProgress): Lists {
  const sqlite = database.$client;
  const rng = new Random(options.seed, 'watchlists');
  const { users, trials: trialCount, watches } = options;
  const insertList = sqlite.prepare(
    'INSERT INTO watchlists (id, owner_id, name, kind, search_query, visibility, share_token, feed_token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const subscribe = sqlite.prepare('INSERT INTO subscriptions (watchlist_id, user_id, email_cadence, unsubscribe_token, created_at) VALUES (?, ?, ?, ?, ?)');
  const watch = sqlite.prepare('INSERT INTO watchlist_trials (watchlist_id, trial_id, added_at) VALUES (?, ?, ?)');
  const token = (...key: (string | number)[]) => new Random(options.seed, 'token', ...key).hex(43);
  const createdDay = new Map<number, number>();

  // Who owns what: a "Watched trials" list per person (id = user number), then saved searches, then public lists.
  type List = { id: number; owner: number; name: string; kind: 'trials' | 'search'; query: string | null; visibility: 'private' | 'shared' | 'public' };
  const all: List[] = [];
  for (let n = 1; n <= users; n++)
    all.push({ id: n, owner: n, name: DEFAULT_WATCHLIST_NAME, kind: 'trials', query: null, visibility: n === 1 || rng.chance(0.05) ? 'shared' : 'private' });
  const savedCount = Math.max(3, Math.min(200, Math.round(users / 500)));
  for (let k = 0; k < savedCount; k++) {
    const saved = SAVED_SEARCHES[k % SAVED_SEARCHES.length]!;
    all.push({ id: all.length + 1, owner: rng.int(2, users), name: saved.name, kind: 'search', query: canonicalSearchQuery(saved.query).query, visibility: rng.chance(0.2) ? 'shared' : 'private' });
  }
  const admins = Array.from({ length: users }, (_, i) => i + 1).filter(isAdmin);
  const publicCount = 5 + Math.floor(users / 25_000);
  for (let k = 0; k < publicCount; k++) {
    const search = k % 3 === 2;
    const saved = SAVED_SEARCHES[k % SAVED_SEARCHES.length]!;
    all.push({
      id: all.length + 1, owner: admins[k % admins.length]!, name: search ? `${saved.name} (curated)` : PUBLIC_LIST_NAMES[k % PUBLIC_LIST_NAMES.length]!,
      kind: search ? 'search' : 'trials', query: search ? canonicalSearchQuery(saved.query).query : null, visibility: 'public',
    });
  }

  // How many trials each trials list holds: everyone's list has the first trial (the fan-out trial), user #1's
  // has 200, public lists up to 10% of what is left, and the rest is spread over people with a long tail.
  const counts = new Map<number, number>();
  const followers = fanoutFollowers(users);
  const watcherCount = watcherTrials(trialCount);
  for (let n = 1; n <= users; n++) counts.set(n, n === 1 ? watcherCount : n <= followers ? 1 : 0);
  let left = watches - followers - (watcherCount - 1);
  const publicTrialLists = all.filter((l) => l.visibility === 'public' && l.kind === 'trials');
  for (const l of publicTrialLists) {
    const size = Math.min(rng.int(20, 80), Math.floor((left * 0.1) / publicTrialLists.length), trialCount - 1);
    counts.set(l.id, size);
    left -= size;
  }
  const cap = Math.min(trialCount - 1, 2_000);
  const others = Array.from({ length: users - 1 }, (_, i) => i + 2);
  if (left > others.length * cap) throw new Error(`--watches ${watches} is more than ${users} users can watch among ${trialCount} trials`);
  const weights = others.map(() => Math.log(1 - rng.next()) ** 2);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  others.forEach((n, i) => {
    const extra = Math.min(cap, Math.floor((left * weights[i]!) / total));
    counts.set(n, counts.get(n)! + extra);
  });
  let placed = others.reduce((sum, n) => sum + counts.get(n)! - (n <= followers ? 1 : 0), 0);
  for (let i = 0; placed < left; i = (i + 1) % others.length) {
    const n = others[i]!;
    if (counts.get(n)! - (n <= followers ? 1 : 0) < cap) {
      counts.set(n, counts.get(n)! + 1);
      placed += 1;
    }
  }

  progress.start('watches', all.length + watches);
  let done = 0;
  const tick = (n: number) => {
    done += n;
    if (done % 5_000 < n) progress.update(done);
  };
  let watcherShareToken = '';
  const lists = sqlite.transaction((part: List[]) => {
    for (const l of part) {
      const day = Math.min(joinedDay(l.owner, users) + rng.int(0, 30), REFERENCE_DAY - 1);
      createdDay.set(l.id, day);
      const at = isoTimestamp(day, rng.int(0, 86_399));
      const share = token('share', l.id);
      if (l.id === 1) watcherShareToken = share;
      insertList.run(l.id, people.ids[l.owner - 1], l.name, l.kind, l.query, l.visibility, share, token('feed', l.id), at, at);
      subscribe.run(l.id, people.ids[l.owner - 1], l.id === 1 ? 'immediate' : rng.weighted(CADENCES), token('unsubscribe', l.id, l.owner), at);
      // About 2% of people follow each public list.
      if (l.visibility === 'public')
        for (let n = 1; n <= users; n++)
          if (n !== l.owner && rng.chance(0.02)) subscribe.run(l.id, people.ids[n - 1], rng.weighted(CADENCES), token('unsubscribe', l.id, n), at);
      tick(1);
    }
  });
  for (let i = 0; i < all.length; i += ROW_BATCH) lists(all.slice(i, i + ROW_BATCH));

  // The trials in each list: popular trials (recruiting, gene-targeted) half the time, any trial otherwise.
  const pickTrial = () => (loaded.popular.length && rng.chance(0.5) ? loaded.popular[rng.int(0, loaded.popular.length - 1)]! : rng.int(1, trialCount));
  const rows: [number, number, string][] = [];
  const flush = sqlite.transaction((part: [number, number, string][]) => {
    for (const r of part) watch.run(r[0], r[1], r[2]);
  });
  const push = (listId: number, trialId: number) => {
    const day = Math.min(createdDay.get(listId)! + rng.int(0, 400), REFERENCE_DAY - 1);
    rows.push([listId, trialId, isoTimestamp(day, rng.int(0, 86_399))]);
    if (rows.length >= ROW_BATCH) {
      flush(rows.splice(0));
      tick(ROW_BATCH);
    }
  };
  for (const [listId, size] of counts) {
    // Trial 1 is in every follower's list and nowhere else, so its follower count is exact.
    const chosen = new Set<number>(listId <= followers ? [1] : []);
    const need = size - chosen.size;
    if (need > (trialCount - 1) / 2) rng.sample(Array.from({ length: trialCount - 1 }, (_, i) => i + 2), need).forEach((t) => chosen.add(t));
    while (chosen.size < size) {
      const t = pickTrial();
      if (t !== 1) chosen.add(t);
    }
    for (const t of chosen) push(listId, t);
  }
  const remaining = rows.length;
  flush(rows.splice(0));
  tick(remaining);

  // Saved searches hold what matched when saved (watchlist_matches), as saveSearch records them.
  const savedSearches: BenchMeta['savedSearches'] = [];
  const byQuery = new Map<string, number[]>();
  for (const l of all) if (l.kind === 'search') byQuery.set(l.query!, [...(byQuery.get(l.query!) ?? []), l.id]);
  sqlite.transaction(() => {
    for (const [query, ids] of byQuery) {
      const { params } = canonicalSearchQuery(query);
      let matches = 0;
      for (const id of ids) {
        const since = isoTimestamp(createdDay.get(id)!, 0);
        matches = database
          .insert(watchlistMatches)
          .select(
            database
              .select({ watchlistId: sql<number>`${id}`.as('watchlist_id'), trialId: trials.id, since: sql<string>`${since}`.as('since') })
              .from(trials)
              .where(and(...filterConditions(params, false))),
          )
          .onConflictDoNothing()
          .run().changes;
      }
      savedSearches.push({ query, lists: ids.length, matches });
    }
  })();
  progress.update(all.length + watches);
  progress.stop();
  return { watcherShareToken, savedSearches };
}

const COUNTED = [
  'trials', 'trial_genes', 'trial_interventions', 'trial_outcomes', 'trial_biomarkers', 'trial_locations', 'trial_links', 'trial_events', 'trials_fts',
  'users', 'sessions', 'trial_coordinators', 'role_changes', 'watchlists', 'subscriptions', 'watchlist_trials', 'watchlist_matches', 'notifications', 'deliveries',
] as const;

function countRows(sqlite: Sqlite): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  counts.admins = (sqlite.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").get() as { n: number }).n;
  counts.savedSearchLists = (sqlite.prepare("SELECT count(*) AS n FROM watchlists WHERE kind = 'search'").get() as { n: number }).n;
  counts.publicLists = (sqlite.prepare("SELECT count(*) AS n FROM watchlists WHERE visibility = 'public'").get() as { n: number }).n;
  return counts;
}

