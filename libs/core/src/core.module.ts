import { Module, type DynamicModule } from '@nestjs/common';
import { Clock } from './clock/clock.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { AuthSecret } from './crypto/auth-secret.js';
import { SecretBox } from './crypto/secret-box.js';
import { DatabaseModule } from './database/database.module.js';
import { FileModule } from './files/file.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { QueueModule } from './queue/queue.module.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { ScrapeGuard } from './metrics/scrape-guard.js';

export interface CoreModuleOptions {
  readonly config: AppConfig;
  /** Shown to PostgreSQL as application_name. */
  readonly applicationName: string;
  /** Whether this process runs workers and schedulers. */
  readonly consumeJobs: boolean;
  /**
   * Whether this process moves committed outbox rows to the queue (default true). A process
   * that only writes, such as the demo seed, leaves them to the processes that run jobs: with
   * the in-process queue of the embedded mode, jobs relayed there would be lost at exit.
   */
  readonly relayOutbox?: boolean;
}

/** The platform every app starts from: config, logs, database, clock, queues and outbox, files. */
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot(),
        MetricsModule,
        DatabaseModule.forRoot({ applicationName: options.applicationName }),
        QueueModule.forRoot({
          consume: options.consumeJobs,
          relay: options.relayOutbox ?? true,
        }),
        FileModule,
      ],
      providers: [
        Clock,
        SecretBox,
        RateLimiter,
        ScrapeGuard,
        { provide: AuthSecret, inject: [AppConfig], useFactory: AuthSecret.resolve },
      ],
      exports: [Clock, AuthSecret, SecretBox, RateLimiter, ScrapeGuard, LoggingModule, FileModule],
    };
  }
}
