import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '#core';
import { QUEUE_BOARD_PATH } from '../queues/queue-board-http.js';
import { graphqlRequestOutcome } from './graphql-metrics.plugin.js';
import { routeLabel } from './route-label.js';

/** Paths where handlers are mounted outside the app's routes (see routeLabel). */
const MOUNTS = ['/graphql', QUEUE_BOARD_PATH];

/**
 * Times every HTTP request from its arrival to its response being sent, and records it once:
 * as a GraphQL operation when it reached Apollo (by operation type and name, with the codes of
 * its errors), as an HTTP request by route pattern and status class otherwise (files, health,
 * exports, the queue board, and /graphql requests refused before Apollo, such as 413). The
 * first middleware of the app, so that nothing answers before it starts the clock.
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1_000;
      const operation = graphqlRequestOutcome(req);
      if (operation) {
        metrics.recordGraphqlOperation({ ...operation, seconds });
        return;
      }
      const route = (req.route as { path?: unknown } | undefined)?.path;
      metrics.recordHttpRequest({
        method: req.method,
        route: routeLabel(req.originalUrl, route, MOUNTS),
        status: res.statusCode,
        seconds,
      });
    });
    next();
  };
}
