import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  AssessmentService,
  type Answer,
  type Assessment,
  type AssessmentInvitation,
} from '#assessment';
import type { RequestContext } from '#core';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

@Injectable()
export class AnswersByAssessmentLoader implements LoaderDefinition<string, Answer[]> {
  constructor(private readonly assessments: AssessmentService) {}

  create(ctx: RequestContext): DataLoader<string, Answer[]> {
    return new DataLoader(async (ids) =>
      groupBy(ids, await this.assessments.answersOf(ctx, ids), (row) => row.assessmentId),
    );
  }
}

/** An assessment's stored score, for assessments read without it (a page of them). */
@Injectable()
export class ScoreByAssessmentLoader implements LoaderDefinition<string, Assessment['score']> {
  constructor(private readonly assessments: AssessmentService) {}

  create(ctx: RequestContext): DataLoader<string, Assessment['score']> {
    return new DataLoader(async (ids) => {
      const scores = await this.assessments.scoresOf(ctx, ids);
      return ids.map((id) => scores.get(id) ?? null);
    });
  }
}

@Injectable()
export class InvitationByAssessmentLoader implements LoaderDefinition<
  string,
  AssessmentInvitation | null
> {
  constructor(private readonly assessments: AssessmentService) {}

  create(ctx: RequestContext): DataLoader<string, AssessmentInvitation | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map(
        (await this.assessments.invitationsOf(ctx, ids)).map((row) => [row.assessmentId, row]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
