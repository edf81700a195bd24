import type { GraphQLResolveInfo } from 'graphql';
import type { OnModuleInit } from '@nestjs/common';
import { Args, ID, Info, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AssessmentService,
  type Assessment,
  type AssessmentListInclude,
  type ListedAssessment,
} from '#assessment';
import { ApiKeyScope, Role, type RequestContext } from '#core';
import type { AssessmentScore } from '#scoring';
import { Allow, MEMBER_ROLES, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import {
  columnsNeeded,
  connectionNodeFields,
  connectionSelectsCursors,
} from '../graphql/selection.js';
import { MEMBER_TYPE } from '../identity/identity.mapper.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { VersionByIdLoader } from '../questionnaire/questionnaire.loaders.js';
import { toVersionModel } from '../questionnaire/questionnaire.mapper.js';
import { TemplateVersionModel } from '../questionnaire/questionnaire.model.js';
import { versionRowId } from '../questionnaire/questionnaire.resolver.js';
import { VendorFieldLoader } from '../vendor/vendor.loaders.js';
import { toVendorSummaryModel } from '../vendor/vendor.mapper.js';
import { VendorModel } from '../vendor/vendor.model.js';
import { vendorRowId } from '../vendor/vendor.resolver.js';
import {
  AssessmentFilterInput,
  AssessmentIdInput,
  CancelAssessmentInput,
  SendAssessmentInput,
} from './assessment.input.js';
import {
  AnswersByAssessmentLoader,
  InvitationByAssessmentLoader,
  ScoreByAssessmentLoader,
} from './assessment.loaders.js';
import {
  ASSESSMENT_TYPE,
  toAnswerModel,
  toAssessmentBaseModel,
  toAssessmentModel,
  toInvitationModel,
  toScoreModel,
} from './assessment.mapper.js';
import {
  AnswerModel,
  AssessmentModel,
  AssessmentScoreModel,
  InvitationModel,
} from './assessment.model.js';
import {
  CancelAssessmentPayload,
  ResendInvitationPayload,
  RevokeInvitationPayload,
  SendAssessmentPayload,
} from './assessment.payload.js';

/** Every member and read keys see assessments. */
export const READ_ASSESSMENTS: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };
/** Procurement sends them; risk owners and admins too. */
export const SEND_ASSESSMENTS: AccessRule = {
  roles: [Role.Admin, Role.Procurement, Role.RiskOwner],
  apiKey: ApiKeyScope.Write,
};
/** Risk owners review. */
const REVIEW_ASSESSMENTS: AccessRule = {
  roles: [Role.Admin, Role.RiskOwner],
  apiKey: ApiKeyScope.Read,
};

const AssessmentConnection = Connection(AssessmentModel, ASSESSMENT_TYPE);

export const assessmentRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: ASSESSMENT_TYPE }).id;

/**
 * The columns each field of a listed assessment needs, for the fields a page can show from part
 * of each row: those of toAssessmentBaseModel, the vendor and the open finding count (read with
 * the page), the score (read by itself). A page whose nodes ask for anything else reads whole
 * rows.
 */
const ASSESSMENT_LIST_COLUMNS: Readonly<Record<string, ReadonlyArray<keyof Assessment>>> = {
  __typename: [],
  id: [],
  createdAt: ['createdAt'],
  vendor: [],
  openFindingCount: [],
  score: [],
  cycle: ['cycle'],
  status: ['status'],
  language: ['language'],
  dueDate: ['dueDate'],
  overdue: ['status', 'dueDate'],
  sentAt: ['sentAt'],
  submittedAt: ['submittedAt'],
  cancelledAt: ['cancelledAt'],
  overallScore: ['overallScore'],
  version: ['version'],
};

@Resolver(() => AssessmentModel)
export class AssessmentResolver implements OnModuleInit {
  constructor(
    private readonly assessmentService: AssessmentService,
    private readonly nodes: NodeRegistry,
    private readonly vendorField: VendorFieldLoader,
    private readonly versionById: VersionByIdLoader,
    private readonly answersByAssessment: AnswersByAssessmentLoader,
    private readonly invitationByAssessment: InvitationByAssessmentLoader,
    private readonly scoreByAssessment: ScoreByAssessmentLoader,
  ) {}

  onModuleInit(): void {
    this.nodes.register(ASSESSMENT_TYPE, {
      access: READ_ASSESSMENTS,
      fetch: async ({ ctx }, id) => {
        const [assessment] = await this.assessmentService.findByIds(ctx, [id]);
        return assessment ? this.toModel(assessment) : null;
      },
    });
  }

