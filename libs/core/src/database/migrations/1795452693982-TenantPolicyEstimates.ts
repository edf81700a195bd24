import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every tenant table's policy, with the column that names its tenant. */
const TENANT_POLICIES = `
  SELECT c.oid::regclass::text AS target, CASE WHEN c.relname = 'organization' THEN 'id' ELSE 'organization_id' END AS tenant_column
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
   WHERE p.polname = 'tenant_isolation'`;

/**
 * The tenant policy checked `current_user = 'assay_app'` next to the tenant column. The
 * planner cannot estimate that comparison and assumes it keeps 0.5% of the rows, so it planned
 * every tenant query for a handful of rows: a page of vendors joined all of them before sorting.
 * The role check moves into assay_current_organization(), which names no tenant unless the
 * transaction runs as assay_app; the policy keeps only `organization_id = …`, which the planner
 * estimates from the column's statistics. Who sees what does not change.
 */
export class TenantPolicyEstimates1795452693982 implements MigrationInterface {
  name = 'TenantPolicyEstimates1795452693982';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION assay_current_organization() RETURNS uuid
      LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN current_user = 'assay_app'
                    THEN nullif(current_setting('app.organization_id', true), '')::uuid END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION assay_isolate_tenant_table(target regclass, tenant_column name DEFAULT 'organization_id')
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
        EXECUTE format(
          'CREATE POLICY tenant_isolation ON %s TO assay_app'
          ' USING (%I = assay_current_organization()) WITH CHECK (%I = assay_current_organization())',
          target, tenant_column, tenant_column);
        EXECUTE format(
          'CREATE POLICY system_access ON %s TO assay_system'
          ' USING (current_user = ''assay_system'') WITH CHECK (current_user = ''assay_system'')',
          target);
      END $$`);
    await queryRunner.query(`DO $$ DECLARE entry record; BEGIN
      FOR entry IN ${TENANT_POLICIES} LOOP
        EXECUTE format(
          'ALTER POLICY tenant_isolation ON %s USING (%I = assay_current_organization()) WITH CHECK (%I = assay_current_organization())',
          entry.target, entry.tenant_column, entry.tenant_column);
      END LOOP;
    END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ DECLARE entry record; BEGIN
      FOR entry IN ${TENANT_POLICIES} LOOP
        EXECUTE format(
          'ALTER POLICY tenant_isolation ON %s'
          ' USING (current_user = ''assay_app'' AND %I = assay_current_organization())'
          ' WITH CHECK (current_user = ''assay_app'' AND %I = assay_current_organization())',
          entry.target, entry.tenant_column, entry.tenant_column);
      END LOOP;
    END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION assay_isolate_tenant_table(target regclass, tenant_column name DEFAULT 'organization_id')
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
        EXECUTE format(
          'CREATE POLICY tenant_isolation ON %s TO assay_app'
          ' USING (current_user = ''assay_app'' AND %I = assay_current_organization())'
          ' WITH CHECK (current_user = ''assay_app'' AND %I = assay_current_organization())',
          target, tenant_column, tenant_column);
        EXECUTE format(
          'CREATE POLICY system_access ON %s TO assay_system'
          ' USING (current_user = ''assay_system'') WITH CHECK (current_user = ''assay_system'')',
          target);
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION assay_current_organization() RETURNS uuid
      LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.organization_id', true), '')::uuid $$`);
  }
}
