import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';

/**
 * `/metrics`. Requests are timed by httpMetricsMiddleware, which the application installs
 * first of all (configureApiApplication), and GraphQL operations named by graphqlMetricsPlugin.
 */
@Module({ controllers: [MetricsController] })
export class MetricsApiModule {}
