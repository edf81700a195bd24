import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ReassessmentMode, RiskTier } from '#vendor';
import { AssessmentModel } from '../assessment/assessment.model.js';
import { exposeEnum } from '../graphql/enums.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { RiskTierEnum } from '../vendor/vendor.model.js';

export const ReassessmentModeEnum = exposeEnum(
  ReassessmentMode,
  'ReassessmentMode',
  'AUTOMATIC sends the reassessment when it falls due; PROPOSE only marks the vendor as due.',
);

@ObjectType('TierReassessment', { description: 'How vendors of one inherent tier are reassessed.' })
export class TierReassessmentModel {
  @Field(() => RiskTierEnum)
  tier!: RiskTier;

  @Field(() => Int, { description: 'Months from the last completed assessment to the next.' })
  intervalMonths!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "The questionnaire template sent (its latest published version); null sends the template of the vendor's last assessment again.",
  })
  templateId!: string | null;

  @Field(() => Int, { description: 'Days the vendor has to answer.' })
  duePeriodDays!: number;

  @Field(() => ReassessmentModeEnum)
  mode!: ReassessmentMode;
}

@ObjectType('ReminderOffsets', {
  description:
    'When vendor contacts are reminded of an assessment; the last overdue reminder also escalates to the risk owner.',
})
export class ReminderOffsetsModel {
  @Field(() => [Int], { description: 'Days before the due date, earliest first.' })
  beforeDueDays!: number[];

  @Field(() => [Int], { description: 'Days after the due date, earliest first.' })
  afterDueDays!: number[];
}

@InputType()
export class ReminderOffsetsInput {
  @Field(() => [Int], { description: '0-365 each, at most 5; 0 is the due date itself.' })
  beforeDueDays!: number[];

  @Field(() => [Int], { description: '1-365 each, at least 1 and at most 5.' })
  afterDueDays!: number[];
}

@ObjectType('ReassessmentPolicy', {
  description:
    "How often each tier's vendors are reassessed, with what, and whether automatically.",
})
export class ReassessmentPolicyModel {
  @Field(() => [TierReassessmentModel], { description: 'TIER_1 first.' })
  tiers!: TierReassessmentModel[];

  @Field(() => ReminderOffsetsModel)
  reminders!: ReminderOffsetsModel;

  @Field(() => Int, { description: '0 for the built-in default; pass it as expectedVersion.' })
  version!: number;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}

@InputType()
export class TierReassessmentInput {
  @Field(() => RiskTierEnum)
  tier!: RiskTier;

  @Field(() => Int, { description: '1-120.' })
  intervalMonths!: number;

  @Field(() => ID, { nullable: true })
  templateId?: string | null;

  @Field(() => Int, { description: '1-365.' })
  duePeriodDays!: number;

  @Field(() => ReassessmentModeEnum)
  mode!: ReassessmentMode;
}

@InputType()
export class UpdateReassessmentPolicyInput {
  @Field(() => [TierReassessmentInput], { description: 'Every tier, once each.' })
  tiers!: TierReassessmentInput[];

  @Field(() => ReminderOffsetsInput, { nullable: true, description: 'Unchanged when null.' })
  reminders?: ReminderOffsetsInput | null;

  @Field(() => Int)
  expectedVersion!: number;
}

@ObjectType()
export class UpdateReassessmentPolicyPayload {
  @Field(() => ReassessmentPolicyModel)
  policy!: ReassessmentPolicyModel;
}

@InputType()
export class ReassessNowInput {
  @Field(() => ID)
  vendorId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "A published version; the policy's template for the vendor's tier when null.",
  })
  templateVersionId?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The policy's due period from today when null.",
  })
  dueDate?: string | null;
}

@ObjectType()
export class ReassessNowPayload {
  @Field(() => AssessmentModel)
  assessment!: AssessmentModel;
}

@ObjectType()
export class ReconcileSchedulesPayload {
  @Field(() => Int, {
    description: 'Scheduled jobs that were missing from the queue and were added.',
  })
  added!: number;

  @Field(() => Int, { description: 'Jobs in the queue that no due date wanted, removed.' })
  removed!: number;
}
