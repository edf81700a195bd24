import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_CHECK_DELAY_SECONDS, MAX_CHECK_HOLD_SECONDS } from '#core';
import { OrderDirection } from '../graphql/relay/connection.js';
import { PipelineCheckModel, PipelineCheckStatusModel } from './pipeline-check.model.js';

@InputType()
export class CheckJobPipelineInput {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: `Run the job this many seconds later (0-${MAX_CHECK_DELAY_SECONDS}): checks delayed jobs.`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CHECK_DELAY_SECONDS)
  delaySeconds?: number;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: `Keep the worker slot this many seconds (0-${MAX_CHECK_HOLD_SECONDS}): checks draining on shutdown.`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CHECK_HOLD_SECONDS)
  holdSeconds?: number;
}

@ObjectType()
export class CheckJobPipelinePayload {
  @Field(() => PipelineCheckModel)
  check!: PipelineCheckModel;
}

@InputType()
export class JobPipelineCheckFilter {
  @Field(() => PipelineCheckStatusModel, { nullable: true })
  @IsOptional()
  status?: PipelineCheckStatusModel | null;
}

export enum JobPipelineCheckOrderField {
  REQUESTED_AT = 'REQUESTED_AT',
  RUN_AT = 'RUN_AT',
}
registerEnumType(JobPipelineCheckOrderField, { name: 'JobPipelineCheckOrderField' });

@InputType()
export class JobPipelineCheckOrder {
  @Field(() => JobPipelineCheckOrderField, {
    defaultValue: JobPipelineCheckOrderField.REQUESTED_AT,
  })
  @IsEnum(JobPipelineCheckOrderField)
  field!: JobPipelineCheckOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  @IsEnum(OrderDirection)
  direction!: OrderDirection;
}
