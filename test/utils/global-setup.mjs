import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';
import pg from 'pg';
import {
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  databaseUrl,
  dropRunDatabases,
  newRunId,
  templateDatabaseName,
} from './run-databases.mjs';

/**
 * Once per run: a fresh build in dist/ (for the tests that start real processes), and a
 * template database with every migration applied, which each test file copies (CREATE
 * DATABASE ... TEMPLATE is much faster than migrating).
 */
export default async function globalSetup() {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const { MIGRATIONS, buildDataSourceOptions, runMigrations } =
    await import('../../dist/libs/core/src/index.js');
  const { DataSource } = await import('typeorm');
  const { Logger } = await import('@nestjs/common');
  Logger.overrideLogger(['error']);

  const id = newRunId();
  process.env.ASSAY_TEST_RUN_ID = id;

  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${TEST_DATABASE_URL} (${error.message}). Run the tests with \`npm test\`, which starts it.`,
      { cause: error },
    );
  }
  await dropRunDatabases(admin, null);
  await admin.query(`CREATE DATABASE ${templateDatabaseName(id)}`);
  await admin.end();

  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: databaseUrl(templateDatabaseName(id)),
      poolSize: 2,
      applicationName: 'assay-test-setup',
      migrations: MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  await runMigrations(dataSource, { lock: false });
  await dataSource.destroy();

  const redis = new URL(TEST_REDIS_URL);
  await new Promise((resolve, reject) => {
    const socket = createConnection(Number(redis.port || 6379), redis.hostname);
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (error) =>
      reject(
        new Error(
          `Cannot reach Redis at ${TEST_REDIS_URL} (${error.message}). Run the tests with \`npm test\`.`,
        ),
      ),
    );
  });
}
