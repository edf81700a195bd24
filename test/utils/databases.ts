import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL, databaseUrl, runId, templateDatabaseName } from './test-env.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const id = runId();
  const name = `assay_t_${id}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName(id)}`);
        break;
      } catch (error) {
        // Two files copying the template at the same moment: PostgreSQL refuses the second.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            // FORCE may not signal an autovacuum worker (it is no role of ours), but a plain DROP
            // stops autovacuum by itself once our own connections are gone.
            if (!/must be a member of the role/.test((error as Error).message)) throw error;
            try {
              await client.query(`DROP DATABASE IF EXISTS ${name}`);
              return;
            } catch (retry) {
              if (attempt >= 20) throw retry;
              await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
            }
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}
