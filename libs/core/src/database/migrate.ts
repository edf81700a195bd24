import type { DataSource, Migration } from 'typeorm';

/** Advisory-lock key that serializes migrations when several processes start at once. */
const MIGRATION_LOCK_KEY = 0x61737361; // "assa"

/**
 * Applies pending migrations, each in its own transaction. With `lock`, a session-level
 * advisory lock keeps concurrent starts from racing (it needs a second pooled connection, so
 * the one-connection embedded database runs without it).
 */
export async function runMigrations(
  dataSource: DataSource,
  options: { lock: boolean },
): Promise<Migration[]> {
  if (!options.lock) return dataSource.runMigrations({ transaction: 'each' });
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await runner.release();
  }
}
