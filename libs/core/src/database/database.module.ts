import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { StatementCounter } from './sql-logger.js';
import { TransactionalConnection } from './transactional-connection.js';

const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const registeredEntities = new Set<Function>();

/** Closes the pool, then the embedded database, in that order. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  /** Registers a library's entities with the one DataSource (read when it is created). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  static forFeature(entities: Function[]): DynamicModule {
    for (const entity of entities) registeredEntities.add(entity);
    return { module: DatabaseModule };
  }

  /**
   * The DataSource: the embedded database when DATABASE_URL is unset, migrations applied at
   * start-up unless DATABASE_MIGRATIONS_RUN=false.
   */
  static forRoot(options: { applicationName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        StatementCounter,
        {
          provide: EMBEDDED_POSTGRES,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const database = config.database;
            if (database.mode !== 'embedded') return null;
            const embedded = await EmbeddedPostgres.start(database.dataDir);
            new Logger('Database').log(`Embedded PostgreSQL (PGlite) in ${database.dataDir}`);
            return embedded;
          },
        },
        {
          provide: DataSource,
          inject: [AppConfig, EMBEDDED_POSTGRES, StatementCounter],
          useFactory: async (
            config: AppConfig,
            embedded: EmbeddedPostgres | null,
            counter: StatementCounter,
          ) => {
            const database = config.database;
            const dataSource = new DataSource(
              buildDataSourceOptions({
                url: database.mode === 'external' ? database.url : embedded!.url,
                poolSize: database.mode === 'external' ? database.poolSize : 1,
                statementTimeoutMs:
                  database.mode === 'external' ? database.statementTimeoutMs : undefined,
                applicationName: options.applicationName,
                entities: [...registeredEntities],
                migrations: MIGRATIONS,
                counter,
                logStatements: config.logLevel === 'trace',
              }),
            );
            try {
              await dataSource.initialize();
              if (database.runMigrations) {
                await runMigrations(dataSource, { lock: database.mode === 'external' });
              }
            } catch (error) {
              if (dataSource.isInitialized) await dataSource.destroy();
              await embedded?.stop();
              throw error;
            }
            return dataSource;
          },
        },
        TransactionalConnection,
        DatabaseLifecycle,
      ],
      exports: [DataSource, TransactionalConnection, StatementCounter],
    };
  }
}
