import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { AppConfig, closeOnSignals, exitOnStartupError } from '#core';
import { createApiApplication } from './bootstrap.js';
import { offerDemo } from './demo-offer.js';
import { startupBanner } from './startup-banner.js';

async function main(): Promise<void> {
  const config = AppConfig.fromProcessEnv();
  const demo = await offerDemo(config);
  // The embedded database takes one connection, so the worker must share this process.
  const withWorker = process.argv.includes('--with-worker') || config.isEmbedded;
  const app = await createApiApplication(config, { withWorker });
  await app.listen(config.http.port, config.http.host);
  const logger = app.get(Logger);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  logger.log(`Assay API listening on http://${config.http.host}:${port}/graphql`, 'Bootstrap');
  if (config.isEmbedded) process.stdout.write(startupBanner(config, port, demo));
  closeOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, logger });
}

main().catch(exitOnStartupError);
