import { Regime } from '#vendor';
import { CATALOG_OF_REGIME, type ClauseCatalog } from './clause-catalogs.js';

export enum AgreementType {
  Dpa = 'DPA',
  Nda = 'NDA',
  SccEu = 'SCC_EU',
  UkIdta = 'UK_IDTA',
  PiplEntrustedProcessing = 'PIPL_ENTRUSTED_PROCESSING',
  PiplStandardContract = 'PIPL_STANDARD_CONTRACT',
  CcpaServiceProvider = 'CCPA_SERVICE_PROVIDER',
  Other = 'OTHER',
}

/**
 * The regimes whose processing terms an agreement of each type can hold. A DPA may hold any of
 * them; the EU SCCs (modules 2 and 3) hold the Art. 28 terms. The UK IDTA is a transfer tool, an
 * NDA is about confidentiality: neither holds processing terms.
 */
const REGIMES_OF_TYPE: Readonly<Record<AgreementType, readonly Regime[]>> = {
  [AgreementType.Dpa]: [Regime.Gdpr, Regime.Pipl, Regime.Ccpa],
  [AgreementType.Nda]: [],
  [AgreementType.SccEu]: [Regime.Gdpr],
  [AgreementType.UkIdta]: [],
  [AgreementType.PiplEntrustedProcessing]: [Regime.Pipl],
  [AgreementType.PiplStandardContract]: [Regime.Pipl],
  [AgreementType.CcpaServiceProvider]: [Regime.Ccpa],
  [AgreementType.Other]: [],
};

/** Types that make a data-processing agreement, what approving a vendor needs. */
export const DPA_CLASS_TYPES: ReadonlySet<AgreementType> = new Set(
  Object.values(AgreementType).filter((type) => REGIMES_OF_TYPE[type].length > 0),
);

export function regimesOfType(type: AgreementType): readonly Regime[] {
  return REGIMES_OF_TYPE[type];
}

/** The clause catalogs an agreement of `type` is checked against. */
export function catalogsOfType(type: AgreementType): ClauseCatalog[] {
  return REGIMES_OF_TYPE[type].map((regime) => CATALOG_OF_REGIME[regime]);
}
