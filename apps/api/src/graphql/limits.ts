import type { NextFunction, Request, Response } from 'express';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '#core';

/**
 * Depth, alias, cost and directive limits (graphql-armor), as Apollo plugins and rules. The
 * token limit is graphql-js's own `maxTokens` parse option instead (see GraphqlApiModule):
 * armor's Apollo token plugin re-parses in a hook whose errors become HTTP 500.
 */
export function graphqlArmor(config: AppConfig) {
  const limits = config.graphql;
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: false },
    maxAliases: { n: limits.maxAliases, exposeLimits: false },
    costLimit: { maxCost: limits.maxCost, exposeLimits: false },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
}

/**
 * Refuses a query document over GRAPHQL_MAX_QUERY_BYTES before it is parsed: whitespace and
 * comments are not tokens, so the token limit alone does not bound the size.
 */
export function queryDocumentSizeLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as { query?: unknown } | unknown[] | undefined;
    const documents = Array.isArray(body) ? body : [body ?? req.query];
    const tooLarge = documents.some((document) => {
      const query = (document as { query?: unknown } | undefined)?.query;
      return typeof query === 'string' && Buffer.byteLength(query) > maxBytes;
    });
    if (!tooLarge) return next();
    res.status(413).json({
      errors: [
        {
          message: `The query document exceeds ${maxBytes} bytes`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  };
}
