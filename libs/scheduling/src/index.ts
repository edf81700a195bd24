export {
  ReassessmentScheduler,
  reassessmentJobId,
  type ReassessmentOutcome,
} from './reassessment-scheduler.service.js';
export { SchedulingModule } from './scheduling.module.js';
