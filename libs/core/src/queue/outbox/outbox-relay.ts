import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { RequestContext } from '../../context/request-context.js';
import { TransactionalConnection } from '../../database/transactional-connection.js';
import { Clock } from '../../clock/clock.js';
import type { JobName, JobRequest } from '../job.types.js';
import { QueueBackend } from '../queue-backend.js';

const BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 30_000;

interface PendingRow {
  id: string;
  job_name: JobName;
  payload: unknown;
  job_id: string;
  available_at: Date;
}

/**
 * Moves committed outbox rows to the queue: one transaction claims and marks a batch (SKIP
 * LOCKED, so several relays share the work), queues it, and commits. A crash after queueing
 * but before the commit sends the rows again: delivery is at-least-once, the job id is the
 * same, and handlers are idempotent.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly backend: QueueBackend,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a run soon: called after a transaction with outbox rows commits. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays every pending row now; returns how many were moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relayBatch();
      total += moved;
      if (moved < BATCH_SIZE) return total;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilQuiet();
    await this.running;
    this.running = null;
    if (this.stopped) return;
    const interval = this.config.queue.outboxPollIntervalMs;
    this.schedule(
      this.failures === 0 ? interval : Math.min(MAX_BACKOFF_MS, interval * 2 ** this.failures),
    );
  }

  private async runUntilQuiet(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.logger.warn(
        `Outbox relay failed (${this.failures} in a row), rows stay pending: ${(error as Error).message}`,
      );
    }
  }

  private relayBatch(): Promise<number> {
    const ctx = RequestContext.system('outbox-relay', 'outbox-relay');
    return this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      // Claim a batch and mark it in one statement; if queueing fails, the rollback unmarks it.
      const [rows] = (await manager.query(
        `UPDATE outbox_message SET dispatched_at = now()
          WHERE id IN (SELECT id FROM outbox_message WHERE dispatched_at IS NULL
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, job_name, payload, job_id, available_at`,
        [BATCH_SIZE],
      )) as [PendingRow[], number];
      if (rows.length === 0) return 0;
      // UUIDv7 ids sort by creation: queue in the order the changes committed.
      rows.sort((a, b) => (a.id < b.id ? -1 : 1));
      const now = this.clock.now().getTime();
      await this.backend.add(
        rows.map(
          (row) =>
            ({
              name: row.job_name,
              data: row.payload,
              jobId: row.job_id,
              delayMs: Math.max(0, new Date(row.available_at).getTime() - now),
            }) as JobRequest,
        ),
      );
      return rows.length;
    });
  }
}
