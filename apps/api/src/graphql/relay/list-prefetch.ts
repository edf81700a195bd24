import { Injectable } from '@nestjs/common';
import type { FieldNode } from 'graphql';
import type { GraphqlContext } from '../graphql-context.js';

/**
 * Reads, for a whole page of `models`, what one field of theirs needs, and leaves it on each
 * model for the field's resolver to answer at once. `selected` holds every field the nodes
 * select, by name, so that a prefetcher can share what another field reads anyway.
 */
export type ListPrefetcher<Model> = (
  context: GraphqlContext,
  models: readonly Model[],
  selected: ReadonlyMap<string, readonly FieldNode[]>,
) => Promise<void>;

/**
 * What a list reads for its nodes' fields before returning them, by type and field; the module
 * that resolves a field registers its own. A field answered from a DataLoader costs a promise
 * per node; one prefetched for the page costs the same one statement and none.
 */
@Injectable()
export class ListPrefetchRegistry {
  private readonly prefetchers = new Map<string, Map<string, ListPrefetcher<never>>>();

  register<Model>(typeName: string, fieldName: string, prefetch: ListPrefetcher<Model>): void {
    let fields = this.prefetchers.get(typeName);
    if (!fields) this.prefetchers.set(typeName, (fields = new Map()));
    if (fields.has(fieldName)) throw new Error(`${typeName}.${fieldName} prefetched twice`);
    fields.set(fieldName, prefetch as ListPrefetcher<never>);
  }

  /**
   * Runs, one after another, the prefetchers of the fields the connection's nodes select
   * (`selected`, from connectionNodeFields()).
   */
  async prefetch<Model>(
    typeName: string,
    context: GraphqlContext,
    models: readonly Model[],
    selected: ReadonlyMap<string, readonly FieldNode[]>,
  ): Promise<void> {
    const fields = this.prefetchers.get(typeName);
    if (!fields || models.length === 0) return;
    for (const name of selected.keys()) {
      const prefetch = fields.get(name) as ListPrefetcher<Model> | undefined;
      if (prefetch) await prefetch(context, models, selected);
    }
  }
}
