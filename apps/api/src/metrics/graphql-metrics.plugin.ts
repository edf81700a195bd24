import type { Request } from 'express';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphqlContext } from '../graphql/graphql-context.js';
import { RequestSlot } from '../http/request-slot.js';

/** The GraphQL request each HTTP request carried, for HttpMetricsMiddleware to record. */
const graphqlRequests = new RequestSlot<GraphQLRequestContext<GraphqlContext>>('graphql request');

/** What a GraphQL request amounted to once its response was sent. */
export interface GraphqlRequestOutcome {
  readonly type: string | null;
  readonly name: string | null;
  readonly errorCodes: unknown[];
}

/**
 * Marks each HTTP request that reached Apollo as a GraphQL operation. The operation is recorded
 * once the response is sent (HttpMetricsMiddleware), not here: plugins' willSendResponse hooks
 * run together, and unitOfWorkPlugin may still turn the response into an error in its own.
 */
export const graphqlMetricsPlugin: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart(requestContext) {
    const req = requestContext.contextValue.req as Request | undefined;
    if (req) graphqlRequests.set(req, requestContext);
  },
};

/** The operation `req` carried, read from its final response; null if it never reached Apollo. */
export function graphqlRequestOutcome(req: Request): GraphqlRequestOutcome | null {
  const requestContext = graphqlRequests.get(req);
  if (!requestContext) return null;
  const { operation, request, response } = requestContext;
  const body = response.body;
  const errors =
    body?.kind === 'single'
      ? body.singleResult.errors
      : body?.kind === 'incremental'
        ? body.initialResult.errors
        : undefined;
  return {
    type: operation?.operation ?? null,
    // A document that never resolved to an operation has only the name the client sent.
    name: operation ? (operation.name?.value ?? null) : (request.operationName ?? null),
    errorCodes: (errors ?? []).map((error) => error.extensions?.code),
  };
}
