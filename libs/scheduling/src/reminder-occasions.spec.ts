import { describe, expect, it } from '@jest/globals';
import {
  agreementOccasion,
  assessmentOccasion,
  daysBetween,
  followUpOccasion,
} from './reminder-occasions.js';

describe('assessmentOccasion', () => {
  it.each([
    [30, null],
    [15, null],
    [14, 'due-14'],
    [4, 'due-14'],
    [3, 'due-3'],
    [0, 'due-3'],
    [-1, 'overdue-1'],
    [-6, 'overdue-1'],
    [-7, 'overdue-7'],
    [-40, 'overdue-7'],
  ])('%i days left: %s', (daysLeft, key) => {
    expect(assessmentOccasion(daysLeft)?.key ?? null).toBe(key);
  });

  it("follows the organization's offsets", () => {
    const offsets = { beforeDueDays: [10, 5, 1], afterDueDays: [2] };
    expect(assessmentOccasion(11, offsets)).toBeNull();
    expect(assessmentOccasion(6, offsets)?.key).toBe('due-10');
    expect(assessmentOccasion(1, offsets)?.key).toBe('due-1');
    expect(assessmentOccasion(-1, offsets)).toBeNull();
    expect(assessmentOccasion(-2, offsets)).toMatchObject({ key: 'overdue-2', escalate: true });
    expect(assessmentOccasion(3, { beforeDueDays: [], afterDueDays: [1] })).toBeNull();
  });

  it('escalates to the risk owner only at the last overdue notice', () => {
    expect(assessmentOccasion(-1)).toMatchObject({ kind: 'overdue', escalate: false });
    expect(assessmentOccasion(-7)).toMatchObject({ kind: 'overdue', escalate: true });
  });
});

describe('agreementOccasion', () => {
  it.each([
    [90, null],
    [60, 'expiring-60'],
    [31, 'expiring-60'],
    [30, 'expiring-30'],
    [8, 'expiring-30'],
    [7, 'expiring-7'],
    [0, 'expiring-7'],
    [-1, 'expired'],
  ])('%i days left: %s', (daysLeft, key) => {
    expect(agreementOccasion(daysLeft)?.key ?? null).toBe(key);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, across months and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-05', '2026-12-05')).toBe(0);
    expect(daysBetween('2026-12-05', '2026-12-01')).toBe(-4);
  });
});

describe('followUpOccasion', () => {
  it.each([
    [30, null],
    [15, null],
    [14, 'soon'],
    [0, 'soon'],
    [-1, 'passed'],
  ])('%i days left: %s', (daysLeft, occasion) => {
    expect(followUpOccasion(daysLeft)).toBe(occasion);
  });
});
