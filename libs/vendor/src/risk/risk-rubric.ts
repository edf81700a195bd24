import { z } from 'zod';
import { AccessLevel, PersonalDataCategory, Regime, VolumeBand } from '../data-profile.js';

/**
 * How an organization turns a data profile into an inherent-risk score (0-100) and tier. Every
 * weight is in points; the score is their sum, capped at 100.
 */
export interface RiskRubric {
  /** Points per personal-information category the vendor handles. */
  readonly categoryWeights: Readonly<Record<PersonalDataCategory, number>>;
  /** At most this many points from categories together. */
  readonly categoryCap: number;
  /** Points when any of the data is sensitive personal information. */
  readonly sensitiveDataWeight: number;
  readonly volumeWeights: Readonly<Record<VolumeBand, number>>;
  readonly accessWeights: Readonly<Record<AccessLevel, number>>;
  /** Points when data is stored or accessed outside the home country. */
  readonly crossBorderWeight: number;
  /** Points per sub-processor, up to subProcessorCap. */
  readonly subProcessorWeight: number;
  readonly subProcessorCap: number;
  /** Lowest score of each tier; below tier3 is TIER_4. Strictly decreasing. */
  readonly tierThresholds: {
    readonly tier1: number;
    readonly tier2: number;
    readonly tier3: number;
  };
  /** The organization's own country (ISO 3166-1 alpha-2): data elsewhere crosses a border. */
  readonly homeCountry: string | null;
  /** The laws the organization answers to; only these are checked for vendors. */
  readonly regimes: readonly Regime[];
}

export const DEFAULT_RISK_RUBRIC: RiskRubric = {
  categoryWeights: {
    [PersonalDataCategory.Contact]: 4,
    [PersonalDataCategory.Identifiers]: 6,
    [PersonalDataCategory.Financial]: 12,
    [PersonalDataCategory.Health]: 15,
    [PersonalDataCategory.Biometric]: 15,
    [PersonalDataCategory.PreciseLocation]: 10,
    [PersonalDataCategory.Children]: 15,
    [PersonalDataCategory.GovernmentId]: 12,
    [PersonalDataCategory.Credentials]: 12,
    [PersonalDataCategory.Employee]: 6,
    [PersonalDataCategory.Other]: 4,
  },
  categoryCap: 30,
  sensitiveDataWeight: 15,
  volumeWeights: {
    [VolumeBand.None]: 0,
    [VolumeBand.Under10k]: 3,
    [VolumeBand.From10kTo100k]: 7,
    [VolumeBand.From100kTo1m]: 12,
    [VolumeBand.Over1m]: 18,
  },
  accessWeights: {
    [AccessLevel.None]: 0,
    [AccessLevel.Read]: 5,
    [AccessLevel.Write]: 10,
    [AccessLevel.Admin]: 15,
  },
  crossBorderWeight: 12,
  subProcessorWeight: 2,
  subProcessorCap: 10,
  tierThresholds: { tier1: 65, tier2: 40, tier3: 15 },
  homeCountry: null,
  regimes: [Regime.Pipl, Regime.Gdpr, Regime.Ccpa],
};

const points = z.number().int().min(0).max(100);
const weights = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, points])) as Record<K, typeof points>);

/** The stored form of a rubric, checked whenever one is read or written. */
export const riskRubricSchema = z
  .object({
    categoryWeights: weights(Object.values(PersonalDataCategory)),
    categoryCap: points,
    sensitiveDataWeight: points,
    volumeWeights: weights(Object.values(VolumeBand)),
    accessWeights: weights(Object.values(AccessLevel)),
    crossBorderWeight: points,
    subProcessorWeight: points,
    subProcessorCap: points,
    tierThresholds: z.object({ tier1: points, tier2: points, tier3: points }),
    homeCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    regimes: z.array(z.enum(Regime)),
  })
  .superRefine((rubric, issue) => {
    const { tier1, tier2, tier3 } = rubric.tierThresholds;
    if (!(tier1 > tier2 && tier2 > tier3 && tier3 > 0)) {
      issue.addIssue({
        code: 'custom',
        path: ['tierThresholds'],
        message: 'must decrease strictly: tier1 > tier2 > tier3 > 0',
      });
    }
  });

/** A change to a rubric: what is given replaces the current value, weight by weight. */
export interface RiskRubricChange {
  readonly categoryWeights?: Partial<Record<PersonalDataCategory, number>>;
  readonly categoryCap?: number;
  readonly sensitiveDataWeight?: number;
  readonly volumeWeights?: Partial<Record<VolumeBand, number>>;
  readonly accessWeights?: Partial<Record<AccessLevel, number>>;
  readonly crossBorderWeight?: number;
  readonly subProcessorWeight?: number;
  readonly subProcessorCap?: number;
  readonly tierThresholds?: { tier1: number; tier2: number; tier3: number };
  readonly homeCountry?: string | null;
  readonly regimes?: readonly Regime[];
}

/** `rubric` with `change` applied (not yet validated). */
export function applyRubricChange(rubric: RiskRubric, change: RiskRubricChange): RiskRubric {
  return {
    ...rubric,
    ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
    categoryWeights: { ...rubric.categoryWeights, ...change.categoryWeights },
    volumeWeights: { ...rubric.volumeWeights, ...change.volumeWeights },
    accessWeights: { ...rubric.accessWeights, ...change.accessWeights },
    regimes: change.regimes ? [...new Set(change.regimes)] : rubric.regimes,
  };
}
