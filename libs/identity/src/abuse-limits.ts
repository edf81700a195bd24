import { accountKey, ipKey, type AppConfig, type RateLimitRule } from '#core';

/**
 * The limits on everything that guesses at a secret (a password, a code, a token): per account
 * and per address, per minute, blocked for a minute and then twice as long each time.
 */
export function guessLimits(
  config: AppConfig,
  scope: string,
  ip: string | null,
  account?: string,
): RateLimitRule[] {
  const { rateLimitPerAccount, rateLimitPerIp } = config.auth;
  return [
    ...(account
      ? [
          {
            key: accountKey(scope, account),
            limit: rateLimitPerAccount,
            windowSeconds: 60,
            blockSeconds: 60,
          },
        ]
      : []),
    { key: ipKey(scope, ip), limit: rateLimitPerIp, windowSeconds: 60, blockSeconds: 60 },
  ];
}

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
