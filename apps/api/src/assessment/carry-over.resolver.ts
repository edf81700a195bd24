import { Args, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { AssessmentService, CarryOverService } from '#assessment';
import type { RequestContext } from '#core';
import { QuestionnaireService } from '#questionnaire';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { toAnswerModel, toVendorAssessmentModel } from './assessment.mapper.js';
import { AnswerModel, VendorAssessmentModel } from './assessment.model.js';
import { assessmentRowId } from './assessment.resolver.js';
import { ConfirmCarriedOverAnswersInput } from './carry-over.input.js';

/** Only the invited vendor contact, and only for the assessments its session names. */
const VENDOR_CONTACT: AccessRule = { vendorContact: true };

@ObjectType()
export class ConfirmCarriedOverAnswersPayload {
  @Field(() => [AnswerModel], { description: 'The answers named, now confirmed.' })
  answers!: AnswerModel[];

  @Field(() => VendorAssessmentModel)
  assessment!: VendorAssessmentModel;
}

/** The vendor contact keeps answers carried over from the previous cycle as they are. */
@Resolver(() => VendorAssessmentModel)
export class CarryOverResolver {
  constructor(
    private readonly carryOver: CarryOverService,
    private readonly assessments: AssessmentService,
    private readonly questionnaires: QuestionnaireService,
  ) {}

  @Allow(VENDOR_CONTACT)
  @Mutation(() => ConfirmCarriedOverAnswersPayload, {
    description:
      'Confirms answers carried over from the previous cycle without changing them (saving an answer confirms it too). A key that is not a carried-over answer is BAD_USER_INPUT.',
  })
  async confirmCarriedOverAnswers(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ConfirmCarriedOverAnswersInput,
  ): Promise<ConfirmCarriedOverAnswersPayload> {
    const { assessment, answers } = await this.carryOver.confirm(
      ctx,
      assessmentRowId(input.assessmentId, 'input.assessmentId'),
      input.questionKeys,
    );
    const version = await this.questionnaires.findVersion(ctx, assessment.templateVersionId);
    const template = await this.questionnaires.findTemplate(ctx, version.templateId);
    return {
      answers: answers.map(toAnswerModel),
      assessment: toVendorAssessmentModel(
        assessment,
        version.definition,
        await this.assessments.answersOf(ctx, [assessment.id]),
        template.name,
        this.assessments.today(),
      ),
    };
  }
}
