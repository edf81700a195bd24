import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  AccessLevel,
  ComplianceRequirement,
  DataSubjectRegion,
  PersonalDataCategory,
  ProcessingRole,
  Regime,
  RiskFactor,
  RiskTier,
  VendorLifecycle,
  VolumeBand,
} from '#vendor';
import type { ResidualRating } from '#scoring';
import { exposeEnum } from '../graphql/enums.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { Node } from '../graphql/relay/node.interface.js';
import { ResidualRatingEnum } from '../assessment/assessment.model.js';
import { MemberModel, LocaleModel } from '../identity/member.model.js';
import type { AgreementCoverageModel } from '../agreement/agreement.model.js';

export const PersonalDataCategoryEnum = exposeEnum(
  PersonalDataCategory,
  'PersonalDataCategory',
  'A kind of personal information. FINANCIAL, HEALTH, BIOMETRIC, PRECISE_LOCATION, CHILDREN, GOVERNMENT_ID and CREDENTIALS are sensitive in PIPL’s sense.',
);
export const VolumeBandEnum = exposeEnum(
  VolumeBand,
  'VolumeBand',
  'How many individuals’ personal information the vendor holds.',
);
export const AccessLevelEnum = exposeEnum(
  AccessLevel,
  'AccessLevel',
  'The vendor’s access to the organization’s systems.',
);
export const ProcessingRoleEnum = exposeEnum(ProcessingRole, 'ProcessingRole');
export const DataSubjectRegionEnum = exposeEnum(
  DataSubjectRegion,
  'DataSubjectRegion',
  'Where the people whose data the vendor handles live.',
);
export const RegimeEnum = exposeEnum(Regime, 'Regime', 'A privacy law Assay tracks.');
export const RiskTierEnum = exposeEnum(RiskTier, 'RiskTier', 'TIER_1 is the most critical.');
export const RiskFactorEnum = exposeEnum(RiskFactor, 'RiskFactor');
export const ComplianceRequirementEnum = exposeEnum(ComplianceRequirement, 'ComplianceRequirement');
export const VendorLifecycleEnum = exposeEnum(VendorLifecycle, 'VendorLifecycle');

@ObjectType('DataProfile', { description: 'The personal information a vendor handles.' })
export class DataProfileModel {
  @Field(() => [PersonalDataCategoryEnum])
  categories!: PersonalDataCategory[];

  @Field({ description: 'Sensitive information outside the listed categories (religion, …).' })
  otherSensitiveData!: boolean;

  @Field({
    description: 'Whether any of it is sensitive personal information (PIPL Art. 28).',
  })
  sensitivePersonalInformation!: boolean;

  @Field(() => VolumeBandEnum)
  volume!: VolumeBand;

  @Field(() => AccessLevelEnum)
  accessLevel!: AccessLevel;

  @Field(() => ProcessingRoleEnum)
  processingRole!: ProcessingRole;

  @Field(() => [String], {
    description: 'ISO 3166-1 alpha-2 codes of where the data is stored or accessed from.',
  })
  dataCountries!: string[];

  @Field(() => [DataSubjectRegionEnum])
  dataSubjectRegions!: DataSubjectRegion[];
}

@ObjectType('RiskReason', { description: 'One contribution to an inherent-risk score.' })
export class RiskReasonModel {
  @Field(() => RiskFactorEnum)
  factor!: RiskFactor;

  @Field(() => Int)
  points!: number;

  @Field()
  detail!: string;
}

@ObjectType('ComplianceRequirementFlag', {
  description: 'Something a law asks of the organization for this vendor.',
})
export class ComplianceRequirementFlagModel {
  @Field(() => ComplianceRequirementEnum)
  requirement!: ComplianceRequirement;

  @Field(() => RegimeEnum)
  regime!: Regime;

  @Field()
  citation!: string;

  @Field()
  reason!: string;
}

@ObjectType('TierOverride', { description: 'A reviewer’s tier, in force over the computed one.' })
export class TierOverrideModel {
  @Field(() => RiskTierEnum)
  tier!: RiskTier;

  @Field()
  justification!: string;

  @Field()
  overriddenAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The user who set it.' })
  overriddenBy!: string | null;
}

@ObjectType('InherentRisk', {
  description: 'How dangerous the vendor is before any assessment, from its data profile.',
})
export class InherentRiskModel {
  @Field(() => Int, { description: '0-100.' })
  score!: number;

  @Field(() => RiskTierEnum, { description: 'The tier the rubric gives.' })
  computedTier!: RiskTier;

  @Field(() => RiskTierEnum, { description: 'The tier in force: the override, if any.' })
  tier!: RiskTier;

  @Field(() => TierOverrideModel, { nullable: true })
  override!: TierOverrideModel | null;

  @Field(() => [RiskReasonModel], { description: 'What produced the score, largest first.' })
  reasons!: RiskReasonModel[];

  @Field(() => [RegimeEnum], {
    description: 'Laws that govern the vendor’s processing, among those the organization tracks.',
  })
  regimes!: Regime[];

  @Field(() => [ComplianceRequirementFlagModel])
  requirements!: ComplianceRequirementFlagModel[];

  @Field()
  crossBorder!: boolean;

