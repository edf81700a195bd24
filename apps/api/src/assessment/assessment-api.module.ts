import { Module } from '@nestjs/common';
import { AssessmentModule } from '#assessment';
import { QuestionnaireModule } from '#questionnaire';
import { QuestionnaireApiModule } from '../questionnaire/questionnaire-api.module.js';
import { VendorApiModule } from '../vendor/vendor-api.module.js';
import {
  AnswersByAssessmentLoader,
  InvitationByAssessmentLoader,
  ScoreByAssessmentLoader,
} from './assessment.loaders.js';
import { AssessmentResolver } from './assessment.resolver.js';
import {
  SaveAnswersPayloadResolver,
  VendorAssessmentResolver,
  VendorAssessmentViews,
} from './vendor-assessment.resolver.js';
import { FindingApiModule } from './finding-api.module.js';
import { CarryOverResolver } from './carry-over.resolver.js';
import { OpenFindingCountByAssessmentLoader } from './comparison.loaders.js';
import { AssessmentComparisonResolver } from './comparison.resolver.js';
import {
  CommentsByAssessmentLoader,
  ReviewerByUserIdLoader,
  ScoreSharingLoader,
  VendorCommentsByAssessmentLoader,
} from './review.loaders.js';
import {
  AssessmentReviewFieldsResolver,
  ReviewResolver,
  VendorAssessmentReviewResolver,
} from './review.resolver.js';

@Module({
  imports: [
    AssessmentModule,
    FindingApiModule,
    QuestionnaireModule,
    QuestionnaireApiModule,
    VendorApiModule,
  ],
  providers: [
    AssessmentResolver,
    VendorAssessmentResolver,
    VendorAssessmentViews,
    SaveAnswersPayloadResolver,
    AnswersByAssessmentLoader,
    ScoreByAssessmentLoader,
    InvitationByAssessmentLoader,
    AssessmentComparisonResolver,
    OpenFindingCountByAssessmentLoader,
    CarryOverResolver,
    ReviewResolver,
    AssessmentReviewFieldsResolver,
    VendorAssessmentReviewResolver,
    CommentsByAssessmentLoader,
    VendorCommentsByAssessmentLoader,
    ReviewerByUserIdLoader,
    ScoreSharingLoader,
  ],
})
export class AssessmentApiModule {}
