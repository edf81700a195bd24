import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_RISK_MATRIX,
  INHERENT_TIERS,
  RESIDUAL_RATINGS,
  residualRating,
  validateRiskMatrix,
  type InherentTier,
  type RiskMatrix,
} from './risk-matrix.js';
import type { FailedKnockout } from './score-assessment.js';

/** A mutable copy of the default matrix to break. */
function matrix(): { bands: Array<Record<string, unknown>>; ratings: Record<string, unknown> } {
  return JSON.parse(JSON.stringify(DEFAULT_RISK_MATRIX)) as ReturnType<typeof matrix>;
}

const knockout = (severity: FailedKnockout['severity'], questionKey = 'q'): FailedKnockout => ({
  questionKey,
  sectionKey: 's',
  severity,
  finding: null,
});

describe('validateRiskMatrix', () => {
  it('accepts the default matrix and returns it', () => {
    const result = validateRiskMatrix(DEFAULT_RISK_MATRIX);
    expect(result).toMatchObject({ valid: true, errors: [] });
    expect(result.matrix).toEqual(DEFAULT_RISK_MATRIX);
  });

  it('accepts bands in any order', () => {
    const input = matrix();
    input.bands.reverse();
    expect(validateRiskMatrix(input).valid).toBe(true);
  });

  it('reports a gap between bands', () => {
    const input = matrix();
    input.bands[2]!.max = 65; // WEAK 50-65, ADEQUATE starts at 70
    expect(validateRiskMatrix(input).errors).toEqual([
      {
        path: 'bands[1].min',
        message: 'gap: scores 65-70 fall in no band (bands[2] ends at 65)',
      },
    ]);
  });

  it('reports overlapping bands', () => {
    const input = matrix();
    input.bands[1]!.max = 90; // ADEQUATE 70-90 overlaps STRONG 85-100
    expect(validateRiskMatrix(input).errors).toEqual([
      {
        path: 'bands[0].min',
        message: 'overlap: scores 85-90 are also in bands[1] "ADEQUATE"',
      },
    ]);
  });

  it('reports scores below the lowest band and above the highest', () => {
    const input = matrix();
    input.bands[3]!.min = 10;
    input.bands[0]!.max = 99;
    const errors = validateRiskMatrix(input).errors;
    expect(errors).toContainEqual({
      path: 'bands[3].min',
      message: 'scores 0-10 fall in no band: the lowest band must start at 0',
    });
    expect(errors).toContainEqual({
      path: 'bands[0].max',
      message: 'scores 99-100 fall in no band: the highest band must end at 100',
    });
  });

  it('reports empty and duplicate bands', () => {
    const input = matrix();
    input.bands.push({ key: 'STRONG', min: 100, max: 100 });
    const errors = validateRiskMatrix(input).errors;
    expect(errors).toContainEqual({
      path: 'bands[4].key',
      message: 'band key "STRONG" is already used at bands[0]',
    });
    expect(errors).toContainEqual({ path: 'bands[4].max', message: 'must be above min (100)' });
  });

  it('reports a missing tier and a missing band rating', () => {
    const input = matrix();
    delete input.ratings.TIER_3;
    delete (input.ratings.TIER_1 as Record<string, string>).WEAK;
    expect(validateRiskMatrix(input).errors).toEqual([
      { path: 'ratings.TIER_1.WEAK', message: 'is required: a rating for band "WEAK"' },
      { path: 'ratings.TIER_3', message: 'is required: every tier needs a row' },
    ]);
  });

  it('reports a bad rating, an unknown band key and an unknown tier', () => {
    const bad = matrix();
    (bad.ratings.TIER_2 as Record<string, string>).POOR = 'SEVERE';
    expect(validateRiskMatrix(bad)).toEqual({
      valid: false,
      errors: [
        {
          path: 'ratings.TIER_2.POOR',
          message: 'must be one of LOW, MEDIUM, HIGH, CRITICAL',
        },
      ],
    });
    const unknown = matrix();
    (unknown.ratings.TIER_4 as Record<string, string>).EXCELLENT = 'LOW';
    unknown.ratings.TIER_5 = {};
    expect(validateRiskMatrix(unknown).errors).toEqual([
      { path: 'ratings.TIER_4.EXCELLENT', message: 'no band has the key "EXCELLENT"' },
      {
        path: 'ratings.TIER_5',
        message: 'unknown tier: must be one of TIER_1, TIER_2, TIER_3, TIER_4',
      },
    ]);
  });

  it('reports shape problems with their paths', () => {
    const input = matrix();
    input.bands[0]!.max = 120;
    input.bands[1]!.colour = 'red';
    const errors = validateRiskMatrix(input).errors;
    expect(errors.map((e) => e.path)).toEqual(['bands[0].max', 'bands[1]']);
    expect(errors[1]!.message).toBe('unknown field colour');
    expect(validateRiskMatrix({ ratings: {} }).errors).toEqual([
      { path: 'bands', message: 'is required' },
    ]);
    expect(validateRiskMatrix(null).valid).toBe(false);
  });
});

