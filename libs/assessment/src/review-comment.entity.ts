import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { Assessment } from './assessment.entity.js';

export enum CommentVisibility {
  /** Reviewers only. */
  Internal = 'INTERNAL',
  /** Also the vendor contact. */
  Vendor = 'VENDOR',
}

/** A review comment on an assessment, or on one of its questions. */
@Entity('review_comment')
@Index('review_comment_assessment_id_idx', ['assessmentId', 'createdAt'])
@Check('review_comment_visibility_check', `"visibility" IN ('INTERNAL', 'VENDOR')`)
export class ReviewComment extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'question_key', type: 'varchar', length: 128, nullable: true })
  questionKey!: string | null;

  @Column({ type: 'varchar', length: 10 })
  visibility!: CommentVisibility;

  @Column({ type: 'text' })
  body!: string;

  /** `member` or `vendorContact`, and who. */
  @Column({ name: 'author_kind', type: 'varchar', length: 20 })
  authorKind!: string;

  @Column({ name: 'author_id', type: 'varchar', length: 100, nullable: true })
  authorId!: string | null;
}
