import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTrail1795446157174 implements MigrationInterface {
  name = 'AuditTrail1795446157174';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "sequence" bigint NOT NULL, "actor_kind" character varying(20) NOT NULL, "actor_id" character varying(100), "action" character varying(100) NOT NULL, "entity_type" character varying(100) NOT NULL, "entity_id" character varying(100), "changes" jsonb NOT NULL, "request_id" character varying(128), "ip" character varying(64), "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "previous_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_event_organization_actor_idx" ON "audit_event"  ("organization_id", "actor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_event_organization_entity_idx" ON "audit_event"  ("organization_id", "entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "audit_event_organization_sequence_key" ON "audit_event"  ("organization_id", "sequence") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_chain" ("organization_id" uuid NOT NULL, "last_sequence" bigint NOT NULL DEFAULT '0', "last_hash" character(64) NOT NULL, CONSTRAINT "PK_338737b4763f792438eeba57b15" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('audit_event')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('audit_chain')`);
    // Append-only: nobody, the owner included, edits or deletes an event through SQL.
    await queryRunner.query(
      `REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM assay_app, assay_system`,
    );
    await queryRunner.query(`CREATE FUNCTION assay_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION assay_audit_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION assay_audit_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await queryRunner.query(`DROP FUNCTION assay_audit_append_only()`);
    for (const table of ['audit_chain', 'audit_event']) {
      await queryRunner.query(`DROP POLICY system_access ON ${table}`);
      await queryRunner.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await queryRunner.query(`DROP TABLE "audit_chain"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_organization_sequence_key"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_organization_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_organization_actor_idx"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
