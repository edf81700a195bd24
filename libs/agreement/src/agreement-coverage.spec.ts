import { describe, expect, it } from '@jest/globals';
import { ComplianceRequirement, Regime, type RequirementFlag } from '#vendor';
import { ClauseStatus } from './agreement-clause.entity.js';
import { CoverageStatus, vendorCoverage, type CoverageAgreement } from './agreement-coverage.js';
import { AgreementStatus, canMoveAgreement } from './agreement-status.js';
import { AgreementType } from './agreement-type.js';
import { CATALOG_OF_REGIME } from './clause-catalogs.js';

const gdprTerms: RequirementFlag = {
  requirement: ComplianceRequirement.GdprProcessorTerms,
  regime: Regime.Gdpr,
  citation: 'GDPR Art. 28(3)',
  reason: '',
};
const allPresent = (regime: Regime) =>
  new Map(CATALOG_OF_REGIME[regime].clauses.map((c) => [c.id, ClauseStatus.Present]));

const signedDpa = (overrides: Partial<CoverageAgreement> = {}): CoverageAgreement => ({
  id: 'dpa',
  type: AgreementType.Dpa,
  status: AgreementStatus.Signed,
  effectiveDate: '2026-01-01',
  expiryDate: '2026-12-31',
  clauses: allPresent(Regime.Gdpr),
  ...overrides,
});

const cover = (agreements: CoverageAgreement[], today = '2026-06-01') =>
  vendorCoverage({ requirements: [gdprTerms], handlesPersonalData: true }, agreements, today);

describe('vendorCoverage', () => {
  it('is covered by a signed DPA in force with every mandatory clause', () => {
    const coverage = cover([signedDpa()]);
    expect(coverage).toMatchObject({ compliant: true, dpaInForce: true });
    expect(coverage.regimes).toEqual([
      {
        regime: Regime.Gdpr,
        requirement: ComplianceRequirement.GdprProcessorTerms,
        status: CoverageStatus.Covered,
        agreementId: 'dpa',
        missingClauseIds: [],
      },
    ]);
  });

  it('names the mandatory clauses that are missing, not applicable or unreviewed', () => {
    const clauses = allPresent(Regime.Gdpr);
    clauses.set('gdpr.28.3.h', ClauseStatus.NotApplicable);
    clauses.delete('gdpr.28.3.b');
    const coverage = cover([signedDpa({ clauses })]);
    expect(coverage.compliant).toBe(false);
    expect(coverage.regimes[0]).toMatchObject({
      status: CoverageStatus.MissingClauses,
      missingClauseIds: ['gdpr.28.3.b', 'gdpr.28.3.h'],
    });
  });

  it('stops covering after the expiry date, and not before the effective date', () => {
    expect(cover([signedDpa()], '2026-12-31').compliant).toBe(true);
    const expired = cover([signedDpa()], '2027-01-01');
    expect(expired.regimes[0]!.status).toBe(CoverageStatus.Expired);
    expect(expired.dpaInForce).toBe(false);
    expect(cover([signedDpa()], '2025-12-31').compliant).toBe(false);
  });

  it('tells unsigned drafts from no agreement, and ignores types that cannot hold the terms', () => {
    expect(cover([signedDpa({ status: AgreementStatus.Sent })]).regimes[0]!.status).toBe(
      CoverageStatus.NotSigned,
    );
    expect(cover([signedDpa({ type: AgreementType.Nda })]).regimes[0]!.status).toBe(
      CoverageStatus.NoAgreement,
    );
    expect(cover([signedDpa({ type: AgreementType.SccEu })]).compliant).toBe(true);
    expect(cover([signedDpa({ type: AgreementType.PiplEntrustedProcessing })]).compliant).toBe(
      false,
    );
  });

  it('picks the agreement that misses least', () => {
    const partial = new Map([['gdpr.28.3.a', ClauseStatus.Present]]);
    const coverage = cover([signedDpa({ id: 'partial', clauses: partial }), signedDpa()]);
    expect(coverage.regimes[0]).toMatchObject({
      status: CoverageStatus.Covered,
      agreementId: 'dpa',
    });
  });

  it('needs a DPA in force for a vendor with personal data even when no law asks for terms', () => {
    const none = vendorCoverage({ requirements: [], handlesPersonalData: true }, [], '2026-06-01');
    expect(none).toMatchObject({ regimes: [], dpaInForce: false, compliant: false });
    const noData = vendorCoverage(
      { requirements: [], handlesPersonalData: false },
      [],
      '2026-06-01',
    );
    expect(noData.compliant).toBe(true);
  });
});

describe('agreement status machine', () => {
  it('allows the documented moves only', () => {
    const all = Object.values(AgreementStatus);
    const allowed = all.flatMap((from) =>
      all.filter((to) => canMoveAgreement(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'DRAFT→SENT',
        'DRAFT→SIGNED',
        'SENT→SIGNED',
        'SIGNED→EXPIRED',
        'SIGNED→SUPERSEDED',
        'SIGNED→TERMINATED',
      ].sort(),
    );
  });
});
