import { accountKey, ipKey, type RateLimitRule } from '#core';

/** Requests that send an email (resets, sign-ups): a few an hour per address mailed, more per client. */
export function emailRequestLimits(
  scope: string,
  ip: string | null,
  email: string,
): RateLimitRule[] {
  return [
    { key: accountKey(scope, email), limit: 5, windowSeconds: 3_600, blockSeconds: 3_600 },
    { key: ipKey(scope, ip), limit: 30, windowSeconds: 3_600, blockSeconds: 3_600 },
  ];
}
