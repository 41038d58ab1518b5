// Console reporting shared by `npm run import` and `npm run sync`: a progress bar on large inputs
// (plain periodic lines when stderr is not a terminal) and the end-of-run summary.
import cliProgress from 'cli-progress';
import type { ImportSummary } from '@/lib/trials/import';

/** Inputs at or above this many records get a progress bar. */
export const PROGRESS_THRESHOLD = 50;

export function progressReporter(total: number): { update: (done: number) => void; stop: () => void } {
  if (total < PROGRESS_THRESHOLD) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: 'importing [{bar}] {percentage}% | {value}/{total} records | {eta_formatted} left', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

export function formatSummary(summary: ImportSummary, seconds: number): string {
  const total = summary.created + summary.updated + summary.unchanged + summary.failed;
  const rate = seconds > 0 ? Math.round(total / seconds) : total;
  const lines = summary.errors.map((e) => `  failed: ${e.file ?? '?'}${e.nctId ? ` (${e.nctId})` : ''}: ${e.reason}`);
  lines.push(
    `${total} record${total === 1 ? '' : 's'}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed; ` +
      `${summary.events} events recorded; ${seconds.toFixed(2)} s (${rate} records/s)`,
  );
  return lines.join('\n');
}
