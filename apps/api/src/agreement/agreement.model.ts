import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  AgreementStatus,
  AgreementType,
  ClauseCatalogId,
  ClauseStatus,
  CoverageStatus,
} from '#agreement';
import { ComplianceRequirement, Regime } from '#vendor';
import { exposeEnum } from '../graphql/enums.js';
import { Node } from '../graphql/relay/node.interface.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { ComplianceRequirementEnum, RegimeEnum } from '../vendor/vendor.model.js';

export const AgreementTypeEnum = exposeEnum(AgreementType, 'AgreementType');
export const AgreementStatusEnum = exposeEnum(
  AgreementStatus,
  'AgreementStatus',
  'DRAFT → SENT → SIGNED → EXPIRED | TERMINATED | SUPERSEDED (a draft may be signed directly).',
);
export const ClauseStatusEnum = exposeEnum(ClauseStatus, 'ClauseStatus');
export const ClauseCatalogIdEnum = exposeEnum(ClauseCatalogId, 'ClauseCatalogId');
export const CoverageStatusEnum = exposeEnum(CoverageStatus, 'CoverageStatus');
export const SignatoryPartyEnum = exposeEnum(
  { ORGANIZATION: 'ORGANIZATION', VENDOR: 'VENDOR' } as const,
  'SignatoryParty',
);

@ObjectType('LocalizedText', { description: 'The same text in English and Simplified Chinese.' })
export class LocalizedTextModel {
  @Field()
  en!: string;

  @Field()
  zhCN!: string;
}

@ObjectType('CatalogClause', { description: 'A clause a law asks a contract to hold.' })
export class CatalogClauseModel {
  @Field({ description: 'Stable id, used in checklists.' })
  id!: string;

  @Field(() => LocalizedTextModel)
  title!: LocalizedTextModel;

  @Field(() => LocalizedTextModel)
  text!: LocalizedTextModel;

  @Field()
  citation!: string;

  @Field({ description: 'Must be present for the agreement to cover its law.' })
  mandatory!: boolean;
}

@ObjectType('ClauseCatalog', { description: 'The clauses one law asks of processing terms.' })
export class ClauseCatalogModel {
  @Field(() => ClauseCatalogIdEnum)
  id!: ClauseCatalogId;

  @Field(() => RegimeEnum)
  regime!: Regime;

  @Field(() => LocalizedTextModel)
  title!: LocalizedTextModel;

  @Field()
  citation!: string;

  @Field(() => [CatalogClauseModel])
  clauses!: CatalogClauseModel[];
}

@ObjectType('Signatory')
export class SignatoryModel {
  @Field(() => SignatoryPartyEnum)
  party!: 'ORGANIZATION' | 'VENDOR';

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => Date, { nullable: true, description: 'Null until they have signed.' })
  signedAt!: Date | null;
}

@ObjectType('ChecklistItem', { description: 'Whether the agreement holds one catalog clause.' })
export class ChecklistItemModel {
  @Field(() => ClauseCatalogIdEnum)
  catalog!: ClauseCatalogId;

  @Field(() => CatalogClauseModel)
  clause!: CatalogClauseModel;

  @Field(() => ClauseStatusEnum, { description: 'MISSING until someone reviews it.' })
  status!: ClauseStatus;

  @Field({ description: 'Whether someone has reviewed this clause yet.' })
  reviewed!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('Agreement', {
  implements: () => [Node],
  description: 'A contract with a vendor about its handling of personal information.',
})
export class AgreementModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;
  vendorRowId!: string;
  supersededByRowId!: string | null;
  documentFileRowId!: string | null;

  @Field(() => AgreementTypeEnum)
  type!: AgreementType;

  @Field(() => AgreementStatusEnum)
  status!: AgreementStatus;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  effectiveDate!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'In force through this day.' })
  expiryDate!: string | null;

  @Field({ description: 'Signed, and today is within its dates.' })
  inForce!: boolean;

  @Field(() => [RegimeEnum], { description: 'Laws whose processing terms this type can hold.' })
  regimes!: Regime[];

  @Field(() => [SignatoryModel])
  signatories!: SignatoryModel[];

  @Field(() => String, { nullable: true, description: 'SHA-256 of the signed document.' })
  documentSha256!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was terminated, for instance.' })
  statusReason!: string | null;

  @Field(() => Date, { nullable: true })
  statusChangedAt!: Date | null;

  @Field(() => Int)
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('RegimeCoverage', { description: 'Whether one law’s processing terms are in place.' })
export class RegimeCoverageModel {
  @Field(() => RegimeEnum)
  regime!: Regime;

  @Field(() => ComplianceRequirementEnum)
  requirement!: ComplianceRequirement;

  @Field(() => CoverageStatusEnum)
  status!: CoverageStatus;

  @Field({ description: 'COVERED.' })
  covered!: boolean;

  agreementRowId!: string | null;

  @Field(() => [String], {
    description:
      'Mandatory clauses not marked present (all of them without an agreement in force).',
  })
  missingClauseIds!: string[];
}

@ObjectType('AgreementCoverage', {
  description:
    'For each law whose processing terms the vendor needs, whether a signed agreement in force holds every mandatory clause.',
})
export class AgreementCoverageModel {
  @Field(() => [RegimeCoverageModel])
  regimes!: RegimeCoverageModel[];

  @Field({ description: 'A signed DPA-class agreement is in force today.' })
  dpaInForce!: boolean;

  @Field({
    description:
      'Every law is covered and, if the vendor handles personal information, a DPA is in force: what approval requires.',
  })
  compliant!: boolean;

  @Field(() => LocalDateScalar, { description: 'The day (UTC) the coverage was judged for.' })
  asOf!: string;
}
