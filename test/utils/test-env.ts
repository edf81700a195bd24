/** Where the tests find PostgreSQL (a role allowed to create databases) and Redis. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://assay:assay@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global setup: names this run's template database and test databases. */
export function runId(): string {
  const id = process.env.ASSAY_TEST_RUN_ID;
  if (!id) throw new Error('ASSAY_TEST_RUN_ID is unset: run the tests with npm test');
  return id;
}

export function templateDatabaseName(id = runId()): string {
  return `assay_tpl_${id}`;
}

/** A URL on the same server as TEST_DATABASE_URL, naming another database. */
export function databaseUrl(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
