// The home page's data: the board's grouping and counts, the gene filter, the recruiting count,
// the 30-day window of changes (by when things happened, never when they were recorded) and freshness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCuratedTrials } from '@/db/seed';
import { getBoard, getDataFreshness, listGenesInUse, listRecentChanges, parseGeneFilter, shortTitle, type Board } from '@/lib/trials/board';
import { importStudies, upsertCuration } from '@/lib/trials/import';
import { createTestDb, type TestDb } from '../helpers/db';
import { study } from '../fixtures/ctgov/build';

const source = { label: 'Test source', url: 'https://example.org/source' };
const curation = (nctId: string, extra: Record<string, unknown>) => ({ nctId, asOf: '2025-02-01', sources: [source], ...extra });
const status = (overallStatus: string, extra: Record<string, unknown> = {}) => ({ protocolSection: { statusModule: { overallStatus, ...extra } } });
const phases = (...p: string[]) => ({ protocolSection: { designModule: { phases: p } } });
const merge = (...parts: Record<string, unknown>[]) => {
  // study() deep-merges one patch; fold several protocolSection patches into one.
  const out: Record<string, Record<string, unknown>> = { protocolSection: {} };
  for (const p of parts) Object.assign(out.protocolSection!, (p as { protocolSection: Record<string, unknown> }).protocolSection);
  return out;
};

function cell(board: Board, modality: string, column: string) {
  const row = board.rows.find((r) => r.modality === modality);
  return row?.cells.find((c) => c.column.key === column)?.trials.map((t) => t.nctId) ?? null;
}

