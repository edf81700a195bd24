import {
  DataSubjectRegion,
  ProcessingRole,
  Regime,
  handlesPersonalData,
  includesSensitiveData,
  type DataProfile,
} from '../data-profile.js';
import type { RiskRubric } from './risk-rubric.js';

/** Bumped whenever the computation below changes meaning; stored with every result. */
export const INHERENT_RISK_ALGORITHM_VERSION = 1;

/** TIER_1 is the most critical. */
export enum RiskTier {
  Tier1 = 'TIER_1',
  Tier2 = 'TIER_2',
  Tier3 = 'TIER_3',
  Tier4 = 'TIER_4',
}

export enum RiskFactor {
  DataCategories = 'DATA_CATEGORIES',
  SensitiveData = 'SENSITIVE_DATA',
  Volume = 'VOLUME',
  AccessLevel = 'ACCESS_LEVEL',
  CrossBorder = 'CROSS_BORDER',
  SubProcessors = 'SUB_PROCESSORS',
}

/** Something the law asks of the organization for this vendor. */
export enum ComplianceRequirement {
  PiplImpactAssessment = 'PIPL_IMPACT_ASSESSMENT',
  PiplEntrustedProcessingTerms = 'PIPL_ENTRUSTED_PROCESSING_TERMS',
  GdprProcessorTerms = 'GDPR_ART_28_TERMS',
  CcpaServiceProviderTerms = 'CCPA_SERVICE_PROVIDER_TERMS',
}

/** One contribution to the score, with the facts behind it. */
export interface RiskReason {
  readonly factor: RiskFactor;
  readonly points: number;
  readonly detail: string;
}

export interface RequirementFlag {
  readonly requirement: ComplianceRequirement;
  readonly regime: Regime;
  readonly citation: string;
  readonly reason: string;
}

export interface InherentRisk {
  readonly score: number;
  readonly tier: RiskTier;
  /** Every factor that added points, largest first. */
  readonly reasons: readonly RiskReason[];
  /** The laws that govern the vendor's processing, among those the organization answers to. */
  readonly regimes: readonly Regime[];
  readonly requirements: readonly RequirementFlag[];
  readonly sensitiveData: boolean;
  readonly crossBorder: boolean;
  readonly algorithmVersion: number;
}

export interface InherentRiskInput {
  readonly profile: DataProfile;
  /** Countries of the vendor's sub-processors: their data flows count too. */
  readonly subProcessorCountries: readonly string[];
}

function tierOf(score: number, rubric: RiskRubric): RiskTier {
  const { tier1, tier2, tier3 } = rubric.tierThresholds;
  if (score >= tier1) return RiskTier.Tier1;
  if (score >= tier2) return RiskTier.Tier2;
  if (score >= tier3) return RiskTier.Tier3;
  return RiskTier.Tier4;
}

const list = (values: Iterable<string>) => [...values].join(', ');

function applicableRegimes(
  profile: DataProfile,
  countries: ReadonlySet<string>,
  rubric: RiskRubric,
): Regime[] {
  if (!handlesPersonalData(profile)) return [];
  const subjects = new Set(profile.dataSubjectRegions);
  const applies: Record<Regime, boolean> = {
    [Regime.Pipl]: subjects.has(DataSubjectRegion.China) || countries.has('CN'),
    [Regime.Gdpr]:
      subjects.has(DataSubjectRegion.EuEea) || subjects.has(DataSubjectRegion.UnitedKingdom),
    [Regime.Ccpa]: subjects.has(DataSubjectRegion.California),
  };
  return Object.values(Regime).filter(
    (regime) => applies[regime] && rubric.regimes.includes(regime),
  );
}

