import { Query, Resolver } from '@nestjs/graphql';
import { PipelineCheckService, type RequestContext } from '#core';
import { Allow } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { READ_DIAGNOSTICS } from './pipeline-check.resolver.js';
import { toQueueCountModel } from './queue-count.mapper.js';
import { QueueCountModel } from './queue-count.model.js';

@Resolver(() => QueueCountModel)
export class QueueCountResolver {
  constructor(private readonly checks: PipelineCheckService) {}

  @Allow(READ_DIAGNOSTICS)
  @Query(() => [QueueCountModel], {
    description:
      'Jobs by state in every queue, on any backend (the queues are shared by every organization).',
  })
  async queueStats(@Ctx() ctx: RequestContext): Promise<QueueCountModel[]> {
    return (await this.checks.queueCounts(ctx)).map(toQueueCountModel);
  }
}
