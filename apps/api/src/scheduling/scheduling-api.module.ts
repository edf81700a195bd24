import { Module } from '@nestjs/common';
import { AssessmentModule } from '#assessment';
import { QuestionnaireModule } from '#questionnaire';
import { SchedulingModule } from '#scheduling';
import { VendorModule } from '#vendor';
import { ReassessmentResolver } from './reassessment.resolver.js';

@Module({
  imports: [AssessmentModule, QuestionnaireModule, SchedulingModule, VendorModule],
  providers: [ReassessmentResolver],
})
export class SchedulingApiModule {}
