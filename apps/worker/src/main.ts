import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, closeOnSignals, exitOnStartupError } from '#core';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = AppConfig.fromProcessEnv();
  if (config.isEmbedded) {
    throw new Error(
      'The worker needs DATABASE_URL: in embedded mode the API and the worker share one process (npm start).',
    );
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  logger.log(`Assay worker consuming jobs (QUEUE_BACKEND=${config.queueBackend})`, 'Bootstrap');
  closeOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, logger });
}

main().catch(exitOnStartupError);
