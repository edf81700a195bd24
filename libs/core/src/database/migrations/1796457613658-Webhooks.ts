import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796457613658 implements MigrationInterface {
  name = 'Webhooks1796457613658';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "description" character varying(500), "event_types" character varying(60) array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "sealed_secret" text NOT NULL, "secret_rotated_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" character varying(100), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_endpoint_organization_id_idx" ON "webhook_endpoint"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(60) NOT NULL, "body" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "series" integer NOT NULL DEFAULT '1', "attempt_count" integer NOT NULL DEFAULT '0', "attempts" jsonb NOT NULL DEFAULT '[]', "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "webhook_delivery_status_check" CHECK ("status" IN ('PENDING', 'RETRYING', 'SUCCEEDED', 'DEAD')), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_endpoint_created_idx" ON "webhook_delivery"  ("endpoint_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_organization_created_idx" ON "webhook_delivery"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery"  ("next_attempt_at") WHERE "status" IN ('PENDING', 'RETRYING')`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_f53f5aec02217a54927b13e39d9" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('webhook_endpoint')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('webhook_delivery')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON webhook_delivery`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON webhook_delivery`);
    await queryRunner.query(`DROP POLICY system_access ON webhook_endpoint`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON webhook_endpoint`);
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_f53f5aec02217a54927b13e39d9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_organization_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_endpoint_created_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_endpoint_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
  }
}
