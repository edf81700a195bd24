import { Args, ID, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AssessmentComparisonService, AssessmentService } from '#assessment';
import type { RequestContext } from '#core';
import { Allow } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import { AssessmentModel } from './assessment.model.js';
import { READ_ASSESSMENTS, assessmentRowId } from './assessment.resolver.js';
import { OpenFindingCountByAssessmentLoader } from './comparison.loaders.js';
import { toComparisonModel } from './comparison.mapper.js';
import { AssessmentComparisonModel } from './comparison.model.js';

/** What changed between cycles, and the finding counts of the reviewer's lists. */
@Resolver(() => AssessmentModel)
export class AssessmentComparisonResolver {
  constructor(
    private readonly comparisons: AssessmentComparisonService,
    private readonly assessments: AssessmentService,
    private readonly openFindingCountByAssessment: OpenFindingCountByAssessmentLoader,
  ) {}

  @Allow(READ_ASSESSMENTS)
  @Query(() => AssessmentComparisonModel, {
    description:
      'What changed between two assessments of one vendor: answers, score deltas overall and by section, findings opened and closed. BAD_USER_INPUT for two vendors.',
  })
  async assessmentComparison(
    @Ctx() ctx: RequestContext,
    @Args('fromId', { type: () => ID, description: 'The earlier cycle.' }) fromId: string,
    @Args('toId', { type: () => ID, description: 'The later cycle.' }) toId: string,
  ): Promise<AssessmentComparisonModel> {
    const comparison = await this.comparisons.compare(
      ctx,
      assessmentRowId(fromId, 'fromId'),
      assessmentRowId(toId, 'toId'),
    );
    return toComparisonModel(comparison, this.assessments.today());
  }

  @ResolveField(() => Int, {
    description: 'Findings raised in this assessment that are still open or in remediation.',
  })
  openFindingCount(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): number | Promise<number> {
    return (
      assessment.listedOpenFindingCount ??
      loaders.get(this.openFindingCountByAssessment).load(assessment.rowId)
    );
  }
}
