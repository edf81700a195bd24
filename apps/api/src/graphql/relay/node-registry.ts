import { Injectable } from '@nestjs/common';
import type { Node } from './node.interface.js';
import type { GraphqlContext } from '../graphql-context.js';

export type NodeFetcher = (context: GraphqlContext, id: string) => Promise<Node | null>;

/** Which fetcher answers `node(id:)` for each type; each API module registers its own. */
@Injectable()
export class NodeRegistry {
  private readonly fetchers = new Map<string, NodeFetcher>();

  register(typeName: string, fetcher: NodeFetcher): void {
    if (this.fetchers.has(typeName)) throw new Error(`Node type ${typeName} registered twice`);
    this.fetchers.set(typeName, fetcher);
  }

  fetcher(typeName: string): NodeFetcher | undefined {
    return this.fetchers.get(typeName);
  }
}
