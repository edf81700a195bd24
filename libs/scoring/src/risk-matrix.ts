import { z } from 'zod';
import { pathString, type FindingSeverity } from '#questionnaire';
import { roundScore, type AssessmentScore } from './score-assessment.js';

/**
 * The residual rating: the organization's risk matrix maps inherent tier × score band to
 * `LOW | MEDIUM | HIGH | CRITICAL`, and a failed knockout caps the result at no better than
 * its severity.
 *
 * The tiers are spelled out here rather than imported from `#vendor`, whose index also exports
 * TypeORM entities; scoring stays free of them. The strings are the same, so the vendor's
 * `RiskTier` enum values are accepted as they are.
 */
export const INHERENT_TIERS = ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'] as const;
/** TIER_1 is the most critical; same values as `RiskTier` in `#vendor`. */
export type InherentTier = (typeof INHERENT_TIERS)[number];

/** Ordered from best to worst. */
export const RESIDUAL_RATINGS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type ResidualRating = (typeof RESIDUAL_RATINGS)[number];

/**
 * A score band covers `min <= score < max`, except that a band ending at 100 includes 100.
 * Bands together cover 0-100 without gaps or overlaps. Scores are banded after `roundScore`.
 */
export interface ScoreBand {
  readonly key: string;
  readonly min: number;
  readonly max: number;
  readonly label?: string;
}

export interface RiskMatrix {
  readonly bands: readonly ScoreBand[];
  /** For every tier, a rating for every band key. */
  readonly ratings: Readonly<Record<InherentTier, Readonly<Record<string, ResidualRating>>>>;
}

export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  bands: [
    { key: 'STRONG', min: 85, max: 100, label: '85 and above' },
    { key: 'ADEQUATE', min: 70, max: 85, label: '70 to under 85' },
    { key: 'WEAK', min: 50, max: 70, label: '50 to under 70' },
    { key: 'POOR', min: 0, max: 50, label: 'under 50' },
  ],
  ratings: {
    TIER_1: { STRONG: 'MEDIUM', ADEQUATE: 'HIGH', WEAK: 'CRITICAL', POOR: 'CRITICAL' },
    TIER_2: { STRONG: 'LOW', ADEQUATE: 'MEDIUM', WEAK: 'HIGH', POOR: 'CRITICAL' },
    TIER_3: { STRONG: 'LOW', ADEQUATE: 'LOW', WEAK: 'MEDIUM', POOR: 'HIGH' },
    TIER_4: { STRONG: 'LOW', ADEQUATE: 'LOW', WEAK: 'LOW', POOR: 'MEDIUM' },
  },
};

export interface RiskMatrixError {
  readonly path: string;
  readonly message: string;
}

export interface RiskMatrixValidation {
  readonly valid: boolean;
  readonly errors: readonly RiskMatrixError[];
  /** The matrix, when valid. */
  readonly matrix?: RiskMatrix;
}

const bandSchema = z.strictObject({
  key: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
      'must be 1-64 letters, digits, "_", ".", ":" or "-"',
    ),
  min: z.number().finite().min(0).max(100),
  max: z.number().finite().min(0).max(100),
  label: z.string().trim().min(1).max(100).optional(),
});

const matrixSchema = z.strictObject({
  bands: z.array(bandSchema).min(1).max(20),
  // Tiers and band keys are checked below, so a missing one gets its own message and path.
  ratings: z.record(
    z.string(),
    z.record(
      z.string(),
      z.enum(RESIDUAL_RATINGS, { error: `must be one of ${RESIDUAL_RATINGS.join(', ')}` }),
    ),
  ),
});

/**
 * Checks an admin-supplied matrix: its shape, bands that cover 0-100 without gaps or overlaps,
 * and a valid rating for every tier and band. Returns every problem with its path.
 */
