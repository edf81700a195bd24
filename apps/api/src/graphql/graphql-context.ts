import type { Request } from 'express';
import DataLoader from 'dataloader';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext, type TransactionalConnection } from '#core';

/** A batch loader, defined once as a provider and instantiated per request. */
export interface LoaderDefinition<Key, Value> {
  create(ctx: RequestContext): DataLoader<Key, Value>;
}

/**
 * The DataLoaders of one request, created on first use. Relation fields go through them, so
 * the number of SQL statements does not grow with the page size.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<
    LoaderDefinition<unknown, unknown>,
    DataLoader<unknown, unknown>
  >();

  constructor(private readonly ctx: RequestContext) {}

  get<Key, Value>(definition: LoaderDefinition<Key, Value>): DataLoader<Key, Value> {
    let loader = this.loaders.get(definition as LoaderDefinition<unknown, unknown>);
    if (!loader) {
      loader = definition.create(this.ctx) as DataLoader<unknown, unknown>;
      this.loaders.set(definition as LoaderDefinition<unknown, unknown>, loader);
    }
    return loader as DataLoader<Key, Value>;
  }
}

/** What every resolver receives as GraphQL context. */
export interface GraphqlContext {
  readonly req: Request;
  readonly ctx: RequestContext;
  readonly loaders: LoaderRegistry;
}

/** Builds each request's context, with a unit of work that unitOfWorkPlugin finishes. */
export function graphqlContextFactory(connection: TransactionalConnection) {
  return ({ req }: { req: Request }): GraphqlContext => {
    const ctx = RequestContext.create({
      requestId: String(req.id ?? ''),
      actor: { kind: 'anonymous' },
      ip: req.ip ?? null,
      unitOfWork: connection.beginRequest(null),
    });
    return { req, ctx, loaders: new LoaderRegistry(ctx) };
  };
}

/** The RequestContext of the current GraphQL request. */
export const Ctx = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): RequestContext =>
    GqlExecutionContext.create(execution).getContext<GraphqlContext>().ctx,
);

/** The per-request DataLoader registry. */
export const Loaders = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): LoaderRegistry =>
    GqlExecutionContext.create(execution).getContext<GraphqlContext>().loaders,
);
