import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '#core';
import { IdentityModule } from '#identity';
import { AuditApiModule } from './audit/audit-api.module.js';
import { DiagnosticsApiModule } from './diagnostics/diagnostics-api.module.js';
import { FilesApiModule } from './files/files-api.module.js';
import { GraphqlApiModule } from './graphql/graphql-api.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityApiModule } from './identity/identity-api.module.js';
import { MetricsApiModule } from './metrics/metrics-api.module.js';
import { VendorApiModule } from './vendor/vendor-api.module.js';
import { AgreementApiModule } from './agreement/agreement-api.module.js';
import { QuestionnaireApiModule } from './questionnaire/questionnaire-api.module.js';
import { ReportingApiModule } from './reporting/reporting-api.module.js';
import { ExportApiModule } from './reporting/export/export-api.module.js';
import { QueueBoardApiModule } from './queues/queue-board-api.module.js';
import { AssessmentApiModule } from './assessment/assessment-api.module.js';
import { NotificationApiModule } from './notification/notification-api.module.js';
import { SchedulingApiModule } from './scheduling/scheduling-api.module.js';
import { WebhookApiModule } from './webhook/webhook-api.module.js';

export interface AppModuleOptions {
  /** Also run the workers and schedulers in this process (`npm start`). */
  readonly withWorker: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          config,
          applicationName: options.withWorker ? 'assay' : 'assay-api',
          consumeJobs: options.withWorker,
        }),
        IdentityModule,
        GraphqlApiModule,
        HealthModule,
        MetricsApiModule,
        DiagnosticsApiModule,
        IdentityApiModule,
        AuditApiModule,
        FilesApiModule,
        VendorApiModule,
        AgreementApiModule,
        QuestionnaireApiModule,
        AssessmentApiModule,
        NotificationApiModule,
        QueueBoardApiModule,
        SchedulingApiModule,
        WebhookApiModule,
        ReportingApiModule,
        ExportApiModule,
      ],
    };
  }
}
