import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '#core';
import { WebhookEndpointService, type WebhookEndpoint } from '#webhook';
import type { LoaderDefinition } from '../graphql/graphql-context.js';

@Injectable()
export class WebhookEndpointByIdLoader implements LoaderDefinition<string, WebhookEndpoint | null> {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  create(ctx: RequestContext): DataLoader<string, WebhookEndpoint | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.endpoints.findByIds(ctx, ids)).map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