describe('the pipeline board', () => {
  let t: TestDb;
  beforeAll(() => {
    t = createTestDb();
    upsertCuration(t.db, curation('NCT90000001', { modality: 'aso', genes: ['SOD1'] }));
    upsertCuration(t.db, curation('NCT90000002', { modality: 'aso', genes: ['SOD1'] }));
    upsertCuration(t.db, curation('NCT90000003', { modality: 'immune', genes: ['C9orf72'] }));
    upsertCuration(t.db, curation('NCT90000004', { modality: 'small-molecule', genes: [] }));
    upsertCuration(t.db, curation('NCT90000005', { modality: 'gene-therapy', genes: ['FUS'] }));
    const summary = importStudies(t.db, [
      {
        record: study(
          'NCT90000001',
          merge(phases('PHASE3'), status('RECRUITING'), { protocolSection: { identificationModule: { nctId: 'NCT90000001', briefTitle: 'A long title', acronym: 'ALPHA' } } }),
        ),
      },
      { record: study('NCT90000002', merge(phases('PHASE1'), status('COMPLETED'))) },
      { record: study('NCT90000003', merge(phases('PHASE2'), status('NOT_YET_RECRUITING'))) },
      { record: study('NCT90000004', merge(phases('NA'), status('TERMINATED'))) },
      { record: study('NCT90000005', merge(phases('PHASE1'), status('ENROLLING_BY_INVITATION'))) },
    ]);
    expect(summary.failed).toBe(0);
  });
  afterAll(() => t.close());

  it('puts each trial in its kind-of-treatment row and phase column, with the status', () => {
    const board = getBoard({}, t.db);
    expect(board.total).toBe(5);
    // MODALITIES order; stem cell shown although empty; "other" hidden because empty.
    expect(board.rows.map((r) => [r.modality, r.total])).toEqual([
      ['aso', 2],
      ['immune', 1],
      ['stem-cell', 0],
      ['small-molecule', 1],
      ['gene-therapy', 1],
    ]);
    // "Not applicable / not given" appears only because a trial uses it.
    expect(board.columns.map((c) => c.key)).toEqual(['early-phase-1', 'phase-1', 'phase-1-2', 'phase-2', 'phase-2-3', 'phase-3', 'phase-4', 'none']);
    expect(cell(board, 'aso', 'phase-3')).toEqual(['NCT90000001']);
    expect(cell(board, 'aso', 'phase-1')).toEqual(['NCT90000002']);
    expect(cell(board, 'small-molecule', 'none')).toEqual(['NCT90000004']);
    expect(cell(board, 'gene-therapy', 'phase-1')).toEqual(['NCT90000005']);
    const alpha = board.rows[0]!.cells.find((c) => c.column.key === 'phase-3')!.trials[0]!;
    expect(alpha).toMatchObject({ title: 'ALPHA', status: 'RECRUITING', recruiting: true, url: '/trials/NCT90000001', treatments: ['Testamab'] });
  });

  it('counts trials taking participants: recruiting, not yet recruiting and by invitation', () => {
    expect(getBoard({}, t.db).recruiting).toBe(3);
  });

  it('narrows the board, its counts and the recruiting count to a gene', () => {
    const sod1 = getBoard({ gene: ['SOD1'] }, t.db);
    expect(sod1.total).toBe(2);
    expect(sod1.recruiting).toBe(1);
    expect(sod1.rows.find((r) => r.modality === 'aso')!.total).toBe(2);
    expect(sod1.rows.find((r) => r.modality === 'immune')!.total).toBe(0);
    // The always-shown rows stay, the empty others go, and no trial uses "not applicable" any more.
    expect(sod1.rows.map((r) => r.modality)).toEqual(['aso', 'immune', 'stem-cell', 'small-molecule']);
    expect(sod1.columns.some((c) => c.key === 'none')).toBe(false);
    expect(getBoard({ gene: ['SOD1', 'FUS'] }, t.db).total).toBe(3);
    expect(getBoard({ gene: ['TARDBP'] }, t.db).total).toBe(0);
  });

  it('offers only the genes the trials target, and reads the gene parameter like the API', () => {
    expect(listGenesInUse(t.db)).toEqual(['SOD1', 'C9orf72', 'FUS']);
    expect(parseGeneFilter('sod1')).toEqual({ genes: ['SOD1'], unknown: null });
    expect(parseGeneFilter(['SOD1', 'fus'])).toEqual({ genes: ['SOD1', 'FUS'], unknown: null });
    expect(parseGeneFilter(undefined)).toEqual({ genes: [], unknown: null });
    expect(parseGeneFilter('')).toEqual({ genes: [], unknown: null });
    expect(parseGeneFilter('banana')).toEqual({ genes: [], unknown: 'banana' });
  });

  it('says how fresh the data is', () => {
    expect(getDataFreshness(t.db)).toEqual({ trials: 5, newestRegistryUpdate: '2025-01-10', newestCurationAsOf: '2025-02-01', lastSyncFinishedAt: null });
  });
});

