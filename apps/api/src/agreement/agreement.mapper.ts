import {
  ClauseStatus,
  CoverageStatus,
  catalogsOfType,
  inForce,
  regimesOfType,
  toCoverageAgreement,
  type Agreement,
  type AgreementClause,
  type CatalogClause,
  type ClauseCatalog,
  type VendorCoverage,
} from '#agreement';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  AgreementCoverageModel,
  AgreementModel,
  CatalogClauseModel,
  ChecklistItemModel,
  ClauseCatalogModel,
} from './agreement.model.js';

export const AGREEMENT_TYPE = 'Agreement';

export function toAgreementModel(agreement: Agreement, today: string): AgreementModel {
  return Object.assign(new AgreementModel(), {
    id: toGlobalId(AGREEMENT_TYPE, agreement.id),
    rowId: agreement.id,
    vendorRowId: agreement.vendorId,
    supersededByRowId: agreement.supersededById,
    documentFileRowId: agreement.documentFileId,
    type: agreement.type,
    status: agreement.status,
    title: agreement.title,
    reference: agreement.reference,
    effectiveDate: agreement.effectiveDate,
    expiryDate: agreement.expiryDate,
    inForce: inForce(toCoverageAgreement(agreement), today),
    regimes: [...regimesOfType(agreement.type)],
    signatories: agreement.signatories.map((signatory) => ({
      ...signatory,
      signedAt: signatory.signedAt ? new Date(signatory.signedAt) : null,
    })),
    documentSha256: agreement.documentSha256,
    notes: agreement.notes,
    statusReason: agreement.statusReason,
    statusChangedAt: agreement.statusChangedAt,
    version: agreement.version,
    createdAt: agreement.createdAt,
    updatedAt: agreement.updatedAt,
  });
}

const toClauseModel = (entry: CatalogClause): CatalogClauseModel =>
  Object.assign(new CatalogClauseModel(), entry);

export function toClauseCatalogModel(catalog: ClauseCatalog): ClauseCatalogModel {
  return Object.assign(new ClauseCatalogModel(), {
    ...catalog,
    clauses: catalog.clauses.map(toClauseModel),
  });
}

/** Every clause of the catalogs the agreement's type is checked against, reviewed or not. */
export function toChecklist(
  agreement: Pick<Agreement, 'type'>,
  reviews: readonly AgreementClause[],
): ChecklistItemModel[] {
  const byClause = new Map(reviews.map((row) => [row.clauseId, row]));
  return catalogsOfType(agreement.type).flatMap((catalog) =>
    catalog.clauses.map((entry) => {
      const review = byClause.get(entry.id);
      return Object.assign(new ChecklistItemModel(), {
        catalog: catalog.id,
        clause: toClauseModel(entry),
        status: review?.status ?? ClauseStatus.Missing,
        reviewed: Boolean(review),
        note: review?.note ?? null,
      });
    }),
  );
}

export function toCoverageModel(coverage: VendorCoverage, today: string): AgreementCoverageModel {
  return Object.assign(new AgreementCoverageModel(), {
    dpaInForce: coverage.dpaInForce,
    compliant: coverage.compliant,
    asOf: today,
    regimes: coverage.regimes.map((entry) => ({
      regime: entry.regime,
      requirement: entry.requirement,
      status: entry.status,
      covered: entry.status === CoverageStatus.Covered,
      agreementRowId: entry.agreementId,
      missingClauseIds: [...entry.missingClauseIds],
    })),
  });
}
