// npx tsx bench/fanout.ts [followers=10000] [more counts…]: the time to fan one coordinator change out to a
// trial's followers, beside the floor: a bare INSERT … SELECT of the same notification rows into a scratch
// table of the same shape and indexes (issue 6: fan-out ≤ 3 × bare). The measurement itself is
// bench/run/in-process.ts benchFanout, which `npm run bench` also reports; this prints it on its own.
import { benchFanout } from './run/in-process';

function main(): void {
  const counts = process.argv.slice(2).map(Number);
  for (const n of counts.length ? counts : [10_000]) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`followers must be a positive whole number (got ${n})`);
    const r = benchFanout(n);
    const f = (x: number) => x.toFixed(1).padStart(8);
    console.log(
      [
        `followers ${r.followers} (built in ${(r.setUpMs / 1000).toFixed(1)} s): ${r.notified} notifications, ${r.delivered} e-mail deliveries per change`,
        `  updateTrial, followed trial   ${f(r.updateMs)} ms  (median of 3)`,
        `  updateTrial, no followers     ${f(r.controlMs)} ms`,
        `  fan-out (the difference)      ${f(r.fanoutMs)} ms`,
        `  bare INSERT … SELECT          ${f(r.bareMs)} ms  (same ${r.notified} rows, same indexes)`,
        `  fan-out / bare                ${r.ratio.toFixed(2).padStart(8)}×  (target ≤ 3×; end to end ${r.endToEndRatio.toFixed(2)}×)`,
      ].join('\n'),
    );
  }
}

main();