  @Allow(READ_ASSESSMENTS)
  @Query(() => AssessmentConnection, { description: 'Assessments, newest first.' })
  async assessments(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { nullable: true }) filter?: AssessmentFilterInput,
  ): Promise<ConnectionValue<AssessmentModel>> {
    // What the nodes will ask for that the page's own statement can read alongside them.
    const nodeFields = connectionNodeFields(info);
    const vendorFields = nodeFields.get('vendor');
    const include: AssessmentListInclude = {
      columns: columnsNeeded(nodeFields, ASSESSMENT_LIST_COLUMNS),
      vendorSummary:
        (vendorFields && this.vendorField.summaryColumns(vendorFields, info)) ?? undefined,
      openFindingCount: nodeFields.has('openFindingCount'),
      cursors: connectionSelectsCursors(info),
    };
    const result = await this.assessmentService.list(
      ctx,
      {
        ...filter,
        vendorId: filter?.vendorId ? vendorRowId(filter.vendorId, 'filter.vendorId') : null,
        reviewerMemberId: filter?.reviewerId
          ? fromGlobalId(filter.reviewerId, {
              path: 'filter.reviewerId',
              expectedType: MEMBER_TYPE,
            }).id
          : null,
        templateVersionId: filter?.templateVersionId
          ? versionRowId(filter.templateVersionId, 'filter.templateVersionId')
          : null,
      },
      page,
      include,
    );
    const today = this.assessmentService.today();
    return toConnection(result, (listed) => this.toListedModel(listed, include, today), page.after);
  }

  @Allow(READ_ASSESSMENTS)
  @Query(() => AssessmentModel, { description: 'One assessment; NOT_FOUND when there is none.' })
  async assessment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AssessmentModel> {
    return this.toModel(await this.assessmentService.findById(ctx, assessmentRowId(id, 'id')));
  }

  @Allow(REVIEW_ASSESSMENTS)
  @Query(() => AssessmentScoreModel, {
    description: 'The score the current answers would get, before submission; nothing is stored.',
  })
  async scorePreview(
    @Ctx() ctx: RequestContext,
    @Args('assessmentId', { type: () => ID }) assessmentId: string,
  ): Promise<AssessmentScoreModel> {
    return toScoreModel(
      await this.assessmentService.scorePreview(ctx, assessmentRowId(assessmentId, 'assessmentId')),
    );
  }

  @Allow(SEND_ASSESSMENTS)
  @Mutation(() => SendAssessmentPayload, {
    description:
      'Sends a published questionnaire version to a vendor contact: the assessment, and an invitation link by email.',
  })
  async sendAssessment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SendAssessmentInput,
  ): Promise<SendAssessmentPayload> {
    const assessment = await this.assessmentService.send(ctx, {
      vendorId: vendorRowId(input.vendorId, 'input.vendorId'),
      templateVersionId: versionRowId(input.templateVersionId, 'input.templateVersionId'),
      contactId: fromGlobalId(input.contactId, {
        path: 'input.contactId',
        expectedType: 'VendorContact',
      }).id,
      dueDate: input.dueDate,
      language: input.language,
      cycle: input.cycle,
    });
    return { assessment: this.toModel(assessment) };
  }

  @Allow(SEND_ASSESSMENTS)
  @Mutation(() => ResendInvitationPayload, {
    description: 'Emails the invitation again with a new link; the old link stops working.',
  })
  async resendInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AssessmentIdInput,
  ): Promise<ResendInvitationPayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    return { assessment: this.toModel(await this.assessmentService.resendInvitation(ctx, id)) };
  }

  @Allow(SEND_ASSESSMENTS)
  @Mutation(() => RevokeInvitationPayload, { description: 'The invitation link stops working.' })
  async revokeInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AssessmentIdInput,
  ): Promise<RevokeInvitationPayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    return { assessment: this.toModel(await this.assessmentService.revokeInvitation(ctx, id)) };
  }

  @Allow(SEND_ASSESSMENTS)
  @Mutation(() => CancelAssessmentPayload, {
    description: 'Cancels an open assessment and its invitation; anything else is CONFLICT.',
  })
  async cancelAssessment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CancelAssessmentInput,
  ): Promise<CancelAssessmentPayload> {
    const id = assessmentRowId(input.assessmentId, 'input.assessmentId');
    return { assessment: this.toModel(await this.assessmentService.cancel(ctx, id, input.reason)) };
  }

  @ResolveField(() => VendorModel)
  vendor(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
    info: GraphQLResolveInfo,
  ): VendorModel | Promise<VendorModel> {
    return assessment.listedVendor ?? this.vendorField.load(loaders, assessment.vendorRowId, info);
  }

  @ResolveField(() => TemplateVersionModel, {
    description: 'The version the assessment is pinned to.',
  })
  async templateVersion(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel> {
    return toVersionModel(
      (await loaders.get(this.versionById).load(assessment.templateVersionRowId))!,
    );
  }

  @ResolveField(() => InvitationModel, { nullable: true })
  async invitation(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<InvitationModel | null> {
    const invitation = await loaders.get(this.invitationByAssessment).load(assessment.rowId);
    return invitation && toInvitationModel(invitation);
  }

  @ResolveField(() => [AnswerModel])
  async answers(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<AnswerModel[]> {
    return (await loaders.get(this.answersByAssessment).load(assessment.rowId)).map(toAnswerModel);
  }

  @ResolveField(() => AssessmentScoreModel, {
    nullable: true,
    description: 'The score fixed at submission, question by question; null before.',
  })
  async score(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<AssessmentScoreModel | null> {
    // Undefined when the assessment was read without it, as a page of them is.
    const stored =
      assessment.storedScore === undefined
        ? await loaders.get(this.scoreByAssessment).load(assessment.rowId)
        : (assessment.storedScore as AssessmentScore | null);
    return stored ? toScoreModel(stored) : null;
  }

  private toListedModel(
    listed: ListedAssessment,
    include: AssessmentListInclude,
    today: string,
  ): AssessmentModel {
    const model = include.columns
      ? toAssessmentBaseModel(listed.assessment, today)
      : toAssessmentModel(listed.assessment, today);
    if (listed.vendorSummary) model.listedVendor = toVendorSummaryModel(listed.vendorSummary);
    model.listedOpenFindingCount = listed.openFindingCount;
    return model;
  }

  private toModel(assessment: Assessment): AssessmentModel {
    return toAssessmentModel(assessment, this.assessmentService.today());
  }
}
