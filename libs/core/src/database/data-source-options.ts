import type { DataSourceOptions, MixedList } from 'typeorm';
import { PG_TYPES } from './pg-types.js';
import { SqlLogger, type StatementCounter } from './sql-logger.js';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolSize: number;
  readonly statementTimeoutMs?: number;
  readonly applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations?: MixedList<Function>;
  readonly counter?: StatementCounter;
  /** Whether every statement is logged, without its literals (LOG_LEVEL=trace). */
  readonly logStatements?: boolean;
}

/** The one place that turns settings into TypeORM options; `synchronize` is never on. */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new SqlLogger(settings.counter, settings.logStatements),
    extra: {
      max: settings.poolSize,
      application_name: settings.applicationName,
      connectionTimeoutMillis: 5_000,
      types: PG_TYPES,
      ...(settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
    },
  };
}
