import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AssessmentCycle, AssessmentStatus } from '#assessment';
import { RESIDUAL_RATINGS, type ResidualRating } from '#scoring';
import { RiskTier } from '#vendor';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { RiskTierEnum } from '../vendor/vendor.model.js';
import {
  AssessmentCycleEnum,
  AssessmentStatusEnum,
  ResidualRatingEnum,
} from './assessment.model.js';

@InputType()
export class SendAssessmentInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => ID, { description: 'A published version.' })
  @IsString()
  templateVersionId!: string;

  @Field(() => ID, { description: 'The vendor contact to invite.' })
  @IsString()
  contactId!: string;

  @Field(() => LocalDateScalar)
  @IsString()
  dueDate!: string;

  @Field(() => String, {
    nullable: true,
    description: "One the version declares; the contact's language when omitted (if declared).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  language?: string | null;

  @Field(() => AssessmentCycleEnum, { nullable: true, description: 'INITIAL when omitted.' })
  @IsOptional()
  @IsEnum(AssessmentCycle)
  cycle?: AssessmentCycle | null;
}

@InputType()
export class AssessmentIdInput {
  @Field(() => ID)
  @IsString()
  assessmentId!: string;
}

@InputType()
export class CancelAssessmentInput extends AssessmentIdInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class AssessmentFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  vendorId?: string | null;

  @Field(() => [AssessmentStatusEnum], { nullable: true })
  @IsOptional()
  @IsEnum(AssessmentStatus, { each: true })
  statuses?: AssessmentStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Open and past the due date (or not).' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => [RiskTierEnum], {
    nullable: true,
    description: "The vendor's inherent tier in force now.",
  })
  @IsOptional()
  @IsEnum(RiskTier, { each: true })
  tiers?: RiskTier[] | null;

  @Field(() => [ResidualRatingEnum], { nullable: true })
  @IsOptional()
  @IsIn(RESIDUAL_RATINGS, { each: true })
  residualRatings?: ResidualRating[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Due on this day or later.' })
  @IsOptional()
  @IsString()
  dueOnOrAfter?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Due on this day or earlier.' })
  @IsOptional()
  @IsString()
  dueOnOrBefore?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member reviewing it.' })
  @IsOptional()
  @IsString()
  reviewerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Sent with this template version.' })
  @IsOptional()
  @IsString()
  templateVersionId?: string | null;
}

@InputType()
export class ExchangeInvitationInput {
  @Field({ description: 'The token after `invitation=` in the link.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

@InputType()
export class AnswerInput {
  @Field()
  @IsString()
  @MaxLength(128)
  questionKey!: string;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Boolean, option key, option keys, text, number or YYYY-MM-DD; null clears it.',
  })
  @IsOptional()
  value?: unknown;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  notApplicable?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  comment?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Uploaded files (POST /files); replaces the list.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  evidenceFileIds?: string[] | null;

  @Field(() => Int, { description: 'The revision of the answer you read; 0 when there was none.' })
  @IsInt()
  @Min(0)
  expectedRevision!: number;
}

@InputType()
export class SaveAnswersInput extends AssessmentIdInput {
  @Field(() => [AnswerInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerInput)
  answers!: AnswerInput[];
}
