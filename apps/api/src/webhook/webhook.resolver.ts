import type { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainException, Role, type RequestContext } from '#core';
import { WebhookEndpointService, WebhookService } from '#webhook';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryFilterInput,
} from './webhook.input.js';
import { WebhookEndpointByIdLoader } from './webhook.loaders.js';
import {
  WEBHOOK_DELIVERY_TYPE,
  WEBHOOK_ENDPOINT_TYPE,
  toWebhookDeliveryModel,
  toWebhookEndpointModel,
} from './webhook.mapper.js';
import { WebhookDeliveryModel, WebhookEndpointModel } from './webhook.model.js';
import {
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  RedeliverWebhookPayload,
  RotateWebhookSecretPayload,
  UpdateWebhookEndpointPayload,
} from './webhook.payload.js';

/**
 * Webhooks are an organization setting: admins only. API keys are left out on purpose: a key
 * that could point the organization's events at any URL could exfiltrate them.
 */
const ADMINS: AccessRule = { roles: [Role.Admin] };

const WebhookEndpointConnection = Connection(WebhookEndpointModel, WEBHOOK_ENDPOINT_TYPE);
const WebhookDeliveryConnection = Connection(WebhookDeliveryModel, WEBHOOK_DELIVERY_TYPE);

const endpointRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: WEBHOOK_ENDPOINT_TYPE }).id;
const deliveryRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: WEBHOOK_DELIVERY_TYPE }).id;

@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointResolver implements OnModuleInit {
  constructor(
    private readonly endpoints: WebhookEndpointService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(WEBHOOK_ENDPOINT_TYPE, {
      access: ADMINS,
      fetch: async ({ ctx }, id) => {
        const [endpoint] = await this.endpoints.findByIds(ctx, [id]);
        return endpoint ? toWebhookEndpointModel(endpoint) : null;
      },
    });
  }

  @Allow(ADMINS)
  @Query(() => WebhookEndpointConnection, {
    description: 'The organization’s webhook endpoints, newest first (never their secrets).',
  })
  async webhookEndpoints(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionValue<WebhookEndpointModel>> {
    return toConnection(await this.endpoints.list(ctx, page), toWebhookEndpointModel, page.after);
  }

  @Allow(ADMINS)
  @Mutation(() => CreateWebhookEndpointPayload, {
    description:
      'Registers an endpoint for some event types; the payload shows its signing secret this once.',
  })
  async createWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<CreateWebhookEndpointPayload> {
    const created = await this.endpoints.create(ctx, {
      url: input.url,
      eventTypes: input.eventTypes,
      description: input.description,
    });
    return { endpoint: toWebhookEndpointModel(created.endpoint), secret: created.secret };
  }

  @Allow(ADMINS)
  @Mutation(() => UpdateWebhookEndpointPayload, {
    description: 'Changes the URL, event types, description, or enables/disables the endpoint.',
  })
  async updateWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateWebhookEndpointInput,
  ): Promise<UpdateWebhookEndpointPayload> {
    const endpoint = await this.endpoints.update(
      ctx,
      endpointRowId(input.endpointId, 'input.endpointId'),
      {
        url: input.url,
        eventTypes: input.eventTypes,
        description: input.description,
        enabled: input.enabled,
      },
    );
    return { endpoint: toWebhookEndpointModel(endpoint) };
  }

  @Allow(ADMINS)
  @Mutation(() => RotateWebhookSecretPayload, {
    description: 'A new signing secret, shown this once; the old one stops signing at once.',
  })
  async rotateWebhookSecret(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RotateWebhookSecretInput,
  ): Promise<RotateWebhookSecretPayload> {
    const rotated = await this.endpoints.rotateSecret(
      ctx,
      endpointRowId(input.endpointId, 'input.endpointId'),
    );
    return { endpoint: toWebhookEndpointModel(rotated.endpoint), secret: rotated.secret };
  }

  @Allow(ADMINS)
  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: 'Removes an endpoint and its deliveries; pending attempts are not made.',
  })
  async deleteWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DeleteWebhookEndpointInput,
  ): Promise<DeleteWebhookEndpointPayload> {
    await this.endpoints.delete(ctx, endpointRowId(input.endpointId, 'input.endpointId'));
    return { deletedEndpointId: input.endpointId };
  }
}

@Resolver(() => WebhookDeliveryModel)
export class WebhookDeliveryResolver implements OnModuleInit {
  constructor(
    private readonly webhooks: WebhookService,
    private readonly nodes: NodeRegistry,
    private readonly endpointById: WebhookEndpointByIdLoader,
  ) {}

  onModuleInit(): void {
    this.nodes.register(WEBHOOK_DELIVERY_TYPE, {
      access: ADMINS,
      fetch: async ({ ctx }, id) => {
        const [delivery] = await this.webhooks.findDeliveriesByIds(ctx, [id]);
        return delivery ? toWebhookDeliveryModel(delivery) : null;
      },
    });
  }

  @Allow(ADMINS)
  @Query(() => WebhookDeliveryConnection, {
    description: 'Deliveries of the organization’s events, newest first, with their attempts.',
  })
  async webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: WebhookDeliveryFilterInput,
  ): Promise<ConnectionValue<WebhookDeliveryModel>> {
    const result = await this.webhooks.listDeliveries(
      ctx,
      {
        endpointId: filter?.endpointId
          ? endpointRowId(filter.endpointId, 'filter.endpointId')
          : null,
        statuses: filter?.statuses,
        eventType: filter?.eventType,
      },
      page,
    );
    return toConnection(result, toWebhookDeliveryModel, page.after);
  }

  @Allow(ADMINS)
  @Mutation(() => RedeliverWebhookPayload, {
    description:
      'Sends a SUCCEEDED or DEAD delivery again (same event id and body, a new series of attempts); one still being attempted is CONFLICT.',
  })
  async redeliverWebhook(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RedeliverWebhookInput,
  ): Promise<RedeliverWebhookPayload> {
    const delivery = await this.webhooks.redeliver(
      ctx,
      deliveryRowId(input.deliveryId, 'input.deliveryId'),
    );
    return { delivery: toWebhookDeliveryModel(delivery) };
  }

  @ResolveField(() => WebhookEndpointModel)
  async endpoint(
    delivery: WebhookDeliveryModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<WebhookEndpointModel> {
    const endpoint = await loaders.get(this.endpointById).load(delivery.endpointRowId);
    if (!endpoint) throw DomainException.notFound('Webhook endpoint');
    return toWebhookEndpointModel(endpoint);
  }
}
