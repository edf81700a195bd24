import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  AnswerModel,
  AssessmentModel,
  MissingItemModel,
  VendorAssessmentModel,
} from './assessment.model.js';

@ObjectType()
export class AssessmentPayload {
  @Field(() => AssessmentModel)
  assessment!: AssessmentModel;
}

@ObjectType()
export class SendAssessmentPayload extends AssessmentPayload {}

@ObjectType()
export class ResendInvitationPayload extends AssessmentPayload {}

@ObjectType()
export class RevokeInvitationPayload extends AssessmentPayload {}

@ObjectType()
export class CancelAssessmentPayload extends AssessmentPayload {}

@ObjectType()
export class ExchangeInvitationPayload {
  @Field({ description: 'A vendor-contact session for this one assessment: send it as Bearer.' })
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => ID)
  assessmentId!: string;
}

@ObjectType()
export class SaveAnswersPayload {
  @Field(() => [AnswerModel])
  answers!: AnswerModel[];

  /** The saved assessment's id: its `assessment` field reads it and builds the vendor's view only when asked. */
  assessmentId!: string;
}

@ObjectType()
export class SubmitAssessmentPayload {
  @Field({ description: 'False when something is missing; nothing changed then.' })
  submitted!: boolean;

  @Field(() => [MissingItemModel])
  missing!: MissingItemModel[];

  @Field(() => VendorAssessmentModel)
  assessment!: VendorAssessmentModel;
}
