import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssessmentCycle, AssessmentStatus, type AssessmentDecision } from '#assessment';
import { RESIDUAL_RATINGS, type ResidualRating } from '#scoring';
import { exposeEnum } from '../graphql/enums.js';
import { Node } from '../graphql/relay/node.interface.js';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import {
  AssessmentDecisionEnum,
  CoverageExceptionModel,
  ScoreOverrideModel,
} from './review.model.js';
import type { VendorModel } from '../vendor/vendor.model.js';

export const AssessmentStatusEnum = exposeEnum(
  AssessmentStatus,
  'AssessmentStatus',
  'DRAFT → SENT → IN_PROGRESS → SUBMITTED → IN_REVIEW → COMPLETED; IN_REVIEW → CHANGES_REQUESTED → IN_PROGRESS; any open state → CANCELLED.',
);
export const AssessmentCycleEnum = exposeEnum(AssessmentCycle, 'AssessmentCycle');
export const ResidualRatingEnum = exposeEnum(
  Object.fromEntries(RESIDUAL_RATINGS.map((rating) => [rating, rating])) as {
    [R in ResidualRating]: R;
  },
  'ResidualRating',
  "From the organization's risk matrix (inherent tier × score band), capped by failed knockouts.",
);
export const MissingReasonEnum = exposeEnum(
  { ANSWER: 'ANSWER', EVIDENCE: 'EVIDENCE', CONFIRMATION: 'CONFIRMATION' } as const,
  'MissingReason',
);

@ObjectType('QuestionScore', { description: 'What one question earned, and why.' })
export class QuestionScoreModel {
  @Field()
  key!: string;

  @Field()
  sectionKey!: string;

  @Field({ description: 'SCORED, NOT_APPLICABLE, HIDDEN, UNANSWERED or UNSCORED.' })
  status!: string;

  @Field()
  required!: boolean;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  earned!: number;

  @Field(() => Float)
  possible!: number;

  @Field()
  reason!: string;
}

@ObjectType('SectionScore')
export class SectionScoreModel {
  @Field()
  key!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  earned!: number;

  @Field(() => Float)
  possible!: number;

  @Field(() => Float, { nullable: true, description: '0-100; null when nothing in it applies.' })
  score!: number | null;

  @Field()
  applicable!: boolean;

  @Field({ description: 'Whether it counts towards the overall score.' })
  counted!: boolean;

  @Field()
  reason!: string;

  @Field(() => [QuestionScoreModel])
  questions!: QuestionScoreModel[];
}

@ObjectType('FailedKnockout', { description: 'A critical control the answers fail.' })
export class FailedKnockoutModel {
  @Field()
  questionKey!: string;

  @Field()
  sectionKey!: string;

  @Field()
  severity!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'The finding text by language.' })
  finding!: unknown;
}

@ObjectType('FlaggedAnswer', {
  description: 'An answer the questionnaire flags as a gap to follow up; it raises a finding.',
})
export class FlaggedAnswerModel {
  @Field()
  questionKey!: string;

  @Field()
  sectionKey!: string;

  @Field()
  severity!: string;

  @Field(() => JsonScalar, { description: 'The finding text by language.' })
  finding!: unknown;
}

@ObjectType('AssessmentScore', {
  description: 'An explainable score: every point traced to an answer.',
})
export class AssessmentScoreModel {
  @Field({ description: 'The scoring algorithm that made it.' })
  algorithm!: string;

  @Field(() => Float, { nullable: true, description: '0-100; null when nothing applies.' })
  score!: number | null;

  @Field()
  applicable!: boolean;

  @Field(() => [SectionScoreModel])
  sections!: SectionScoreModel[];

  @Field(() => [String], { description: 'Required visible questions without an answer.' })
  unansweredRequired!: string[];

  @Field(() => [FailedKnockoutModel])
  failedKnockouts!: FailedKnockoutModel[];

  @Field(() => [FlaggedAnswerModel], {
    description: 'Answers flagged as findings; they change neither score nor rating.',
  })
  flaggedAnswers!: FlaggedAnswerModel[];
}

@ObjectType('Invitation', { description: "The assessment's invitation link (never its token)." })
export class InvitationModel {
  @Field()
  expiresAt!: Date;

  @Field()
  revoked!: boolean;

  @Field(() => Int, { description: 'How many times it was sent (each re-send rotates the token).' })
  sendCount!: number;

  @Field()
  lastSentAt!: Date;

  @Field(() => Int)
  exchangeCount!: number;

  @Field(() => Date, { nullable: true })
  lastExchangedAt!: Date | null;
}

@ObjectType('Answer', { description: "A vendor's answer to one question." })
export class AnswerModel {
  @Field()
  questionKey!: string;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Boolean, option key, option keys, text, number or YYYY-MM-DD.',
  })
  value!: unknown;

  @Field()
  notApplicable!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => [ID], { description: 'Files attached as evidence (download with GET /files/:id).' })
  evidenceFileIds!: string[];

  @Field(() => Int, { description: 'Name it as expectedRevision when saving this answer again.' })
  revision!: number;

  @Field()
  answeredAt!: Date;

  @Field({ description: "Pre-filled from the vendor's previous cycle." })
  carriedOver!: boolean;

  @Field({
    description:
      'False only for a carried-over answer the vendor has not confirmed or changed yet; submitting waits for it.',
  })
  confirmed!: boolean;
}

