// Shared by the global setup and teardown, which Jest loads outside its module graph (plain JS).
import { randomBytes } from 'node:crypto';

const STALE_AFTER_MS = 6 * 3_600_000;
const RUN_DATABASE = /^assay_(?:tpl|t)_([0-9a-z]{8})[0-9a-f]{6}(?:_|$)/;

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://assay:assay@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A run id: its start time in base 36 (8 characters), then randomness. */
export function newRunId() {
  return `${Date.now().toString(36).padStart(8, '0')}${randomBytes(3).toString('hex')}`;
}

export function templateDatabaseName(id) {
  return `assay_tpl_${id}`;
}

export function databaseUrl(database) {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Drops the template and test databases of run `id`; with `id` null, those of runs that started
 * more than six hours ago (left behind by a crashed run).
 */
export async function dropRunDatabases(admin, id) {
  const { rows } = await admin.query(
    `SELECT datname FROM pg_database WHERE datname LIKE 'assay\\_t%'`,
  );
  for (const { datname } of rows) {
    const match = RUN_DATABASE.exec(datname);
    if (!match) continue;
    const mine = id !== null && datname.includes(id);
    const stale = id === null && Date.now() - Number.parseInt(match[1], 36) > STALE_AFTER_MS;
    if (mine || stale) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
