import { Injectable } from '@nestjs/common';
import type { AccessRule } from '../access/access-rule.js';
import type { GraphqlContext } from '../graphql-context.js';
import type { Node } from './node.interface.js';

export type NodeFetcher = (context: GraphqlContext, id: string) => Promise<Node | null>;

export interface NodeType {
  /** Who may fetch objects of this type: the rule of the queries that list them. */
  readonly access: AccessRule;
  readonly fetch: NodeFetcher;
}

/** How `node(id:)` fetches, and guards, each type; each API module registers its own. */
@Injectable()
export class NodeRegistry {
  private readonly types = new Map<string, NodeType>();

  register(typeName: string, type: NodeType): void {
    if (this.types.has(typeName)) throw new Error(`Node type ${typeName} registered twice`);
    this.types.set(typeName, type);
  }

  type(typeName: string): NodeType | undefined {
    return this.types.get(typeName);
  }
}
