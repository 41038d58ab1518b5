// npm run worker (npx tsx scripts/worker.ts): the delivery worker on its own, beside or instead of the one
// the server starts. Several may run at once: each e-mail is claimed by one of them. `--once` runs one batch
// and exits (cron, or to flush the outbox by hand). One line per batch that did something; Ctrl-C or
// SIGTERM finishes the e-mail in hand and exits.
import { describeBatch, newWorkerId, runDeliveryBatch, startDeliveryWorker, workerSettings } from '../lib/notifications/worker';
import { closeDatabase, databaseLocation, migrate } from './database';

async function main(): Promise<void> {
  const once = process.argv.slice(2).includes('--once');
  const settings = workerSettings();
  const { database } = migrate();
  const workerId = newWorkerId();
  console.log(`Delivery worker ${workerId}: ${databaseLocation()}${once ? ', one batch' : `, every ${settings.WORKER_INTERVAL_MS} ms`}.`);

  if (once) {
    const result = await runDeliveryBatch(database, { workerId });
    console.log(`Delivery worker ${workerId}: ${describeBatch(result)}`);
    closeDatabase(database);
    return;
  }

  const worker = startDeliveryWorker({ database, workerId });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C means "now": an e-mail in hand is retried by the next worker after its lease.
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`Delivery worker ${workerId}: stopping (${signal}).`);
    worker.stop().then(
      () => {
        closeDatabase(database);
        process.exit(0);
      },
      (error: unknown) => {
        console.error('worker: could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('worker:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
