import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  PipelineCheckService,
  type PipelineCheck,
  type PipelineCheckDelivery,
  type RequestContext,
} from '#core';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

@Injectable()
export class PipelineCheckByIdLoader implements LoaderDefinition<string, PipelineCheck | null> {
  constructor(private readonly checks: PipelineCheckService) {}

  create(ctx: RequestContext): DataLoader<string, PipelineCheck | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map(
        (await this.checks.findByIds(ctx, ids)).map((check) => [check.id, check]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

@Injectable()
export class DeliveriesByCheckIdLoader implements LoaderDefinition<
  string,
  PipelineCheckDelivery[]
> {
  constructor(private readonly checks: PipelineCheckService) {}

  create(ctx: RequestContext): DataLoader<string, PipelineCheckDelivery[]> {
    return new DataLoader(async (checkIds) =>
      groupBy(checkIds, await this.checks.deliveriesOf(ctx, checkIds), (row) => row.checkId),
    );
  }
}
