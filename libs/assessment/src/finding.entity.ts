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
import { Vendor } from '#vendor';

export enum FindingStatus {
  Open = 'OPEN',
  InRemediation = 'IN_REMEDIATION',
  Resolved = 'RESOLVED',
  RiskAccepted = 'RISK_ACCEPTED',
}

export enum FindingSource {
  /** A failed knockout, raised at submission. */
  Knockout = 'KNOCKOUT',
  /** An answer the questionnaire flags, raised at submission. */
  FlaggedAnswer = 'FLAGGED_ANSWER',
  /** Raised by a risk owner. */
  Manual = 'MANUAL',
}

export interface VendorResponse {
  readonly plan: string;
  /** `YYYY-MM-DD`. */
  readonly targetDate: string | null;
  readonly evidenceFileIds: readonly string[];
  readonly respondedAt: string;
}

export interface RiskAcceptance {
  readonly justification: string;
  /** `YYYY-MM-DD`. */
  readonly expiresOn: string;
  readonly acceptedBy: string | null;
  readonly acceptedAt: string;
}

/** A gap found in a vendor's controls, tracked until resolved or its risk accepted. */
@Entity('finding')
@Index('finding_organization_status_idx', ['organizationId', 'status'])
@Index('finding_vendor_id_idx', ['vendorId'])
@Index('finding_assessment_id_idx', ['assessmentId'])
@Check(
  'finding_status_check',
  `"status" IN ('OPEN', 'IN_REMEDIATION', 'RESOLVED', 'RISK_ACCEPTED')`,
)
@Check('finding_severity_check', `"severity" IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`)
export class Finding extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<Vendor>;

  /** The assessment it was raised in; findings outlive it into the next cycle. */
  @Column({ name: 'assessment_id', type: 'uuid', nullable: true })
  assessmentId!: string | null;

  @Column({ name: 'question_key', type: 'varchar', length: 128, nullable: true })
  questionKey!: string | null;

  @Column({ type: 'varchar', length: 20 })
  source!: FindingSource;

  @Column({ type: 'varchar', length: 10 })
  severity!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 20, default: FindingStatus.Open })
  status!: FindingStatus;

  /** The member (user id) who owns the remediation follow-up. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'vendor_response', type: 'jsonb', nullable: true })
  vendorResponse!: VendorResponse | null;

  @Column({ name: 'risk_acceptance', type: 'jsonb', nullable: true })
  riskAcceptance!: RiskAcceptance | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
