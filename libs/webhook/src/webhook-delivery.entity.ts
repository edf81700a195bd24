import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export enum WebhookDeliveryStatus {
  /** Queued, not attempted yet (in this series). */
  Pending = 'PENDING',
  /** Attempted and failed; another attempt is scheduled. */
  Retrying = 'RETRYING',
  Succeeded = 'SUCCEEDED',
  /** Every attempt of the retry window failed (or the endpoint was disabled): dead-lettered. */
  Dead = 'DEAD',
}

/** Final states: nothing is scheduled, and `redeliverWebhook` may start a new series. */
export const FINAL_DELIVERY_STATUSES: ReadonlySet<WebhookDeliveryStatus> = new Set([
  WebhookDeliveryStatus.Succeeded,
  WebhookDeliveryStatus.Dead,
]);

/** How many attempts a delivery keeps in its history, newest last. */
export const MAX_RECORDED_ATTEMPTS = 20;

export interface WebhookAttempt {
  /** 1 for the first series, one more for each redelivery. */
  readonly series: number;
  /** 1-based, within the series. */
  readonly attempt: number;
  /** ISO time the request was made. */
  readonly at: string;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** ISO time of the retry this failure scheduled; null when none (success, or dead). */
  readonly nextAttemptAt: string | null;
}

/**
 * One event for one endpoint, written in the transaction of the change that caused it. The
 * body is kept as the exact bytes that are signed and sent, so every attempt sends the same.
 */
@Entity('webhook_delivery')
@Index('webhook_delivery_organization_created_idx', ['organizationId', 'createdAt'])
@Index('webhook_delivery_endpoint_created_idx', ['endpointId', 'createdAt'])
@Index('webhook_delivery_due_idx', ['nextAttemptAt'], {
  where: `"status" IN ('PENDING', 'RETRYING')`,
})
@Check('webhook_delivery_status_check', `"status" IN ('PENDING', 'RETRYING', 'SUCCEEDED', 'DEAD')`)
export class WebhookDelivery extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: Relation<WebhookEndpoint>;

  /** The payload's `id`: the same for every attempt and redelivery of the event. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 60 })
  eventType!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 10, default: WebhookDeliveryStatus.Pending })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 1 })
  series!: number;

  /** Attempts made in the current series. */
  @Column({ name: 'attempt_count', type: 'integer', default: 0 })
  attemptCount!: number;

  /** The last MAX_RECORDED_ATTEMPTS attempts, across series, oldest first. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  attempts!: WebhookAttempt[];

  @Column({ name: 'last_attempt_at', type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** When the next attempt is due (the first one: at the change); null once finished. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  /** When it reached SUCCEEDED or DEAD. */
  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
