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
import { TemplateVersion } from '#questionnaire';
import type { AssessmentScore } from '#scoring';
import { Vendor, VendorContact } from '#vendor';
import { AssessmentCycle, AssessmentStatus } from './assessment-status.js';

/** A questionnaire sent to a vendor, pinned to the template version it was sent with. */
@Entity('assessment')
@Index('assessment_organization_created_at_idx', ['organizationId', 'createdAt'])
@Index('assessment_vendor_id_idx', ['vendorId'])
@Index('assessment_organization_status_idx', ['organizationId', 'status'])
// A vendor's completed assessments newest first: its history and the latest one of each vendor.
@Index('assessment_vendor_completed_at_idx', ['vendorId', 'completedAt'], {
  where: `status = 'COMPLETED'`,
})
// Completed assessments by month, for the portfolio trend.
@Index('assessment_organization_completed_at_idx', ['organizationId', 'completedAt'], {
  where: `status = 'COMPLETED'`,
})
@Check(
  'assessment_status_check',
  `"status" IN ('DRAFT', 'SENT', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'COMPLETED', 'CANCELLED')`,
)
export class Assessment extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<Vendor>;

  @Column({ name: 'template_version_id', type: 'uuid' })
  templateVersionId!: string;

  @ManyToOne(() => TemplateVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_version_id' })
  templateVersion?: Relation<TemplateVersion>;

  /** The vendor contact invited to answer; null once that contact is removed. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @ManyToOne(() => VendorContact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<VendorContact> | null;

  @Column({ type: 'varchar', length: 20 })
  cycle!: AssessmentCycle;

  @Column({ type: 'varchar', length: 20, default: AssessmentStatus.Draft })
  status!: AssessmentStatus;

  /** The language the vendor answers in (one the version declares). */
  @Column({ type: 'varchar', length: 20 })
  language!: string;

  /** `YYYY-MM-DD`; overdue after this day while still open. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'sent_by', type: 'varchar', length: 100, nullable: true })
  sentBy!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  /** The score fixed at submission, with the algorithm version that made it. */
  @Column({ type: 'jsonb', nullable: true })
  score!: AssessmentScore | null;

  /** Overall score 0-100 of `score`, for filtering and sorting; null when not applicable. */
  @Column({ name: 'overall_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  overallScore!: string | null;

  /** The member (user id) reviewing it, once a review has started. */
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ name: 'review_started_at', type: 'timestamptz', precision: 3, nullable: true })
  reviewStartedAt!: Date | null;

  /** Questions the vendor may change again after CHANGES_REQUESTED; empty otherwise. */
  @Column({
    name: 'reopened_question_keys',
    type: 'varchar',
    length: 128,
    array: true,
    default: () => `'{}'`,
  })
  reopenedQuestionKeys!: string[];

  /** A reviewer's score instead of the computed one, with why; the computed one stays in `score`. */
  @Column({ name: 'score_override', type: 'numeric', precision: 5, scale: 2, nullable: true })
  scoreOverride!: string | null;

  @Column({ name: 'score_override_justification', type: 'text', nullable: true })
  scoreOverrideJustification!: string | null;

  @Column({ name: 'score_overridden_by', type: 'varchar', length: 100, nullable: true })
  scoreOverriddenBy!: string | null;

  @Column({ name: 'score_overridden_at', type: 'timestamptz', precision: 3, nullable: true })
  scoreOverriddenAt!: Date | null;

  /** LOW | MEDIUM | HIGH | CRITICAL, from the risk matrix and failed knockouts, with the reasons. */
  @Column({ name: 'residual_rating', type: 'varchar', length: 10, nullable: true })
  residualRating!: string | null;

  @Column({ name: 'rating_reasons', type: 'jsonb', nullable: true })
  ratingReasons!: string[] | null;

  /** APPROVED | APPROVED_WITH_CONDITIONS | REJECTED, once completed. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  decision!: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** An approval despite agreement gaps: the gaps, why, and until when (`YYYY-MM-DD`). */
  @Column({ name: 'coverage_exception', type: 'jsonb', nullable: true })
  coverageException!: CoverageException | null;

  @VersionColumn()
  version!: number;
}

export interface CoverageException {
  readonly justification: string;
  readonly expiresOn: string;
  readonly gaps: readonly string[];
  readonly grantedBy: string | null;
}
