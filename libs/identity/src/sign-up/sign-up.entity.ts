import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';

/** A request to create an organization, waiting for its owner to confirm from their mailbox. */
@Entity('sign_up')
@Index('sign_up_token_hash_key', ['tokenHash'], { unique: true })
export class SignUp extends BaseEntity {
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'organization_name', type: 'varchar', length: 200 })
  organizationName!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;
}
