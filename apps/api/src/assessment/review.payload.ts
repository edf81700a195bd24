import { Field, ObjectType } from '@nestjs/graphql';
import { AssessmentPayload } from './assessment.payload.js';
import { ReviewCommentModel } from './review.model.js';
import { RiskMatrixModel } from './risk-matrix.model.js';

@ObjectType()
export class StartReviewPayload extends AssessmentPayload {}

@ObjectType()
export class RequestChangesPayload extends AssessmentPayload {}

@ObjectType()
export class OverrideScorePayload extends AssessmentPayload {}

@ObjectType()
export class CompleteAssessmentPayload extends AssessmentPayload {}

@ObjectType({
  description: 'Only the comment: a vendor contact may add one too, and sees nothing internal.',
})
export class AddReviewCommentPayload {
  @Field(() => ReviewCommentModel)
  comment!: ReviewCommentModel;
}

@ObjectType()
export class UpdateRiskMatrixPayload {
  @Field(() => RiskMatrixModel)
  riskMatrix!: RiskMatrixModel;
}
