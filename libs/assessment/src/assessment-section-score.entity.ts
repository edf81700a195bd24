import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { LocalizedText } from '#questionnaire';
import { Assessment } from './assessment.entity.js';

/**
 * One section's score of a submitted assessment, copied out of the score document when the score
 * is fixed: portfolio figures average these without reading whole score documents.
 */
@Entity('assessment_section_score')
@Index('assessment_section_score_organization_section_idx', ['organizationId', 'sectionKey'])
export class AssessmentSectionScore {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @PrimaryColumn({ name: 'section_key', type: 'varchar', length: 128 })
  sectionKey!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  /** The section's title by language, as the pinned version gives it. */
  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'numeric', precision: 8, scale: 3 })
  weight!: string;

  /** 0-100, or null when nothing in the section applied. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  score!: string | null;
}
