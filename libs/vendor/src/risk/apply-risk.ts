import { EMPTY_DATA_PROFILE, type DataProfile } from '../data-profile.js';
import type { Vendor } from '../vendor.entity.js';
import { computeInherentRisk, type InherentRisk } from './inherent-risk.js';
import type { RiskRubric } from './risk-rubric.js';

/** The data profile a vendor row holds. */
export function profileOf(vendor: Vendor): DataProfile {
  return {
    ...EMPTY_DATA_PROFILE,
    categories: vendor.dataCategories ?? [],
    otherSensitiveData: vendor.otherSensitiveData ?? false,
    volume: vendor.volumeBand ?? EMPTY_DATA_PROFILE.volume,
    accessLevel: vendor.accessLevel ?? EMPTY_DATA_PROFILE.accessLevel,
    processingRole: vendor.processingRole ?? EMPTY_DATA_PROFILE.processingRole,
    dataCountries: vendor.dataCountries ?? [],
    dataSubjectRegions: vendor.dataSubjectRegions ?? [],
  };
}

/** Writes a data profile onto a vendor row. */
export function setProfile(vendor: Vendor, profile: DataProfile): void {
  vendor.dataCategories = [...new Set(profile.categories)];
  vendor.otherSensitiveData = profile.otherSensitiveData;
  vendor.volumeBand = profile.volume;
  vendor.accessLevel = profile.accessLevel;
  vendor.processingRole = profile.processingRole;
  vendor.dataCountries = [...new Set(profile.dataCountries)];
  vendor.dataSubjectRegions = [...new Set(profile.dataSubjectRegions)];
}

/**
 * Recomputes the vendor's inherent risk from its profile and sub-processors under `rubric`, and
 * stores the result on the row; an override stays in force over the new computed tier.
 */
export function assessVendor(
  vendor: Vendor,
  subProcessorCountries: readonly string[],
  rubric: { readonly rubric: RiskRubric; readonly version: number },
): InherentRisk {
  const risk = computeInherentRisk(
    { profile: profileOf(vendor), subProcessorCountries },
    rubric.rubric,
  );
  vendor.inherentRiskScore = risk.score;
  vendor.computedTier = risk.tier;
  vendor.tier = vendor.tierOverride ?? risk.tier;
  vendor.riskReasons = [...risk.reasons];
  vendor.regimes = [...risk.regimes];
  vendor.requirements = [...risk.requirements];
  vendor.sensitiveData = risk.sensitiveData;
  vendor.crossBorder = risk.crossBorder;
  vendor.riskAlgorithmVersion = risk.algorithmVersion;
  vendor.riskRubricVersion = rubric.version;
  return risk;
}
