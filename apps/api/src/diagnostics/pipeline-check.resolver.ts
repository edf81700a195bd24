import type { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope, PipelineCheckService, Role, type RequestContext } from '#core';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import {
  CheckJobPipelineInput,
  CheckJobPipelinePayload,
  JobPipelineCheckFilter,
  JobPipelineCheckOrder,
  JobPipelineCheckOrderField,
} from './pipeline-check.input.js';
import { DeliveriesByCheckIdLoader, PipelineCheckByIdLoader } from './pipeline-check.loaders.js';
import {
  PIPELINE_CHECK_TYPE,
  toJobPipelineModel,
  toPipelineCheckDeliveryModel,
  toPipelineCheckModel,
} from './pipeline-check.mapper.js';
import {
  JobPipelineModel,
  PipelineCheckDeliveryModel,
  PipelineCheckModel,
} from './pipeline-check.model.js';

const PipelineCheckConnection = Connection(PipelineCheckModel, 'JobPipelineCheck');

/** Operators' diagnostics: admins, and monitoring integrations with a read key. */
export const READ_DIAGNOSTICS: AccessRule = { roles: [Role.Admin], apiKey: ApiKeyScope.Read };

@Resolver(() => PipelineCheckModel)
export class PipelineCheckResolver implements OnModuleInit {
  constructor(
    private readonly checks: PipelineCheckService,
    private readonly byId: PipelineCheckByIdLoader,
    private readonly deliveriesByCheckId: DeliveriesByCheckIdLoader,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(PIPELINE_CHECK_TYPE, {
      access: READ_DIAGNOSTICS,
      fetch: async (context, id) => {
        const check = await context.loaders.get(this.byId).load(id);
        return check ? toPipelineCheckModel(check) : null;
      },
    });
  }

  @Allow(READ_DIAGNOSTICS)
  @Query(() => JobPipelineModel, {
    description: 'The queue backend in use and the last worker heartbeat.',
  })
  async jobPipeline(@Ctx() ctx: RequestContext): Promise<JobPipelineModel> {
    return toJobPipelineModel(await this.checks.status(ctx));
  }

  @Allow(READ_DIAGNOSTICS)
  @Query(() => PipelineCheckConnection, {
    description: 'Pipeline checks, newest first by default.',
  })
  async jobPipelineChecks(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => JobPipelineCheckFilter, nullable: true })
    filter?: JobPipelineCheckFilter,
    @Args('orderBy', { type: () => JobPipelineCheckOrder, nullable: true })
    orderBy?: JobPipelineCheckOrder,
  ): Promise<ConnectionValue<PipelineCheckModel>> {
    const result = await this.checks.list(
      ctx,
      page,
      { status: filter?.status },
      orderBy && {
        field: orderBy.field === JobPipelineCheckOrderField.RUN_AT ? 'runAt' : 'requestedAt',
        direction: orderBy.direction,
      },
    );
    return toConnection(result, toPipelineCheckModel, page.after);
  }

  @Allow({ roles: [Role.Admin], apiKey: ApiKeyScope.Write })
  @Mutation(() => CheckJobPipelinePayload, {
    description: 'Records a check and its job in one transaction; a worker completes it.',
  })
  async checkJobPipeline(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CheckJobPipelineInput,
  ): Promise<CheckJobPipelinePayload> {
    return { check: toPipelineCheckModel(await this.checks.request(ctx, input)) };
  }

  @ResolveField(() => [PipelineCheckDeliveryModel], {
    description: 'Every run of the job, oldest first.',
  })
  async deliveries(
    check: PipelineCheckModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<PipelineCheckDeliveryModel[]> {
    const deliveries = await loaders.get(this.deliveriesByCheckId).load(check.rowId);
    return deliveries.map(toPipelineCheckDeliveryModel);
  }
}

@Resolver(() => PipelineCheckDeliveryModel)
export class PipelineCheckDeliveryResolver {
  constructor(private readonly byId: PipelineCheckByIdLoader) {}

  @ResolveField(() => PipelineCheckModel)
  async check(
    delivery: PipelineCheckDeliveryModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<PipelineCheckModel> {
    const check = await loaders.get(this.byId).load(delivery.checkRowId);
    if (!check) throw new Error(`Delivery without its check ${delivery.checkRowId}`);
    return toPipelineCheckModel(check);
  }
}
