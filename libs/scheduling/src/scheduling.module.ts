import { Module } from '@nestjs/common';
import { AgreementModule } from '#agreement';
import { AssessmentModule } from '#assessment';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { NotificationModule } from '#notification';
import { QuestionnaireModule } from '#questionnaire';
import { VendorModule } from '#vendor';
import { WebhookModule } from '#webhook';
import { NotificationOccasion } from './notification-occasion.entity.js';
import { ReassessmentScheduler } from './reassessment-scheduler.service.js';
import { ReminderService } from './reminder.service.js';

export const SCHEDULING_ENTITIES = [NotificationOccasion];

/** Follow-up on a cadence: reassessments by tier, reminders, escalations and expiries. */
@Module({
  imports: [
    DatabaseModule.forFeature(SCHEDULING_ENTITIES),
    AgreementModule,
    AssessmentModule,
    AuditModule,
    NotificationModule,
    QuestionnaireModule,
    VendorModule,
    WebhookModule,
  ],
  providers: [ReassessmentScheduler, ReminderService],
  exports: [ReassessmentScheduler, ReminderService],
})
export class SchedulingModule {}
