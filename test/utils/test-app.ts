import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import { AppConfig, type QueueBackendKind } from '#core';
import { createApiApplication } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { GraphqlClient } from './graphql-client.js';
import { TEST_REDIS_URL } from './test-env.js';

export interface TestAppOptions {
  /** Where jobs run; `inline` means the embedded mode (PGlite in `env.ASSAY_DATA_DIR`). */
  readonly backend?: QueueBackendKind;
  /** Run workers in the app (default true). */
  readonly withWorker?: boolean;
  /** Extra or overriding environment variables. */
  readonly env?: Record<string, string>;
  /** Reuse a database instead of creating one (it is then not dropped on close). */
  readonly database?: TestDatabase;
}

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly url: string;
  readonly gql: GraphqlClient;
  readonly database: TestDatabase | null;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** The environment a test app runs with: its own database and its own Redis key prefix. */
export function testEnvironment(
  backend: QueueBackendKind,
  database: TestDatabase | null,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    QUEUE_BACKEND: backend,
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    OUTBOX_POLL_INTERVAL_MS: '100',
    AUTH_SECRET: 'a secret only the tests use, 48 characters long',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
    ...overrides,
  };
}

/** Removes every Redis key under a test's queue prefix. */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Boots the API app on a random port, over real HTTP, against a fresh database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const backend = options.backend ?? 'redis';
  const database = backend === 'inline' ? null : (options.database ?? (await createTestDatabase()));
  // Its own data directory: emails land in <dir>/mail, where tests read them.
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-test-'));
  const env = testEnvironment(backend, database, {
    PORT: '0',
    ASSAY_DATA_DIR: dataDir,
    ...options.env,
  });
  const config = AppConfig.load(env);
  let app: NestExpressApplication;
  try {
    app = await createApiApplication(config, { withWorker: options.withWorker ?? true });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    if (database && !options.database) await database.drop();
    throw error;
  }
  const url = await app.getUrl();
  const base = url.replace('[::1]', '127.0.0.1');
  return {
    app,
    config,
    url: base,
    gql: new GraphqlClient(`${base}/graphql`),
    database,
    env,
    close: async () => {
      await app.close();
      if (backend === 'redis') await deleteRedisPrefix(env.QUEUE_PREFIX!);
      if (database && !options.database) await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
