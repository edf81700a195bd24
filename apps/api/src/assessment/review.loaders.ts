import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ReviewService, type ReviewComment } from '#assessment';
import type { RequestContext } from '#core';
import type { Membership } from '#identity';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

/** Every comment of an assessment, internal ones included: for members only. */
@Injectable()
export class CommentsByAssessmentLoader implements LoaderDefinition<string, ReviewComment[]> {
  constructor(private readonly reviews: ReviewService) {}

  create(ctx: RequestContext): DataLoader<string, ReviewComment[]> {
    return new DataLoader(async (ids) =>
      groupBy(ids, await this.reviews.commentsOf(ctx, ids), (row) => row.assessmentId),
    );
  }
}

/** The comments the vendor contact may read: VENDOR-visible ones, filtered in SQL. */
@Injectable()
export class VendorCommentsByAssessmentLoader implements LoaderDefinition<string, ReviewComment[]> {
  constructor(private readonly reviews: ReviewService) {}

  create(ctx: RequestContext): DataLoader<string, ReviewComment[]> {
    return new DataLoader(async (ids) =>
      groupBy(
        ids,
        await this.reviews.commentsOf(ctx, ids, { vendorVisibleOnly: true }),
        (row) => row.assessmentId,
      ),
    );
  }
}

/** A reviewer's membership by user id; null once they left the organization. */
@Injectable()
export class ReviewerByUserIdLoader implements LoaderDefinition<string, Membership | null> {
  constructor(private readonly reviews: ReviewService) {}

  create(ctx: RequestContext): DataLoader<string, Membership | null> {
    return new DataLoader(async (ids) => {
      const byUser = new Map(
        (await this.reviews.reviewersOf(ctx, ids)).map((row) => [row.userId, row]),
      );
      return ids.map((id) => byUser.get(id) ?? null);
    });
  }
}

/** Whether the request's organization shares scores with vendors, read once per request. */
@Injectable()
export class ScoreSharingLoader implements LoaderDefinition<string, boolean> {
  constructor(private readonly reviews: ReviewService) {}

  create(ctx: RequestContext): DataLoader<string, boolean> {
    return new DataLoader(async (ids) => {
      const shared = await this.reviews.sharesScoreWithVendor(ctx);
      return ids.map(() => shared);
    });
  }
}
