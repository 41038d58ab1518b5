// The pipeline board: one row per kind of treatment, one column per phase, each trial a chip.
// Headings and lists rather than a table, so the same markup reads well as a grid on wide screens
// and as a stacked list (kind → phase → trials) on narrow ones and at 200% zoom.
import Link from 'next/link';
import type { CSSProperties } from 'react';
import { StatusBadge } from '@/components/ui/status-badge';
import type { Board, BoardCell, BoardTrial } from '@/lib/trials/board';
import styles from './board.module.css';

const trialsText = (n: number) => (n === 1 ? '1 trial' : `${n.toLocaleString('en-GB')} trials`);

function TrialChip({ trial }: { trial: BoardTrial }) {
  const treatments = trial.treatments.join(', ') + (trial.moreTreatments ? ` and ${trial.moreTreatments} more` : '');
  return (
    <li>
      <Link href={trial.url} className={styles.chip} prefetch={false}>
        <span className={styles.chipTitle}>{trial.title}</span>
        {treatments && trial.title.toLowerCase() !== treatments.toLowerCase() ? (
          <span className={styles.chipTreatments}>{treatments}</span>
        ) : null}
        <span className={styles.chipId}>{trial.nctId}</span>
        <StatusBadge status={trial.status} lastKnown={trial.lastKnownStatus} size="small" />
      </Link>
    </li>
  );
}

/** Under a cell that draws only some of its trials: which ones, and a link to all of them on /trials. */
function SeeAll({ cell, rowLabel }: { cell: BoardCell; rowLabel: string }) {
  if (!cell.seeAll) return null;
  const { href, count } = cell.seeAll;
  const noPhase = cell.total - count;
  return (
    <div className={styles.seeAll}>
      <p className={styles.seeAllNote}>Showing the {cell.trials.length} most recently added to the tracker.</p>
      {count > 0 ? (
        <Link href={href} className={styles.seeAllLink} prefetch={false}>
          See all {trialsText(count)}
          {noPhase > 0 ? ' whose phase is not applicable' : ''}
          <span className="visually-hidden">
            {' '}
            ({rowLabel}, {cell.column.key === 'none' ? 'phase not applicable' : cell.column.label})
          </span>
        </Link>
      ) : null}
      {/* /trials can filter "not applicable" but not "no phase given"; say what the link leaves out. */}
      {noPhase > 0 ? (
        <p className={styles.seeAllNote}>
          {noPhase === 1 ? '1 trial gives' : `${trialsText(noPhase)} give`} no phase; the list of trials cannot pick those out yet.
        </p>
      ) : null}
    </div>
  );
}

export function PipelineBoard({ board, headingId, geneText }: { board: Board; headingId: string; geneText: string | null }) {
  // Phases with no trials get narrow columns, so the columns with chips have room to breathe.
  const used = board.columns.map((c) => board.rows.some((r) => r.cells.some((cell) => cell.column.key === c.key && cell.total > 0)));
  const grid = { '--board-columns': `9rem ${used.map((u) => (u ? 'minmax(0, 1fr)' : 'minmax(3.5rem, 0.3fr)')).join(' ')}` } as CSSProperties;
  return (
    <div className={styles.board}>
      {/* Column labels for sighted readers of the wide grid; each cell repeats its phase in a heading. */}
      <div className={styles.columnHeads} style={grid} aria-hidden="true">
        <span>Kind of treatment</span>
        {board.columns.map((c) => (
          <span key={c.key}>{c.label}</span>
        ))}
      </div>
      {board.rows.map((row) => {
        const id = `${headingId}-${row.modality}`;
        return (
          <section key={row.modality} aria-labelledby={id} className={styles.row} style={grid}>
            <h3 id={id} className={styles.rowHead}>
              {row.label}
              <span className={styles.rowCount}>{trialsText(row.total)}</span>
            </h3>
            {row.total === 0 ? (
              <p className={styles.emptyRow}>No trials of this kind{geneText ? ` aimed at ${geneText}` : ''} are tracked yet.</p>
            ) : (
              row.cells.map((cell) =>
                cell.total === 0 ? (
                  <div key={cell.column.key} className={styles.emptyCell} aria-hidden="true">
                    –
                  </div>
                ) : (
                  <div key={cell.column.key} className={styles.cell}>
                    <h4 className={styles.cellHead}>
                      <span className={styles.cellPhase}>{cell.column.label}: </span>
                      <span className={styles.cellCount}>{trialsText(cell.total)}</span>
                    </h4>
                    <ul className={styles.chips}>
                      {cell.trials.map((t) => (
                        <TrialChip key={t.nctId} trial={t} />
                      ))}
                    </ul>
                    <SeeAll cell={cell} rowLabel={row.label} />
                  </div>
                ),
              )
            )}
          </section>
        );
      })}
    </div>
  );
}
