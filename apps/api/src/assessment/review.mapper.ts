import {
  CommentVisibility,
  effectiveScore,
  type Assessment,
  type AssessmentDecision,
  type ReviewComment,
  type VersionedRiskMatrix,
} from '#assessment';
import { INHERENT_TIERS, type InherentTier, type ResidualRating, type RiskMatrix } from '#scoring';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { USER_TYPE } from '../identity/identity.mapper.js';
import { VENDOR_CONTACT_TYPE } from '../vendor/vendor.mapper.js';
import type { RiskMatrixInput } from './review.input.js';
import {
  ReviewCommentModel,
  VendorCommentModel,
  type CommentAuthorKind,
  type CoverageExceptionModel,
  type ScoreOverrideModel,
} from './review.model.js';
import { RiskMatrixModel, type TierRatingsModel } from './risk-matrix.model.js';

export const REVIEW_COMMENT_TYPE = 'ReviewComment';
const API_KEY_TYPE = 'ApiKey';

/** The review fields of an Assessment. */
export function toReviewFields(assessment: Assessment) {
  const scoreOverride: ScoreOverrideModel | null =
    assessment.scoreOverride !== null && assessment.scoreOverriddenAt
      ? {
          score: Number(assessment.scoreOverride),
          justification: assessment.scoreOverrideJustification ?? '',
          overriddenBy: assessment.scoreOverriddenBy
            ? toGlobalId(USER_TYPE, assessment.scoreOverriddenBy)
            : null,
          overriddenAt: assessment.scoreOverriddenAt,
        }
      : null;
  const exception = assessment.coverageException;
  const coverageException: CoverageExceptionModel | null = exception
    ? {
        justification: exception.justification,
        expiresOn: exception.expiresOn,
        gaps: [...exception.gaps],
        grantedBy: exception.grantedBy ? toGlobalId(USER_TYPE, exception.grantedBy) : null,
      }
    : null;
  return {
    reviewerUserId: assessment.reviewerId,
    reviewStartedAt: assessment.reviewStartedAt,
    scoreOverride,
    effectiveScore: effectiveScore(assessment),
    reopenedQuestionKeys: [...assessment.reopenedQuestionKeys],
    residualRating: assessment.residualRating as ResidualRating | null,
    ratingReasons: [...(assessment.ratingReasons ?? [])],
    decision: assessment.decision as AssessmentDecision | null,
    decisionNote: assessment.decisionNote,
    completedAt: assessment.completedAt,
    coverageException,
  };
}

const AUTHOR_KINDS: Readonly<Record<string, CommentAuthorKind>> = {
  member: 'MEMBER',
  apiKey: 'API_KEY',
  vendorContact: 'VENDOR_CONTACT',
};
const AUTHOR_TYPES: Readonly<Record<CommentAuthorKind, string>> = {
  MEMBER: USER_TYPE,
  API_KEY: API_KEY_TYPE,
  VENDOR_CONTACT: VENDOR_CONTACT_TYPE,
};

export function toReviewCommentModel(comment: ReviewComment): ReviewCommentModel {
  const authorKind = AUTHOR_KINDS[comment.authorKind] ?? 'MEMBER';
  return Object.assign(new ReviewCommentModel(), {
    id: toGlobalId(REVIEW_COMMENT_TYPE, comment.id),
    questionKey: comment.questionKey,
    visibility: comment.visibility,
    body: comment.body,
    authorKind,
    authorId: comment.authorId ? toGlobalId(AUTHOR_TYPES[authorKind], comment.authorId) : null,
    createdAt: comment.createdAt,
  });
}

/** A comment as the vendor contact sees it: no visibility, no author beyond which side. */
export function toVendorCommentModel(comment: ReviewComment): VendorCommentModel {
  if (comment.visibility !== CommentVisibility.Vendor) {
    throw new Error('An internal comment never reaches the vendor');
  }
  return Object.assign(new VendorCommentModel(), {
    id: toGlobalId(REVIEW_COMMENT_TYPE, comment.id),
    questionKey: comment.questionKey,
    body: comment.body,
    fromVendor: comment.authorKind === 'vendorContact',
    createdAt: comment.createdAt,
  });
}

const TIER_FIELDS: Readonly<Record<InherentTier, keyof TierRatingsModel>> = {
  TIER_1: 'tier1',
  TIER_2: 'tier2',
  TIER_3: 'tier3',
  TIER_4: 'tier4',
};

export function toRiskMatrixModel(versioned: VersionedRiskMatrix): RiskMatrixModel {
  const { matrix } = versioned;
  return Object.assign(new RiskMatrixModel(), {
    version: versioned.version,
    isDefault: versioned.version === 0,
    updatedAt: versioned.updatedAt,
    bands: [...matrix.bands]
      .sort((a, b) => b.min - a.min)
      .map((band) => ({
        key: band.key,
        min: band.min,
        max: band.max,
        label: band.label ?? null,
        ratings: Object.fromEntries(
          INHERENT_TIERS.map((tier) => [TIER_FIELDS[tier], matrix.ratings[tier][band.key]]),
        ) as unknown as TierRatingsModel,
      })),
  });
}

/**
 * The matrix document validateRiskMatrix reads, from the typed input: each band carries its
 * rating at every tier, so the ratings can only be incomplete through a duplicated band key.
 */
export function fromRiskMatrixInput(input: RiskMatrixInput): unknown {
  const ratings = Object.fromEntries(
    INHERENT_TIERS.map((tier) => [
      tier,
      Object.fromEntries(
        input.bands.map((band) => [band.key, band.ratings[TIER_FIELDS[tier]] as ResidualRating]),
      ),
    ]),
  ) as RiskMatrix['ratings'];
  return {
    bands: input.bands.map((band) => ({
      key: band.key,
      min: band.min,
      max: band.max,
      ...(band.label === undefined || band.label === null ? {} : { label: band.label }),
    })),
    ratings,
  };
}