@ObjectType('Assessment', {
  implements: () => [Node],
  description: 'A questionnaire sent to a vendor, pinned to a published template version.',
})
export class AssessmentModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;
  vendorRowId!: string;
  templateVersionRowId!: string;
  contactRowId!: string | null;
  /** The stored score; undefined when the assessment was read without it (a page). */
  storedScore!: unknown;
  /** The reviewing user's id. */
  reviewerUserId!: string | null;
  /** The vendor's summary, when the page that listed this assessment read it. */
  listedVendor?: VendorModel;
  /** Its open findings, when the page that listed this assessment counted them. */
  listedOpenFindingCount?: number;

  @Field(() => AssessmentCycleEnum)
  cycle!: AssessmentCycle;

  @Field(() => AssessmentStatusEnum)
  status!: AssessmentStatus;

  @Field()
  language!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field({ description: 'Open and past its due date.' })
  overdue!: boolean;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'The overall score fixed at submission.' })
  overallScore!: number | null;

  @Field(() => Date, { nullable: true })
  reviewStartedAt!: Date | null;

  @Field(() => ScoreOverrideModel, { nullable: true })
  scoreOverride!: ScoreOverrideModel | null;

  @Field(() => Float, {
    nullable: true,
    description: "The score decisions rest on: the reviewer's override, else overallScore.",
  })
  effectiveScore!: number | null;

  @Field(() => [String], {
    description: 'The questions the vendor may change after CHANGES_REQUESTED, until it resubmits.',
  })
  reopenedQuestionKeys!: string[];

  @Field(() => ResidualRatingEnum, {
    nullable: true,
    description: 'Rated when the assessment is completed.',
  })
  residualRating!: ResidualRating | null;

  @Field(() => [String], { description: 'How the residual rating came about, step by step.' })
  ratingReasons!: string[];

  @Field(() => AssessmentDecisionEnum, { nullable: true })
  decision!: AssessmentDecision | null;

  @Field(() => String, { nullable: true })
  decisionNote!: string | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => CoverageExceptionModel, {
    nullable: true,
    description: 'An approval granted despite gaps in the vendor’s agreements.',
  })
  coverageException!: CoverageExceptionModel | null;

  @Field(() => Int)
  version!: number;

  @Field()
  createdAt!: Date;
}

@ObjectType('AnswerProgress')
export class ProgressModel {
  @Field(() => Int, { description: 'Required visible questions answered.' })
  answered!: number;

  @Field(() => Int, { description: 'Required visible questions.' })
  required!: number;
}

@ObjectType('VendorOption')
export class VendorOptionModel {
  @Field()
  key!: string;

  @Field()
  label!: string;
}

@ObjectType('VendorQuestion', {
  description: 'A question as the vendor sees it, in their language.',
})
export class VendorQuestionModel {
  @Field()
  key!: string;

  @Field({ description: 'BOOLEAN, SINGLE_CHOICE, MULTI_CHOICE, TEXT, NUMBER or DATE.' })
  type!: string;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  help!: string | null;

  @Field()
  required!: boolean;

  @Field()
  allowNotApplicable!: boolean;

  @Field({ description: 'NONE, OPTIONAL or REQUIRED.' })
  evidence!: string;

  @Field(() => [VendorOptionModel])
  options!: VendorOptionModel[];

  @Field(() => Float, { nullable: true })
  min!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;

  @Field(() => [String])
  references!: string[];

  @Field(() => AnswerModel, { nullable: true })
  answer!: AnswerModel | null;
}

@ObjectType('VendorSection')
export class VendorSectionModel {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [VendorQuestionModel], {
    description: 'Only the questions visible under the answers so far.',
  })
  questions!: VendorQuestionModel[];
}

@ObjectType('VendorAssessment', {
  description:
    'What the invited vendor contact sees of an assessment: never scores or internal notes.',
})
export class VendorAssessmentModel {
  @Field(() => ID)
  id!: string;

  rowId!: string;
  vendorRowId!: string;

  @Field(() => AssessmentStatusEnum)
  status!: AssessmentStatus;

  @Field()
  language!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field()
  overdue!: boolean;

  @Field()
  questionnaireName!: string;

  @Field(() => ProgressModel)
  progress!: ProgressModel;

  @Field(() => [VendorSectionModel])
  sections!: VendorSectionModel[];

  @Field(() => [String], {
    description:
      'After the reviewer requested changes: the only questions you may change before submitting again.',
  })
  reopenedQuestionKeys!: string[];

  /** The overall score fixed at submission; shown only when the organization shares it. */
  storedOverallScore!: number | null;
}

@ObjectType('MissingItem', { description: 'What a submission still lacks.' })
export class MissingItemModel {
  @Field()
  questionKey!: string;

  @Field()
  sectionKey!: string;

  @Field(() => MissingReasonEnum)
  reason!: 'ANSWER' | 'EVIDENCE' | 'CONFIRMATION';
}
