import { Args, Float, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AssessmentService,
  AssessmentStatus,
  ReviewService,
  RiskMatrixService,
  type Assessment,
} from '#assessment';
import { ApiKeyScope, Role, type RequestContext } from '#core';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import { toMemberModel } from '../identity/identity.mapper.js';
import { MemberModel } from '../identity/member.model.js';
import { toAssessmentModel } from './assessment.mapper.js';
import { AssessmentModel, VendorAssessmentModel } from './assessment.model.js';
import { READ_ASSESSMENTS, assessmentRowId } from './assessment.resolver.js';
import {
  AddReviewCommentInput,
  CompleteAssessmentInput,
  OverrideScoreInput,
  RequestChangesInput,
  StartReviewInput,
  UpdateRiskMatrixInput,
} from './review.input.js';
import {
  CommentsByAssessmentLoader,
  ReviewerByUserIdLoader,
  ScoreSharingLoader,
  VendorCommentsByAssessmentLoader,
} from './review.loaders.js';
import {
  fromRiskMatrixInput,
  toReviewCommentModel,
  toRiskMatrixModel,
  toVendorCommentModel,
} from './review.mapper.js';
import { ReviewCommentModel, VendorCommentModel } from './review.model.js';
import {
  AddReviewCommentPayload,
  CompleteAssessmentPayload,
  OverrideScorePayload,
  RequestChangesPayload,
  StartReviewPayload,
  UpdateRiskMatrixPayload,
} from './review.payload.js';
import { RiskMatrixModel } from './risk-matrix.model.js';

/** Risk owners (and admins) review, request changes, override scores and decide. */
export const REVIEW_ASSESSMENTS: AccessRule = {
  roles: [Role.Admin, Role.RiskOwner],
  apiKey: ApiKeyScope.Write,
};
/** Reviewers, and the invited vendor contact on its own assessment. */
const COMMENT_ON_ASSESSMENTS: AccessRule = { ...REVIEW_ASSESSMENTS, vendorContact: true };
const ADMINS: AccessRule = { roles: [Role.Admin], apiKey: ApiKeyScope.Write };

/** Where the vendor sees its score, when the organization shares it: a fixed, current one. */
const SCORE_SHOWN: readonly AssessmentStatus[] = [
  AssessmentStatus.Submitted,
  AssessmentStatus.InReview,
  AssessmentStatus.Completed,
];

/** The review of an assessment: its transitions, comments and the risk matrix. */
@Resolver()
export class ReviewResolver {
  constructor(
    private readonly reviews: ReviewService,
    private readonly matrices: RiskMatrixService,
    private readonly assessments: AssessmentService,
  ) {}

  @Allow(READ_ASSESSMENTS)
  @Query(() => RiskMatrixModel, {
    description:
      "The organization's risk matrix (the built-in default, version 0, until an admin changes it).",
  })
  async riskMatrix(@Ctx() ctx: RequestContext): Promise<RiskMatrixModel> {
    return toRiskMatrixModel(await this.matrices.current(ctx));
  }

  @Allow(ADMINS)
  @Mutation(() => UpdateRiskMatrixPayload, {
    description:
      'Replaces the risk matrix: bands must cover 0-100 without gaps or overlaps. Every problem is BAD_USER_INPUT with its path under input.matrix.',
  })
  async updateRiskMatrix(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateRiskMatrixInput,
  ): Promise<UpdateRiskMatrixPayload> {
    const saved = await this.matrices.update(
      ctx,
      fromRiskMatrixInput(input.matrix),
      input.expectedVersion,
    );
    return { riskMatrix: toRiskMatrixModel(saved) };
  }

