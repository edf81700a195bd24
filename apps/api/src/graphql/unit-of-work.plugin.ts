import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphqlContext } from './graphql-context.js';

const logger = new Logger('GraphQL');

/**
 * Commits the request's transaction before the response leaves, so a client never sees a change
 * that was not committed; a failed commit turns the response into INTERNAL_SERVER_ERROR. A
 * query that wrote nothing has nothing to make durable: its transaction ends after the response.
 */
export const unitOfWorkPlugin: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operation }) {
        const unit = contextValue.ctx.unitOfWork;
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
