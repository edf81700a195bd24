import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Node } from '../graphql/relay/node.interface.js';

export enum PipelineCheckStatusModel {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
}
registerEnumType(PipelineCheckStatusModel, {
  name: 'JobPipelineCheckStatus',
  description: 'PENDING until a worker has run the check job, then COMPLETED.',
});

export enum PipelineCheckOutcomeModel {
  COMPLETED = 'COMPLETED',
  ALREADY_COMPLETED = 'ALREADY_COMPLETED',
}
registerEnumType(PipelineCheckOutcomeModel, {
  name: 'JobPipelineCheckOutcome',
  description: 'What a delivery did: completed the check, or found it completed by an earlier one.',
});

export enum QueueBackendModel {
  REDIS = 'REDIS',
  POSTGRES = 'POSTGRES',
  INLINE = 'INLINE',
}
registerEnumType(QueueBackendModel, { name: 'QueueBackend' });

@ObjectType('JobPipelineCheck', {
  implements: () => [Node],
  description:
    'Proof that the job pipeline works: created with its job in one transaction, completed by a worker.',
})
export class PipelineCheckModel implements Node {
  @Field(() => ID)
  id!: string;

  /** Row id, for field resolvers; not exposed. */
  rowId!: string;

  @Field()
  requestedAt!: Date;

  @Field({ description: 'When the job was due to run.' })
  runAt!: Date;

  @Field(() => Int, { description: 'How long the job held its worker slot.' })
  holdSeconds!: number;

  @Field(() => PipelineCheckStatusModel)
  status!: PipelineCheckStatusModel;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType('JobPipelineCheckDelivery', { description: 'One run of a check job by a worker.' })
export class PipelineCheckDeliveryModel {
  /** Row id of the check, for the `check` field resolver; not exposed. */
  checkRowId!: string;

  @Field(() => Int, { description: '1 for the first delivery of the job, more for retries.' })
  attempt!: number;

  @Field({ description: 'host:pid of the worker process.' })
  worker!: string;

  @Field(() => PipelineCheckOutcomeModel)
  outcome!: PipelineCheckOutcomeModel;

  @Field()
  deliveredAt!: Date;
}

@ObjectType('JobPipeline', { description: 'Where jobs run and when a worker last proved alive.' })
export class JobPipelineModel {
  @Field(() => QueueBackendModel)
  backend!: QueueBackendModel;

  @Field(() => Date, {
    nullable: true,
    description: 'Last run of the heartbeat scheduler by any worker.',
  })
  lastHeartbeatAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastHeartbeatWorker!: string | null;
}