  @Allow(REVIEW_ASSESSMENTS)
  @Mutation(() => StartReviewPayload, {
    description: 'SUBMITTED → IN_REVIEW, with you as the reviewer; anything else is CONFLICT.',
  })
  async startReview(
    @Ctx() ctx: RequestContext,
    @Args('input') input: StartReviewInput,
  ): Promise<StartReviewPayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    return { assessment: this.toModel(await this.reviews.startReview(ctx, id)) };
  }

  @Allow(COMMENT_ON_ASSESSMENTS)
  @Mutation(() => AddReviewCommentPayload, {
    description:
      'A comment on the assessment or one of its questions, INTERNAL or visible to the VENDOR. The invited vendor contact may comment too (always VENDOR-visible).',
  })
  async addReviewComment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AddReviewCommentInput,
  ): Promise<AddReviewCommentPayload> {
    const comment = await this.reviews.addComment(
      ctx,
      assessmentRowId(input.assessmentId, 'input.assessmentId'),
      { body: input.body, questionKey: input.questionKey, visibility: input.visibility },
    );
    return { comment: toReviewCommentModel(comment) };
  }

  @Allow(REVIEW_ASSESSMENTS)
  @Mutation(() => RequestChangesPayload, {
    description:
      'IN_REVIEW → CHANGES_REQUESTED: the vendor may change only these questions until it submits again.',
  })
  async requestChanges(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RequestChangesInput,
  ): Promise<RequestChangesPayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    const assessment = await this.reviews.requestChanges(ctx, id, {
      questionKeys: input.questionKeys,
      comment: input.comment,
    });
    return { assessment: this.toModel(assessment) };
  }

  @Allow(REVIEW_ASSESSMENTS)
  @Mutation(() => OverrideScorePayload, {
    description:
      "Sets the reviewer's score (0-100) over the computed one, which stays visible; null lifts it. In review only.",
  })
  async overrideScore(
    @Ctx() ctx: RequestContext,
    @Args('input') input: OverrideScoreInput,
  ): Promise<OverrideScorePayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    const assessment = await this.reviews.overrideScore(ctx, id, {
      score: input.score ?? null,
      justification: input.justification,
    });
    return { assessment: this.toModel(assessment) };
  }

  @Allow(REVIEW_ASSESSMENTS)
  @Mutation(() => CompleteAssessmentPayload, {
    description:
      'IN_REVIEW → COMPLETED with a decision; rates the residual risk and copies it to the vendor. Approving despite agreement gaps needs a coverageException; otherwise CONFLICT names the gaps (also in extensions.current.gaps).',
  })
  async completeAssessment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CompleteAssessmentInput,
  ): Promise<CompleteAssessmentPayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    const assessment = await this.reviews.complete(ctx, id, {
      decision: input.decision,
      note: input.note,
      coverageException: input.coverageException,
    });
    return { assessment: this.toModel(assessment) };
  }

  private toModel(assessment: Assessment): AssessmentModel {
    return toAssessmentModel(assessment, this.assessments.today());
  }
}

/** The review relations of Assessment. */
@Resolver(() => AssessmentModel)
export class AssessmentReviewFieldsResolver {
  constructor(
    private readonly commentsByAssessment: CommentsByAssessmentLoader,
    private readonly reviewerByUserId: ReviewerByUserIdLoader,
  ) {}

  @ResolveField(() => [ReviewCommentModel], {
    description: 'Every review comment, internal ones included, oldest first.',
  })
  async comments(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<ReviewCommentModel[]> {
    return (await loaders.get(this.commentsByAssessment).load(assessment.rowId)).map(
      toReviewCommentModel,
    );
  }

  @ResolveField(() => MemberModel, {
    nullable: true,
    description:
      'The member who started the review; null before, for an API key, or once they left.',
  })
  async reviewer(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<MemberModel | null> {
    if (!assessment.reviewerUserId) return null;
    const membership = await loaders.get(this.reviewerByUserId).load(assessment.reviewerUserId);
    return membership && toMemberModel(membership);
  }
}

/** What the vendor contact sees of the review. */
@Resolver(() => VendorAssessmentModel)
export class VendorAssessmentReviewResolver {
  constructor(
    private readonly vendorComments: VendorCommentsByAssessmentLoader,
    private readonly scoreSharing: ScoreSharingLoader,
  ) {}

  @ResolveField(() => [VendorCommentModel], {
    description: 'The comments addressed to you, and yours, oldest first.',
  })
  async comments(
    assessment: VendorAssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<VendorCommentModel[]> {
    return (await loaders.get(this.vendorComments).load(assessment.rowId)).map(
      toVendorCommentModel,
    );
  }

  @ResolveField(() => Float, {
    nullable: true,
    description:
      'The overall score fixed at submission, once submitted, when the organization shares scores; null otherwise.',
  })
  async score(
    assessment: VendorAssessmentModel,
    _args: unknown,
    { ctx, loaders }: GraphqlContext,
  ): Promise<number | null> {
    if (!SCORE_SHOWN.includes(assessment.status)) return null;
    if (!(await loaders.get(this.scoreSharing).load(ctx.organizationId ?? ''))) return null;
    return assessment.storedOverallScore;
  }
}
