import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** Counts SQL statements sent, so tests and benchmarks can prove batching. */
export class StatementCounter {
  private count = 0;

  increment(): void {
    this.count += 1;
  }

  get value(): number {
    return this.count;
  }
}

/**
 * SQL text with its string literals blanked: values written into a statement (the tenant, an
 * audit event sent with COMMIT) are data, logged no more than parameters are.
 */
export function withoutLiterals(query: string): string {
  return query.replace(/'(?:[^']|'')*'/g, "'…'");
}

/**
 * Routes TypeORM's log into the application log. Parameters and literals are never logged:
 * they carry personal data and secrets.
 */
export class SqlLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('SQL');

  /**
   * @param logStatements whether statements are logged (at `verbose`, LOG_LEVEL=trace): when
   *   they are not, nothing is done to a statement besides counting it.
   */
  constructor(
    private readonly counter?: StatementCounter,
    private readonly logStatements = false,
  ) {}

  logQuery(query: string): void {
    this.counter?.increment();
    if (this.logStatements) this.logger.verbose(withoutLiterals(query));
  }

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.debug(`Query failed: ${message} -- ${withoutLiterals(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${withoutLiterals(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
