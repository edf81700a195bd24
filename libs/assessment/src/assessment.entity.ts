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

  @VersionColumn()
  version!: number;
}
