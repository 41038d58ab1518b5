// What the status colours and icons mean, in words: the badge families of statusTone.
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { statusTone, type StatusTone } from '@/lib/trials/format';
import { STATUS_LABELS, STATUSES, type Status } from '@/lib/trials/vocab';
import styles from './board.module.css';

const TONES: { tone: StatusTone; example: Status; meaning: string }[] = [
  { tone: 'recruiting', example: 'RECRUITING', meaning: 'taking participants now or soon' },
  { tone: 'active', example: 'ACTIVE_NOT_RECRUITING', meaning: 'running, but not taking new participants' },
  { tone: 'completed', example: 'COMPLETED', meaning: 'finished' },
  { tone: 'stopped', example: 'TERMINATED', meaning: 'stopped or paused before the end' },
  { tone: 'unknown', example: 'UNKNOWN', meaning: 'not known for sure' },
];

export function StatusLegend() {
  return (
    <div className={styles.legend}>
      <h3 className={styles.legendHead}>What the colours and icons mean</h3>
      <p className={styles.legendNote}>Each trial shows its status in words. The colour and icon group similar statuses:</p>
      <ul className={styles.legendList}>
        {TONES.map(({ tone, example, meaning }) => {
          const others = STATUSES.filter((s) => s !== example && statusTone(s) === tone).map((s) => STATUS_LABELS[s]);
          if (tone === 'unknown') others.push('Status not given');
          return (
            <li key={tone}>
              <StatusBadge status={example} size="small" />
              <span>
                {' '}
                {meaning}.{others.length ? ` Same colour and icon: ${others.join(', ')}.` : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <p className={styles.legendNote}>
        <Link href="/about#statuses" className="action-link">
          What each status means
        </Link>
      </p>
    </div>
  );
}
