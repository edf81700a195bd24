import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  Clock,
  JobName,
  OnJob,
  OutboxService,
  RequestContext,
  SecretBox,
  TransactionalConnection,
  type JobDelivery,
  type JobPayloads,
} from '#core';
import { nextRetryDelayMs, type RetryPolicy } from './retry-schedule.js';
import {
  FINAL_DELIVERY_STATUSES,
  MAX_RECORDED_ATTEMPTS,
  WebhookDelivery,
  WebhookDeliveryStatus,
  type WebhookAttempt,
} from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { endpointSecretContext } from './webhook-endpoint.service.js';
import { signatureHeader } from './webhook-signature.js';
import type { WebhookResponse } from './webhook-sender.js';
import { WebhookTransport } from './webhook-transport.js';
import { deliveryJobKey } from './webhook.service.js';

type Job = JobPayloads[JobName.WebhookDeliver];

export const WEBHOOK_USER_AGENT = 'Assay-Webhooks/1';

/** Whether `job` is the next attempt `delivery` waits for (not a duplicate, not stale). */
function isCurrent(delivery: WebhookDelivery, job: Job): boolean {
  return (
    !FINAL_DELIVERY_STATUSES.has(delivery.status) &&
    delivery.series === job.series &&
    delivery.attemptCount === job.attempt - 1
  );
}

/**
 * Makes one attempt at a delivery and records it; a failure schedules the next attempt (a new
 * job, through the outbox, with the schedule's delay) or, once the schedule is spent, leaves
 * the delivery DEAD. A job that is not the attempt the delivery waits for (a duplicate, or one
 * of a finished delivery) does nothing, so a delivery that succeeded is never sent again.
 */
@Injectable()
export class WebhookDeliveryJob {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly outbox: OutboxService,
    private readonly secrets: SecretBox,
    private readonly transport: WebhookTransport,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.retry = config.webhooks.retry;
  }

  @OnJob(JobName.WebhookDeliver)
  async deliver(ctx: RequestContext, job: Job, delivery: JobDelivery): Promise<void> {
    const work = RequestContext.system('webhook-delivery', ctx.requestId, job.organizationId);
    const loaded = await this.connection.transaction(work, async (tx) => {
      const row = await (
        await this.connection.repository(tx, WebhookDelivery)
      ).findOneBy({ id: job.deliveryId, organizationId: job.organizationId });
      if (!row || !isCurrent(row, job)) return null;
      const endpoint = await (
        await this.connection.repository(tx, WebhookEndpoint)
      )
        .createQueryBuilder('endpoint')
        .addSelect('endpoint.sealedSecret')
        .where('endpoint.id = :id', { id: row.endpointId })
        .getOne();
      return { row, endpoint };
    });
    if (!loaded) return;
    const { row, endpoint } = loaded;
    const attemptedAt = this.clock.now();
    if (!endpoint?.enabled || !endpoint.sealedSecret) {
      const skipped = { ok: false, statusCode: null, durationMs: 0 };
      const error = 'Not sent: the endpoint is disabled';
      await this.record(work, job, attemptedAt, { ...skipped, error }, { retry: false });
      return;
    }
    const secret = this.secrets.open(endpoint.sealedSecret, endpointSecretContext(endpoint.id));
    const response = await this.transport.send(
      {
        url: endpoint.url,
        body: row.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': WEBHOOK_USER_AGENT,
          'assay-event-id': row.eventId,
          'assay-event-type': row.eventType,
          'assay-signature': signatureHeader(
            secret,
            Math.floor(attemptedAt.getTime() / 1000),
            row.body,
          ),
        },
      },
      delivery.signal,
    );
    // Shutting down mid-request: the job goes back to its queue and this attempt runs again.
    if (delivery.signal.aborted) throw new Error('Aborted by shutdown');
    await this.record(work, job, attemptedAt, response, { retry: true });
  }

  private async record(
    ctx: RequestContext,
    job: Job,
    attemptedAt: Date,
    response: WebhookResponse,
    options: { readonly retry: boolean },
  ): Promise<void> {
    await this.connection.transaction(ctx, async (tx) => {
      const deliveries = await this.connection.repository(tx, WebhookDelivery);
      const row = await deliveries.findOne({
        where: { id: job.deliveryId, organizationId: job.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      // Another run of the same job recorded this attempt first.
      if (!row || !isCurrent(row, job)) return;
      const now = this.clock.now();
      const delay =
        response.ok || !options.retry ? null : nextRetryDelayMs(job.attempt, this.retry);
      const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
      const status = response.ok
        ? WebhookDeliveryStatus.Succeeded
        : nextAttemptAt
          ? WebhookDeliveryStatus.Retrying
          : WebhookDeliveryStatus.Dead;
      const attempt: WebhookAttempt = {
        series: job.series,
        attempt: job.attempt,
        at: attemptedAt.toISOString(),
        statusCode: response.statusCode,
        error: response.error,
        durationMs: response.durationMs,
        nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
      };
      await deliveries.update(
        { id: row.id },
        {
          status,
          attemptCount: job.attempt,
          attempts: [...row.attempts, attempt].slice(-MAX_RECORDED_ATTEMPTS),
          lastAttemptAt: attemptedAt,
          lastStatusCode: response.statusCode,
          lastError: response.error,
          nextAttemptAt,
          finishedAt: nextAttemptAt ? null : now,
        },
      );
      if (nextAttemptAt) {
        await this.outbox.enqueue(
          tx,
          JobName.WebhookDeliver,
          { ...job, attempt: job.attempt + 1 },
          { key: deliveryJobKey(row.id, job.series, job.attempt + 1), runAt: nextAttemptAt },
        );
      }
    });
  }
}
