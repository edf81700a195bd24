import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '#core';
import { IdentityModule } from '#identity';
import { QuestionnaireModule } from '#questionnaire';
import { SchedulingModule } from '#scheduling';
import { WebhookModule } from '#webhook';

/** Workers and schedulers only; no HTTP. */
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
    };
  }
}
