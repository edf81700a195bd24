import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { Organization } from '#identity';
import type { ImportFormat, ImportMessage } from './import/import-types.js';

export enum ImportStatus {
  Queued = 'QUEUED',
  Running = 'RUNNING',
  Succeeded = 'SUCCEEDED',
  Failed = 'FAILED',
}

/** One import of a questionnaire file into a new draft version, and how it went. */
@Entity('questionnaire_import')
@Index('questionnaire_import_organization_created_at_idx', ['organizationId', 'createdAt'])
@Check(
  'questionnaire_import_status_check',
  `"status" IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')`,
)
export class QuestionnaireImport extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 40 })
  format!: ImportFormat;

  @Column({ type: 'varchar', length: 20, default: ImportStatus.Queued })
  status!: ImportStatus;

  /** The template to add the draft to; null creates a new template named `templateName`. */
  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId!: string | null;

  @Column({ name: 'template_name', type: 'varchar', length: 200, nullable: true })
  templateName!: string | null;

  /** Language of a single-language source. */
  @Column({ type: 'varchar', length: 20 })
  language!: string;

  /** The uploaded file, or the source itself until a job has read it. */
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId!: string | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  source!: Buffer | null;

  @Column({ name: 'source_bytes', type: 'int' })
  sourceBytes!: number;

  /** Questions converted so far, of `total` (known once the file is read). */
  @Column({ type: 'int', default: 0 })
  processed!: number;

  @Column({ type: 'int', nullable: true })
  total!: number | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors!: ImportMessage[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  warnings!: ImportMessage[];

  /** The draft version the import created. */
  @Column({ name: 'version_id', type: 'uuid', nullable: true })
  versionId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
