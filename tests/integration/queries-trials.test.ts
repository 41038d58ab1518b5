// The read-side data functions called directly: export chunking, readiness, search safety, and
// the curated ALS seed as families will first see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { seedCuratedTrials } from '@/db/seed';
import { AppError } from '@/lib/errors';
import { importStudies } from '@/lib/trials/import';
import { parseListParams } from '@/lib/trials/list-params';
import { EXPORT_CHUNK_SIZE, exportTrials, getReadiness, getTrial, getTrialOrThrow, listTrials, toFtsQuery } from '@/lib/trials/queries';
import { createTestDb, type TestDb } from '../helpers/db';
import { study } from '../fixtures/ctgov/build';

const params = (query = '') => parseListParams(new URLSearchParams(query));

describe('parsing list parameters', () => {
  it('accepts everyday spellings of phases and returns the stored codes', () => {
    expect(params('phase=2/3,Phase 1/2,PHASE2_PHASE3,phase2,EARLY_PHASE1,NA,1-2').phase).toEqual([
      'phase-2-3',
      'phase-1-2',
      'phase-2',
      'early-phase-1',
      'not-applicable',
    ]);
  });

  it('fills defaults, and sorts by relevance only when there is text to rank', () => {
    expect(params()).toMatchObject({ sort: 'updated', page: 1, pageSize: 25, gene: [] });
    expect(params('q=tofersen').sort).toBe('relevance');
    expect(params('q=%20%20&gene=').q).toBeUndefined();
  });

  it('reads a page’s searchParams object as well as URLSearchParams', () => {
    expect(parseListParams({ gene: ['sod1', 'FUS'], status: 'Recruiting', q: undefined })).toMatchObject({
      gene: ['SOD1', 'FUS'],
      status: ['RECRUITING'],
    });
    expect(() => parseListParams({ genes: 'SOD1' })).toThrow(AppError);
  });
});

describe('turning search text into an FTS5 query', () => {
  it('quotes every word as a prefix term and drops everything else', () => {
    expect(toFtsQuery('tofer')).toBe('"tofer"*');
    expect(toFtsQuery('NEAR("a" b*) OR c:')).toBe('"NEAR"* "a"* "b"* "OR"* "c"*');
    expect(toFtsQuery('SOD1 C9orf72 ELA-ALS')).toBe('"SOD1"* "C9orf72"* "ELA"* "ALS"*');
    expect(toFtsQuery('São Paulo')).toBe('"São"* "Paulo"*');
    expect(toFtsQuery('*** "" ()')).toBeNull();
  });
});

describe('exporting every match', () => {
  let t: TestDb;
  const count = EXPORT_CHUNK_SIZE + 20;
  beforeAll(() => {
    t = createTestDb();
    const inputs = Array.from({ length: count }, (_, i) => {
      const nctId = `NCT8${String(i).padStart(7, '0')}`;
      return {
        record: study(nctId, {
          protocolSection: { statusModule: { lastUpdatePostDateStruct: { date: `20${10 + (i % 15)}-01-01`, type: 'ACTUAL' } } },
        }),
      };
    });
    expect(importStudies(t.db, inputs).created).toBe(count);
  });
  afterAll(() => t.close());

  it('yields chunks of 500 in list order, covering every trial once', () => {
    const chunks = [...exportTrials(params(), t.db)];
    expect(chunks.map((c) => c.length)).toEqual([EXPORT_CHUNK_SIZE, 20]);
    const all = chunks.flat().map((s) => s.nctId);
    expect(new Set(all).size).toBe(count);
    const firstPage = listTrials(params('pageSize=100'), t.db).items.map((s) => s.nctId);
    expect(all.slice(0, 100)).toEqual(firstPage);
  });

  it('ignores paging but keeps filters', () => {
    expect([...exportTrials(params('page=3&pageSize=1&q=NCT80000007'), t.db)].flat().map((s) => s.nctId)).toEqual(['NCT80000007']);
  });
});

describe('readiness', () => {
  it('is not ready before migrations, and says what to do', () => {
    const bare = openDatabase(':memory:');
    const readiness = getReadiness(bare);
    expect(readiness.ok).toBe(false);
    expect(!readiness.ok && readiness.reason).toMatch(/^0 of \d+ database migrations applied; run npm run db:migrate\.$/);
    bare.$client.close();
  });

  it('is ready on a migrated database, with its trial count', () => {
    const t = createTestDb();
    expect(getReadiness(t.db)).toMatchObject({ ok: true, trials: 0 });
    t.close();
  });
});

describe('the curated ALS seed', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = createTestDb();
    const summary = await seedCuratedTrials(t.db);
    expect(summary.failed).toBe(0);
  });
  afterAll(() => t.close());

  it('finds the SOD1 trials by gene and the tofersen trials by a word prefix', () => {
    const sod1 = listTrials(params('gene=sod1'), t.db).items.map((s) => s.nctId).sort();
    expect(sod1).toEqual(['NCT02623699', 'NCT03070119', 'NCT04856982']);
    const tofer = listTrials(params('q=tofer'), t.db).items.map((s) => s.nctId);
    expect(tofer).toEqual(expect.arrayContaining(sod1));
  });

  it('shows a trial’s links both ways with the other trial’s title', () => {
    const ole = getTrial('NCT03070119', t.db)!;
    expect(ole.links).toContainEqual(
      expect.objectContaining({ direction: 'incoming', nctId: 'NCT02623699', relation: 'extension', title: expect.any(String) }),
    );
    const platform = getTrial('NCT04297683', t.db)!;
    expect(platform.links.filter((l) => l.direction === 'outgoing' && l.relation === 'regimen')).toHaveLength(5);
  });

  it('orders a trial’s history oldest first', () => {
    const trial = getTrial('NCT04615923', t.db)!;
    expect(trial.events.length).toBeGreaterThan(5);
    const when = trial.events.map((e) => e.occurredAt ?? e.recordedAt);
    expect(when).toEqual([...when].sort());
  });

  it('returns null, or a 404 AppError, for a trial it does not hold', () => {
    expect(getTrial('NCT00000000', t.db)).toBeNull();
    expect(() => getTrialOrThrow('nct00000000', t.db)).toThrow(expect.objectContaining({ code: 'not_found:trial', status: 404 }));
  });
});
