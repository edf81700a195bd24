import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('QueueCount', { description: 'The jobs of one queue by state, for monitoring.' })
export class QueueCountModel {
  @Field({ description: 'The queue name (system, notification, ...), without the key prefix.' })
  queue!: string;

  @Field(() => Int, { description: 'Ready to run, prioritized ones included.' })
  waiting!: number;

  @Field(() => Int, { description: 'Due later: retries after a backoff, and delayed jobs.' })
  delayed!: number;

  @Field(() => Int, { description: 'Running on a worker now.' })
  active!: number;

  @Field(() => Int, {
    description: 'Failed after their last attempt, and still kept (7 days on BullMQ).',
  })
  failed!: number;

  @Field(() => Int, { description: 'Completed, and still kept (an hour).' })
  completed!: number;
}
