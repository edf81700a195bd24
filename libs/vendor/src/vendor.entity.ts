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
import { Membership, Organization } from '#identity';
import type {
  AccessLevel,
  DataSubjectRegion,
  PersonalDataCategory,
  ProcessingRole,
  Regime,
  VolumeBand,
} from './data-profile.js';
import type { RequirementFlag, RiskReason, RiskTier } from './risk/inherent-risk.js';
import type { ReassessmentTrigger } from './reassessment/reassessment-policy.js';
import { VendorLifecycle } from './vendor-lifecycle.js';

/** A third party that handles personal information for the organization, or may. */
@Entity('vendor')
@Index('vendor_organization_name_key', ['organizationId', 'nameKey'], { unique: true })
@Index('vendor_organization_tier_idx', ['organizationId', 'tier'])
@Index('vendor_organization_created_at_idx', ['organizationId', 'createdAt'])
@Index('vendor_risk_owner_id_idx', ['riskOwnerId'])
@Index('vendor_business_owner_id_idx', ['businessOwnerId'])
@Index('vendor_next_assessment_due_at_idx', ['nextAssessmentDueAt'], {
  where: 'next_assessment_due_at IS NOT NULL',
})
@Check('vendor_lifecycle_check', `"lifecycle" IN ('PROSPECT', 'ACTIVE', 'OFFBOARDED')`)
@Check('vendor_score_check', `"inherent_risk_score" BETWEEN 0 AND 100`)
export class Vendor extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The name folded for comparison: unique per organization, what name search matches. */
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 300, nullable: true })
  legalName!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  website!: string | null;

  /** ISO 3166-1 alpha-2 code of the country the vendor is established in. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'text', nullable: true })
  services!: string | null;

  @Column({ type: 'varchar', length: 20, default: VendorLifecycle.Prospect })
  lifecycle!: VendorLifecycle;

  @Column({ name: 'business_owner_id', type: 'uuid', nullable: true })
  businessOwnerId!: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'business_owner_id' })
  businessOwner?: Relation<Membership> | null;

  @Column({ name: 'risk_owner_id', type: 'uuid', nullable: true })
  riskOwnerId!: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'risk_owner_id' })
  riskOwner?: Relation<Membership> | null;

  @Column({ type: 'varchar', length: 50, array: true, default: () => `'{}'` })
  tags!: string[];

  @Column({ name: 'data_categories', type: 'varchar', length: 30, array: true })
  dataCategories!: PersonalDataCategory[];

  @Column({ name: 'other_sensitive_data', type: 'boolean', default: false })
  otherSensitiveData!: boolean;

  @Column({ name: 'volume_band', type: 'varchar', length: 30 })
  volumeBand!: VolumeBand;

  @Column({ name: 'access_level', type: 'varchar', length: 10 })
  accessLevel!: AccessLevel;

  @Column({ name: 'processing_role', type: 'varchar', length: 30 })
  processingRole!: ProcessingRole;

  @Column({ name: 'data_countries', type: 'varchar', length: 2, array: true })
  dataCountries!: string[];

  @Column({ name: 'data_subject_regions', type: 'varchar', length: 20, array: true })
  dataSubjectRegions!: DataSubjectRegion[];

  @Column({ name: 'sensitive_data', type: 'boolean' })
  sensitiveData!: boolean;

  @Column({ name: 'cross_border', type: 'boolean' })
  crossBorder!: boolean;

  @Column({ name: 'inherent_risk_score', type: 'smallint' })
  inherentRiskScore!: number;

  /** The tier the rubric gives. */
  @Column({ name: 'computed_tier', type: 'varchar', length: 10 })
  computedTier!: RiskTier;

  /** The tier in force: the override when there is one, the computed tier otherwise. */
  @Column({ type: 'varchar', length: 10 })
  tier!: RiskTier;

  @Column({ name: 'risk_reasons', type: 'jsonb' })
  riskReasons!: RiskReason[];

  @Column({ name: 'risk_algorithm_version', type: 'smallint' })
  riskAlgorithmVersion!: number;

  /** Rubric version the score was computed with. */
  @Column({ name: 'risk_rubric_version', type: 'integer' })
  riskRubricVersion!: number;

  @Column({ type: 'varchar', length: 10, array: true })
  regimes!: Regime[];

  @Column({ type: 'jsonb' })
  requirements!: RequirementFlag[];

  @Column({ name: 'tier_override', type: 'varchar', length: 10, nullable: true })
  tierOverride!: RiskTier | null;

  @Column({ name: 'tier_override_justification', type: 'text', nullable: true })
  tierOverrideJustification!: string | null;

  @Column({ name: 'tier_overridden_by', type: 'uuid', nullable: true })
  tierOverriddenBy!: string | null;

  @Column({ name: 'tier_overridden_at', type: 'timestamptz', precision: 3, nullable: true })
  tierOverriddenAt!: Date | null;

  @Column({ name: 'offboarded_at', type: 'timestamptz', precision: 3, nullable: true })
  offboardedAt!: Date | null;

  @Column({ name: 'offboarding_reason', type: 'text', nullable: true })
  offboardingReason!: string | null;

  /** LOW | MEDIUM | HIGH | CRITICAL, from the last completed assessment; null before one. */
  @Column({ name: 'residual_rating', type: 'varchar', length: 10, nullable: true })
  residualRating!: string | null;

  @Column({ name: 'last_assessed_at', type: 'timestamptz', precision: 3, nullable: true })
  lastAssessedAt!: Date | null;

  /** The assessment completed last (what the residual rating comes from); portfolio figures use it. */
  @Column({ name: 'last_assessment_id', type: 'uuid', nullable: true })
  lastAssessmentId!: string | null;

  /**
   * When the next assessment falls due under the reassessment policy: the tier's interval after
   * the last completed assessment; null when never assessed or offboarded.
   */
  @Column({ name: 'next_assessment_due_at', type: 'timestamptz', precision: 3, nullable: true })
  nextAssessmentDueAt!: Date | null;

  /**
   * Why the next assessment was brought forward (`TIER_RAISED`, `AGREEMENT_EXPIRED`): it is
   * then due at once and sent as TRIGGERED; the next completed assessment clears it.
   */
  @Column({ name: 'reassessment_trigger', type: 'varchar', length: 30, nullable: true })
  reassessmentTrigger!: ReassessmentTrigger | null;

  /** The due date whose job is in the queue (scheduler bookkeeping; no version bump). */
  @Column({
    name: 'reassessment_scheduled_for',
    type: 'timestamptz',
    precision: 3,
    nullable: true,
    select: false,
  })
  reassessmentScheduledFor?: Date | null;

  /** The due date whose reassessment has started (scheduler bookkeeping; no version bump). */
  @Column({
    name: 'reassessment_started_for',
    type: 'timestamptz',
    precision: 3,
    nullable: true,
    select: false,
  })
  reassessmentStartedFor?: Date | null;

  /**
   * The day the last personal information protection impact assessment (PIPL Art. 55) of this
   * vendor's processing was completed; null when none is recorded.
   */
  @Column({ name: 'impact_assessed_on', type: 'date', nullable: true })
  impactAssessedOn!: string | null;

  /** The impact assessment report, an uploaded file. */
  @Column({ name: 'impact_assessment_file_id', type: 'uuid', nullable: true })
  impactAssessmentFileId!: string | null;

  /** Bumped by every change; a client that names the version it read gets CONFLICT if stale. */
  @VersionColumn()
  version!: number;
}
