import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { AssessmentDecision, CommentVisibility } from '#assessment';
import { exposeEnum } from '../graphql/enums.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';

export const AssessmentDecisionEnum = exposeEnum(
  AssessmentDecision,
  'AssessmentDecision',
  'How a risk owner completes a review.',
);
export const CommentVisibilityEnum = exposeEnum(
  CommentVisibility,
  'CommentVisibility',
  'INTERNAL: reviewers only. VENDOR: the vendor contact sees it too.',
);
export const CommentAuthorKindEnum = exposeEnum(
  { MEMBER: 'MEMBER', API_KEY: 'API_KEY', VENDOR_CONTACT: 'VENDOR_CONTACT' } as const,
  'CommentAuthorKind',
);
export type CommentAuthorKind = 'MEMBER' | 'API_KEY' | 'VENDOR_CONTACT';

@ObjectType('ScoreOverride', {
  description: "A reviewer's score in force over the computed one, which stays visible.",
})
export class ScoreOverrideModel {
  @Field(() => Float, { description: '0-100.' })
  score!: number;

  @Field()
  justification!: string;

  @Field(() => ID, { nullable: true, description: 'The user (or API key) who set it.' })
  overriddenBy!: string | null;

  @Field()
  overriddenAt!: Date;
}

@ObjectType('CoverageException', {
  description: 'An approval despite gaps in the agreements: the gaps, why, and until when.',
})
export class CoverageExceptionModel {
  @Field()
  justification!: string;

  @Field(() => LocalDateScalar)
  expiresOn!: string;

  @Field(() => [String], { description: 'What the agreements lacked when it was granted.' })
  gaps!: string[];

  @Field(() => ID, { nullable: true, description: 'The user (or API key) who granted it.' })
  grantedBy!: string | null;
}

@ObjectType('ReviewComment', { description: 'A review comment, as the organization sees it.' })
export class ReviewCommentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The question it is about; null for the assessment as a whole.',
  })
  questionKey!: string | null;

  @Field(() => CommentVisibilityEnum)
  visibility!: CommentVisibility;

  @Field()
  body!: string;

  @Field(() => CommentAuthorKindEnum)
  authorKind!: CommentAuthorKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The User, ApiKey or VendorContact that wrote it.',
  })
  authorId!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('VendorComment', { description: 'A comment the vendor contact may read.' })
export class VendorCommentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  questionKey!: string | null;

  @Field()
  body!: string;

  @Field({ description: 'Written on the vendor’s side; false for the reviewers’.' })
  fromVendor!: boolean;

  @Field()
  createdAt!: Date;
}
