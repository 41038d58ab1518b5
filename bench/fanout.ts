// npx tsx bench/fanout.ts [followers=10000] [more counts…]: the time to fan one coordinator change out to a
// trial's followers, beside the floor: a bare INSERT … SELECT of the same notification rows into a scratch
// table of the same shape and indexes (issue 6: fan-out ≤ 3 × bare). Each follower has their own watchlist
// and subscription, the worst case for the trigger (one list per person). A temp database built by the
// real migrations; the median of a few rounds is reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import type { Actor } from '@/lib/auth/permissions';
import { importStudy } from '@/lib/trials/import';
import { updateTrial } from '@/lib/trials/update';

const ROUNDS = 3;
// A mix of e-mail choices: most at once, some digests, a few in-app only.
const CADENCES = ['immediate', 'immediate', 'immediate', 'immediate', 'immediate', 'immediate', 'daily', 'daily', 'weekly', 'never'] as const;

const record = (nctId: string) => ({
  protocolSection: {
    identificationModule: { nctId, briefTitle: `Benchmark study ${nctId}` },
    statusModule: { overallStatus: 'RECRUITING', lastUpdatePostDateStruct: { date: '2025-01-10', type: 'ACTUAL' } },
  },
});

function setUp(followers: number): { database: Db; dir: string; coordinator: Actor; followed: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'als-bench-fanout-'));
  const database = openDatabase(path.join(dir, 'bench.sqlite'));
  migrateDatabase(database);
  importStudy(database, record('NCT90000001'));
  importStudy(database, record('NCT90000002'));
  const sqlite = database.$client;
  const id = (nctId: string) => (sqlite.prepare('SELECT id FROM trials WHERE nct_id = ?').get(nctId) as { id: number }).id;
  const followed = id('NCT90000001');
  const coordinator = crypto.randomUUID();
  sqlite.transaction(() => {
    sqlite.prepare("INSERT INTO users (id, email, role) VALUES (?, 'coordinator@example.org', 'member')").run(coordinator);
    sqlite.prepare('INSERT INTO trial_coordinators (trial_id, user_id) VALUES (?, ?), (?, ?)').run(followed, coordinator, id('NCT90000002'), coordinator);
    const user = sqlite.prepare('INSERT INTO users (id, email) VALUES (?, ?)');
    const list = sqlite.prepare("INSERT INTO watchlists (owner_id, name, kind, share_token, feed_token) VALUES (?, 'Followed', 'trials', ?, ?) RETURNING id");
    const watch = sqlite.prepare('INSERT INTO watchlist_trials (watchlist_id, trial_id) VALUES (?, ?)');
    const subscribe = sqlite.prepare('INSERT INTO subscriptions (watchlist_id, user_id, email_cadence, unsubscribe_token) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < followers; i++) {
      const userId = crypto.randomUUID();
      user.run(userId, `follower${i}@example.org`);
      const { id: listId } = list.get(userId, crypto.randomUUID(), crypto.randomUUID()) as { id: number };
      watch.run(listId, followed);
      subscribe.run(listId, userId, CADENCES[i % CADENCES.length], crypto.randomUUID());
    }
  })();
  // The floor's table: the notifications table's shape and indexes, nothing else (no trigger, no deliveries).
  for (const { sql } of sqlite.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'notifications' AND sql IS NOT NULL").all() as { sql: string }[])
    sqlite.exec(sql.replace(/`notifications`/g, '`scratch_notifications`').replace(/`notifications_/g, '`scratch_notifications_'));
  return { database, dir, coordinator: { userId: coordinator, role: 'member' }, followed };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function run(followers: number) {
  const built = Date.now();
  const { database, dir, coordinator, followed } = setUp(followers);
  const setUpMs = Date.now() - built;
  const sqlite = database.$client;
  const versions: Record<string, number> = { NCT90000001: 1, NCT90000002: 1 };
  const change = (nctId: string, round: number) => {
    const status = round % 2 === 0 ? 'ACTIVE_NOT_RECRUITING' : 'RECRUITING';
    const start = process.hrtime.bigint();
    const result = updateTrial(database, nctId, { version: versions[nctId]!, overallStatus: status, reason: 'Benchmark round' }, coordinator);
    const took = ms(start);
    versions[nctId] = result.version;
    return took;
  };
  const bare = sqlite.transaction((eventId: number) =>
    sqlite
      .prepare(
        `INSERT INTO scratch_notifications (user_id, trial_id, event_id, watchlist_id, kind, dedupe_key, created_at)
         SELECT user_id, trial_id, event_id, watchlist_id, kind, dedupe_key, created_at FROM notifications WHERE event_id = ?`,
      )
      .run(eventId),
  );
  const rounds = { update: [] as number[], control: [] as number[], bare: [] as number[] };
  let notified = 0;
  let delivered = 0;
  for (let round = 0; round < ROUNDS; round++) {
    rounds.control.push(change('NCT90000002', round));
    rounds.update.push(change('NCT90000001', round));
    const { id: eventId } = sqlite.prepare('SELECT max(id) AS id FROM trial_events WHERE trial_id = ?').get(followed) as { id: number };
    notified = (sqlite.prepare('SELECT count(*) AS n FROM notifications WHERE event_id = ?').get(eventId) as { n: number }).n;
    delivered = (sqlite.prepare('SELECT count(*) AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.event_id = ?').get(eventId) as { n: number }).n;
    const start = process.hrtime.bigint();
    const copied = bare(eventId).changes;
    rounds.bare.push(ms(start));
    if (copied !== notified) throw new Error(`bare insert copied ${copied} rows, expected ${notified}`);
  }
  database.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const update = median(rounds.update);
  const control = median(rounds.control);
  const bareMs = median(rounds.bare);
  const trigger = Math.max(0, update - control);
  return { followers, notified, delivered, setUpMs, update, control, trigger, bare: bareMs, ratio: trigger / bareMs, endToEndRatio: update / bareMs };
}

const counts = process.argv.slice(2).map(Number);
for (const n of counts.length ? counts : [10_000]) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`followers must be a positive whole number (got ${n})`);
  const r = run(n);
  const f = (x: number) => x.toFixed(1).padStart(8);
  console.log(
    [
      `followers ${r.followers} (built in ${(r.setUpMs / 1000).toFixed(1)} s): ${r.notified} notifications, ${r.delivered} e-mail deliveries per change`,
      `  updateTrial, followed trial   ${f(r.update)} ms  (median of ${ROUNDS})`,
      `  updateTrial, no followers     ${f(r.control)} ms`,
      `  fan-out (the difference)      ${f(r.trigger)} ms`,
      `  bare INSERT … SELECT          ${f(r.bare)} ms  (same ${r.notified} rows, same indexes)`,
      `  fan-out / bare                ${r.ratio.toFixed(2).padStart(8)}×  (target ≤ 3×; end to end ${r.endToEndRatio.toFixed(2)}×)`,
    ].join('\n'),
  );
}
