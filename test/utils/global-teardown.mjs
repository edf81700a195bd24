import pg from 'pg';
import { TEST_DATABASE_URL, dropRunDatabases } from './run-databases.mjs';

export default async function globalTeardown() {
  const id = process.env.ASSAY_TEST_RUN_ID;
  if (!id) return;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await dropRunDatabases(admin, id);
  await admin.end();
}
