import { Module } from '@nestjs/common';
import { AgreementModule } from '#agreement';
import { AssessmentModule } from '#assessment';
import { AuditModule } from '#audit';
import { IdentityModule } from '#identity';
import { QuestionnaireModule } from '#questionnaire';
import { SchedulingModule } from '#scheduling';
import { VendorModule } from '#vendor';
import { WebhookModule } from '#webhook';
import { DemoSeeder } from './demo-seeder.service.js';

/** The demo portfolio, built through every domain's services. */
@Module({
  imports: [
    AuditModule,
    IdentityModule,
    VendorModule,
    AgreementModule,
    QuestionnaireModule,
    AssessmentModule,
    WebhookModule,
    SchedulingModule,
  ],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
