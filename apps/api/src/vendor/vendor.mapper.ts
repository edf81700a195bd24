import {
  profileOf,
  includesSensitiveData,
  type RiskRubric,
  type SubProcessor,
  type Vendor,
  type VendorContact,
  type VersionedRubric,
  type VendorSummary,
} from '#vendor';
import type { ResidualRating } from '#scoring';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { USER_TYPE, toMemberModel } from '../identity/identity.mapper.js';
import type { LocaleModel } from '../identity/member.model.js';
import {
  RiskRubricModel,
  SubProcessorModel,
  VendorContactModel,
  VendorModel,
} from './vendor.model.js';

export const VENDOR_TYPE = 'Vendor';
export const VENDOR_CONTACT_TYPE = 'VendorContact';

/**
 * The Vendor type of a summary, whose global id is written only when a client reads it: a page
 * lists many vendors by name alone.
 */
class VendorSummaryModel extends VendorModel {}
Object.defineProperty(VendorSummaryModel.prototype, 'id', {
  get(this: VendorModel): string {
    return toGlobalId(VENDOR_TYPE, this.rowId);
  },
});

/**
 * A vendor summary as the Vendor type, holding the summary's fields only: for a selection that
 * asks for no others (VendorFieldLoader decides).
 */
export function toVendorSummaryModel(vendor: VendorSummary): VendorModel {
  const model = new VendorSummaryModel();
  model.rowId = vendor.id;
  model.name = vendor.name;
  model.legalName = vendor.legalName;
  model.website = vendor.website;
  model.country = vendor.country;
  model.services = vendor.services;
  model.lifecycle = vendor.lifecycle;
  model.tags = vendor.tags;
  model.tier = vendor.tier;
  model.residualRating = vendor.residualRating as ResidualRating | null;
  model.lastAssessedAt = vendor.lastAssessedAt;
  model.nextAssessmentDueAt = vendor.nextAssessmentDueAt;
  model.offboardedAt = vendor.offboardedAt;
  model.offboardingReason = vendor.offboardingReason;
  model.impactAssessedOn = vendor.impactAssessedOn;
  model.version = vendor.version;
  model.createdAt = vendor.createdAt;
  model.updatedAt = vendor.updatedAt;
  return model;
}

/** A vendor row (with its owners loaded) as the Vendor type. */
export function toVendorModel(vendor: Vendor): VendorModel {
  const profile = profileOf(vendor);
  return Object.assign(new VendorModel(), {
    id: toGlobalId(VENDOR_TYPE, vendor.id),
    rowId: vendor.id,
    name: vendor.name,
    legalName: vendor.legalName,
    website: vendor.website,
    country: vendor.country,
    services: vendor.services,
    lifecycle: vendor.lifecycle,
    offboardedAt: vendor.offboardedAt,
    offboardingReason: vendor.offboardingReason,
    businessOwner: vendor.businessOwner ? toMemberModel(vendor.businessOwner) : null,
    riskOwner: vendor.riskOwner ? toMemberModel(vendor.riskOwner) : null,
    tags: vendor.tags,
    dataProfile: {
      ...profile,
      categories: [...profile.categories],
      dataCountries: [...profile.dataCountries],
      dataSubjectRegions: [...profile.dataSubjectRegions],
      sensitivePersonalInformation: includesSensitiveData(profile),
    },
    tier: vendor.tier,
    inherentRisk: {
      score: vendor.inherentRiskScore,
      computedTier: vendor.computedTier,
      tier: vendor.tier,
      override:
        vendor.tierOverride && vendor.tierOverriddenAt
          ? {
              tier: vendor.tierOverride,
              justification: vendor.tierOverrideJustification ?? '',
              overriddenAt: vendor.tierOverriddenAt,
              overriddenBy: vendor.tierOverriddenBy
                ? toGlobalId(USER_TYPE, vendor.tierOverriddenBy)
                : null,
            }
          : null,
      reasons: vendor.riskReasons,
      regimes: vendor.regimes,
      requirements: vendor.requirements,
      crossBorder: vendor.crossBorder,
      algorithmVersion: vendor.riskAlgorithmVersion,
      rubricVersion: vendor.riskRubricVersion,
    },
    residualRating: vendor.residualRating,
    lastAssessedAt: vendor.lastAssessedAt,
    nextAssessmentDueAt: vendor.nextAssessmentDueAt,
    impactAssessedOn: vendor.impactAssessedOn,
    impactAssessmentFileRowId: vendor.impactAssessmentFileId,
    version: vendor.version,
    createdAt: vendor.createdAt,
    updatedAt: vendor.updatedAt,
  });
}

export function toVendorContactModel(contact: VendorContact): VendorContactModel {
  return Object.assign(new VendorContactModel(), {
    id: toGlobalId(VENDOR_CONTACT_TYPE, contact.id),
    name: contact.name,
    email: contact.email,
    role: contact.role,
    language: contact.language as LocaleModel,
    primary: contact.isPrimary,
    createdAt: contact.createdAt,
  });
}

export function toSubProcessorModel(entry: SubProcessor): SubProcessorModel {
  return Object.assign(new SubProcessorModel(), {
    name: entry.name,
    country: entry.country,
    service: entry.service,
    dataCategories: entry.dataCategories,
  });
}

const pairs = <K extends string, Name extends string>(
  weights: Readonly<Record<K, number>>,
  name: Name,
) =>
  Object.entries(weights).map(([key, points]) => ({ [name]: key, points })) as Array<
    Record<Name, K> & { points: number }
  >;

export function toRiskRubricModel({ rubric, version }: VersionedRubric): RiskRubricModel {
  const value: RiskRubric = rubric;
  return Object.assign(new RiskRubricModel(), {
    version,
    categoryWeights: pairs(value.categoryWeights, 'category'),
    categoryCap: value.categoryCap,
    sensitiveDataWeight: value.sensitiveDataWeight,
    volumeWeights: pairs(value.volumeWeights, 'volume'),
    accessWeights: pairs(value.accessWeights, 'accessLevel'),
    crossBorderWeight: value.crossBorderWeight,
    subProcessorWeight: value.subProcessorWeight,
    subProcessorCap: value.subProcessorCap,
    tierThresholds: value.tierThresholds,
    homeCountry: value.homeCountry,
    regimes: [...value.regimes],
  });
}
