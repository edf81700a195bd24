import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AssessmentService } from '#assessment';
import { DomainException, Role, type RequestContext } from '#core';
import { QuestionnaireService } from '#questionnaire';
import { ReassessmentScheduler } from '#scheduling';
import {
  ReassessmentPolicyService,
  RiskTier,
  type TierReassessment,
  type VersionedPolicy,
} from '#vendor';
import { toAssessmentModel } from '../assessment/assessment.mapper.js';
import { SEND_ASSESSMENTS } from '../assessment/assessment.resolver.js';
import { Allow, MEMBER_ROLES } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { fromGlobalId, toGlobalId } from '../graphql/relay/global-id.js';
import { QUESTIONNAIRE_TEMPLATE_TYPE } from '../questionnaire/questionnaire.mapper.js';
import { versionRowId } from '../questionnaire/questionnaire.resolver.js';
import { vendorRowId } from '../vendor/vendor.resolver.js';
import {
  ReassessNowInput,
  ReassessNowPayload,
  ReassessmentPolicyModel,
  ReconcileSchedulesPayload,
  UpdateReassessmentPolicyInput,
  UpdateReassessmentPolicyPayload,
} from './reassessment.model.js';

function toPolicyModel({
  policy,
  reminders,
  version,
  updatedAt,
}: VersionedPolicy): ReassessmentPolicyModel {
  return {
    tiers: Object.values(RiskTier).map((tier) => ({
      tier,
      ...policy[tier],
      templateId: policy[tier].templateId
        ? toGlobalId(QUESTIONNAIRE_TEMPLATE_TYPE, policy[tier].templateId)
        : null,
    })),
    reminders: {
      beforeDueDays: [...reminders.beforeDueDays],
      afterDueDays: [...reminders.afterDueDays],
    },
    version,
    updatedAt,
  };
}

@Resolver()
export class ReassessmentResolver {
  constructor(
    private readonly policies: ReassessmentPolicyService,
    private readonly scheduler: ReassessmentScheduler,
    private readonly questionnaires: QuestionnaireService,
    private readonly assessments: AssessmentService,
  ) {}

  @Allow({ roles: MEMBER_ROLES })
  @Query(() => ReassessmentPolicyModel, {
    description: 'How often vendors are reassessed, by inherent tier.',
  })
  async reassessmentPolicy(@Ctx() ctx: RequestContext): Promise<ReassessmentPolicyModel> {
    return toPolicyModel(await this.policies.current(ctx));
  }

  @Allow({ roles: [Role.Admin] })
  @Mutation(() => UpdateReassessmentPolicyPayload, {
    description:
      "Replaces the reassessment policy (every tier) and moves every vendor's next due date with it.",
  })
  async updateReassessmentPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateReassessmentPolicyInput,
  ): Promise<UpdateReassessmentPolicyPayload> {
    const tiers: Record<string, TierReassessment> = {};
    const problems: Array<{ path: string; message: string }> = [];
    for (const [index, entry] of input.tiers.entries()) {
      if (tiers[entry.tier]) {
        problems.push({
          path: `input.tiers[${index}].tier`,
          message: `${entry.tier} is given twice`,
        });
      }
      const templateId = entry.templateId
        ? fromGlobalId(entry.templateId, {
            path: `input.tiers[${index}].templateId`,
            expectedType: QUESTIONNAIRE_TEMPLATE_TYPE,
          }).id
        : null;
      // NOT_FOUND for another organization's template, as for one that does not exist.
      if (templateId) await this.questionnaires.findTemplate(ctx, templateId);
      tiers[entry.tier] = {
        intervalMonths: entry.intervalMonths,
        templateId,
        duePeriodDays: entry.duePeriodDays,
        mode: entry.mode,
      };
    }
    if (problems.length > 0)
      throw DomainException.badUserInput('Invalid reassessment policy', problems);
    return {
      policy: toPolicyModel(
        await this.policies.update(ctx, tiers, input.expectedVersion, input.reminders),
      ),
    };
  }

  @Allow({ roles: [Role.Admin] })
  @Mutation(() => ReconcileSchedulesPayload, {
    description:
      "Compares the organization's due dates with the queue now and repairs it (as the hourly reconciler does), for after a Redis was lost or replaced.",
  })
  async reconcileSchedules(@Ctx() ctx: RequestContext): Promise<ReconcileSchedulesPayload> {
    return this.scheduler.reconcile(ctx.organizationId!);
  }

  @Allow(SEND_ASSESSMENTS)
  @Mutation(() => ReassessNowPayload, {
    description:
      "Sends a TRIGGERED assessment to the vendor's primary contact now, with the policy's template and due period for its tier unless given. CONFLICT when there is no primary contact or nothing to send.",
  })
  async reassessNow(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ReassessNowInput,
  ): Promise<ReassessNowPayload> {
    const assessment = await this.scheduler.reassessNow(ctx, {
      vendorId: vendorRowId(input.vendorId, 'input.vendorId'),
      templateVersionId: input.templateVersionId
        ? versionRowId(input.templateVersionId, 'input.templateVersionId')
        : null,
      dueDate: input.dueDate ?? null,
    });
    return { assessment: toAssessmentModel(assessment, this.assessments.today()) };
  }
}
