import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { Organization } from '#identity';
import type { ExportFormat, ExportKind, ExportParameters } from './export-kind.js';

/** Who asked for an export: a member (by user id) or an API key. */
export type ExportRequester = 'user' | 'apiKey';

/**
 * A download link handed out by requestExport: what to export, for whom, until when. The
 * link's token (256 random bits) is kept only as its SHA-256.
 */
@Entity('export_link')
@Index('export_link_token_hash_key', ['tokenHash'], { unique: true })
@Index('export_link_organization_expires_at_idx', ['organizationId', 'expiresAt'])
export class ExportLink extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: ExportKind;

  @Column({ type: 'varchar', length: 10 })
  format!: ExportFormat;

  /** The filter, order, assessment and language, with row ids (never global ids). */
  @Column({ type: 'jsonb' })
  parameters!: ExportParameters;

  @Column({ name: 'requested_by_kind', type: 'varchar', length: 20 })
  requestedByKind!: ExportRequester;

  /** The user id or API key id the link is bound to. */
  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'download_count', type: 'integer', default: 0 })
  downloadCount!: number;

  @Column({ name: 'last_downloaded_at', type: 'timestamptz', precision: 3, nullable: true })
  lastDownloadedAt!: Date | null;
}
