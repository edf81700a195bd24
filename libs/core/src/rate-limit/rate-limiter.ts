import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';

/** A limit: `limit` failures within `windowSeconds`, then a block of `blockSeconds`, doubling. */
export interface RateLimitRule {
  readonly key: string;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly blockSeconds: number;
}

/** Strikes are forgotten after a day without failures. */
const STRIKE_MEMORY_SECONDS = 86_400;
const MAX_BLOCK_SECONDS = 3_600;

/** A key that names an account without storing its identifier (e.g. an email) in the clear. */
export function accountKey(scope: string, identifier: string): string {
  return `${scope}:account:${createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex')}`;
}

export function ipKey(scope: string, ip: string | null): string {
  return `${scope}:ip:${ip ?? 'unknown'}`;
}

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

/**
 * Failure counters shared by every API process (in PostgreSQL). After `limit` failures in a
 * window a key is blocked, for longer each time, and every attempt under it answers
 * RATE_LIMITED, right or wrong, until the block ends.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: Clock,
  ) {}

  /** Throws RATE_LIMITED (with the seconds to wait) when any of the keys is blocked. */
  async assertAllowed(ctx: RequestContext, rules: readonly RateLimitRule[]): Promise<void> {
    const rows = (await (
      await this.connection.manager(ctx)
    ).query(
      `SELECT max(blocked_until) AS until FROM rate_limit WHERE key = ANY($1) AND blocked_until > $2`,
      [rules.map((rule) => rule.key), this.clock.now()],
    )) as Array<{ until: Date | null }>;
    const until = rows[0]?.until;
    if (until) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((new Date(until).getTime() - this.clock.now().getTime()) / 1000),
      );
      throw new DomainException(
        ErrorCode.RateLimited,
        `Too many attempts: try again in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      );
    }
  }

  /**
   * Counts a failure under each key, in one atomic statement per key: a key that reaches its
   * limit is blocked (for `blockSeconds`, doubling with each strike, at most an hour) and starts
   * a new window, so the next block needs `limit` new failures.
   */
  async recordFailure(ctx: RequestContext, rules: readonly RateLimitRule[]): Promise<void> {
    const manager = await this.connection.manager(ctx);
    const now = this.clock.now();
    // Typed once here, so that PostgreSQL deduces one type for each parameter:
    // $1 key, $2 now, $3 limit, $4 window, $5 block, $6 strike memory, $7 longest block (seconds).
    const now$ = '$2::timestamptz';
    const expired = `current.window_start < ${now$} - make_interval(secs => $4::int)`;
    const hits = `(CASE WHEN ${expired} THEN 1 ELSE current.failures + 1 END)`;
    const strikes = `(CASE WHEN current.updated_at < ${now$} - make_interval(secs => $6::int) THEN 0 ELSE current.strikes END)`;
    for (const rule of rules) {
      await manager.query(
        `INSERT INTO rate_limit AS current (key, window_start, failures, strikes, blocked_until, updated_at)
         VALUES ($1, ${now$}, CASE WHEN $3::int <= 1 THEN 0 ELSE 1 END, CASE WHEN $3::int <= 1 THEN 1 ELSE 0 END,
                 CASE WHEN $3::int <= 1 THEN ${now$} + make_interval(secs => $5::int) END, ${now$})
         ON CONFLICT (key) DO UPDATE SET
           window_start = CASE WHEN ${expired} OR ${hits} >= $3::int THEN ${now$} ELSE current.window_start END,
           failures = CASE WHEN ${hits} >= $3::int THEN 0 ELSE ${hits} END,
           strikes = ${strikes} + CASE WHEN ${hits} >= $3::int THEN 1 ELSE 0 END,
           blocked_until = CASE WHEN ${hits} >= $3::int
             THEN ${now$} + make_interval(secs => least($7::int, $5::int * power(2, ${strikes})))
             ELSE current.blocked_until END,
           updated_at = ${now$}`,
        [
          rule.key,
          now,
          rule.limit,
          rule.windowSeconds,
          rule.blockSeconds,
          STRIKE_MEMORY_SECONDS,
          MAX_BLOCK_SECONDS,
        ],
      );
    }
  }

  /**
   * Runs an attempt under `rules`: refused at once while a key is blocked; a failure the
   * client caused (a DomainException: wrong password, bad token) is counted, in a transaction of
   * its own so that it stays counted although the attempt's own changes roll back; a success
   * forgets the failures of `resetOnSuccess`.
   */
  async guard<T>(
    ctx: RequestContext,
    rules: readonly RateLimitRule[],
    attempt: () => Promise<T>,
    options: { resetOnSuccess?: readonly string[] } = {},
  ): Promise<T> {
    await this.connection.transaction(ctx, (tx) => this.assertAllowed(tx, rules));
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (error instanceof DomainException && error.code !== ErrorCode.RateLimited) {
        await this.connection.transaction(ctx, (tx) => this.recordFailure(tx, rules));
      }
      throw error;
    }
    if (options.resetOnSuccess?.length) {
      await this.connection.transaction(ctx, async (tx) => {
        for (const key of options.resetOnSuccess!) await this.reset(tx, key);
      });
    }
    return result;
  }

  /** Forgets the failures (not the strikes) of a key, after a success. */
  async reset(ctx: RequestContext, key: string): Promise<void> {
    await (
      await this.connection.manager(ctx)
    ).query(`UPDATE rate_limit SET failures = 0, window_start = $2 WHERE key = $1`, [
      key,
      this.clock.now(),
    ]);
  }
}
