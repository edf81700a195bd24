import { Module } from '@nestjs/common';
import { AssessmentModule } from '#assessment';
import { QuestionnaireModule } from '#questionnaire';
import { QuestionnaireApiModule } from '../questionnaire/questionnaire-api.module.js';
import { VendorApiModule } from '../vendor/vendor-api.module.js';
import { AnswersByAssessmentLoader, InvitationByAssessmentLoader } from './assessment.loaders.js';
import { AssessmentResolver } from './assessment.resolver.js';
import { VendorAssessmentResolver } from './vendor-assessment.resolver.js';

@Module({
  imports: [AssessmentModule, QuestionnaireModule, QuestionnaireApiModule, VendorApiModule],
  providers: [
    AssessmentResolver,
    VendorAssessmentResolver,
    AnswersByAssessmentLoader,
    InvitationByAssessmentLoader,
  ],
})
export class AssessmentApiModule {}
