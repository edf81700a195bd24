export { AgreementClause, ClauseStatus } from './agreement-clause.entity.js';
export {
  CoverageStatus,
  TERMS_OF_REGIME,
  inForce,
  missingClauses,
  utcDay,
  vendorCoverage,
  type CoverageAgreement,
  type CoverageSubject,
  type RegimeCoverage,
  type VendorCoverage,
} from './agreement-coverage.js';
export {
  AgreementStatus,
  assertAgreementMove,
  canMoveAgreement,
  checklistEditable,
  termsEditable,
} from './agreement-status.js';
export { AgreementType, DPA_CLASS_TYPES, catalogsOfType, regimesOfType } from './agreement-type.js';
export { Agreement, type Signatory, type SignatoryParty } from './agreement.entity.js';
export { AGREEMENT_ENTITIES, AgreementModule } from './agreement.module.js';
export {
  AgreementService,
  toCoverageAgreement,
  type AgreementFields,
  type AgreementFilter,
  type ClauseReview,
  type Transition,
} from './agreement.service.js';
export {
  CATALOG_OF_REGIME,
  CLAUSE_CATALOGS,
  ClauseCatalogId,
  findClause,
  type CatalogClause,
  type ClauseCatalog,
  type LocalizedText,
} from './clause-catalogs.js';
