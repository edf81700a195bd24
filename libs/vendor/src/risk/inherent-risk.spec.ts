import { describe, expect, it } from '@jest/globals';
import {
  AccessLevel,
  DataSubjectRegion,
  EMPTY_DATA_PROFILE,
  PersonalDataCategory,
  ProcessingRole,
  Regime,
  VolumeBand,
  type DataProfile,
} from '../data-profile.js';
import {
  ComplianceRequirement,
  RiskFactor,
  RiskTier,
  computeInherentRisk,
} from './inherent-risk.js';
import { DEFAULT_RISK_RUBRIC, applyRubricChange, riskRubricSchema } from './risk-rubric.js';

const profile = (overrides: Partial<DataProfile>): DataProfile => ({
  ...EMPTY_DATA_PROFILE,
  ...overrides,
});
const score = (p: Partial<DataProfile>, subProcessorCountries: string[] = []) =>
  computeInherentRisk({ profile: profile(p), subProcessorCountries }, DEFAULT_RISK_RUBRIC);

describe('computeInherentRisk', () => {
  it('gives nothing to a vendor without personal data or access', () => {
    const risk = score({});
    expect(risk).toMatchObject({ score: 0, tier: RiskTier.Tier4, reasons: [], regimes: [] });
  });

  it('sums category weights up to the cap', () => {
    const risk = score({
      categories: [PersonalDataCategory.Contact, PersonalDataCategory.Identifiers],
    });
    expect(risk.reasons).toEqual([
      {
        factor: RiskFactor.DataCategories,
        points: 10,
        detail: 'Personal information: CONTACT, IDENTIFIERS',
      },
    ]);
    const capped = score({
      categories: [
        PersonalDataCategory.Contact,
        PersonalDataCategory.Employee,
        PersonalDataCategory.Identifiers,
        PersonalDataCategory.Other,
        PersonalDataCategory.Other,
        PersonalDataCategory.PreciseLocation,
      ],
    });
    // 4 + 6 + 6 + 4 + 10 = 30 (OTHER counts once); PRECISE_LOCATION is sensitive: + 15.
    expect(capped.score).toBe(45);
    expect(capped.sensitiveData).toBe(true);
  });

  it('treats PIPL sensitive categories, or a declared one, as sensitive', () => {
    for (const category of [
      PersonalDataCategory.Financial,
      PersonalDataCategory.Health,
      PersonalDataCategory.Biometric,
      PersonalDataCategory.PreciseLocation,
      PersonalDataCategory.Children,
      PersonalDataCategory.GovernmentId,
      PersonalDataCategory.Credentials,
    ]) {
      expect(score({ categories: [category] }).sensitiveData).toBe(true);
    }
    expect(score({ categories: [PersonalDataCategory.Contact] }).sensitiveData).toBe(false);
    expect(score({ otherSensitiveData: true }).reasons.map((r) => r.factor)).toEqual([
      RiskFactor.SensitiveData,
    ]);
  });

  it('adds volume, access and sub-processors, and caps the total at 100', () => {
    const risk = score(
      {
        categories: Object.values(PersonalDataCategory),
        volume: VolumeBand.Over1m,
        accessLevel: AccessLevel.Admin,
        dataCountries: ['CN', 'US'],
      },
      ['DE', 'FR', 'JP', 'SG', 'IN', 'BR'],
    );
    // 30 + 15 + 18 + 15 + 12 + 10 (6 × 2, capped) = 100
    expect(risk.score).toBe(100);
    expect(risk.reasons.find((r) => r.factor === RiskFactor.SubProcessors)?.points).toBe(10);
  });

  it('crosses a border when data leaves the home country, or spans countries without one', () => {
    const contact = { categories: [PersonalDataCategory.Contact] };
    expect(score({ ...contact, dataCountries: ['CN'] }).crossBorder).toBe(false);
    expect(score({ ...contact, dataCountries: ['CN'] }, ['SG']).crossBorder).toBe(true);
    const home = applyRubricChange(DEFAULT_RISK_RUBRIC, { homeCountry: 'DE' });
    const abroad = computeInherentRisk(
      { profile: profile({ ...contact, dataCountries: ['CN'] }), subProcessorCountries: [] },
      home,
    );
    expect(abroad.crossBorder).toBe(true);
    expect(abroad.reasons.find((r) => r.factor === RiskFactor.CrossBorder)?.detail).toBe(
      'Data stored or accessed outside DE: CN',
    );
    // No personal data, no transfer of it.
    expect(score({ dataCountries: ['CN', 'US'] }).crossBorder).toBe(false);
  });

  it('applies the laws of the data subjects and the data location, among those enabled', () => {
    const contact = { categories: [PersonalDataCategory.Contact] };
    expect(
      score({ ...contact, dataSubjectRegions: [DataSubjectRegion.UnitedKingdom] }).regimes,
    ).toEqual([Regime.Gdpr]);
    expect(score({ ...contact, dataCountries: ['CN'] }).regimes).toEqual([Regime.Pipl]);
    expect(
      score({
        ...contact,
        dataSubjectRegions: [DataSubjectRegion.California, DataSubjectRegion.China],
      }).regimes,
    ).toEqual([Regime.Pipl, Regime.Ccpa]);
    const gdprOnly = applyRubricChange(DEFAULT_RISK_RUBRIC, { regimes: [Regime.Gdpr] });
    const risk = computeInherentRisk(
      {
        profile: profile({ ...contact, dataSubjectRegions: [DataSubjectRegion.China] }),
        subProcessorCountries: [],
      },
      gdprOnly,
    );
    expect(risk.regimes).toEqual([]);
    expect(risk.requirements).toEqual([]);
  });

  it('flags a PIPL impact assessment for data in China, sensitive data, or data leaving China', () => {
    const due = (p: Partial<DataProfile>, subs: string[] = []) =>
      score(p, subs).requirements.some(
        (r) => r.requirement === ComplianceRequirement.PiplImpactAssessment,
      );
    const china = { dataSubjectRegions: [DataSubjectRegion.China] };
    expect(due({ categories: [PersonalDataCategory.Contact], dataCountries: ['CN'] })).toBe(true);
    expect(due({ ...china, categories: [PersonalDataCategory.Health] })).toBe(true);
    expect(due({ ...china, categories: [PersonalDataCategory.Contact] }, ['US'])).toBe(true);
    expect(due({ ...china, categories: [PersonalDataCategory.Contact] })).toBe(false);
    // Sensitive data of people outside China, processed outside China: not PIPL's business.
    expect(
      due({
        categories: [PersonalDataCategory.Health],
        dataSubjectRegions: [DataSubjectRegion.EuEea],
        dataCountries: ['DE'],
      }),
    ).toBe(false);
  });

  it('asks independent controllers for no processing terms', () => {
    const risk = score({
      categories: [PersonalDataCategory.Contact],
      dataSubjectRegions: [DataSubjectRegion.EuEea, DataSubjectRegion.California],
      processingRole: ProcessingRole.IndependentController,
    });
    expect(risk.regimes).toEqual([Regime.Gdpr, Regime.Ccpa]);
    expect(risk.requirements).toEqual([]);
  });

  it('follows the rubric’s tier thresholds', () => {
    const strict = applyRubricChange(DEFAULT_RISK_RUBRIC, {
      tierThresholds: { tier1: 20, tier2: 10, tier3: 5 },
    });
    const risk = computeInherentRisk(
      {
        profile: profile({
          categories: [PersonalDataCategory.Contact, PersonalDataCategory.Identifiers],
        }),
        subProcessorCountries: [],
      },
      strict,
    );
    expect(risk.tier).toBe(RiskTier.Tier2);
  });
});

