import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity } from '#core';
import type { TemplateDefinition } from './definition/definition.schema.js';
import { QuestionnaireTemplate } from './questionnaire-template.entity.js';
import { TemplateVersionStatus } from './template-version-status.js';

/**
 * One version of a template's definition. A draft changes; a published version never does
 * (its checksum proves it), and assessments pin it.
 */
@Entity('template_version')
@Index('template_version_template_number_key', ['templateId', 'number'], { unique: true })
@Index('template_version_one_draft_key', ['templateId'], {
  unique: true,
  where: `"status" = 'DRAFT'`,
})
@Index('template_version_organization_id_idx', ['organizationId'])
@Check('template_version_status_check', `"status" IN ('DRAFT', 'PUBLISHED', 'RETIRED')`)
export class TemplateVersion extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @ManyToOne(() => QuestionnaireTemplate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<QuestionnaireTemplate>;

  /** 1, 2, 3… within the template. */
  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'varchar', length: 20, default: TemplateVersionStatus.Draft })
  status!: TemplateVersionStatus;

  /** The canonical definition document (validated, defaults filled). */
  @Column({ type: 'jsonb' })
  definition!: TemplateDefinition;

  @Column({ name: 'question_count', type: 'int', default: 0 })
  questionCount!: number;

  /** SHA-256 of the canonical JSON of the definition, set when published. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  checksum!: string | null;

  /** The version this one was cloned from, if any. */
  @Column({ name: 'based_on_id', type: 'uuid', nullable: true })
  basedOnId!: string | null;

  /** The library template and version this one copies, if any. */
  @Column({ name: 'library_key', type: 'varchar', length: 100, nullable: true })
  libraryKey!: string | null;

  @Column({ name: 'library_version', type: 'int', nullable: true })
  libraryVersion!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'published_by', type: 'varchar', length: 100, nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'retired_at', type: 'timestamptz', precision: 3, nullable: true })
  retiredAt!: Date | null;

  /** Row version: a draft edit names the revision it read; a stale one is CONFLICT. */
  @VersionColumn()
  revision!: number;
}
