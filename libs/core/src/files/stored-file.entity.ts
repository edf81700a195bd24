import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

/** bigint comes back from pg as a string; sizes are at most FILE_MAX_BYTES, well within 2^53. */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One upload of an organization. The content is a blob in the FileStore, named by its SHA-256,
 * so identical uploads (of any organization) share one blob while each keeps its own row. A row
 * nobody attaches within a day is an orphan, and the sweep removes it (and its blob when no
 * other row names it).
 */
@Entity('stored_file')
@Index('stored_file_organization_id_idx', ['organizationId'])
@Index('stored_file_sha256_idx', ['sha256'])
@Index('stored_file_attached_at_created_at_idx', ['attachedAt', 'createdAt'])
export class StoredFile extends BaseEntity {
  /** The organization table belongs to identity; core names it by table, not by class. */
  @Column({ name: 'organization_id', type: 'uuid' })
  @ForeignKey('organization', { onDelete: 'CASCADE' })
  organizationId!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  /** Sniffed from the content, never the client's claim. */
  @Column({ name: 'media_type', type: 'varchar', length: 255 })
  mediaType!: string;

  /** The client's file name, sanitized (see sanitizeFileName). */
  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  /** Actor kind of the uploader: user, apiKey, vendorContact or system. */
  @Column({ name: 'uploaded_by_kind', type: 'varchar', length: 20 })
  uploadedByKind!: string;

  @Column({ name: 'uploaded_by_id', type: 'varchar', length: 100 })
  uploadedById!: string;

  /** When something (an agreement, evidence) first referenced the file; null: an orphan. */
  @Column({ name: 'attached_at', type: 'timestamptz', precision: 3, nullable: true })
  attachedAt!: Date | null;
}