  @Field(() => Int)
  algorithmVersion!: number;

  @Field(() => Int, { description: 'Version of the organization’s rubric (0: the default).' })
  rubricVersion!: number;
}

@ObjectType('VendorContact', { implements: () => [Node], description: 'A person at a vendor.' })
export class VendorContactModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true, description: 'Their job, e.g. “DPO”.' })
  role!: string | null;

  @Field(() => LocaleModel, { description: 'Language questionnaires and emails go out in.' })
  language!: LocaleModel;

  @Field()
  primary!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType('SubProcessor', {
  description: 'A company the vendor passes the organization’s data to (a fourth party).',
})
export class SubProcessorModel {
  @Field()
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of where it processes the data.' })
  country!: string;

  @Field(() => String, { nullable: true })
  service!: string | null;

  @Field(() => [PersonalDataCategoryEnum])
  dataCategories!: PersonalDataCategory[];
}

@ObjectType('Vendor', {
  implements: () => [Node],
  description: 'A third party that handles personal information for the organization.',
})
export class VendorModel implements Node {
  @Field(() => ID)
  id!: string;

  /** The row id, for relation fields. */
  rowId!: string;
  /** Its agreement coverage, when the page that listed it read that for all its vendors. */
  listedCoverage?: AgreementCoverageModel;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  legalName!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  country!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the vendor does for the organization.',
  })
  services!: string | null;

  @Field(() => VendorLifecycleEnum)
  lifecycle!: VendorLifecycle;

  @Field(() => Date, { nullable: true })
  offboardedAt!: Date | null;

  @Field(() => String, { nullable: true })
  offboardingReason!: string | null;

  @Field(() => MemberModel, { nullable: true })
  businessOwner!: MemberModel | null;

  @Field(() => MemberModel, { nullable: true })
  riskOwner!: MemberModel | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => DataProfileModel)
  dataProfile!: DataProfileModel;

  @Field(() => RiskTierEnum, { description: 'The inherent-risk tier in force.' })
  tier!: RiskTier;

  @Field(() => InherentRiskModel)
  inherentRisk!: InherentRiskModel;

  @Field(() => ResidualRatingEnum, {
    nullable: true,
    description: 'From the last completed assessment; null before one.',
  })
  residualRating!: ResidualRating | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the last assessment was completed.',
  })
  lastAssessedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the next assessment falls due under the reassessment policy: the tier's interval after the last completed one; null when never assessed or offboarded.",
  })
  nextAssessmentDueAt!: Date | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'The day the last personal information protection impact assessment (PIPL Art. 55) of this vendor’s processing was completed; null when none is recorded.',
  })
  impactAssessedOn!: string | null;

  /** The impact assessment report's File row id (resolved by `impactAssessmentDocument`). */
  impactAssessmentFileRowId!: string | null;

  @Field(() => Int, {
    description:
      'Changes with every change; pass it as expectedVersion to detect concurrent edits.',
  })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('CategoryWeight')
export class CategoryWeightModel {
  @Field(() => PersonalDataCategoryEnum)
  category!: PersonalDataCategory;

  @Field(() => Int)
  points!: number;
}

@ObjectType('VolumeWeight')
export class VolumeWeightModel {
  @Field(() => VolumeBandEnum)
  volume!: VolumeBand;

  @Field(() => Int)
  points!: number;
}

@ObjectType('AccessWeight')
export class AccessWeightModel {
  @Field(() => AccessLevelEnum)
  accessLevel!: AccessLevel;

  @Field(() => Int)
  points!: number;
}

@ObjectType('TierThresholds', {
  description: 'The lowest score of each tier; a lower score is TIER_4.',
})
export class TierThresholdsModel {
  @Field(() => Int)
  tier1!: number;

  @Field(() => Int)
  tier2!: number;

  @Field(() => Int)
  tier3!: number;
}

@ObjectType('RiskRubric', {
  description: 'How the organization scores inherent risk: the sum of these points, capped at 100.',
})
export class RiskRubricModel {
  @Field(() => Int, { description: '0 while the organization uses the default.' })
  version!: number;

  @Field(() => [CategoryWeightModel])
  categoryWeights!: CategoryWeightModel[];

  @Field(() => Int, { description: 'At most this many points from categories together.' })
  categoryCap!: number;

  @Field(() => Int)
  sensitiveDataWeight!: number;

  @Field(() => [VolumeWeightModel])
  volumeWeights!: VolumeWeightModel[];

  @Field(() => [AccessWeightModel])
  accessWeights!: AccessWeightModel[];

  @Field(() => Int)
  crossBorderWeight!: number;

  @Field(() => Int, { description: 'Points per sub-processor.' })
  subProcessorWeight!: number;

  @Field(() => Int)
  subProcessorCap!: number;

  @Field(() => TierThresholdsModel)
  tierThresholds!: TierThresholdsModel;

  @Field(() => String, {
    nullable: true,
    description:
      'The organization’s country: data elsewhere crosses a border. Unset: data in two or more countries does.',
  })
  homeCountry!: string | null;

  @Field(() => [RegimeEnum], { description: 'The laws the organization answers to.' })
  regimes!: Regime[];
}
