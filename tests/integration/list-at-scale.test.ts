// The trial list and its facet counts on more trials than the plans' thresholds (12,000 synthetic trials from
// the benchmark generator): every plan gives the same answers as a plain query, relevance gives way to
// newest-first past RELEVANCE_LIMIT and says so, and cached counts follow every change, from any connection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchDatabase, type BenchMeta } from '@/bench/lib/build-database';
import { openDatabase, type Db } from '@/db/client';
import { CACHE_ENTRIES_BY_KIND, cacheStats } from '@/lib/trials/cache';
import { getFacetCounts, type FacetCounts } from '@/lib/trials/facets';
import { parseListParams, type ListParams } from '@/lib/trials/list-params';
import { listTrials, RELEVANCE_LIMIT, toFtsQuery } from '@/lib/trials/queries';

const TRIALS = 12_000;
let dir: string;
let file: string;
let db: Db;
let meta: BenchMeta;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'als-list-scale-'));
  file = path.join(dir, 'bench.sqlite');
  meta = buildBenchDatabase({ trials: TRIALS, users: 20, watches: 300, eventsPerTrial: 2, seed: 11, out: file });
  db = openDatabase(file);
}, 120_000);

afterAll(() => {
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const params = (query: string) => parseListParams(new URLSearchParams(query));
const ids = (sqlText: string, ...args: unknown[]) => (db.$client.prepare(sqlText).all(...args) as { nct_id: string }[]).map((r) => r.nct_id);
const n = (sqlText: string, ...args: unknown[]) => (db.$client.prepare(sqlText).get(...args) as { n: number }).n;
const RECRUITING = `overall_status IN ('RECRUITING', 'NOT_YET_RECRUITING', 'ENROLLING_BY_INVITATION')`;

/** Each option's count must be the size of the list with that option chosen instead (computed the plain way). */
function expectCountsMatchTheList(p: ListParams, facets: FacetCounts) {
  const fresh = openDatabase(file);
  try {
    const total = (q: ListParams) => listTrials(q, fresh).total;
    for (const key of ['modality', 'gene', 'phase', 'status', 'biomarker', 'route'] as const)
      for (const option of facets[key]) expect([key, option.value, option.count]).toEqual([key, option.value, total({ ...p, [key]: [option.value] })]);
    for (const key of ['recruiting', 'placebo', 'ole'] as const) {
      expect([key, facets[key].yes]).toEqual([key, total({ ...p, [key]: true })]);
      expect([key, facets[key].no]).toEqual([key, total({ ...p, [key]: false })]);
    }
    for (const option of facets.country.slice(0, 5)) expect([option.value, option.count]).toEqual([option.value, total({ ...p, country: [option.value] })]);
  } finally {
    fresh.$client.close();
  }
}

describe('the trial list past the plans’ thresholds', () => {
  // [query, plain WHERE, plain ORDER BY, whether the match set is broad enough for the index walk]
  const cases: [string, string, string, boolean][] = [
    ['country=united states', `id IN (SELECT trial_id FROM trial_locations WHERE country = 'United States')`, 'last_update_posted_date DESC, id DESC', true],
    ['recruiting=true&sort=-start', RECRUITING, 'start_date DESC, id DESC', true],
    ['gene=SOD1', `id IN (SELECT trial_id FROM trial_genes WHERE gene = 'SOD1')`, 'last_update_posted_date DESC, id DESC', false],
    [
      'recruiting=true&country=united states&sort=-start',
      `${RECRUITING} AND id IN (SELECT trial_id FROM trial_locations WHERE country = 'United States')`,
      'start_date DESC, id DESC',
      false,
    ],
  ];
  it.each(cases)('pages %s exactly as a plain query does', (query, where, order, broad) => {
    const total = n(`SELECT count(*) AS n FROM trials WHERE ${where}`);
    expect(total >= 2_000).toBe(broad); // a broad set, for which a page may walk the date index, or a narrow one
    for (const page of [1, 4]) {
      const list = listTrials(params(`${query}&page=${page}`), db);
      expect(list.total).toBe(total);
      expect(list.items.map((t) => t.nctId)).toEqual(ids(`SELECT nct_id FROM trials WHERE ${where} ORDER BY ${order} LIMIT 25 OFFSET ?`, (page - 1) * 25));
    }
  });

  it('ranks a search by relevance up to RELEVANCE_LIMIT matches, and past it lists newest first and says so', () => {
    const common = meta.searchTerms.find((t) => t.matches > RELEVANCE_LIMIT);
    const rare = meta.searchTerms.find((t) => t.matches > 30 && t.matches < 2_000);
    expect(common, 'a term in most trials').toBeDefined();
    expect(rare, 'a rarer term').toBeDefined();

    const broad = listTrials(params(`q=${encodeURIComponent(common!.q)}`), db);
    expect(broad.relevanceLimited).toBe(true);
    const match = toFtsQuery(common!.q)!;
    expect(broad.total).toBe(n('SELECT count(*) AS n FROM trials_fts WHERE trials_fts MATCH ?', match));
    expect(broad.items.map((t) => t.nctId)).toEqual(
      ids('SELECT nct_id FROM trials WHERE id IN (SELECT rowid FROM trials_fts WHERE trials_fts MATCH ?) ORDER BY id DESC LIMIT 25', match),
    );

    const narrow = listTrials(params(`q=${encodeURIComponent(rare!.q)}`), db);
    expect(narrow.relevanceLimited).toBe(false);
    const ranked = ids(
      `SELECT t.nct_id FROM trials_fts f JOIN trials t ON t.id = f.rowid WHERE trials_fts MATCH ?
       ORDER BY bm25(trials_fts, 10.0, 5.0, 2.0, 1.0, 1.0), t.id LIMIT 25`,
      toFtsQuery(rare!.q)!,
    );
    expect(narrow.items.map((t) => t.nctId)).toEqual(ranked);
    // Another filter beside a common word: counted and ordered the same way.
    const withPhase = listTrials(params(`q=${encodeURIComponent(common!.q)}&phase=phase-2`), db);
    expect(withPhase.total).toBe(
      n(`SELECT count(*) AS n FROM trials WHERE phase = 'phase-2' AND id IN (SELECT rowid FROM trials_fts WHERE trials_fts MATCH ?)`, match),
    );
  });

  it('gives facet counts that agree with the list, for broad and narrow filters alike', () => {
    const common = meta.searchTerms.find((t) => t.matches > RELEVANCE_LIMIT)!.q;
    const rare = meta.searchTerms.find((t) => t.matches > 30 && t.matches < 2_000)!.q;
    for (const query of ['', 'gene=SOD1', 'recruiting=true&country=United States', `q=${common}`, `q=${rare}&modality=aso`, 'phase=phase-3&placebo=true']) {
      const p = params(query);
      expectCountsMatchTheList(p, getFacetCounts(p, db));
    }
  });
});

describe('cached counts', () => {
  it('are served again until a trial changes, and follow a change made by another connection', () => {
    const p = params('phase=phase-3');
    const before = listTrials(p, db).total;
    const facetsBefore = getFacetCounts(params(''), db);
    const stats = cacheStats(db);
    expect(listTrials(p, db).total).toBe(before);
    expect(listTrials(p, db)).toBe(listTrials(p, db)); // the same page, not computed again
    expect(getFacetCounts(params(''), db)).toBe(facetsBefore);
    expect(cacheStats(db).hits).toBeGreaterThanOrEqual(stats.hits + 2);

    // Another process (here: another connection) moves one trial into phase 3.
    const other = new Database(file);
    const trial = other.prepare(`SELECT id FROM trials WHERE phase = 'phase-2' LIMIT 1`).get() as { id: number };
    other.prepare(`UPDATE trials SET phase = 'phase-3', version = version + 1 WHERE id = ?`).run(trial.id);
    other.close();

    expect(listTrials(p, db).total).toBe(before + 1);
    const facetsAfter = getFacetCounts(params(''), db);
    const phase = (f: FacetCounts, value: string) => f.phase.find((o) => o.value === value)!.count;
    expect(phase(facetsAfter, 'phase-3')).toBe(phase(facetsBefore, 'phase-3') + 1);
    expect(phase(facetsAfter, 'phase-2')).toBe(phase(facetsBefore, 'phase-2') - 1);
  });

  it('keep a bounded number of list pages, dropping the least recently used first', () => {
    const query = (page: number) => params(`pageSize=10&page=${page}`);
    const first = listTrials(query(1), db);
    expect(listTrials(query(1), db)).toBe(first);
    for (let page = 2; page <= CACHE_ENTRIES_BY_KIND.list! + 1; page++) listTrials(query(page), db);
    const again = listTrials(query(1), db);
    expect(again).not.toBe(first); // computed again…
    expect(again).toEqual(first); // …to the same answer
  });

  it('are not kept from inside a write that is rolled back', () => {
    const p = params('phase=phase-3');
    const before = listTrials(p, db).total;
    expect(() =>
      db.transaction((tx) => {
        void tx;
        db.$client.prepare(`UPDATE trials SET phase = 'phase-3' WHERE phase = 'phase-1'`).run();
        expect(listTrials(p, db).total).toBeGreaterThan(before);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(listTrials(p, db).total).toBe(before);
  });
});
