import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import type { GraphqlContext } from './graphql-context.js';

const logger = new Logger('GraphQL');

/** Whether `operation` is exactly one mutation field (no fragments, no second field). */
function isOneMutation(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === OperationTypeNode.MUTATION &&
    operation.selectionSet.selections.length === 1 &&
    operation.selectionSet.selections[0]!.kind === Kind.FIELD
  );
}

/**
 * Commits the request's transaction before the response leaves, so a client never sees a change
 * that was not committed; a failed commit turns the response into INTERNAL_SERVER_ERROR. A
 * query that wrote nothing has nothing to make durable (its reads went alone, without a
 * transaction): its connection goes back to the pool after the response.
 * A request of one mutation runs it without a savepoint: when it fails, the whole transaction
 * rolls back, and the mutation's error is the answer.
 */
export const unitOfWorkPlugin: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (operation && isOneMutation(operation)) contextValue.ctx.unitOfWork?.servesOneMutation();
      },
      async willSendResponse({ contextValue, response, operation }) {
        const unit = contextValue.ctx.unitOfWork;
        const body = response.body;
        if (unit?.failed && body.kind === 'single' && body.singleResult.errors?.length) {
          await unit.finish('rollback');
          return;
        }
        if (unit && operation?.operation === 'query' && !unit.mayHaveWritten) {
          void unit.finish('commit').catch((error: unknown) => {
            logger.error(`Ending a read-only transaction failed: ${(error as Error).message}`);
          });
          return;
        }
        try {
          await unit?.finish('commit');
        } catch (error) {
          logger.error(error instanceof Error ? error : new Error(String(error)), 'Commit failed');
          response.http.status = 500;
          response.body = {
            kind: 'single',
            singleResult: {
              errors: [
                { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
              ],
            },
          };
        }
      },
    };
  },
};
