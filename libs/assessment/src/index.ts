export { AssessmentInvitation } from './assessment-invitation.entity.js';
export {
  AssessmentCycle,
  AssessmentStatus,
  assertAssessmentMove,
  canMoveAssessment,
  isOpenAssessment,
  vendorMayAnswer,
} from './assessment-status.js';
export { Assessment, type CoverageException } from './assessment.entity.js';
export {
  Finding,
  FindingSource,
  FindingStatus,
  type RiskAcceptance,
  type VendorResponse,
} from './finding.entity.js';
export { CommentVisibility, ReviewComment } from './review-comment.entity.js';
export { RiskMatrixRecord } from './risk-matrix.entity.js';
export { ASSESSMENT_ENTITIES, AssessmentModule } from './assessment.module.js';
export {
  AssessmentService,
  INVITATION_GRACE_DAYS,
  answerStates,
  type AssessmentFilter,
  type SendRequest,
} from './assessment.service.js';
export { Answer } from './answer.entity.js';
export {
  VENDOR_SESSION_SECONDS,
  VendorAssessmentService,
  missingItems,
  progressOf,
  type AnswerInput,
  type ExchangedInvitation,
  type MissingItem,
  type Progress,
} from './vendor-assessment.service.js';
