import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { Logger } from 'nestjs-pino';
import { Metrics, type AppConfig } from '#core';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { queryDocumentSizeLimit } from './graphql/limits.js';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware.js';

/** The API application, configured but not listening: `main` and the tests both start from it. */
export async function createApiApplication(
  config: AppConfig,
  options: AppModuleOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  return configureApiApplication(app, config);
}

/** The HTTP set-up of the API: metrics, logging, proxies, body size, query size. */
export function configureApiApplication(
  app: NestExpressApplication,
  config: AppConfig,
): NestExpressApplication {
  // First, so that every request is timed, those refused by the middleware below included.
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which no cache revalidates: no SHA-1 of every response body.
  app.set('etag', false);
  app.set('trust proxy', config.http.trustProxy);
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use('/graphql', queryDocumentSizeLimit(config.graphql.maxQueryBytes));
  return app;
}

/** The SDL of the running application's schema, as committed in schema.graphql. */
export function printApiSchema(app: NestExpressApplication): string {
  return `${printSchema(app.get(GraphQLSchemaHost).schema)}\n`;
}
