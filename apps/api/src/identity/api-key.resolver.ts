import type { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, type ApiKeyScope, type RequestContext } from '#core';
import { ApiKeyService, type ApiKey } from '#identity';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId, toGlobalId } from '../graphql/relay/global-id.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import {
  ApiKeyModel,
  ApiKeyScopeModel,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
} from './api-key.model.js';

const API_KEY_TYPE = 'ApiKey';
const ADMINS: AccessRule = { roles: [Role.Admin] };
const ApiKeyConnection = Connection(ApiKeyModel, API_KEY_TYPE);

function toApiKeyModel(apiKey: ApiKey): ApiKeyModel {
  return Object.assign(new ApiKeyModel(), {
    id: toGlobalId(API_KEY_TYPE, apiKey.id),
    name: apiKey.name,
    prefix: apiKey.prefix,
    scopes: apiKey.scopes.map((scope) => scope as unknown as ApiKeyScopeModel),
    createdAt: apiKey.createdAt,
    lastUsedAt: apiKey.lastUsedAt,
    expiresAt: apiKey.expiresAt,
    revokedAt: apiKey.revokedAt,
  });
}

@Resolver(() => ApiKeyModel)
export class ApiKeyResolver implements OnModuleInit {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(API_KEY_TYPE, {
      access: ADMINS,
      fetch: async ({ ctx }, id) => {
        const apiKey = await this.keys.findById(ctx, id);
        return apiKey && toApiKeyModel(apiKey);
      },
    });
  }

  @Allow(ADMINS)
  @Query(() => ApiKeyConnection, { description: 'The organization’s API keys, newest first.' })
  async apiKeys(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionValue<ApiKeyModel>> {
    return toConnection(await this.keys.list(ctx, page), toApiKeyModel, page.after);
  }

  @Allow(ADMINS)
  @Mutation(() => CreateApiKeyPayload, {
    description: 'A new key; the payload shows it this once.',
  })
  async createApiKey(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    const created = await this.keys.create(ctx, {
      name: input.name,
      scopes: input.scopes as unknown as ApiKeyScope[],
      expiresAt: input.expiresAt,
    });
    return { apiKey: toApiKeyModel(created.apiKey), key: created.key };
  }

  @Allow(ADMINS)
  @Mutation(() => RevokeApiKeyPayload, { description: 'The key stops working at once.' })
  async revokeApiKey(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    const { id } = fromGlobalId(input.id, { path: 'input.id', expectedType: API_KEY_TYPE });
    return { apiKey: toApiKeyModel(await this.keys.revoke(ctx, id)) };
  }
}
