import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { EMAIL_STATUSES, type EmailStatus } from '#notification';
import { EmailMessageStatusEnum } from './email-message.model.js';

@InputType()
export class EmailMessageFilterInput {
  @Field(() => [EmailMessageStatusEnum], {
    nullable: true,
    description: 'Only emails in one of these states.',
  })
  @IsOptional()
  @ArrayMaxSize(EMAIL_STATUSES.length)
  @IsIn([...EMAIL_STATUSES], { each: true })
  statuses?: EmailStatus[] | null;
}
