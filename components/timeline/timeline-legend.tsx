// The chart's key, in words, each with a small drawing of what it explains.
import styles from './timeline.module.css';

const HATCH = 'timeline-legend-hatch';

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg width={48} height={24} viewBox="0 0 48 24" aria-hidden="true" className={styles.swatch}>
      <defs>
        <pattern id={HATCH} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} className={styles.hatchBack} />
          <line x1={0} y1={0} x2={0} y2={6} className={styles.hatchLine} />
        </pattern>
      </defs>
      {children}
    </svg>
  );
}

export function TimelineLegend() {
  return (
    <section aria-labelledby="timeline-key" className={styles.legend}>
      <h2 id="timeline-key" className={styles.legendTitle}>
        How to read the chart
      </h2>
      <ul className={styles.legendList}>
        <li>
          <Swatch>
            <rect x={2} y={3} width={44} height={18} className={styles.spanActual} />
          </Swatch>
          <span>
            <strong>Solid bar:</strong> actual dates (this has happened).
          </span>
        </li>
        <li>
          <Swatch>
            <rect x={2} y={3} width={44} height={18} className={styles.spanEstimated} fill={`url(#${HATCH})`} />
          </Swatch>
          <span>
            <strong>Striped bar with a dashed edge:</strong> estimated dates (planned, may change), or the registry
            does not say whether the date is actual or estimated.
          </span>
        </li>
        <li>
          <Swatch>
            <rect x={2} y={3} width={44} height={18} className={styles.spanActual} />
          </Swatch>
          <span>
            <strong>Thick bar:</strong> from the start to primary completion, when the main results are collected (or to
            the end, if no primary completion date is given).
          </span>
        </li>
        <li>
          <Swatch>
            <rect x={2} y={8} width={44} height={8} className={styles.spanActual} />
          </Swatch>
          <span>
            <strong>Thin bar:</strong> from primary completion to the end of the trial (follow-up).
          </span>
        </li>
        <li>
          <Swatch>
            <line x1={24} x2={24} y1={0} y2={24} className={styles.today} />
          </Swatch>
          <span>
            <strong>Line marked “Today”:</strong> today’s date. Anything to the right of it is still to come.
          </span>
        </li>
      </ul>
      <p className={styles.legendNote}>
        A date given only as a year is drawn at the middle of that year, and a month at the middle of that month; the
        words always say only what the registry says.
      </p>
    </section>
  );
}
