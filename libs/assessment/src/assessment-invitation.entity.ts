import { Column, Entity, Index, JoinColumn, OneToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { Assessment } from './assessment.entity.js';

/**
 * The link a vendor contact opens: a random token of 256 bits, stored only as its SHA-256.
 * Re-sending rotates it (the old one stops working); it expires after the due date plus a grace
 * period, and can be revoked.
 */
@Entity('assessment_invitation')
@Index('assessment_invitation_token_hash_key', ['tokenHash'], { unique: true })
export class AssessmentInvitation extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid', unique: true })
  assessmentId!: string;

  @OneToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  /** How many times the current token was sent (1 + re-sends). */
  @Column({ name: 'send_count', type: 'int', default: 1 })
  sendCount!: number;

  @Column({ name: 'last_sent_at', type: 'timestamptz', precision: 3 })
  lastSentAt!: Date;

  @Column({ name: 'exchange_count', type: 'int', default: 0 })
  exchangeCount!: number;

  @Column({ name: 'last_exchanged_at', type: 'timestamptz', precision: 3, nullable: true })
  lastExchangedAt!: Date | null;
}
