import type { Request } from 'express';
import DataLoader from 'dataloader';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext, type TransactionalConnection } from '#core';
import type { AuthenticationService } from '#identity';

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

/**
 * What every resolver receives as GraphQL context. Field resolvers (@ResolveField) take
 * graphql-js's own arguments, `(parent, args, context)`, instead of parameter decorators: Nest
 * then calls the method as it is, where decorators would send every call, once per row of a
 * page, through its context creator and the global pipes. Guards and filters never apply to
 * field resolvers here (no `fieldResolverEnhancers`); queries and mutations keep them all.
 */
export interface GraphqlContext {
  readonly req: Request;
  readonly ctx: RequestContext;
  readonly loaders: LoaderRegistry;
  /** Why the request's credentials were refused, if they were; the access guard reports it. */
  readonly authenticationError: string | null;
}

/**
 * Builds each request's context: authenticates its credentials first, so that the principal and
 * its organization are fixed before any resolver runs, and the request's unit of work sees that
 * organization's rows only (unitOfWorkPlugin finishes it).
 */
export function graphqlContextFactory(
  connection: TransactionalConnection,
  authentication: AuthenticationService,
) {
  return async ({ req }: { req: Request }): Promise<GraphqlContext> => {
    const apiKey = req.headers['x-api-key'];
    const result = await authentication.authenticate({
      authorization: req.headers.authorization,
      apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      requestId: String(req.id ?? ''),
    });
    const actor = result.ok ? result.actor : { kind: 'anonymous' as const };
    const organizationId = result.ok ? result.organizationId : null;
    const ctx = RequestContext.create({
      requestId: String(req.id ?? ''),
      actor,
      organizationId,
      ip: req.ip ?? null,
      unitOfWork: connection.beginRequest(organizationId),
    });
    return {
      req,
      ctx,
      loaders: new LoaderRegistry(ctx),
      authenticationError: result.ok ? null : result.reason,
    };
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