describe('residualRating', () => {
  const rate = (tier: InherentTier, score: number | null, knockouts: FailedKnockout[] = []) =>
    residualRating(DEFAULT_RISK_MATRIX, tier, { score, failedKnockouts: knockouts });

  it('reads the matrix: tier × band', () => {
    expect(rate('TIER_1', 30)).toMatchObject({ rating: 'CRITICAL', band: { key: 'POOR' } });
    expect(rate('TIER_4', 95)).toMatchObject({ rating: 'LOW', band: { key: 'STRONG' } });
    expect(rate('TIER_2', 72).reasons).toEqual([
      'score 72 is in band "ADEQUATE" (70 to under 85): TIER_2 × ADEQUATE is MEDIUM',
    ]);
  });

  it('bands the score rounded to 2 decimals, lower bounds inclusive, 100 included', () => {
    expect(rate('TIER_2', 0).band.key).toBe('POOR');
    expect(rate('TIER_2', 49.99).band.key).toBe('POOR');
    expect(rate('TIER_2', 50).band.key).toBe('WEAK');
    expect(rate('TIER_2', 84.99).band.key).toBe('ADEQUATE');
    expect(rate('TIER_2', 84.996).band.key).toBe('STRONG'); // shown as 85
    expect(rate('TIER_2', 100).band.key).toBe('STRONG');
  });

  it('caps the rating at no better than the worst failed knockout', () => {
    expect(rate('TIER_4', 95, [knockout('MEDIUM')]).rating).toBe('MEDIUM');
    const capped = rate('TIER_4', 95, [knockout('HIGH', 'a'), knockout('CRITICAL', 'b')]);
    expect(capped.rating).toBe('CRITICAL');
    expect(capped.reasons[1]).toBe(
      'knockout on "b" failed (CRITICAL), the worst of 2: raised from LOW to CRITICAL',
    );
    // A knockout milder than the matrix rating changes nothing.
    const kept = rate('TIER_1', 40, [knockout('LOW')]);
    expect(kept.rating).toBe('CRITICAL');
    expect(kept.reasons[1]).toBe(
      'knockout on "q" failed (LOW): no better than LOW, CRITICAL stands',
    );
  });

  it('rates a not-applicable score as the worst band of the tier', () => {
    const result = rate('TIER_4', null);
    expect(result).toMatchObject({ rating: 'MEDIUM', band: { key: 'POOR' } });
    expect(result.reasons[0]).toBe(
      'no applicable scored question: rated as the worst band "POOR" (under 50) of TIER_4: MEDIUM',
    );
    expect(rate('TIER_4', null, [knockout('HIGH')]).rating).toBe('HIGH');
  });

  it('takes the band with the worst rating even when it is not the lowest', () => {
    const odd: RiskMatrix = {
      ...DEFAULT_RISK_MATRIX,
      ratings: {
        ...DEFAULT_RISK_MATRIX.ratings,
        TIER_3: { STRONG: 'LOW', ADEQUATE: 'HIGH', WEAK: 'MEDIUM', POOR: 'MEDIUM' },
      },
    };
    expect(validateRiskMatrix(odd).valid).toBe(true);
    const result = residualRating(odd, 'TIER_3', { score: null, failedKnockouts: [] });
    expect(result).toMatchObject({ rating: 'HIGH', band: { key: 'ADEQUATE' } });
  });

  it('is never better than the matrix cell nor than any failed knockout', () => {
    const rank = (rating: string) => (RESIDUAL_RATINGS as readonly string[]).indexOf(rating);
    fc.assert(
      fc.property(
        fc.constantFrom(...INHERENT_TIERS),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
        fc.array(fc.constantFrom(...RESIDUAL_RATINGS)),
        (tier, score, severities) => {
          const result = rate(
            tier,
            score,
            severities.map((severity) => knockout(severity)),
          );
          const cell = DEFAULT_RISK_MATRIX.ratings[tier][result.band.key]!;
          expect(rank(result.rating)).toBe(Math.max(rank(cell), ...severities.map(rank)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
