export {
  ReassessmentScheduler,
  reassessmentJobId,
  type ReassessmentOutcome,
} from './reassessment-scheduler.service.js';
export { SCHEDULING_ENTITIES, SchedulingModule } from './scheduling.module.js';
export { NotificationOccasion } from './notification-occasion.entity.js';
export { ReminderService } from './reminder.service.js';
export {
  AGREEMENT_NOTICE_DAYS,
  agreementOccasion,
  assessmentOccasion,
} from './reminder-occasions.js';
