import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security. Requests run as assay_app, which sees only the rows of the organization
 * named by the transaction's `app.organization_id`; the platform's own cross-tenant work runs
 * as assay_system. Both are NOLOGIN roles granted to the owner that runs migrations, which
 * switches to one of them in every unit of work (UnitOfWork). Tenant tables FORCE row-level
 * security, so even the owner sees nothing of them without switching. Policies apply to the
 * members of a role too, and the owner is a member of both: each policy therefore also checks
 * current_user, which only a switch sets.
 *
 * Later migrations isolate a new tenant table with `SELECT assay_isolate_tenant_table('t')`.
 */
export class RowLevelSecurity1795444752140 implements MigrationInterface {
  name = 'RowLevelSecurity1795444752140';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not the database: create them once.
    await queryRunner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'assay_app') THEN
        CREATE ROLE assay_app NOLOGIN;
      END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'assay_system') THEN
        CREATE ROLE assay_system NOLOGIN;
      END IF;
    END $$`);
    await queryRunner.query(`GRANT assay_app, assay_system TO CURRENT_USER`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO assay_app, assay_system`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO assay_app, assay_system`,
    );
    await queryRunner.query(`REVOKE ALL ON typeorm_migrations FROM assay_app, assay_system`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO assay_app, assay_system`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO assay_app, assay_system`,
    );
    await queryRunner.query(`CREATE FUNCTION assay_current_organization() RETURNS uuid
      LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.organization_id', true), '')::uuid $$`);
    await queryRunner.query(`CREATE FUNCTION assay_isolate_tenant_table(target regclass, tenant_column name DEFAULT 'organization_id')
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
    await queryRunner.query(`SELECT assay_isolate_tenant_table('organization', 'id')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('membership')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['membership', 'organization']) {
      await queryRunner.query(`DROP POLICY system_access ON ${table}`);
      await queryRunner.query(`DROP POLICY tenant_isolation ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`DROP FUNCTION assay_isolate_tenant_table(regclass, name)`);
    await queryRunner.query(`DROP FUNCTION assay_current_organization()`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM assay_app, assay_system`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM assay_app, assay_system`,
    );
    await queryRunner.query(
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM assay_app, assay_system`,
    );
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM assay_app, assay_system`);
    // The roles stay: other databases on the cluster may use them.
  }
}
