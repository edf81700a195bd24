import { Module } from '@nestjs/common';
import { AssessmentModule } from '#assessment';
import { AuditModule } from '#audit';
import { QuestionnaireModule } from '#questionnaire';
import { VendorModule } from '#vendor';
import { ReassessmentScheduler } from './reassessment-scheduler.service.js';

/** Reassessments on a cadence set by each vendor's tier: due dates, jobs and reconciliation. */
@Module({
  imports: [AssessmentModule, AuditModule, QuestionnaireModule, VendorModule],
  providers: [ReassessmentScheduler],
  exports: [ReassessmentScheduler],
})
export class SchedulingModule {}
