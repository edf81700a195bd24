import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppConfig, Role, TransactionalConnection, UnitOfWork } from '#core';
import { AuthenticationService, type Authentication } from '#identity';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureApiApplication } from '../apps/api/src/bootstrap.js';

/**
 * The baseline of the security benchmark: the same API and query, without what security costs.
 * A fixed token instead of a signed one, and reads straight from the pool: no transaction, no
 * role or tenant switch, on a copy of the database with row-level security disabled.
 * Never a way to run Assay: only `npm run bench` starts it.
 */
const STATIC_TOKEN = 'bench-static-token';

class StaticAuthentication {
  constructor(private readonly principal: Authentication) {}

  async authenticate(credentials: { authorization?: string }): Promise<Authentication> {
    return credentials.authorization === `Bearer ${STATIC_TOKEN}`
      ? this.principal
      : { ok: true, actor: { kind: 'anonymous' }, organizationId: null };
  }
}

/** A request "unit" that is only the pool: every read runs on its own, outside a transaction. */
class PoolOnly extends UnitOfWork {
  constructor(private readonly pool: DataSource) {
    super(pool, { role: 'assay_app', organizationId: null });
  }

  override async manager() {
    return this.pool.manager;
  }

  override async finish(): Promise<void> {}
}

class PoolOnlyConnection extends TransactionalConnection {
  constructor(
    private readonly pool: DataSource,
    config: AppConfig,
  ) {
    super(pool, config);
  }

  override beginRequest(): UnitOfWork {
    return new PoolOnly(this.pool);
  }
}

async function main(): Promise<void> {
  const config = AppConfig.fromProcessEnv();
  const [userId, organizationId] = [process.env.BENCH_USER_ID!, process.env.BENCH_ORGANIZATION_ID!];
  const module = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { withWorker: false })],
  })
    .overrideProvider(AuthenticationService)
    .useValue(
      new StaticAuthentication({
        ok: true,
        actor: { kind: 'user', userId, role: Role.Admin, sessionId: userId },
        organizationId,
      }),
    )
    .overrideProvider(TransactionalConnection)
    .useFactory({
      factory: (pool: DataSource) => new PoolOnlyConnection(pool, config),
      inject: [DataSource],
    })
    .compile();
  const app = configureApiApplication(
    module.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true }),
    config,
  );
  await app.listen(config.http.port, config.http.host);
  process.send?.('ready');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