export function validateRiskMatrix(input: unknown): RiskMatrixValidation {
  const parsed = matrixSchema.safeParse(input);
  if (!parsed.success) {
    return {
      valid: false,
      errors: parsed.error.issues.map((issue) => ({
        path: pathString(issue.path),
        message:
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
            : issue.code === 'invalid_type' && issue.input === undefined
              ? 'is required'
              : issue.message,
      })),
    };
  }
  const { bands, ratings } = parsed.data;
  const errors: RiskMatrixError[] = [];

  const seen = new Map<string, number>();
  bands.forEach((band, index) => {
    const earlier = seen.get(band.key);
    if (earlier !== undefined) {
      errors.push({
        path: `bands[${index}].key`,
        message: `band key "${band.key}" is already used at bands[${earlier}]`,
      });
    } else {
      seen.set(band.key, index);
    }
    if (band.min >= band.max) {
      errors.push({ path: `bands[${index}].max`, message: `must be above min (${band.min})` });
    }
  });
  const ordered = bands
    .map((band, index) => ({ band, index }))
    .filter(({ band }) => band.min < band.max)
    .sort((a, b) => a.band.min - b.band.min || a.band.max - b.band.max);
  if (ordered.length > 0) {
    const first = ordered[0]!;
    if (first.band.min > 0) {
      errors.push({
        path: `bands[${first.index}].min`,
        message: `scores 0-${first.band.min} fall in no band: the lowest band must start at 0`,
      });
    }
    // The band that reaches furthest, so an overlap that swallows a later band is not missed.
    let reach = first;
    for (const current of ordered.slice(1)) {
      if (current.band.min > reach.band.max) {
        errors.push({
          path: `bands[${current.index}].min`,
          message: `gap: scores ${reach.band.max}-${current.band.min} fall in no band (bands[${reach.index}] ends at ${reach.band.max})`,
        });
      } else if (current.band.min < reach.band.max) {
        errors.push({
          path: `bands[${current.index}].min`,
          message: `overlap: scores ${current.band.min}-${Math.min(reach.band.max, current.band.max)} are also in bands[${reach.index}] "${reach.band.key}"`,
        });
      }
      if (current.band.max > reach.band.max) reach = current;
    }
    if (reach.band.max < 100) {
      errors.push({
        path: `bands[${reach.index}].max`,
        message: `scores ${reach.band.max}-100 fall in no band: the highest band must end at 100`,
      });
    }
  }

  const bandKeys = [...seen.keys()];
  for (const tier of INHERENT_TIERS) {
    const row = ratings[tier];
    if (row === undefined) {
      errors.push({ path: `ratings.${tier}`, message: 'is required: every tier needs a row' });
      continue;
    }
    for (const key of bandKeys) {
      if (!Object.hasOwn(row, key)) {
        errors.push({
          path: `ratings.${tier}.${key}`,
          message: `is required: a rating for band "${key}"`,
        });
      }
    }
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        errors.push({ path: `ratings.${tier}.${key}`, message: `no band has the key "${key}"` });
      }
    }
  }
  for (const tier of Object.keys(ratings)) {
    if (!(INHERENT_TIERS as readonly string[]).includes(tier)) {
      errors.push({
        path: `ratings.${tier}`,
        message: `unknown tier: must be one of ${INHERENT_TIERS.join(', ')}`,
      });
    }
  }

  if (errors.length > 0) return { valid: false, errors };
  const matrix: RiskMatrix = {
    bands,
    ratings: Object.fromEntries(
      INHERENT_TIERS.map((tier) => [tier, ratings[tier]!]),
    ) as RiskMatrix['ratings'],
  };
  return { valid: true, errors: [], matrix };
}

export interface ResidualRatingResult {
  readonly rating: ResidualRating;
  /** The band the score fell in (the tier's worst band when the score is not applicable). */
  readonly band: ScoreBand;
  /** One line per step, for the explanation shown to reviewers. */
  readonly reasons: readonly string[];
}

const rank = (rating: ResidualRating | FindingSeverity): number => RESIDUAL_RATINGS.indexOf(rating);

/**
 * The residual rating for a vendor of `tier` with `score`. A reviewer override can be passed
 * as `{ ...score, score: override }`. The matrix must be valid (see validateRiskMatrix).
 */
export function residualRating(
  matrix: RiskMatrix,
  tier: InherentTier,
  score: Pick<AssessmentScore, 'score' | 'failedKnockouts'>,
): ResidualRatingResult {
  const row = matrix.ratings[tier];
  const label = (band: ScoreBand) => `"${band.key}" (${band.label ?? `${band.min}-${band.max}`})`;
  const reasons: string[] = [];
  let band: ScoreBand;
  if (score.score === null) {
    // Nothing to measure is no evidence of control: take the worst rating this tier can get.
    band = [...matrix.bands].sort(
      (a, b) => rank(row[b.key]!) - rank(row[a.key]!) || a.min - b.min,
    )[0]!;
    reasons.push(
      `no applicable scored question: rated as the worst band ${label(band)} of ${tier}: ${row[band.key]}`,
    );
  } else {
    const value = roundScore(score.score);
    const found = matrix.bands.find(
      (candidate) =>
        value >= candidate.min &&
        (value < candidate.max || (candidate.max === 100 && value <= 100)),
    );
    if (found === undefined) {
      throw new Error(`The risk matrix has no band for the score ${value}: validate it first`);
    }
    band = found;
    reasons.push(
      `score ${value} is in band ${label(band)}: ${tier} × ${band.key} is ${row[band.key]}`,
    );
  }
  let rating = row[band.key]!;
  let worst: AssessmentScore['failedKnockouts'][number] | undefined;
  for (const knockout of score.failedKnockouts) {
    if (worst === undefined || rank(knockout.severity) > rank(worst.severity)) worst = knockout;
  }
  if (worst !== undefined) {
    const count = score.failedKnockouts.length;
    const which = `knockout on "${worst.questionKey}" failed (${worst.severity})${count > 1 ? `, the worst of ${count}` : ''}`;
    if (rank(worst.severity) > rank(rating)) {
      reasons.push(`${which}: raised from ${rating} to ${worst.severity}`);
      rating = worst.severity;
    } else {
      reasons.push(`${which}: no better than ${worst.severity}, ${rating} stands`);
    }
  }
  return { rating, band, reasons };
}
