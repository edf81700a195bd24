import {
  Global,
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { DatabaseModule } from '../database/database.module.js';
import { createQueueBackend } from './backends/create-queue-backend.js';
import {
  PipelineCheck,
  PipelineCheckDelivery,
  WorkerHeartbeat,
} from './diagnostics/pipeline-check.entity.js';
import { PipelineCheckService } from './diagnostics/pipeline-check.service.js';
import { JobRegistry, REQUIRE_EVERY_JOB_HANDLER } from './job-registry.js';
import { OutboxHousekeeping } from './outbox/outbox-housekeeping.js';
import { OutboxMessage } from './outbox/outbox-message.entity.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxService } from './outbox/outbox.service.js';
import { QueueBackend } from './queue-backend.js';
import { RateLimit } from '../rate-limit/rate-limit.entity.js';
import { StoredFile } from '../files/stored-file.entity.js';

export interface QueueModuleOptions {
  /** Run workers and schedulers in this process (the worker app, or `npm start`). */
  readonly consume: boolean;
  /** Move committed outbox rows to the queue (default true). */
  readonly relay?: boolean;
}

const QUEUE_MODULE_OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');

/** The tables of the platform itself. */
export const CORE_ENTITIES = [
  OutboxMessage,
  PipelineCheck,
  PipelineCheckDelivery,
  WorkerHeartbeat,
  RateLimit,
  StoredFile,
];

/** Starts the relay and (when consuming) schedulers and workers; stops them in order. */
@Injectable()
class QueueRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(QUEUE_MODULE_OPTIONS) private readonly options: QueueModuleOptions,
    private readonly config: AppConfig,
    private readonly backend: QueueBackend,
    private readonly registry: JobRegistry,
    private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.consume) {
      await this.backend.syncSchedules(this.registry.getSchedules());
      await this.backend.startWorkers(
        (name, data, delivery) => this.registry.dispatch(name, data, delivery),
        this.config.queue.concurrency,
      );
    }
    if (this.options.relay ?? true) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    if (this.options.consume) await this.backend.stopWorkers(this.config.shutdownTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}

/** The job registry, the backend QUEUE_BACKEND selects, the outbox and its relay. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule, DatabaseModule.forFeature(CORE_ENTITIES)],
      providers: [
        { provide: QUEUE_MODULE_OPTIONS, useValue: options },
        { provide: REQUIRE_EVERY_JOB_HANDLER, useValue: options.consume },
        { provide: QueueBackend, inject: [AppConfig], useFactory: createQueueBackend },
        JobRegistry,
        OutboxRelay,
        OutboxService,
        OutboxHousekeeping,
        PipelineCheckService,
        QueueRuntime,
      ],
      exports: [
        QueueBackend,
        JobRegistry,
        OutboxService,
        OutboxRelay,
        PipelineCheckService,
        REQUIRE_EVERY_JOB_HANDLER,
      ],
    };
  }
}
