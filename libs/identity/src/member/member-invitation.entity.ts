import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity, Role } from '#core';
import { Organization } from '../organization.entity.js';

/** An invitation to join an organization with a role: single-use, expiring, stored hashed. */
@Entity('member_invitation')
@Index('member_invitation_token_hash_key', ['tokenHash'], { unique: true })
@Index('member_invitation_organization_email_idx', ['organizationId', 'email'])
export class MemberInvitation extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'member_role' })
  role!: Role;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
