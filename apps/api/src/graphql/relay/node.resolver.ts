import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyScope, DomainException } from '#core';
import { Allow, enforceAccess, MEMBER_ROLES } from '../access/access-rule.js';
import type { GraphqlContext } from '../graphql-context.js';
import { fromGlobalId } from './global-id.js';
import { Node } from './node.interface.js';
import { NodeRegistry } from './node-registry.js';

@Resolver(() => Node)
export class NodeResolver {
  constructor(private readonly registry: NodeRegistry) {}

  @Allow({ roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read })
  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global id. An unknown id is NOT_FOUND.',
  })
  async node(
    @Args('id', { type: () => ID }) globalId: string,
    @Context() context: GraphqlContext,
  ): Promise<Node> {
    const { typeName, id } = fromGlobalId(globalId, { path: 'id' });
    const type = this.registry.type(typeName);
    if (!type) throw DomainException.notFound('Node');
    enforceAccess(context.ctx, context.authenticationError, type.access);
    const node = await type.fetch(context, id);
    if (!node) throw DomainException.notFound('Node');
    return node;
  }
}
