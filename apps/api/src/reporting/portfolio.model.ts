import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssessmentCycle, AssessmentStatus, type AssessmentDecision } from '#assessment';
import { FindingAgeBand, type Severity } from '#reporting';
import type { ResidualRating } from '#scoring';
import { RiskTier, type VendorFilter } from '#vendor';
import { LocalizedTextModel } from '../agreement/agreement.model.js';
import {
  AssessmentCycleEnum,
  AssessmentStatusEnum,
  ResidualRatingEnum,
} from '../assessment/assessment.model.js';
import { FindingSeverityEnum } from '../assessment/finding.model.js';
import { AssessmentDecisionEnum } from '../assessment/review.model.js';
import { exposeEnum } from '../graphql/enums.js';
import { RiskTierEnum } from '../vendor/vendor.model.js';

export const FindingAgeBandEnum = exposeEnum(
  FindingAgeBand,
  'FindingAgeBand',
  'How long findings have been open, in days since they were raised.',
);

@ObjectType('PortfolioOverview', {
  description:
    'Figures over the vendors the filter selects (without a lifecycle filter, offboarded vendors are left out), each computed when asked for, as of asOf.',
})
export class PortfolioOverviewModel {
  /** The vendors the figures count (not exposed: the arguments say it). */
  filter!: VendorFilter;

  @Field(() => Date, { description: 'The time the figures are computed at.' })
  asOf!: Date;
}

@ObjectType('HeatMapCell', { description: 'Vendors of one inherent tier and residual rating.' })
export class HeatMapCellModel {
  @Field(() => RiskTierEnum)
  tier!: RiskTier;

  @Field(() => ResidualRatingEnum, { nullable: true, description: 'Null: not assessed yet.' })
  rating!: ResidualRating | null;

  @Field(() => Int)
  vendors!: number;
}

@ObjectType('AssessmentStatusCount')
export class AssessmentStatusCountModel {
  @Field(() => AssessmentStatusEnum)
  status!: AssessmentStatus;

  @Field(() => Int)
  assessments!: number;

  @Field(() => Int, { description: 'Of these, open ones past their due date.' })
  overdue!: number;
}

@ObjectType('TierAverage')
export class TierAverageModel {
  @Field(() => RiskTierEnum)
  tier!: RiskTier;

  @Field(() => Float, { nullable: true, description: 'Null when no such assessment applies.' })
  average!: number | null;

  @Field(() => Int)
  assessments!: number;
}

@ObjectType('SectionAverage', {
  description:
    'A questionnaire section’s mean score (0-100) over the latest completed assessment of every vendor.',
})
export class SectionAverageModel {
  @Field()
  sectionKey!: string;

  @Field(() => LocalizedTextModel)
  title!: LocalizedTextModel;

  @Field(() => Float, { nullable: true, description: 'Null when the section applied in none.' })
  average!: number | null;

  @Field(() => Int, { description: 'Assessments in which the section applied.' })
  assessments!: number;

  @Field(() => [TierAverageModel], { description: 'The same by inherent tier, TIER_1 first.' })
  byTier!: TierAverageModel[];
}

@ObjectType('OpenFindingBucket', { description: 'Open findings of one severity and age.' })
export class OpenFindingBucketModel {
  @Field(() => FindingSeverityEnum)
  severity!: Severity;

  @Field(() => FindingAgeBandEnum)
  ageBand!: FindingAgeBand;

  @Field(() => Int)
  findings!: number;
}

@ObjectType('ExpiringAgreements')
export class ExpiringAgreementsModel {
  @Field(() => Int)
  withinDays!: number;

  @Field(() => Int, {
    description: 'Signed agreements whose expiry date falls from today through withinDays on.',
  })
  agreements!: number;

  @Field(() => Int, { description: 'The vendors those agreements belong to.' })
  vendors!: number;
}

@ObjectType('ComplianceGaps')
export class ComplianceGapsModel {
  @Field(() => Int, {
    description:
      'Vendors not covered by a required agreement: the agreementCoverage rule that gates approval.',
  })
  missingAgreement!: number;

  @Field(() => Int, {
    description:
      'Vendors that need a PIPL personal information protection impact assessment and have none recorded.',
  })
  missingImpactAssessment!: number;
}

@ObjectType('AssessmentCadence')
export class AssessmentCadenceModel {
  @Field(() => Int, { description: 'Vendors with no completed assessment.' })
  neverAssessed!: number;

  @Field(() => Int, { description: 'Vendors whose next assessment fell due before now.' })
  pastDue!: number;
}

@ObjectType('RiskHistoryEntry', { description: 'One completed assessment of a vendor.' })
export class RiskHistoryEntryModel {
  @Field(() => ID, { description: 'The Assessment.' })
  assessmentId!: string;

  @Field(() => AssessmentCycleEnum)
  cycle!: AssessmentCycle;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date)
  completedAt!: Date;

  @Field(() => Float, {
    nullable: true,
    description: 'The score in force: the reviewer’s override when there is one.',
  })
  score!: number | null;

  @Field(() => Float, { nullable: true, description: 'The computed score.' })
  computedScore!: number | null;

  @Field(() => ResidualRatingEnum, { nullable: true })
  residualRating!: ResidualRating | null;

  @Field(() => AssessmentDecisionEnum, { nullable: true })
  decision!: AssessmentDecision | null;
}

@ObjectType('PortfolioTrendMonth', { description: 'One calendar month (UTC) of the portfolio.' })
export class PortfolioTrendMonthModel {
  @Field({ description: 'YYYY-MM.' })
  month!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean score in force of the assessments completed in the month.',
  })
  averageScore!: number | null;

  @Field(() => Int)
  assessmentsCompleted!: number;

  @Field(() => Int, {
    description: 'Findings open at the end of the month (now, for the current month).',
  })
  openFindings!: number;

  @Field(() => Int)
  findingsRaised!: number;

  @Field(() => Int, { description: 'Findings resolved or risk-accepted in the month.' })
  findingsClosed!: number;
}
