import { Module } from '@nestjs/common';
import { AgreementModule } from '#agreement';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { IdentityModule } from '#identity';
import { NotificationModule } from '#notification';
import { QuestionnaireModule } from '#questionnaire';
import { VendorModule } from '#vendor';
import { WebhookModule } from '#webhook';
import { AssessmentInvitation } from './assessment-invitation.entity.js';
import { AssessmentSectionScore } from './assessment-section-score.entity.js';
import { AssessmentService } from './assessment.service.js';
import { VendorSectionScore } from './vendor-section-score.entity.js';
import { Assessment } from './assessment.entity.js';
import { Answer } from './answer.entity.js';
import { Finding } from './finding.entity.js';
import { ReviewComment } from './review-comment.entity.js';
import { ReviewService } from './review.service.js';
import { RiskMatrixRecord } from './risk-matrix.entity.js';
import { RiskMatrixService } from './risk-matrix.service.js';
import { VendorAssessmentService } from './vendor-assessment.service.js';
import { AssessmentComparisonService } from './assessment-comparison.service.js';
import { CarryOverService } from './carry-over.service.js';
import { FindingService } from './finding.service.js';
import { LifecycleEmailService } from './lifecycle-email.service.js';

export const ASSESSMENT_ENTITIES = [
  Assessment,
  AssessmentSectionScore,
  VendorSectionScore,
  AssessmentInvitation,
  Answer,
  ReviewComment,
  Finding,
  RiskMatrixRecord,
];

/** Assessments: sending, invitations, the vendor's answers, submission and its score. */
@Module({
  imports: [
    DatabaseModule.forFeature(ASSESSMENT_ENTITIES),
    AgreementModule,
    AuditModule,
    IdentityModule,
    NotificationModule,
    QuestionnaireModule,
    VendorModule,
    WebhookModule,
  ],
  providers: [
    AssessmentService,
    FindingService,
    VendorAssessmentService,
    AssessmentComparisonService,
    CarryOverService,
    LifecycleEmailService,
    ReviewService,
    RiskMatrixService,
  ],
  exports: [
    AssessmentService,
    FindingService,
    VendorAssessmentService,
    AssessmentComparisonService,
    CarryOverService,
    ReviewService,
    RiskMatrixService,
  ],
})
export class AssessmentModule {}