describe('risk rubric', () => {
  it('accepts the default and merges changes weight by weight', () => {
    expect(riskRubricSchema.parse(DEFAULT_RISK_RUBRIC)).toEqual(DEFAULT_RISK_RUBRIC);
    const changed = applyRubricChange(DEFAULT_RISK_RUBRIC, {
      categoryWeights: { [PersonalDataCategory.Health]: 40 },
      regimes: [Regime.Gdpr, Regime.Gdpr],
    });
    expect(changed.categoryWeights[PersonalDataCategory.Health]).toBe(40);
    expect(changed.categoryWeights[PersonalDataCategory.Contact]).toBe(4);
    expect(changed.regimes).toEqual([Regime.Gdpr]);
    expect(changed.crossBorderWeight).toBe(DEFAULT_RISK_RUBRIC.crossBorderWeight);
  });

  it('refuses thresholds that do not decrease, and weights out of range', () => {
    const bad = (change: Parameters<typeof applyRubricChange>[1]) =>
      riskRubricSchema.safeParse(applyRubricChange(DEFAULT_RISK_RUBRIC, change)).success;
    expect(bad({ tierThresholds: { tier1: 40, tier2: 40, tier3: 10 } })).toBe(false);
    expect(bad({ tierThresholds: { tier1: 40, tier2: 30, tier3: 0 } })).toBe(false);
    expect(bad({ crossBorderWeight: 101 })).toBe(false);
    expect(bad({ homeCountry: 'de' })).toBe(false);
    expect(bad({ tierThresholds: { tier1: 90, tier2: 50, tier3: 1 } })).toBe(true);
  });
});
