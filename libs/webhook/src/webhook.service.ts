import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import {
  Clock,
  DomainException,
  JobName,
  OutboxService,
  TransactionalConnection,
  paginate,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import {
  FINAL_DELIVERY_STATUSES,
  WebhookDelivery,
  WebhookDeliveryStatus,
} from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { webhookGlobalId, type WebhookEvent, type WebhookPayload } from './webhook-event.js';
import type { WebhookEventType } from './webhook-event-type.js';

export interface WebhookDeliveryFilter {
  readonly endpointId?: string | null;
  readonly statuses?: readonly WebhookDeliveryStatus[] | null;
  readonly eventType?: WebhookEventType | null;
}

/** The key of the job of one attempt: unique per attempt, so BullMQ never merges two. */
export const deliveryJobKey = (deliveryId: string, series: number, attempt: number) =>
  `${deliveryId}.${series}.${attempt}`;

/** Events to deliveries: emitting in the change's transaction, listing, redelivering. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records `event` for every enabled endpoint of the organization subscribed to its type, and
   * queues one job per delivery, all in the transaction of `ctx`: a change that rolls back sends
   * nothing, one that commits is delivered. Returns how many deliveries were made.
   */
  async emit(ctx: RequestContext, event: WebhookEvent): Promise<number> {
    if (!ctx.inTransaction)
      throw new Error('WebhookService.emit() must run inside the transaction of the change');
    const organizationId = ctx.organizationId;
    if (!organizationId) throw new Error('A webhook event needs the organization of its context');
    const manager = await this.connection.manager(ctx);
    const endpoints = (await manager.query(
      `SELECT id FROM webhook_endpoint
        WHERE organization_id = $1 AND enabled AND $2 = ANY(event_types) ORDER BY id`,
      [organizationId, event.type],
    )) as Array<{ id: string }>;
    if (endpoints.length === 0) return 0;
    const payload: WebhookPayload = {
      id: randomUUID(),
      type: event.type,
      createdAt: this.clock.now().toISOString(),
      organizationId: webhookGlobalId('Organization', organizationId),
      data: {
        object: { type: event.objectType, id: webhookGlobalId(event.objectType, event.objectId) },
        summary: event.summary,
      },
    };
    const body = JSON.stringify(payload);
    const now = this.clock.now();
    const deliveries = await this.connection.repository(ctx, WebhookDelivery);
    const rows = endpoints.map((endpoint) =>
      deliveries.create({
        organizationId,
        endpointId: endpoint.id,
        eventId: payload.id,
        eventType: event.type,
        body,
        status: WebhookDeliveryStatus.Pending,
        series: 1,
        attemptCount: 0,
        attempts: [],
        lastAttemptAt: null,
        lastStatusCode: null,
        lastError: null,
        nextAttemptAt: now,
        finishedAt: null,
      }),
    );
    await deliveries.insert(rows);
    await this.outbox.enqueueMany(
      ctx,
      JobName.WebhookDeliver,
      rows.map((row) => ({
        data: { deliveryId: row.id, organizationId, series: 1, attempt: 1 },
        key: deliveryJobKey(row.id, 1, 1),
      })),
    );
    return rows.length;
  }

  /** The organization's deliveries, newest first. */
  async listDeliveries(
    ctx: RequestContext,
    filter: WebhookDeliveryFilter,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    const query = (await this.connection.repository(ctx, WebhookDelivery))
      .createQueryBuilder('delivery')
      .where('delivery.organization_id = :organizationId', {
        organizationId: this.organizationOf(ctx),
      });
    if (filter.endpointId)
      query.andWhere('delivery.endpoint_id = :endpointId', { endpointId: filter.endpointId });
    if (filter.statuses?.length)
      query.andWhere('delivery.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.eventType)
      query.andWhere('delivery.event_type = :eventType', { eventType: filter.eventType });
    return paginate(query, page, {
      column: 'delivery.created_at',
      property: 'createdAt',
      direction: 'DESC',
    });
  }

  async findDeliveriesByIds(
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<WebhookDelivery[]> {
    if (ids.length === 0) return [];
    return (await this.connection.repository(ctx, WebhookDelivery))
      .createQueryBuilder('delivery')
      .where('delivery.organization_id = :organizationId', {
        organizationId: this.organizationOf(ctx),
      })
      .andWhere('delivery.id IN (:...ids)', { ids })
      .getMany();
  }

  /**
   * Sends a delivery again from the start of the retry schedule (a new series, the same event
   * id and body). Only a final one (SUCCEEDED or DEAD) may be redelivered: one still being
   * attempted is CONFLICT, as is one whose endpoint is disabled.
   */
  async redeliver(ctx: RequestContext, id: string): Promise<WebhookDelivery> {
    return this.connection.transaction(ctx, async (tx) => {
      const deliveries = await this.connection.repository(tx, WebhookDelivery);
      const delivery = await deliveries.findOne({
        where: { id, organizationId: this.organizationOf(tx) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery) throw DomainException.notFound('Webhook delivery');
      if (!FINAL_DELIVERY_STATUSES.has(delivery.status)) {
        throw DomainException.conflict('The delivery is still being attempted', {
          current: { status: delivery.status },
        });
      }
      const endpoint = await (
        await this.connection.repository(tx, WebhookEndpoint)
      ).findOneBy({ id: delivery.endpointId });
      if (!endpoint?.enabled) {
        throw DomainException.conflict('The endpoint is disabled; enable it first');
      }
      const before = { status: delivery.status, series: delivery.series };
      const now = this.clock.now();
      const series = delivery.series + 1;
      await deliveries.update(
        { id },
        {
          status: WebhookDeliveryStatus.Pending,
          series,
          attemptCount: 0,
          nextAttemptAt: now,
          finishedAt: null,
        },
      );
      await this.outbox.enqueue(
        tx,
        JobName.WebhookDeliver,
        { deliveryId: id, organizationId: delivery.organizationId, series, attempt: 1 },
        { key: deliveryJobKey(id, series, 1) },
      );
      await this.audit.record(tx, {
        action: 'webhook_delivery.redelivered',
        entityType: 'webhook_delivery',
        entityId: id,
        before,
        after: { status: WebhookDeliveryStatus.Pending, series },
      });
      return (await deliveries.findOneBy({ id }))!;
    });
  }

  private organizationOf(ctx: RequestContext): string {
    if (!ctx.organizationId) throw DomainException.notFound('Webhook delivery');
    return ctx.organizationId;
  }
}
