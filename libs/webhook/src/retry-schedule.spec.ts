import { describe, expect, it } from '@jest/globals';
import { nextRetryDelayMs, retrySchedule } from './retry-schedule.js';

const DEFAULTS = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, windowMs: 86_400_000 };

describe('webhook retry schedule', () => {
  it('doubles from 30 s, caps at an hour and stops once 24 hours are scheduled', () => {
    const delays = retrySchedule(DEFAULTS);
    expect(delays.slice(0, 8)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000,
    ]);
    expect(delays.slice(7).every((delay) => delay === 3_600_000)).toBe(true);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThanOrEqual(DEFAULTS.windowMs);
    expect(total + 3_600_000).toBeGreaterThan(DEFAULTS.windowMs);
    // 29 retries after the first attempt: 30 attempts in all.
    expect(delays).toHaveLength(29);
  });

  it('answers null once the schedule is spent: the delivery is dead', () => {
    const policy = { baseDelayMs: 20, maxDelayMs: 80, windowMs: 300 };
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(n, policy))).toEqual([20, 40, 80, 80, 80]);
    expect(nextRetryDelayMs(6, policy)).toBeNull();
    expect(nextRetryDelayMs(7, policy)).toBeNull();
  });

  it('never retries with an empty window, and refuses a nonsensical attempt number', () => {
    expect(nextRetryDelayMs(1, { baseDelayMs: 1, maxDelayMs: 1, windowMs: 0 })).toBeNull();
    expect(() => nextRetryDelayMs(0, DEFAULTS)).toThrow();
  });
});
