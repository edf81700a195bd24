import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1796460480193 implements MigrationInterface {
  name = 'Reminders1796460480193';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_occasion" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "occasion" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_06168ffb9994888f662dedb87d8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_occasion_key" ON "notification_occasion"  ("organization_id", "occasion") `,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('notification_occasion')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON notification_occasion`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON notification_occasion`);
    await queryRunner.query(`DROP INDEX "public"."notification_occasion_key"`);
    await queryRunner.query(`DROP TABLE "notification_occasion"`);
  }
}
