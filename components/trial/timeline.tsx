// The planned-against-actual timeline: an SVG drawn on the server plus the same milestones as text.
// Horizontal positions are percentages, so the drawing fills any width while its text keeps its size.
import { formatPartialDate } from '@/lib/trials/format';
import { timeScale, type Milestone } from '@/lib/trials/milestones';
import styles from './trial.module.css';

const ROW = 58;
const TOP = 30;
const AXIS = 34;

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

function typeWord(type: Milestone['type']): string {
  if (type === 'ACTUAL') return 'actual';
  if (type === 'ESTIMATED') return 'estimated';
  return 'type not stated';
}

function Marker({ type, x, y }: { type: Milestone['type']; x: string; y: number }) {
  if (type === 'ACTUAL') return <circle cx={x} cy={y} r={8} className={styles.markerActual} />;
  if (type === 'ESTIMATED') return <circle cx={x} cy={y} r={7} className={styles.markerEstimated} />;
  return <rect x={x} y={y - 7} width={14} height={14} transform="translate(-7 0)" className={styles.markerUnknown} />;
}

export function TimelineChart({ milestones, today, nctId }: { milestones: Milestone[]; today: Date; nctId: string }) {
  const scale = timeScale(
    milestones.map((m) => m.position),
    today,
  );
  const height = TOP + milestones.length * ROW + AXIS;
  const axisY = TOP + milestones.length * ROW + 4;
  const todayX = pct(scale.fraction(today.getTime()));
  const todayText = formatPartialDate(today.toISOString().slice(0, 10));
  const titleId = `timeline-title-${nctId}`;
  const summary = `Timeline of ${nctId}: ${milestones
    .map((m) => `${m.label} ${m.dateText} (${typeWord(m.type)})`)
    .join('; ')}. Today is ${todayText}.`;

  return (
    <svg className={styles.chart} width="100%" height={height} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{summary}</title>
      {milestones.map((m, i) => {
        const y = TOP + i * ROW;
        const x = pct(scale.fraction(m.position));
        return (
          <g key={m.key}>
            <text x="0" y={y + 14} className={styles.chartLabel}>
              {m.label}
            </text>
            <text x="0" y={y + 31} className={styles.chartDate}>
              {m.dateText}, {typeWord(m.type)}
            </text>
            <line x1="0" x2="100%" y1={y + 44} y2={y + 44} className={styles.chartTrack} />
            <Marker type={m.type} x={x} y={y + 44} />
          </g>
        );
      })}
      <line x1="0" x2="100%" y1={axisY} y2={axisY} className={styles.chartAxis} />
      {scale.yearTicks.map((t) => {
        const f = scale.fraction(t.time);
        const anchor = f < 0.02 ? 'start' : f > 0.98 ? 'end' : 'middle';
        return (
          <g key={t.year}>
            <line x1={pct(f)} x2={pct(f)} y1={axisY} y2={axisY + 6} className={styles.chartAxis} />
            <text x={pct(f)} y={axisY + 22} textAnchor={anchor} className={styles.chartTick}>
              {t.year}
            </text>
          </g>
        );
      })}
      <line x1={todayX} x2={todayX} y1={18} y2={axisY} className={styles.chartToday} />
      <text
        x={todayX}
        y={13}
        textAnchor={scale.fraction(today.getTime()) > 0.85 ? 'end' : scale.fraction(today.getTime()) < 0.15 ? 'start' : 'middle'}
        className={styles.chartTodayLabel}
      >
        Today
      </text>
    </svg>
  );
}

export function TimelineLegend() {
  return (
    <ul className={styles.legend} aria-label="How to read the drawing">
      <li>
        <svg width="20" height="20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="8" className={styles.markerActual} />
        </svg>
        Filled circle: actual date (it happened)
      </li>
      <li>
        <svg width="20" height="20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="7" className={styles.markerEstimated} />
        </svg>
        Dashed hollow circle: estimated date (planned)
      </li>
      <li>
        <svg width="20" height="20" aria-hidden="true" focusable="false">
          <rect x="3" y="3" width="14" height="14" className={styles.markerUnknown} />
        </svg>
        Hollow square: not stated whether actual or estimated
      </li>
      <li>
        <svg width="20" height="20" aria-hidden="true" focusable="false">
          <line x1="10" x2="10" y1="1" y2="19" className={styles.chartToday} />
        </svg>
        Upright line: today
      </li>
    </ul>
  );
}

export function MilestoneList({ milestones }: { milestones: Milestone[] }) {
  return (
    <ol className={styles.milestones}>
      {milestones.map((m) => (
        <li key={m.key}>
          <strong>{m.label}:</strong> <time dateTime={m.date}>{m.dateText}</time> ({typeWord(m.type)}). {m.stateText}.
        </li>
      ))}
    </ol>
  );
}
