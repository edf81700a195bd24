import { randomUUID } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppConfig, CoreModule, RequestContext, TransactionalConnection } from '#core';
import { IdentityModule, OrganizationService, PasswordService } from '#identity';
import {
  BENCH_DATABASE_URL,
  BENCH_REDIS_URL,
  benchDatabase,
  type BenchDatabase,
} from './bench-env.js';
import { BENCH_AUTH_SECRET } from './processes.js';

/** The password of every seeded admin. */
export const BENCH_PASSWORD = 'a benchmark passphrase, long enough';

export interface SeededOrganization {
  readonly userId: string;
  readonly organizationId: string;
  readonly email: string;
  /** Every membership id, the admin's first. */
  readonly memberIds: string[];
}

/** An organization with an admin (signing in with BENCH_PASSWORD) and `members - 1` viewers. */
export async function seedOrganization(
  database: BenchDatabase,
  members: number,
): Promise<SeededOrganization> {
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
      .resetPassword(ctx, { token: created.passwordSetupToken!, newPassword: BENCH_PASSWORD });
    const connection = app.get(TransactionalConnection);
    const memberIds = await connection.systemTransaction(ctx, async (tx) => {
      const manager = await connection.manager(tx);
      for (let i = 1; i < members; i++) {
        const [user] = (await manager.query(
          `INSERT INTO app_user (id, email, display_name) VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
          [`member${i}.${randomUUID()}@bench.example`, `Member ${i}`],
        )) as Array<{ id: string }>;
        await manager.query(
          `INSERT INTO membership (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'VIEWER')`,
          [created.organization.id, user!.id],
        );
      }
      const rows = (await manager.query(
        `SELECT id FROM membership WHERE organization_id = $1 ORDER BY (user_id = $2) DESC, created_at, id`,
        [created.organization.id, created.admin.id],
      )) as Array<{ id: string }>;
      return rows.map((row) => row.id);
    });
    return {
      userId: created.admin.id,
      organizationId: created.organization.id,
      email,
      memberIds,
    };
  } finally {
    await app.close();
  }
}

/** A copy of the database with row-level security off on every table, for baselines. */
export async function copyWithoutRowLevelSecurity(database: BenchDatabase): Promise<BenchDatabase> {
  const source = new URL(database.url).pathname.slice(1);
  const name = `${source}_plain`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  await admin.end();
  const copy = benchDatabase(name);
  const owner = new pg.Client({ connectionString: copy.url });
  await owner.connect();
  const { rows } = await owner.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relrowsecurity`,
  );
  for (const { relname } of rows) {
    await owner.query(`ALTER TABLE "${relname}" NO FORCE ROW LEVEL SECURITY`);
    await owner.query(`ALTER TABLE "${relname}" DISABLE ROW LEVEL SECURITY`);
  }
  await owner.end();
  return copy;
}
