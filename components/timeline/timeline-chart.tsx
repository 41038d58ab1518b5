// The Gantt-style chart, drawn on the server as SVG. Every position comes from layoutTimeline; this file
// only draws. Each trial's row is one link (44 px+ high) with its dates in its accessible name, so the
// chart works by keyboard and screen reader as well as by eye.
import type { ChartLayout, LaidOutRow, LaidOutSpan } from '@/lib/trials/timeline';
import { formatPartialDate } from '@/lib/trials/format';
import styles from './timeline.module.css';

const HATCH = 'timeline-hatch';

/** Actual spans are solid; estimated (or unstated) ones are hatched with a dashed edge. */
function SpanShape({ span }: { span: LaidOutSpan }) {
  const solid = span.certainty === 'actual';
  return (
    <rect
      x={span.x}
      y={span.y}
      width={span.width}
      height={span.height}
      className={solid ? styles.spanActual : styles.spanEstimated}
      fill={solid ? undefined : `url(#${HATCH})`}
    />
  );
}

function Row({ row, layout }: { row: LaidOutRow; layout: ChartLayout }) {
  const { trial } = row;
  const mid = row.y + 24;
  return (
    <a href={trial.url} aria-label={row.ariaLabel} className={styles.row}>
      <rect x={0} y={row.y} width={layout.width} height={48} className={styles.rowHit} />
      <line x1={0} x2={layout.width} y1={row.y + 48} y2={row.y + 48} className={styles.rowRule} />
      <text x={8} y={row.y + 20} className={styles.rowName}>
        {trial.name}
      </text>
      <text x={8} y={row.y + 38} className={styles.rowStatus}>
        {trial.nctId} · {trial.statusText}
      </text>
      {row.spans.map((span) => (
        <SpanShape key={span.kind} span={span} />
      ))}
      {/* The start, and the primary completion between the two segments, as upright marks. */}
      <line x1={row.startX} x2={row.startX} y1={mid - 13} y2={mid + 13} className={styles.mark} />
      {row.primaryX !== null ? <line x1={row.primaryX} x2={row.primaryX} y1={mid - 13} y2={mid + 13} className={styles.mark} /> : null}
      {row.openEnded ? (
        <text x={row.startX + 8} y={mid + 4} className={styles.rowNote}>
          End date not given
        </text>
      ) : null}
      <rect x={2} y={row.y + 2} width={layout.width - 4} height={44} rx={4} className={styles.focusRing} />
    </a>
  );
}

function Axis({ layout, at }: { layout: ChartLayout; at: 'top' | 'bottom' }) {
  const yearY = at === 'top' ? layout.bodyTop - 8 : layout.bodyBottom + 18;
  return (
    <g aria-hidden="true">
      {layout.ticks
        .filter((t) => t.labelled)
        .map((t) => (
          <text key={t.year} x={t.labelX} y={yearY} textAnchor="middle" className={styles.yearLabel}>
            {t.year}
          </text>
        ))}
    </g>
  );
}

export function TimelineChart({ layout, today, count }: { layout: ChartLayout; today: string; count: number }) {
  const todayAnchor = layout.todayX > layout.width - 60 ? 'end' : 'middle';
  return (
    <svg
      role="group"
      aria-label={`Timeline chart of ${count === 1 ? '1 trial' : `${count} trials`}, by type of treatment, then start date`}
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      className={styles.svg}
    >
      <defs>
        <pattern id={HATCH} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} className={styles.hatchBack} />
          <line x1={0} y1={0} x2={0} y2={6} className={styles.hatchLine} />
        </pattern>
      </defs>

      {/* Year gridlines behind everything. */}
      <g aria-hidden="true">
        {layout.ticks.map((t) => (
          <line key={t.year} x1={t.x} x2={t.x} y1={layout.bodyTop} y2={layout.bodyBottom} className={styles.grid} />
        ))}
        <line x1={layout.plotX1} x2={layout.plotX1} y1={layout.bodyTop} y2={layout.bodyBottom} className={styles.grid} />
      </g>
      <Axis layout={layout} at="top" />
      <Axis layout={layout} at="bottom" />

      {layout.groups.map(({ group, y, rows }) => (
        <g key={group.modality} role="group" aria-label={`${group.label}: ${rows.length === 1 ? '1 trial' : `${rows.length} trials`}`}>
          <rect x={0} y={y} width={layout.width} height={40} className={styles.groupBand} aria-hidden="true" />
          <text x={8} y={y + 26} className={styles.groupLabel} aria-hidden="true">
            {group.label} ({rows.length === 1 ? '1 trial' : `${rows.length} trials`})
          </text>
          {rows.map((row) => (
            <Row key={row.trial.nctId} row={row} layout={layout} />
          ))}
        </g>
      ))}

      {/* Today, labelled in words above and below the chart. */}
      <g>
        <line x1={layout.todayX} x2={layout.todayX} y1={layout.bodyTop - 4} y2={layout.bodyBottom + 4} className={styles.today} />
        <text x={layout.todayX} y={14} textAnchor={todayAnchor} className={styles.todayLabel}>
          Today
        </text>
        <text x={layout.todayX} y={layout.bodyBottom + 38} textAnchor={todayAnchor} className={styles.todayLabel} aria-hidden="true">
          Today ({formatPartialDate(today)})
        </text>
      </g>
    </svg>
  );
}