describe('what changed in the last 30 days', () => {
  let t: TestDb;
  const now = new Date('2026-06-01T12:00:00Z'); // the window starts on 2026-05-02
  beforeAll(() => {
    t = createTestDb();
    const history = (date: string, kind: string, text: string) => ({ date, kind, text, source: 'https://example.org/news' });
    upsertCuration(
      t.db,
      curation('NCT91000001', {
        history: [
          history('2026-05', 'note', 'A month-only milestone in the window'),
          history('2026-04-20', 'note', 'Before the window'),
          history('2026-06-20', 'note', 'In the future'),
          history('2026', 'note', 'Only a year'),
          // The trial was first posted in 2024: a curated "registered" milestone cannot make it news.
          history('2026-05-28', 'registered', 'Registered again'),
        ],
      }),
    );
    // Imported "long ago" and recorded now: recording time must not matter.
    importStudies(t.db, [{ record: study('NCT91000001') }, { record: study('NCT91000002') }], { now });
    // The registry later moved NCT91000001's primary completion; posted on 2026-05-20.
    importStudies(
      t.db,
      [
        {
          record: study(
            'NCT91000001',
            status('RECRUITING', {
              primaryCompletionDateStruct: { date: '2026-09', type: 'ESTIMATED' },
              lastUpdatePostDateStruct: { date: '2026-05-20', type: 'ACTUAL' },
            }),
          ),
        },
        // A brand-new trial, first posted inside the window.
        { record: study('NCT91000003', status('NOT_YET_RECRUITING', { studyFirstPostDateStruct: { date: '2026-05-25', type: 'ACTUAL' }, startDateStruct: { date: '2026-08', type: 'ESTIMATED' } })) },
      ],
      { now },
    );
  });
  afterAll(() => t.close());

  it('lists events that happened in the window, newest first, as sentences with their source', () => {
    const changes = listRecentChanges({ now }, t.db);
    expect(changes.since).toBe('2026-05-02');
    expect(changes.recent.map((c) => [c.nctId, c.occurredAt, c.sentence, c.sourceLabel])).toEqual([
      ['NCT91000003', '2026-05-25', 'First posted on ClinicalTrials.gov', 'ClinicalTrials.gov'],
      ['NCT91000001', '2026-05-20', 'Primary completion moved from March 2026 (estimated) to September 2026 (estimated)', 'ClinicalTrials.gov'],
      ['NCT91000001', '2026-05', 'A month-only milestone in the window', 'curation'],
    ]);
    expect(changes.recent[0]).toMatchObject({ trialTitle: 'Test study NCT91000003', url: '/trials/NCT91000003' });
    expect(changes.latest).toEqual([]);
  });

  it('lists at most the limit, newest first, and says when there were more', () => {
    const all = listRecentChanges({ now }, t.db);
    expect(all.more).toBe(false);
    const two = listRecentChanges({ now, limit: 2 }, t.db);
    expect(two.recent.map((c) => c.occurredAt)).toEqual(['2026-05-25', '2026-05-20']);
    expect(two.more).toBe(true);
    expect(listRecentChanges({ now, limit: 3 }, t.db).more).toBe(false);
  });

  it('narrows the changes to a gene', () => {
    expect(listRecentChanges({ now, gene: ['SOD1'] }, t.db).recent).toEqual([]);
  });

  it('falls back to the most recent changes of any date when the window is empty', () => {
    const later = listRecentChanges({ now: new Date('2027-03-01T00:00:00Z') }, t.db);
    expect(later.recent).toEqual([]);
    expect(later.latest).toHaveLength(5);
    // Newest first; the future-dated note now lies in the past and leads.
    expect(later.latest.map((c) => c.occurredAt)).toEqual(['2026-06-20', '2026-05-28', '2026-05-25', '2026-05-20', '2026-05']);
  });

  it('never counts an event dated in the future, nor a year-only date', () => {
    const texts = listRecentChanges({ now, days: 400 }, t.db).recent.map((c) => c.sentence);
    expect(texts).not.toContain('In the future');
    expect(texts).not.toContain('Only a year');
    expect(texts).toContain('Before the window');
  });
});

describe('the seeded ALS trials on the board', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = createTestDb();
    await seedCuratedTrials(t.db);
  });
  afterAll(() => t.close());

  it('places every trial, VALOR among the ASO phase 3 trials', () => {
    const board = getBoard({}, t.db);
    expect(board.total).toBe(board.rows.reduce((n, r) => n + r.total, 0));
    expect(board.total).toBeGreaterThanOrEqual(30);
    expect(cell(board, 'aso', 'phase-3')).toContain('NCT02623699');
    expect(board.rows.map((r) => r.modality).slice(0, 4)).toEqual(['aso', 'immune', 'stem-cell', 'small-molecule']);
  });

  it('treats no seeded history as news on the day of seeding, and shows the latest five instead', () => {
    const changes = listRecentChanges({ now: new Date('2026-01-15T00:00:00Z') }, t.db);
    expect(changes.recent).toEqual([]);
    expect(changes.latest).toHaveLength(5);
    const dates = changes.latest.map((c) => c.occurredAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe('short titles', () => {
  it('prefers the acronym and cuts long titles at a word', () => {
    expect(shortTitle('Anything', 'VALOR')).toBe('VALOR');
    expect(shortTitle('Short title', null)).toBe('Short title');
    expect(shortTitle('A Study to Assess the Safety, Tolerability, and Pharmacokinetics of BIIB078 in Adults', null)).toBe(
      'A Study to Assess the Safety, Tolerability, and…',
    );
  });
});
