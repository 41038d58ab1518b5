// The home page's data at registry scale: 40,000 made-up trials, far more than a cell may draw. Counts stay
// exact, each cell draws only its newest trials with a link to all of them, and no query binds a list of ids.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { CELL_TRIAL_LIMIT, getBoard, listRecentChanges, type Board } from '@/lib/trials/board';
import { parseListParams } from '@/lib/trials/list-params';
import { RECRUITING_STATUSES, type Phase } from '@/lib/trials/vocab';
import { createTestDb, type TestDb } from '../helpers/db';
import { countingParameters, insertManyTrials, type ManyTrial } from '../helpers/many-trials';

const COUNT = 40_000;

function cellOf(board: Board, modality: string, column: string) {
  const cell = board.rows.find((r) => r.modality === modality)?.cells.find((c) => c.column.key === column);
  expect(cell, `${modality} × ${column}`).toBeDefined();
  return cell!;
}

const inColumn = (t: ManyTrial, column: string) => (column === 'none' ? t.phase === null || t.phase === 'not-applicable' : t.phase === column);
/** The ids a cell must draw: its newest (highest id) trials, at most the limit. */
const newestIds = (ts: ManyTrial[], limit = CELL_TRIAL_LIMIT) =>
  ts
    .map((t) => t.id)
    .sort((a, b) => b - a)
    .slice(0, limit);
const nctIds = (ids: number[]) => ids.map((id) => `NCT${80_000_000 + id}`).sort();

