// A trial's status in words, colour and shape together: never colour alone.
import { statusText, statusTone } from '@/lib/trials/format';
import type { Status } from '@/lib/trials/vocab';

const ICONS: Record<ReturnType<typeof statusTone>, string> = {
  recruiting: '●',
  active: '◐',
  completed: '✓',
  stopped: '■',
  unknown: '?',
};

export function StatusBadge({ status, lastKnown, size = 'normal' }: { status: Status | null; lastKnown?: Status | null; size?: 'normal' | 'small' }) {
  const tone = statusTone(status);
  return (
    <span className={`status-badge status-${tone}${size === 'small' ? ' status-small' : ''}`}>
      <span aria-hidden="true" className="status-icon">
        {ICONS[tone]}
      </span>
      {statusText(status, lastKnown)}
    </span>
  );
}
