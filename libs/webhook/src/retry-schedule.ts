/** When failed webhook attempts are tried again. */
export interface RetryPolicy {
  /** Delay after the first failed attempt; it doubles after each later one. */
  readonly baseDelayMs: number;
  /** Longest delay between two attempts. */
  readonly maxDelayMs: number;
  /** No retry is scheduled more than this after the first attempt (by the schedule). */
  readonly windowMs: number;
}

/**
 * The delay before the next attempt after `attemptsMade` failed ones (1-based), or null when
 * the schedule is spent and the delivery is dead. Computed from the schedule alone, not from
 * the clock: retry n runs `base·2^(n-1)` (at most `max`) after attempt n, and retries continue
 * while their scheduled offset from the first attempt stays within the window. With the
 * defaults (30 s, 1 h, 24 h) that is 30 attempts over about 24 hours.
 */
export function nextRetryDelayMs(attemptsMade: number, policy: RetryPolicy): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new Error(`attemptsMade must be a positive integer, not ${attemptsMade}`);
  }
  let offset = 0;
  let delay = 0;
  for (let attempt = 1; attempt <= attemptsMade; attempt++) {
    delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    offset += delay;
    if (offset > policy.windowMs) return null;
  }
  return delay;
}

/** Every delay of the schedule, in order: what a delivery that always fails waits. */
export function retrySchedule(policy: RetryPolicy): number[] {
  const delays: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const delay = nextRetryDelayMs(attempt, policy);
    if (delay === null) return delays;
    delays.push(delay);
  }
}
