import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';
import type { WebhookEventType } from './webhook-event-type.js';

/**
 * Where an organization wants its events POSTed. The signing secret must be read back to sign,
 * so it is sealed (SecretBox), never hashed; it is not selected unless a query asks for it.
 */
@Entity('webhook_endpoint')
@Index('webhook_endpoint_organization_id_idx', ['organizationId', 'createdAt'])
export class WebhookEndpoint extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'event_types', type: 'varchar', length: 60, array: true })
  eventTypes!: WebhookEventType[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** SecretBox-sealed `whsec_…` signing secret (context `webhook-endpoint:<id>`). */
  @Column({ name: 'sealed_secret', type: 'text', select: false })
  sealedSecret?: string;

  @Column({ name: 'secret_rotated_at', type: 'timestamptz', precision: 3, nullable: true })
  secretRotatedAt!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy!: string | null;
}
