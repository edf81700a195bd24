import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AssessmentComparisonService } from '#assessment';
import type { RequestContext } from '#core';
import type { LoaderDefinition } from '../graphql/graphql-context.js';

/** Open findings raised in each assessment: one grouped count for a whole page. */
@Injectable()
export class OpenFindingCountByAssessmentLoader implements LoaderDefinition<string, number> {
  constructor(private readonly comparisons: AssessmentComparisonService) {}

  create(ctx: RequestContext): DataLoader<string, number> {
    return new DataLoader(async (ids) => {
      const counts = await this.comparisons.openFindingCounts(ctx, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }
}