describe('the board with 40,000 trials', () => {
  let t: TestDb;
  let made: ManyTrial[];
  beforeAll(() => {
    t = createTestDb();
    made = insertManyTrials(t.db, COUNT);
  });
  afterAll(() => t.close());

  it('counts every trial exactly, per row and per cell, and draws at most the limit in each cell', () => {
    const board = getBoard({}, t.db);
    expect(board.total).toBe(COUNT);
    expect(board.recruiting).toBe(made.filter((m) => RECRUITING_STATUSES.includes(m.status)).length);
    for (const row of board.rows) {
      const inRow = made.filter((m) => m.modality === row.modality);
      expect(row.total).toBe(inRow.length);
      for (const cell of row.cells) {
        const inCell = inRow.filter((m) => inColumn(m, cell.column.key));
        expect(cell.total, `${row.modality} × ${cell.column.key}`).toBe(inCell.length);
        expect(cell.trials.length).toBe(Math.min(CELL_TRIAL_LIMIT, inCell.length));
        expect(cell.trials.map((x) => x.nctId).sort()).toEqual(nctIds(newestIds(inCell)));
      }
    }
    const chips = board.rows.flatMap((r) => r.cells.flatMap((c) => c.trials));
    expect(chips.length).toBeLessThanOrEqual(board.rows.length * board.columns.length * CELL_TRIAL_LIMIT);
  });

  it('links a cell it cuts short to exactly its trials on /trials, and leaves whole cells without a link', () => {
    const board = getBoard({}, t.db);
    const big = cellOf(board, 'small-molecule', 'phase-3');
    expect(big.total).toBeGreaterThan(CELL_TRIAL_LIMIT);
    expect(big.seeAll).toEqual({ href: '/trials?modality=small-molecule&phase=phase-3', count: big.total });
    // The link reads back as the filters of the cell, and those filters count the same trials.
    const query = parseListParams(new URLSearchParams(big.seeAll!.href.split('?')[1]));
    expect(made.filter((m) => query.modality.includes(m.modality) && query.phase.includes(m.phase as Phase)).length).toBe(big.total);

    const small = cellOf(board, 'gene-therapy', 'phase-1-2');
    expect(small.total).toBe(8);
    expect(small.trials).toHaveLength(8);
    expect(small.seeAll).toBeNull();
    expect(cellOf(board, 'gene-therapy', 'phase-3').total).toBe(0);
  });

  it('in the "not applicable or not given" column, links to the not-applicable trials and counts both kinds', () => {
    const none = cellOf(getBoard({}, t.db), 'aso', 'none');
    const notApplicable = made.filter((m) => m.modality === 'aso' && m.phase === 'not-applicable').length;
    const notGiven = made.filter((m) => m.modality === 'aso' && m.phase === null).length;
    expect(none.total).toBe(notApplicable + notGiven);
    expect(none.seeAll).toEqual({ href: '/trials?modality=aso&phase=not-applicable', count: notApplicable });
    // The newest of both kinds together, not the limit of each.
    expect(none.trials.map((x) => x.nctId).sort()).toEqual(nctIds(newestIds(made.filter((m) => m.modality === 'aso' && inColumn(m, 'none')))));
  });

  it('keeps treatments without placebo, and orders chips recruiting first as at small scale', () => {
    const cell = cellOf(getBoard({}, t.db), 'aso', 'phase-2');
    const chip = cell.trials.find((x) => x.nctId.endsWith('0')) ?? cell.trials[0]!;
    const id = Number(chip.nctId.slice(3)) - 80_000_000;
    expect(chip.treatments).toEqual([`drug ${id}`]);
    const ranks = cell.trials.map((x) => (x.recruiting ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort());
  });

  it('narrows counts, chips and links to a gene, still exactly', () => {
    const board = getBoard({ gene: ['SOD1'] }, t.db);
    const sod1 = made.filter((m) => m.sod1);
    expect(board.total).toBe(sod1.length);
    expect(board.recruiting).toBe(sod1.filter((m) => RECRUITING_STATUSES.includes(m.status)).length);
    const cell = cellOf(board, 'immune', 'phase-1');
    const inCell = sod1.filter((m) => m.modality === 'immune' && m.phase === 'phase-1');
    expect(cell.total).toBe(inCell.length);
    expect(cell.trials.map((x) => x.nctId).sort()).toEqual(nctIds(newestIds(inCell)));
    expect(cell.seeAll?.href).toBe('/trials?modality=immune&gene=SOD1&phase=phase-1');
  });

  it('honours a smaller limit', () => {
    const board = getBoard({}, t.db, 3);
    expect(Math.max(...board.rows.flatMap((r) => r.cells.map((c) => c.trials.length)))).toBe(3);
    expect(cellOf(board, 'gene-therapy', 'phase-1-2').seeAll?.count).toBe(8);
  });

  it('never binds a list of trial ids: parameters stay few whatever the number of trials', () => {
    // A connection of its own, so no board is already cached for it and every query runs.
    const fresh = openDatabase(t.file);
    try {
      const { db, parameters } = countingParameters(fresh);
      getBoard({}, db);
      getBoard({ gene: ['SOD1', 'FUS'] }, db);
      listRecentChanges({ gene: ['SOD1'] }, db);
      // The unfiltered board's one query for every cell's newest trials ran (a few parameters per group)…
      expect(Math.max(...parameters)).toBeGreaterThan(20);
      // …and no query binds more than a handful per (modality, phase) group; 40,000 trials would need 40,000.
      expect(Math.max(...parameters)).toBeLessThan(300);
    } finally {
      fresh.$client.close();
    }
  });

  it('is kept until a trial changes, from any connection', () => {
    const before = getBoard({}, t.db);
    expect(getBoard({}, t.db)).toBe(before);
    const other = new Database(t.file);
    const moved = other.prepare(`SELECT id, modality, phase FROM trials WHERE modality = 'aso' AND phase = 'phase-3' LIMIT 1`).get() as { id: number };
    other.prepare(`UPDATE trials SET phase = 'phase-2', version = version + 1 WHERE id = ?`).run(moved.id);
    other.close();
    const after = getBoard({}, t.db);
    expect(after).not.toBe(before);
    expect(cellOf(after, 'aso', 'phase-3').total).toBe(cellOf(before, 'aso', 'phase-3').total - 1);
    expect(cellOf(after, 'aso', 'phase-2').total).toBe(cellOf(before, 'aso', 'phase-2').total + 1);
  });
});
