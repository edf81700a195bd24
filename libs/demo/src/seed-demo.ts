import { Module, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CoreModule } from '#core';
import { DemoModule } from './demo.module.js';
import { DemoSeeder, type DemoSeedResult } from './demo-seeder.service.js';

/** RFC 5737's TEST-NET-1, where the demo's (disabled) webhook endpoint points. */
const DOCUMENTATION_BLOCK = '192.0.2.0/24';

export interface SeedDemoOptions {
  /** Shown to PostgreSQL as application_name. */
  readonly applicationName: string;
  /** What Nest itself logs while seeding; errors and warnings by default. */
  readonly logLevels?: LogLevel[];
}

/**
 * Seeds the demo portfolio into the database `env` configures (DATABASE_URL, or the embedded
 * one in ASSAY_DATA_DIR) in an application context of its own, which is closed again before
 * this returns: its clock is moved through the demo's history and must never be one a serving
 * application reads. That context relays no outbox rows and runs no jobs; the emails and
 * schedules the demo queues are left to the processes that run jobs (`npm start`, the worker).
 * Its webhook policy also accepts the documentation block the demo endpoint names, so the
 * endpoint is registered through the usual checks; the serving processes still refuse to
 * deliver there.
 */
export async function seedDemoPortfolio(
  env: Record<string, string | undefined>,
  options: SeedDemoOptions,
): Promise<DemoSeedResult> {
  const allowed = [env.WEBHOOK_ALLOWED_ADDRESSES, DOCUMENTATION_BLOCK].filter(Boolean).join(',');
  const config = AppConfig.load({ ...env, WEBHOOK_ALLOWED_ADDRESSES: allowed });

  @Module({
    imports: [
      CoreModule.forRoot({
        config,
        applicationName: options.applicationName,
        consumeJobs: false,
        relayOutbox: false,
      }),
      DemoModule,
    ],
  })
  class DemoSeedModule {}

  const app = await NestFactory.createApplicationContext(DemoSeedModule, {
    logger: options.logLevels ?? ['error', 'warn'],
    abortOnError: false,
  });
  try {
    return await app.get(DemoSeeder).seed();
  } finally {
    await app.close();
  }
}
