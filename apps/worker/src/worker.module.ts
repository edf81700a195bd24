import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, MetricsListener, type AppConfig } from '#core';
import { IdentityModule } from '#identity';
import { QuestionnaireModule } from '#questionnaire';
import { SchedulingModule } from '#scheduling';
import { WebhookModule } from '#webhook';

/** Workers and schedulers only; no HTTP but the optional /metrics listener. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config, applicationName: 'assay-worker', consumeJobs: true }),
        IdentityModule,
        QuestionnaireModule,
        SchedulingModule,
        WebhookModule,
      ],
      // No HTTP server here: /metrics gets a listener of its own when WORKER_METRICS_PORT is set.
      providers: [MetricsListener],
    };
  }
}
