import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { newId } from '#core';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';

/**
 * Defence in depth: whatever the application forgets, PostgreSQL shows the application role only
 * the rows of the organization its transaction names. Checked over a raw connection.
 */
describe('row-level security', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let tenantTables: string[];
  const orgA = newId();
  const orgB = newId();

  /** Runs `sql` in a transaction as `role`, with `organization` as the tenant (or none). */
  async function as<T extends pg.QueryResultRow>(
    role: 'assay_app' | 'assay_system',
    organization: string | null,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    await client.query('BEGIN');
    try {
      await client.query(
        `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`,
        [role, organization ?? ''],
      );
      const result = await client.query<T>(sql, params);
      await client.query('COMMIT');
      return result.rows;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // Every table that holds tenant data: it has organization_id, or is the organization itself.
    tenantTables = (
      await client.query<{ table_name: string }>(
        `SELECT DISTINCT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND (column_name = 'organization_id' OR table_name = 'organization')
          ORDER BY table_name`,
      )
    ).rows.map((row) => row.table_name);

    // Seed two organizations with a member each, through the platform's own access.
    const userA = newId();
    const userB = newId();
    await as(
      'assay_system',
      null,
      `INSERT INTO organization (id, name) VALUES ($1, 'A'), ($2, 'B')`,
      [orgA, orgB],
    );
    await as(
      'assay_system',
      null,
      `INSERT INTO app_user (id, email, display_name) VALUES ($1, 'a@example.com', 'A'), ($2, 'b@example.com', 'B')`,
      [userA, userB],
    );
    await as(
      'assay_system',
      null,
      `INSERT INTO membership (id, organization_id, user_id, role) VALUES ($1, $2, $3, 'ADMIN'), ($4, $5, $6, 'ADMIN')`,
      [newId(), orgA, userA, newId(), orgB, userB],
    );
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('knows the tenant tables (a new one must be isolated in its migration)', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['membership', 'organization']));
  });

  it('forces row-level security with a tenant policy on every tenant table', async () => {
    const { rows } = await client.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const row of rows)
      expect(row).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    const policies = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_policies WHERE policyname = 'tenant_isolation' AND 'assay_app' = ANY(roles)`,
    );
    expect(policies.rows.map((row) => row.tablename).sort()).toEqual(tenantTables);
  });

  it('shows the application role no rows without an organization', async () => {
    for (const table of tenantTables) {
      expect(await as('assay_app', null, `SELECT * FROM ${table}`)).toEqual([]);
    }
  });

  it("shows the application role only its organization's rows", async () => {
    const organizations = await as<{ id: string }>(
      'assay_app',
      orgA,
      `SELECT id FROM organization`,
    );
    expect(organizations).toEqual([{ id: orgA }]);
    const memberships = await as<{ organization_id: string }>(
      'assay_app',
      orgA,
      `SELECT organization_id FROM membership`,
    );
    expect(memberships).toEqual([{ organization_id: orgA }]);
  });

  it("refuses to write another organization's rows", async () => {
    await expect(
      as('assay_app', orgA, `INSERT INTO organization (id, name) VALUES ($1, 'C')`, [newId()]),
    ).rejects.toThrow(/row-level security/);
    const updated = await as(
      'assay_app',
      orgA,
      `UPDATE organization SET name = 'taken' WHERE id = $1 RETURNING id`,
      [orgB],
    );
    expect(updated).toEqual([]);
  });

  it('shows the owner nothing of tenant tables unless it switches role', async () => {
    for (const table of tenantTables) {
      expect((await client.query(`SELECT * FROM ${table}`)).rows).toEqual([]);
    }
    expect(await as('assay_system', null, `SELECT id FROM organization`)).toHaveLength(2);
  });

  it('keeps the migration ledger out of the application roles', async () => {
    await expect(as('assay_app', orgA, `SELECT * FROM typeorm_migrations`)).rejects.toThrow(
      /permission denied/,
    );
  });
});
