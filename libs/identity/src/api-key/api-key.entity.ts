import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { ApiKeyScope, BaseEntity } from '#core';
import { Organization } from '../organization.entity.js';

/**
 * A credential for an integration, inside one organization. The key is shown once; only its
 * visible prefix and the SHA-256 of its secret are kept.
 */
@Entity('api_key')
@Index('api_key_prefix_key', ['prefix'], { unique: true })
@Index('api_key_organization_id_idx', ['organizationId'])
export class ApiKey extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The public part (`assay_<prefix>_…`), how a key is found and recognised. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'varchar', length: 10, array: true })
  scopes!: ApiKeyScope[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
