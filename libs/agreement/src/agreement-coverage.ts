import { ComplianceRequirement, Regime, type RequirementFlag } from '#vendor';
import { ClauseStatus } from './agreement-clause.entity.js';
import { AgreementStatus } from './agreement-status.js';
import { DPA_CLASS_TYPES, regimesOfType, type AgreementType } from './agreement-type.js';
import { CATALOG_OF_REGIME } from './clause-catalogs.js';

/** Where a regime stands for one vendor. */
export enum CoverageStatus {
  Covered = 'COVERED',
  /** A signed agreement in force lacks mandatory clauses. */
  MissingClauses = 'MISSING_CLAUSES',
  /** Agreements exist but none is signed yet. */
  NotSigned = 'NOT_SIGNED',
  /** Signed agreements exist, but none is in force today. */
  Expired = 'EXPIRED',
  NoAgreement = 'NO_AGREEMENT',
}

/** What coverage needs of an agreement. */
export interface CoverageAgreement {
  readonly id: string;
  readonly type: AgreementType;
  readonly status: AgreementStatus;
  readonly effectiveDate: string | null;
  readonly expiryDate: string | null;
  /** Clause id → status, for the clauses reviewed so far. */
  readonly clauses: ReadonlyMap<string, ClauseStatus>;
}

export interface RegimeCoverage {
  readonly regime: Regime;
  readonly requirement: ComplianceRequirement;
  readonly status: CoverageStatus;
  /** The agreement in force that covers the regime, or comes closest to. */
  readonly agreementId: string | null;
  /** Mandatory clauses of the regime's catalog not marked present in that agreement. */
  readonly missingClauseIds: readonly string[];
}

/** What coverage needs of a vendor. */
export interface CoverageSubject {
  readonly requirements: readonly RequirementFlag[];
  readonly handlesPersonalData: boolean;
}

export interface VendorCoverage {
  readonly regimes: readonly RegimeCoverage[];
  /** A signed DPA-class agreement is in force today. */
  readonly dpaInForce: boolean;
  /** Every regime is covered, and a vendor handling personal information has a DPA in force. */
  readonly compliant: boolean;
}

/** The processing terms each law asks of a vendor's agreements. */
export const TERMS_OF_REGIME: Readonly<Record<Regime, ComplianceRequirement>> = {
  [Regime.Gdpr]: ComplianceRequirement.GdprProcessorTerms,
  [Regime.Pipl]: ComplianceRequirement.PiplEntrustedProcessingTerms,
  [Regime.Ccpa]: ComplianceRequirement.CcpaServiceProviderTerms,
};

/** Whether a signed agreement is in force on `today` (`YYYY-MM-DD`): through its expiry date. */
export function inForce(agreement: CoverageAgreement, today: string): boolean {
  return (
    agreement.status === AgreementStatus.Signed &&
    (!agreement.effectiveDate || agreement.effectiveDate <= today) &&
    (!agreement.expiryDate || today <= agreement.expiryDate)
  );
}

/** The mandatory clauses of `regime` that `agreement` does not mark present. */
export function missingClauses(agreement: CoverageAgreement, regime: Regime): string[] {
  return CATALOG_OF_REGIME[regime].clauses
    .filter((entry) => entry.mandatory && agreement.clauses.get(entry.id) !== ClauseStatus.Present)
    .map((entry) => entry.id);
}

function regimeCoverage(
  regime: Regime,
  agreements: readonly CoverageAgreement[],
  today: string,
): RegimeCoverage {
  const requirement = TERMS_OF_REGIME[regime];
  const candidates = agreements.filter((a) => regimesOfType(a.type).includes(regime));
  const current = candidates
    .filter((a) => inForce(a, today))
    .map((a) => ({ agreement: a, missing: missingClauses(a, regime) }))
    // Fewest missing clauses first, then the one that runs longest.
    .sort(
      (x, y) =>
        x.missing.length - y.missing.length ||
        (y.agreement.expiryDate ?? '9999-12-31').localeCompare(
          x.agreement.expiryDate ?? '9999-12-31',
        ),
    );
  const best = current[0];
  if (best) {
    return {
      regime,
      requirement,
      status: best.missing.length ? CoverageStatus.MissingClauses : CoverageStatus.Covered,
      agreementId: best.agreement.id,
      missingClauseIds: best.missing,
    };
  }
  const allMandatory = CATALOG_OF_REGIME[regime].clauses
    .filter((entry) => entry.mandatory)
    .map((entry) => entry.id);
  const wasSigned = candidates.some(
    (a) => a.status === AgreementStatus.Signed || a.status === AgreementStatus.Expired,
  );
  const unsigned = candidates.some(
    (a) => a.status === AgreementStatus.Draft || a.status === AgreementStatus.Sent,
  );
  return {
    regime,
    requirement,
    status: wasSigned
      ? CoverageStatus.Expired
      : unsigned
        ? CoverageStatus.NotSigned
        : CoverageStatus.NoAgreement,
    agreementId: null,
    missingClauseIds: allMandatory,
  };
}

/**
 * For each regime whose processing terms the vendor needs, whether a signed agreement in force
 * on `today` holds every mandatory clause; the rule that gates a vendor's approval.
 */
export function vendorCoverage(
  vendor: {
    readonly requirements: readonly RequirementFlag[];
    readonly handlesPersonalData: boolean;
  },
  agreements: readonly CoverageAgreement[],
  today: string,
): VendorCoverage {
  const needed = Object.values(Regime).filter((regime) =>
    vendor.requirements.some((flag) => flag.requirement === TERMS_OF_REGIME[regime]),
  );
  const regimes = needed.map((regime) => regimeCoverage(regime, agreements, today));
  const dpaInForce = agreements.some((a) => DPA_CLASS_TYPES.has(a.type) && inForce(a, today));
  return {
    regimes,
    dpaInForce,
    compliant:
      regimes.every((entry) => entry.status === CoverageStatus.Covered) &&
      (!vendor.handlesPersonalData || dpaInForce),
  };
}

/** `date` as the calendar day in UTC, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
