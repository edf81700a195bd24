import { describe, expect, it } from '@jest/globals';
import { CoverageStatus, type VendorCoverage } from '#agreement';
import { Regime, ComplianceRequirement } from '#vendor';
import type { Assessment } from './assessment.entity.js';
import { coverageGaps, effectiveScore } from './review.service.js';

const regime = (
  name: Regime,
  status: CoverageStatus,
  missingClauseIds: string[] = [],
): VendorCoverage['regimes'][number] => ({
  regime: name,
  requirement: ComplianceRequirement.GdprProcessorTerms,
  status,
  agreementId: null,
  missingClauseIds,
});

describe('coverageGaps', () => {
  it('names every regime not covered, the missing clauses, and a missing DPA', () => {
    const coverage: VendorCoverage = {
      regimes: [
        regime(Regime.Pipl, CoverageStatus.Covered),
        regime(Regime.Gdpr, CoverageStatus.MissingClauses, ['gdpr.28.3.a', 'gdpr.28.3.c']),
        regime(Regime.Ccpa, CoverageStatus.Expired),
      ],
      dpaInForce: false,
      compliant: false,
    };
    expect(coverageGaps(coverage, true)).toEqual([
      'GDPR MISSING_CLAUSES (gdpr.28.3.a, gdpr.28.3.c)',
      'CCPA EXPIRED',
      'NO_DPA_IN_FORCE',
    ]);
  });

  it('asks nothing of a vendor without personal information and without regimes', () => {
    expect(coverageGaps({ regimes: [], dpaInForce: false, compliant: true }, false)).toEqual([]);
  });
});

describe('effectiveScore', () => {
  const scored = (overallScore: string | null, scoreOverride: string | null) =>
    ({ overallScore, scoreOverride }) as Assessment;

  it("prefers the reviewer's score and keeps null for nothing scored", () => {
    expect(effectiveScore(scored('75.00', null))).toBe(75);
    expect(effectiveScore(scored('75.00', '40.50'))).toBe(40.5);
    expect(effectiveScore(scored(null, '0.00'))).toBe(0);
    expect(effectiveScore(scored(null, null))).toBeNull();
  });
});
