import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';

export const EMAIL_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * An email to send, written with the change that causes it; a job renders and sends it after
 * commit. Secret parameters (link tokens) are sealed, never stored in the clear.
 */
@Entity('email_message')
@Index('email_message_status_idx', ['status'])
// The organization's emails, newest first (emailMessages).
@Index('email_message_organization_created_idx', ['organizationId', 'createdAt'])
export class EmailMessage extends BaseEntity {
  /** The organization it concerns, when there is one. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 10 })
  locale!: string;

  @Column({ type: 'varchar', length: 60 })
  template!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, string>;

  /** SecretBox-sealed JSON of the parameters that must not be stored readable. */
  @Column({ name: 'sealed_params', type: 'text', nullable: true })
  sealedParams!: string | null;

  /** PENDING until sent; FAILED (final) after the last attempt or a permanent refusal. */
  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: EmailStatus;

  /** Sends tried, failed ones included. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Why the last attempt failed, without credentials; null once sent. */
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;
}
