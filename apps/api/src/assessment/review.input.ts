import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AssessmentDecision, CommentVisibility } from '#assessment';
import { RESIDUAL_RATINGS, type ResidualRating } from '#scoring';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { ResidualRatingEnum } from './assessment.model.js';
import { AssessmentDecisionEnum, CommentVisibilityEnum } from './review.model.js';

@InputType()
export class StartReviewInput {
  @Field(() => ID)
  @IsString()
  assessmentId!: string;
}

@InputType()
export class AddReviewCommentInput {
  @Field(() => ID)
  @IsString()
  assessmentId!: string;

  @Field()
  @IsString()
  @MaxLength(5000)
  body!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A question of the assessment; omit to comment on the assessment as a whole.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  questionKey?: string | null;

  @Field(() => CommentVisibilityEnum, {
    nullable: true,
    description:
      'Members: INTERNAL when omitted. A vendor contact’s comments are always VENDOR (INTERNAL is refused).',
  })
  @IsOptional()
  @IsEnum(CommentVisibility)
  visibility?: CommentVisibility | null;
}

@InputType()
export class RequestChangesInput {
  @Field(() => ID)
  @IsString()
  assessmentId!: string;

  @Field(() => [String], {
    description: 'The questions the vendor may change (keys of the questionnaire).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  questionKeys!: string[];

  @Field(() => String, { nullable: true, description: 'Shown to the vendor.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string | null;
}

@InputType()
export class OverrideScoreInput {
  @Field(() => ID)
  @IsString()
  assessmentId!: string;

  @Field(() => Float, { nullable: true, description: '0-100; null lifts the override.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number | null;

  @Field({ description: 'Why; required whether setting or lifting.' })
  @IsString()
  @MaxLength(2000)
  justification!: string;
}

@InputType()
export class CoverageExceptionInput {
  @Field()
  @IsString()
  @MaxLength(2000)
  justification!: string;

  @Field(() => LocalDateScalar, { description: 'After today.' })
  @IsString()
  expiresOn!: string;
}

@InputType()
export class CompleteAssessmentInput {
  @Field(() => ID)
  @IsString()
  assessmentId!: string;

  @Field(() => AssessmentDecisionEnum)
  @IsEnum(AssessmentDecision)
  decision!: AssessmentDecision;

  @Field(() => String, {
    nullable: true,
    description: 'Required for APPROVED_WITH_CONDITIONS (the conditions) and REJECTED (why).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string | null;

  @Field(() => CoverageExceptionInput, {
    nullable: true,
    description:
      'Required to approve a vendor whose agreements leave gaps (CONFLICT names them otherwise).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CoverageExceptionInput)
  coverageException?: CoverageExceptionInput | null;
}

@InputType()
export class TierRatingsInput {
  @Field(() => ResidualRatingEnum)
  @IsIn(RESIDUAL_RATINGS)
  tier1!: ResidualRating;

  @Field(() => ResidualRatingEnum)
  @IsIn(RESIDUAL_RATINGS)
  tier2!: ResidualRating;

  @Field(() => ResidualRatingEnum)
  @IsIn(RESIDUAL_RATINGS)
  tier3!: ResidualRating;

  @Field(() => ResidualRatingEnum)
  @IsIn(RESIDUAL_RATINGS)
  tier4!: ResidualRating;
}

@InputType()
export class RiskMatrixBandInput {
  @Field()
  @IsString()
  key!: string;

  @Field(() => Float, { description: 'Inclusive.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min!: number;

  @Field(() => Float, { description: 'Exclusive, except that a band ending at 100 includes it.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  label?: string | null;

  @Field(() => TierRatingsInput, { description: 'The rating of this band at every tier.' })
  @ValidateNested()
  @Type(() => TierRatingsInput)
  ratings!: TierRatingsInput;
}

@InputType()
export class RiskMatrixInput {
  @Field(() => [RiskMatrixBandInput], {
    description: 'Bands covering 0-100 without gaps or overlaps.',
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RiskMatrixBandInput)
  bands!: RiskMatrixBandInput[];
}

@InputType()
export class UpdateRiskMatrixInput {
  @Field(() => RiskMatrixInput)
  @ValidateNested()
  @Type(() => RiskMatrixInput)
  matrix!: RiskMatrixInput;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read (0 for the default); a stale one is CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;
}
