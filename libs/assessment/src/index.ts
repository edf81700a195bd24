export { VendorSectionScore } from './vendor-section-score.entity.js';
export { AssessmentSectionScore } from './assessment-section-score.entity.js';
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
export {
  assertFindingMove,
  canMoveFinding,
  isOpenFinding,
  OPEN_FINDING_STATUSES,
  riskAcceptanceExpired,
  type FindingMoveFacts,
} from './finding-status.js';
export {
  FindingService,
  type FindingChange,
  type FindingFilter,
  type RaiseFindingRequest,
  type RiskAcceptanceRequest,
  type VendorResponseRequest,
} from './finding.service.js';
export { CommentVisibility, ReviewComment } from './review-comment.entity.js';
export { RiskMatrixRecord } from './risk-matrix.entity.js';
export { ASSESSMENT_ENTITIES, AssessmentModule } from './assessment.module.js';
export {
  AssessmentService,
  INVITATION_GRACE_DAYS,
  answerStates,
  type AssessmentFilter,
  type AssessmentListInclude,
  type ListedAssessment,
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
export {
  answerChanges,
  scoreDeltas,
  type AnswerChange,
  type AnswerChangeKind,
  type AnswerSnapshot,
  type ScoreDelta,
  type SectionScoreDelta,
} from './assessment-comparison.js';
export {
  AssessmentComparisonService,
  type AssessmentComparison,
} from './assessment-comparison.service.js';
export {
  CARRY_OVER_SOURCE_STATUSES,
  carriedAnswers,
  carryOverAnswers,
  type CarriedAnswer,
} from './carry-over.js';
export { CarryOverService } from './carry-over.service.js';
export {
  AssessmentDecision,
  ReviewService,
  coverageGaps,
  effectiveScore,
  type ChangeRequest,
  type CommentRequest,
  type CompletionRequest,
  type ScoreOverrideRequest,
} from './review.service.js';
export { RiskMatrixService, type VersionedRiskMatrix } from './risk-matrix.service.js';
