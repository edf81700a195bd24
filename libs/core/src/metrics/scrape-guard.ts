import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';
import { RateLimiter, guessLimits, type RateLimitRule } from '../rate-limit/rate-limiter.js';

const logger = new Logger('Metrics');

/**
 * Stops guessing at METRICS_TOKEN: wrong tokens count per client address, under the same
 * per-address limit as sign-ins (AUTH_RATE_LIMIT_PER_IP a minute), and an address over it is
 * refused, right token or wrong, until its block ends. Counters live in PostgreSQL, shared by
 * every process that serves `/metrics`. When the database cannot be reached, scrapes go on
 * without the limit: the metrics are what shows that outage.
 */
@Injectable()
export class ScrapeGuard {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly connection: TransactionalConnection,
    private readonly config: AppConfig,
  ) {}

  /** The seconds `ip` must wait before its next scrape, or null when it may scrape now. */
  async retryAfter(ip: string | null): Promise<number | null> {
    try {
      await this.connection.transaction(this.context(), (tx) =>
        this.limiter.assertAllowed(tx, this.rules(ip)),
      );
      return null;
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.RateLimited)
        return Number(error.details?.retryAfterSeconds ?? 60);
      logger.warn(`Scrape limit not checked: ${(error as Error).message}`);
      return null;
    }
  }

  /** Counts a wrong or missing token from `ip`. */
  async refused(ip: string | null): Promise<void> {
    try {
      await this.connection.transaction(this.context(), (tx) =>
        this.limiter.recordFailure(tx, this.rules(ip)),
      );
    } catch (error) {
      logger.warn(`Refused scrape not counted: ${(error as Error).message}`);
    }
  }

  private rules(ip: string | null): RateLimitRule[] {
    return guessLimits(this.config, 'metrics', ip);
  }

  private context(): RequestContext {
    return RequestContext.system('metrics', 'scrape');
  }
}
