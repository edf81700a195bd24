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

/** Reset emails: a few an hour per account (no mail bombing), more per address. */
export function resetRequestLimits(ip: string | null, email: string): RateLimitRule[] {
  return [
    {
      key: accountKey('reset-request', email),
      limit: 5,
      windowSeconds: 3_600,
      blockSeconds: 3_600,
    },
    { key: ipKey('reset-request', ip), limit: 30, windowSeconds: 3_600, blockSeconds: 3_600 },
  ];
}
