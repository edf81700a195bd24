import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  Clock,
  JobName,
  JobRegistry,
  OnJob,
  OutboxService,
  RequestContext,
  TransactionalConnection,
} from '#core';
import { deliveryJobKey } from './webhook.service.js';

/** A pending attempt this much past due has lost its job (a queue that was emptied or lost). */
export const STALE_ATTEMPT_MS = 5 * 60_000;
const BATCH = 1_000;

/**
 * Rebuilds lost delivery jobs from PostgreSQL, the source of truth: every five minutes, each
 * PENDING or RETRYING delivery whose next attempt is long overdue is queued again under the
 * attempt's own job id, so a job that is still queued is not queued twice.
 */
@Injectable()
export class WebhookSweepJob implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly outbox: OutboxService,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.addSchedule({
      id: 'webhook-sweep',
      name: JobName.SweepWebhookDeliveries,
      cron: '*/5 * * * *',
    });
  }

  @OnJob(JobName.SweepWebhookDeliveries)
  async sweep(ctx: RequestContext): Promise<void> {
    await this.requeueOverdue(ctx);
  }

  /** Queues the overdue attempts (across organizations) again; returns how many. */
  async requeueOverdue(ctx: RequestContext): Promise<number> {
    const system = RequestContext.system('webhook-sweep', ctx.requestId);
    const overdueBefore = new Date(this.clock.now().getTime() - STALE_ATTEMPT_MS);
    return this.connection.systemTransaction(system, async (tx) => {
      const rows = (await (
        await this.connection.manager(tx)
      ).query(
        `SELECT id, organization_id, series, attempt_count FROM webhook_delivery
          WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at < $1
          ORDER BY next_attempt_at LIMIT $2`,
        [overdueBefore, BATCH],
      )) as Array<{ id: string; organization_id: string; series: number; attempt_count: number }>;
      await this.outbox.enqueueMany(
        tx,
        JobName.WebhookDeliver,
        rows.map((row) => ({
          data: {
            deliveryId: row.id,
            organizationId: row.organization_id,
            series: row.series,
            attempt: row.attempt_count + 1,
          },
          key: deliveryJobKey(row.id, row.series, row.attempt_count + 1),
        })),
      );
      return rows.length;
    });
  }
}
