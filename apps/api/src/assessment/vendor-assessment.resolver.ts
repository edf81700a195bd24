import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { AssessmentService, VendorAssessmentService, type Assessment } from '#assessment';
import type { RequestContext } from '#core';
import { QuestionnaireService } from '#questionnaire';
import { FILE_TYPE } from '../files/file.mapper.js';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import {
  AssessmentIdInput,
  ExchangeInvitationInput,
  SaveAnswersInput,
} from './assessment.input.js';
import { ASSESSMENT_TYPE, toAnswerModel, toVendorAssessmentModel } from './assessment.mapper.js';
import { VendorAssessmentModel } from './assessment.model.js';
import {
  ExchangeInvitationPayload,
  SaveAnswersPayload,
  SubmitAssessmentPayload,
} from './assessment.payload.js';
import { assessmentRowId } from './assessment.resolver.js';
import { toGlobalId } from '../graphql/relay/global-id.js';

/** The assessment as its vendor contact sees it: definition, template name and answers. */
@Injectable()
export class VendorAssessmentViews {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly questionnaires: QuestionnaireService,
  ) {}

  async byId(ctx: RequestContext, assessmentId: string): Promise<VendorAssessmentModel> {
    return this.of(ctx, await this.assessments.findById(ctx, assessmentId));
  }

  async of(ctx: RequestContext, assessment: Assessment): Promise<VendorAssessmentModel> {
    const [definition, templateName, answers] = [
      await this.questionnaires.definitionOf(ctx, assessment.templateVersionId),
      await this.questionnaires.templateNameOf(ctx, assessment.templateVersionId),
      await this.assessments.answersOf(ctx, [assessment.id]),
    ];
    return toVendorAssessmentModel(
      assessment,
      definition,
      answers,
      templateName,
      this.assessments.today(),
    );
  }
}

/** Only the invited vendor contact, and only for the assessments its session names. */
const VENDOR_CONTACT: AccessRule = { vendorContact: true };

/** The vendor contact's operations: exchange the invitation, read, answer, submit. */
@Resolver(() => VendorAssessmentModel)
export class VendorAssessmentResolver {
  constructor(
    private readonly vendorAssessments: VendorAssessmentService,
    private readonly views: VendorAssessmentViews,
  ) {}

  @Allow({ public: true })
  @Mutation(() => ExchangeInvitationPayload, {
    description:
      'Trades the token of an invitation link for a session scoped to that assessment. Expired, rotated, revoked and unknown tokens all answer UNAUTHENTICATED; attempts are rate limited.',
  })
  async exchangeInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ExchangeInvitationInput,
  ): Promise<ExchangeInvitationPayload> {
    const exchanged = await this.vendorAssessments.exchange(ctx, input.token);
    return {
      accessToken: exchanged.accessToken,
      expiresAt: exchanged.expiresAt,
      assessmentId: toGlobalId(ASSESSMENT_TYPE, exchanged.assessmentId),
    };
  }

  @Allow(VENDOR_CONTACT)
  @Query(() => VendorAssessmentModel, {
    description: 'The assessment as the invited vendor contact sees it, in their language.',
  })
  async vendorAssessment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<VendorAssessmentModel> {
    const assessment = await this.vendorAssessments.find(ctx, assessmentRowId(id, 'id'));
    return this.views.of(ctx, assessment);
  }

  @Allow(VENDOR_CONTACT)
  @Mutation(() => SaveAnswersPayload, {
    description:
      'Saves answers, all or none. Each names the revision it read (0 for none); a stale one is CONFLICT with the current answer in `extensions.current`.',
  })
  async saveAnswers(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SaveAnswersInput,
  ): Promise<SaveAnswersPayload> {
    const { assessmentId, answers } = await this.vendorAssessments.saveAnswers(
      ctx,
      assessmentRowId(input.assessmentId, 'input.assessmentId'),
      input.answers.map((answer, index) => ({
        questionKey: answer.questionKey,
        value: answer.value as never,
        notApplicable: answer.notApplicable,
        comment: answer.comment,
        expectedRevision: answer.expectedRevision,
        evidenceFileIds: answer.evidenceFileIds?.map(
          (fileId, position) =>
            fromGlobalId(fileId, {
              path: `input.answers[${index}].evidenceFileIds[${position}]`,
              expectedType: FILE_TYPE,
            }).id,
        ),
      })),
    );
    return { answers: answers.map(toAnswerModel), assessmentId };
  }

  @Allow(VENDOR_CONTACT)
  @Mutation(() => SubmitAssessmentPayload, {
    description:
      'Submits when every required visible question is answered with its required evidence; otherwise lists what is missing and changes nothing.',
  })
  async submitAssessment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AssessmentIdInput,
  ): Promise<SubmitAssessmentPayload> {
    const { assessment, missing } = await this.vendorAssessments.submit(
      ctx,
      assessmentRowId(input.assessmentId, 'input.assessmentId'),
    );
    return {
      submitted: missing.length === 0,
      missing: [...missing],
      assessment: await this.views.of(ctx, assessment),
    };
  }
}

/** A batch save answers at once; the assessment's whole view is built only when selected. */
@Resolver(() => SaveAnswersPayload)
export class SaveAnswersPayloadResolver {
  constructor(private readonly views: VendorAssessmentViews) {}

  @ResolveField(() => VendorAssessmentModel)
  assessment(
    payload: SaveAnswersPayload,
    _args: unknown,
    { ctx }: GraphqlContext,
  ): Promise<VendorAssessmentModel> {
    return this.views.byId(ctx, payload.assessmentId);
  }
}
