import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { AppConfig, CoreModule, RequestContext, TransactionalConnection } from '#core';
import { ARGON2_OPTIONS, IdentityModule, OrganizationService, PasswordService } from '#identity';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, median, type BenchDatabase } from './bench-env.js';
import {
  BENCH_AUTH_SECRET,
  apiEnvironment,
  freePort,
  postJson,
  requestRate,
  startApi,
  stop,
  waitFor,
} from './processes.js';
import type { BenchResult } from './report.js';

const MEMBERS = 20;
const DURATION_SECONDS = 6;
const ROUNDS = 5;
const CONNECTIONS = 10;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const load = (url: string, token: string) =>
  requestRate(url, QUERY, {
    headers: bearer(token),
    connections: CONNECTIONS,
    seconds: DURATION_SECONDS,
  });
const PASSWORD = 'a benchmark passphrase, long enough';
const QUERY = JSON.stringify({
  query: `{ members(first: ${MEMBERS}) { totalCount nodes { id role user { email displayName } } } }`,
});

interface Seeded {
  readonly userId: string;
  readonly organizationId: string;
  readonly email: string;
}

/** An organization with an admin (with a password) and MEMBERS - 1 more members. */
async function seed(database: BenchDatabase): Promise<Seeded> {
  const config = AppConfig.load({
    DATABASE_URL: database.url,
    REDIS_URL: BENCH_REDIS_URL,
    LOG_LEVEL: 'error',
    AUTH_SECRET: BENCH_AUTH_SECRET,
  });
  @Module({
    imports: [
      CoreModule.forRoot({ config, applicationName: 'assay-bench', consumeJobs: false }),
      IdentityModule,
    ],
  })
  class SeedModule {}
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error'] });
  Logger.overrideLogger(['error']);
  try {
    const ctx = RequestContext.system('bench', 'seed');
    const email = `admin.${randomUUID()}@bench.example`;
    const created = await app
      .get(OrganizationService)
      .createWithAdmin(ctx, { name: 'Bench', adminEmail: email });
    await app
      .get(PasswordService)
      .resetPassword(ctx, { token: created.passwordSetupToken!, newPassword: PASSWORD });
    const connection = app.get(TransactionalConnection);
    await connection.systemTransaction(ctx, async (tx) => {
      const manager = await connection.manager(tx);
      for (let i = 1; i < MEMBERS; i++) {
        const [user] = (await manager.query(
          `INSERT INTO app_user (id, email, display_name) VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
          [`member${i}.${randomUUID()}@bench.example`, `Member ${i}`],
        )) as Array<{ id: string }>;
        await manager.query(
          `INSERT INTO membership (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'VIEWER')`,
          [created.organization.id, user!.id],
        );
      }
    });
    return { userId: created.admin.id, organizationId: created.organization.id, email };
  } finally {
    await app.close();
  }
}

/** A copy of the database with row-level security off on every table, for the baseline. */
async function copyWithoutRowLevelSecurity(database: BenchDatabase): Promise<BenchDatabase> {
  const source = new URL(database.url).pathname.slice(1);
  const name = `${source}_plain`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  await admin.end();
  const url = new URL(database.url);
  url.pathname = `/${name}`;
  const owner = new pg.Client({ connectionString: url.toString() });
  await owner.connect();
  const { rows } = await owner.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relrowsecurity`,
  );
  for (const { relname } of rows) {
    await owner.query(`ALTER TABLE "${relname}" NO FORCE ROW LEVEL SECURITY`);
    await owner.query(`ALTER TABLE "${relname}" DISABLE ROW LEVEL SECURITY`);
  }
  await owner.end();
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** One read through sign-in, row-level security and the request's transaction, vs none of them. */
export async function securityOverhead(database: BenchDatabase): Promise<BenchResult[]> {
  const seeded = await seed(database);
  const plain = await copyWithoutRowLevelSecurity(database);
  const secure = await startApi(database.url);
  const plainPort = await freePort();
  const baseline = fork('dist/bench/baseline-api.js', [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...apiEnvironment(plain.url, plainPort),
      BENCH_USER_ID: seeded.userId,
      BENCH_ORGANIZATION_ID: seeded.organizationId,
    },
  });
  try {
    const secureUrl = `${secure.url}/graphql`;
    const plainUrl = `http://127.0.0.1:${plainPort}/graphql`;
    await waitFor(`http://127.0.0.1:${plainPort}/health/ready`, { method: 'GET' }, baseline);

    const signIn = JSON.stringify({
      query: `mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }`,
      variables: { input: { email: seeded.email, password: PASSWORD } },
    });
    const signInTimes: number[] = [];
    let accessToken = '';
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const answer = await postJson(secureUrl, signIn);
      signInTimes.push(performance.now() - started);
      accessToken = (answer.data?.signIn as { session: { accessToken: string } }).session
        .accessToken;
    }
    // Both answer the same data before either is measured.
    const [secureAnswer, plainAnswer] = [
      await postJson(secureUrl, QUERY, bearer(accessToken)),
      await postJson(plainUrl, QUERY, bearer('bench-static-token')),
    ];
    if (
      JSON.stringify(secureAnswer.data) !== JSON.stringify(plainAnswer.data) ||
      secureAnswer.errors
    ) {
      throw new Error('The secured and the plain API answer differently');
    }

    await load(secureUrl, accessToken);
    await load(plainUrl, 'bench-static-token');
    const plainRates: number[] = [];
    const secureRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plainRates.push(await load(plainUrl, 'bench-static-token'));
      secureRates.push(await load(secureUrl, accessToken));
    }
    const [baselineRate, secureRate] = [median(plainRates), median(secureRates)];

    const hashTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await hash(PASSWORD, ARGON2_OPTIONS);
      hashTimes.push(performance.now() - started);
    }
    const params = `argon2id m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}`;
    return [
      {
        measure: `Authenticated read (members, ${MEMBERS} with their users), ${CONNECTIONS} connections, ${DURATION_SECONDS} s`,
        baseline: `static token, no row-level security, no request transaction: ${baselineRate.toFixed(0)} req/s`,
        result: `access token, row-level security, request transaction: ${secureRate.toFixed(0)} req/s`,
        ratio: secureRate / baselineRate,
        goal: 0.8,
        note:
          `median of ${ROUNDS} alternating rounds after a warm-up; same API, query and data, and the baseline ` +
          'replaces only authentication and the unit of work (bench/baseline-api.ts)',
      },
      {
        measure: `One sign-in (${params})`,
        baseline: `argon2id hash alone: ${median(hashTimes).toFixed(0)} ms`,
        result: `signIn over HTTP: ${median(signInTimes).toFixed(0)} ms`,
        ratio: median(signInTimes) / median(hashTimes),
        goal: null,
        note: 'medians of 10; the goal is 50-200 ms per sign-in on this machine',
      },
    ];
  } finally {
    await Promise.all([stop(secure.child), stop(baseline)]);
    await plain.drop();
  }
}
