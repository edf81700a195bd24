import { RiskTier } from '../risk/inherent-risk.js';
import { VendorLifecycle } from '../vendor-lifecycle.js';

/** AUTOMATIC sends the reassessment when it falls due; PROPOSE only marks the vendor as due. */
export enum ReassessmentMode {
  Automatic = 'AUTOMATIC',
  Propose = 'PROPOSE',
}

/** How one inherent tier is reassessed. */
export interface TierReassessment {
  /** Months from the last completed assessment to the next one, 1-120. */
  readonly intervalMonths: number;
  /**
   * The questionnaire template to send (its latest published version); null sends the
   * template of the vendor's last assessment again.
   */
  readonly templateId: string | null;
  /** Days the vendor has to answer, 1-365. */
  readonly duePeriodDays: number;
  readonly mode: ReassessmentMode;
}

/** What brings a reassessment forward, besides reassessNow. */
export enum ReassessmentTrigger {
  TierRaised = 'TIER_RAISED',
  AgreementExpired = 'AGREEMENT_EXPIRED',
}

export type ReassessmentPolicy = { readonly [Tier in RiskTier]: TierReassessment };

const TIERS = Object.values(RiskTier);

/** Six months for the most critical vendors, then twelve, twenty-four and thirty-six. */
export const DEFAULT_REASSESSMENT_POLICY: ReassessmentPolicy = {
  [RiskTier.Tier1]: tier(6),
  [RiskTier.Tier2]: tier(12),
  [RiskTier.Tier3]: tier(24),
  [RiskTier.Tier4]: tier(36),
};

function tier(intervalMonths: number): TierReassessment {
  return { intervalMonths, templateId: null, duePeriodDays: 30, mode: ReassessmentMode.Automatic };
}

/**
 * When vendor contacts are reminded of an assessment: days before its due date, and days after
 * it (the last of these also escalates to the vendor's risk owner).
 */
export interface ReminderOffsets {
  readonly beforeDueDays: readonly number[];
  readonly afterDueDays: readonly number[];
}

export const DEFAULT_REMINDER_OFFSETS: ReminderOffsets = {
  beforeDueDays: [14, 3],
  afterDueDays: [1, 7],
};

/** What is wrong with reminder offsets, with paths relative to them. */
export function reminderProblems(reminders: ReminderOffsets): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const check = (field: keyof ReminderOffsets, min: number) => {
    const days = reminders[field];
    if (days.length > 5) problems.push({ path: field, message: 'at most 5 offsets' });
    if (field === 'afterDueDays' && days.length === 0) {
      problems.push({ path: field, message: 'needs at least one: the last one escalates' });
    }
    days.forEach((value, index) => {
      if (!Number.isInteger(value) || value < min || value > 365) {
        problems.push({
          path: `${field}[${index}]`,
          message: `must be a whole number, ${min}-365`,
        });
      }
    });
    if (new Set(days).size !== days.length) {
      problems.push({ path: field, message: 'the same offset is given twice' });
    }
  };
  check('beforeDueDays', 0);
  check('afterDueDays', 1);
  return problems;
}

/** Offsets as stored: distinct, from the earliest reminder to the latest. */
export function canonicalReminders(reminders: ReminderOffsets): ReminderOffsets {
  return {
    beforeDueDays: [...new Set(reminders.beforeDueDays)].sort((a, b) => b - a),
    afterDueDays: [...new Set(reminders.afterDueDays)].sort((a, b) => a - b),
  };
}

export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** What is wrong with a policy, with paths relative to it (`TIER_1.intervalMonths`). */
export function policyProblems(policy: Record<string, Partial<TierReassessment>>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const name of TIERS) {
    const entry = policy[name];
    if (!entry) {
      problems.push({ path: name, message: 'every tier needs its reassessment' });
      continue;
    }
    const whole = (value: unknown, min: number, max: number) =>
      Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
    if (!whole(entry.intervalMonths, 1, 120)) {
      problems.push({ path: `${name}.intervalMonths`, message: 'must be a whole number, 1-120' });
    }
    if (!whole(entry.duePeriodDays, 1, 365)) {
      problems.push({ path: `${name}.duePeriodDays`, message: 'must be a whole number, 1-365' });
    }
    if (!Object.values(ReassessmentMode).includes(entry.mode as ReassessmentMode)) {
      problems.push({ path: `${name}.mode`, message: 'must be AUTOMATIC or PROPOSE' });
    }
  }
  for (const name of Object.keys(policy)) {
    if (!TIERS.includes(name as RiskTier)) problems.push({ path: name, message: 'is not a tier' });
  }
  return problems;
}

/** `date` plus whole calendar months in UTC; the 31st plus one month is the last day of the next. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export interface SchedulableVendor {
  readonly tier: RiskTier;
  readonly reassessmentTrigger?: ReassessmentTrigger | null;
  readonly lifecycle: VendorLifecycle;
  readonly lastAssessedAt: Date | null;
}

/**
 * When the vendor's next assessment falls due: its tier's interval after the last completed
 * assessment. None for an offboarded vendor or one never assessed (its first assessment is
 * sent by hand).
 */
export function nextAssessmentDue(
  vendor: SchedulableVendor,
  policy: ReassessmentPolicy,
): Date | null {
  if (vendor.lifecycle === VendorLifecycle.Offboarded || vendor.lastAssessedAt === null)
    return null;
  return addMonths(vendor.lastAssessedAt, policy[vendor.tier].intervalMonths);
}