function requirementsOf(
  profile: DataProfile,
  regimes: readonly Regime[],
  countries: ReadonlySet<string>,
  sensitive: boolean,
): RequirementFlag[] {
  const flags: RequirementFlag[] = [];
  // An independent controller decides for itself; processing terms bind those who act for us.
  const entrusted = profile.processingRole !== ProcessingRole.IndependentController;
  if (regimes.includes(Regime.Pipl)) {
    const triggers = [
      ...(countries.has('CN') ? ['the data is stored in or accessed from China'] : []),
      ...(sensitive ? ['the data includes sensitive personal information'] : []),
      ...(profile.dataSubjectRegions.includes(DataSubjectRegion.China) &&
      [...countries].some((country) => country !== 'CN')
        ? ['data of people in China leaves China']
        : []),
    ];
    if (triggers.length) {
      flags.push({
        requirement: ComplianceRequirement.PiplImpactAssessment,
        regime: Regime.Pipl,
        citation: 'PIPL Art. 55',
        reason: `A personal information protection impact assessment is due: ${triggers.join('; ')}.`,
      });
    }
    if (entrusted) {
      flags.push({
        requirement: ComplianceRequirement.PiplEntrustedProcessingTerms,
        regime: Regime.Pipl,
        citation: 'PIPL Art. 21',
        reason: 'Entrusted processing of personal information of people in China, or in China.',
      });
    }
  }
  if (regimes.includes(Regime.Gdpr) && entrusted) {
    flags.push({
      requirement: ComplianceRequirement.GdprProcessorTerms,
      regime: Regime.Gdpr,
      citation: 'GDPR Art. 28(3)',
      reason:
        'Processes personal data of people in the EU/EEA or the UK on the organization’s behalf.',
    });
  }
  if (regimes.includes(Regime.Ccpa) && entrusted) {
    flags.push({
      requirement: ComplianceRequirement.CcpaServiceProviderTerms,
      regime: Regime.Ccpa,
      citation: 'Cal. Civ. Code § 1798.100(d), § 1798.140(ag); CCPA Regs. § 7051',
      reason: 'Receives personal information of California consumers.',
    });
  }
  return flags;
}

/**
 * The inherent risk of a vendor: a pure function of its data profile, its sub-processors and
 * the organization's rubric, with the reasons that produced the score.
 */
export function computeInherentRisk(input: InherentRiskInput, rubric: RiskRubric): InherentRisk {
  const { profile } = input;
  const reasons: RiskReason[] = [];
  const add = (factor: RiskFactor, points: number, detail: string) => {
    if (points > 0) reasons.push({ factor, points, detail });
  };

  const categories = [...new Set(profile.categories)];
  const categoryPoints = categories.reduce(
    (sum, category) => sum + rubric.categoryWeights[category],
    0,
  );
  add(
    RiskFactor.DataCategories,
    Math.min(categoryPoints, rubric.categoryCap),
    `Personal information: ${list(categories)}` +
      (categoryPoints > rubric.categoryCap ? ` (capped at ${rubric.categoryCap})` : ''),
  );

  const sensitive = includesSensitiveData(profile);
  if (sensitive) {
    add(
      RiskFactor.SensitiveData,
      rubric.sensitiveDataWeight,
      'Includes sensitive personal information (PIPL Art. 28)',
    );
  }
  add(RiskFactor.Volume, rubric.volumeWeights[profile.volume], `Volume: ${profile.volume}`);
  add(
    RiskFactor.AccessLevel,
    rubric.accessWeights[profile.accessLevel],
    `${profile.accessLevel} access to the organization’s systems`,
  );

  const countries = new Set([...profile.dataCountries, ...input.subProcessorCountries]);
  const foreign = rubric.homeCountry
    ? [...countries].filter((country) => country !== rubric.homeCountry)
    : countries.size > 1
      ? [...countries]
      : [];
  const crossBorder = handlesPersonalData(profile) && foreign.length > 0;
  if (crossBorder) {
    add(
      RiskFactor.CrossBorder,
      rubric.crossBorderWeight,
      rubric.homeCountry
        ? `Data stored or accessed outside ${rubric.homeCountry}: ${list(foreign.sort())}`
        : `Data stored or accessed in several countries: ${list(foreign.sort())}`,
    );
  }

  const subProcessors = input.subProcessorCountries.length;
  add(
    RiskFactor.SubProcessors,
    Math.min(subProcessors * rubric.subProcessorWeight, rubric.subProcessorCap),
    `${subProcessors} sub-processor${subProcessors === 1 ? '' : 's'}`,
  );

  const score = Math.min(
    100,
    reasons.reduce((sum, reason) => sum + reason.points, 0),
  );
  const regimes = applicableRegimes(profile, countries, rubric);
  return {
    score,
    tier: tierOf(score, rubric),
    reasons: reasons.sort((a, b) => b.points - a.points),
    regimes,
    requirements: requirementsOf(profile, regimes, countries, sensitive),
    sensitiveData: sensitive,
    crossBorder,
    algorithmVersion: INHERENT_RISK_ALGORITHM_VERSION,
  };
}
