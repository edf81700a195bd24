import { DEFAULT_REMINDER_OFFSETS, type ReminderOffsets } from '#vendor';

/**
 * Which reminder or notice is due, from whole days: pure, so the offsets are tested apart from
 * the jobs that send them. Only the most urgent occasion is sent: an assessment sent two days
 * before its due date gets the three-day reminder, never a late fourteen-day one.
 */

/** Days before an agreement's expiry date when its business owner is told. */
export const AGREEMENT_NOTICE_DAYS = [60, 30, 7] as const;

export type AssessmentOccasion =
  | { readonly kind: 'due'; readonly days: number; readonly key: string }
  | {
      readonly kind: 'overdue';
      readonly days: number;
      readonly key: string;
      readonly escalate: boolean;
    };

/**
 * The occasion of an open assessment `daysLeft` days before its due date (negative: overdue),
 * under the organization's reminder offsets.
 */
export function assessmentOccasion(
  daysLeft: number,
  offsets: ReminderOffsets = DEFAULT_REMINDER_OFFSETS,
): AssessmentOccasion | null {
  if (daysLeft >= 0) {
    const offset = [...offsets.beforeDueDays]
      .sort((a, b) => a - b)
      .find((days) => daysLeft <= days);
    return offset === undefined ? null : { kind: 'due', days: offset, key: `due-${offset}` };
  }
  const late = -daysLeft;
  const offset = [...offsets.afterDueDays].sort((a, b) => b - a).find((days) => late >= days);
  return offset === undefined
    ? null
    : {
        kind: 'overdue',
        days: offset,
        key: `overdue-${offset}`,
        escalate: offset === Math.max(...offsets.afterDueDays),
      };
}

export type AgreementOccasion =
  | { readonly kind: 'expiring'; readonly days: number; readonly key: string }
  | { readonly kind: 'expired'; readonly key: 'expired' };

/**
 * The occasion of a signed agreement `daysLeft` days before its expiry date: a notice within
 * 60, 30 and 7 days, and EXPIRED once the date has passed (the expiry date is its last day).
 */
export function agreementOccasion(daysLeft: number): AgreementOccasion | null {
  if (daysLeft < 0) return { kind: 'expired', key: 'expired' };
  const offset = [...AGREEMENT_NOTICE_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days);
  return offset === undefined
    ? null
    : { kind: 'expiring', days: offset, key: `expiring-${offset}` };
}

/** Whole days from `today` to `day`, both `YYYY-MM-DD`. */
export function daysBetween(today: string, day: string): number {
  return Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** Days before an accepted risk or an approval exception runs out when its followers are told. */
export const FOLLOW_UP_NOTICE_DAYS = 14;

/** `soon` within FOLLOW_UP_NOTICE_DAYS of the last day, `passed` after it. */
export function followUpOccasion(daysLeft: number): 'soon' | 'passed' | null {
  if (daysLeft < 0) return 'passed';
  return daysLeft <= FOLLOW_UP_NOTICE_DAYS ? 'soon' : null;
}
