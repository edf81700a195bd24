import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { DomainException } from '#core';
import type { GraphqlContext } from '../graphql-context.js';
import { fromGlobalId } from './global-id.js';
import { Node } from './node.interface.js';
import { NodeRegistry } from './node-registry.js';

@Resolver(() => Node)
export class NodeResolver {
  constructor(private readonly registry: NodeRegistry) {}

  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global id. An unknown id is NOT_FOUND.',
  })
  async node(
    @Args('id', { type: () => ID }) globalId: string,
    @Context() context: GraphqlContext,
  ): Promise<Node> {
    const { typeName, id } = fromGlobalId(globalId, { path: 'id' });
    const node = await this.registry.fetcher(typeName)?.(context, id);
    if (!node) throw DomainException.notFound('Node');
    return node;
  }
}
