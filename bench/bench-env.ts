import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS, buildDataSourceOptions, runMigrations } from '#core';

/** The same servers as the tests: PostgreSQL with a role allowed to create databases, and Redis. */
export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://assay:assay@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one benchmark run. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  Logger.overrideLogger(['error']);
  const name = `assay_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = benchDatabase(name);
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: database.url,
      poolSize: 2,
      applicationName: 'assay-bench',
      migrations: MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  await runMigrations(dataSource, { lock: false });
  await dataSource.destroy();
  return database;
}

/** The database `name` on the benchmark server, and how to drop it. */
export function benchDatabase(name: string): BenchDatabase {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
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

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The lower quartile: for timings of the same work, where interference from elsewhere only ever
 * adds time, it ignores bursts that hit up to three quarters of the samples.
 */
export function lowerQuartile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 4)]!;
}

/** Runs `tasks` with at most `concurrency` at once. */
export async function pool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
