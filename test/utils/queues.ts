import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueBackend, QueueName } from '#core';
import { eventually } from './eventually.js';

/** Committed outbox rows that are due and not yet relayed. */
export async function pendingOutboxRows(app: INestApplicationContext): Promise<number> {
  const [row] = await app
    .get(DataSource)
    .query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE dispatched_at IS NULL AND available_at <= now()`,
    );
  return (row as { n: number }).n;
}

/**
 * Resolves once the outbox has relayed every due row and no queue has waiting or running jobs,
 * seen twice in a row. Delayed jobs are not waited for: the next run of every repeatable
 * scheduler is always one; poll for a delayed job's effect instead.
 */
export async function waitForQueues(
  app: INestApplicationContext,
  { timeoutMs = 20_000 } = {},
): Promise<void> {
  const backend = app.get(QueueBackend);
  let quietPolls = 0;
  await eventually(
    async () => {
      let busy = await pendingOutboxRows(app);
      for (const queue of Object.values(QueueName)) {
        const counts = await backend.counts(queue);
        busy += counts.waiting + counts.active;
      }
      quietPolls = busy === 0 ? quietPolls + 1 : 0;
      return quietPolls >= 2;
    },
    { timeoutMs, what: 'queues to drain' },
  );
}
