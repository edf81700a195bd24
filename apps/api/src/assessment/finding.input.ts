import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { FindingStatus } from '#assessment';
import { FINDING_SEVERITIES, type FindingSeverity } from '#questionnaire';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { FindingSeverityEnum, FindingStatusEnum } from './finding.model.js';

@InputType()
export class RaiseFindingInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => ID, { nullable: true, description: 'An assessment of the vendor.' })
  @IsOptional()
  @IsString()
  assessmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A question of that assessment; needs assessmentId.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  questionKey?: string | null;

  @Field(() => FindingSeverityEnum)
  @IsIn([...FINDING_SEVERITIES])
  severity!: FindingSeverity;

  @Field()
  @IsString()
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member who follows it up.' })
  @IsOptional()
  @IsString()
  ownerId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  dueDate?: string | null;
}

@InputType()
export class FindingIdInput {
  @Field(() => ID)
  @IsString()
  findingId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read; CONFLICT when the finding changed since.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}

@InputType()
export class UpdateFindingInput extends FindingIdInput {
  @Field(() => FindingSeverityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...FINDING_SEVERITIES])
  severity?: FindingSeverity | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'A member; null clears the owner.' })
  @IsOptional()
  @IsString()
  ownerId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  dueDate?: string | null;

  @Field(() => FindingStatusEnum, {
    nullable: true,
    description:
      'OPEN or IN_REMEDIATION (OPEN also reopens an expired risk acceptance); resolveFinding and acceptFindingRisk close it.',
  })
  @IsOptional()
  @IsEnum(FindingStatus)
  status?: FindingStatus | null;
}

@InputType()
export class ResolveFindingInput extends FindingIdInput {
  @Field(() => String, { nullable: true, description: 'Kept in the audit trail.' })
  @IsOptional()
  @IsString()
  note?: string | null;
}

@InputType()
export class AcceptFindingRiskInput extends FindingIdInput {
  @Field()
  @IsString()
  justification!: string;

  @Field(() => LocalDateScalar, { description: 'The last day the acceptance holds; after today.' })
  @IsString()
  expiresOn!: string;
}

@InputType()
export class RespondToFindingInput {
  @Field(() => ID)
  @IsString()
  findingId!: string;

  @Field({ description: 'How and when the gap will be closed.' })
  @IsString()
  plan!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  targetDate?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Files you uploaded (POST /files); replaces the list.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  evidenceFileIds?: string[] | null;
}

@InputType()
export class FindingFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  vendorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Raised in this assessment.' })
  @IsOptional()
  @IsString()
  assessmentId?: string | null;

  @Field(() => [FindingStatusEnum], { nullable: true })
  @IsOptional()
  @IsEnum(FindingStatus, { each: true })
  statuses?: FindingStatus[] | null;

  @Field(() => [FindingSeverityEnum], { nullable: true })
  @IsOptional()
  @IsIn([...FINDING_SEVERITIES], { each: true })
  severities?: FindingSeverity[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only OPEN and IN_REMEDIATION ones.' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean | null;
}
