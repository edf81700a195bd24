import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795446508623 implements MigrationInterface {
  name = 'ApiKeys1795446508623';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "scopes" character varying(10) array NOT NULL, "created_by" uuid, "last_used_at" TIMESTAMP(3) WITH TIME ZONE, "expires_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_key_organization_id_idx" ON "api_key"  ("organization_id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"  ("prefix") `);
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_f8bf75c998e043dc6ad022d28a8" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('api_key')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON api_key`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON api_key`);
    await queryRunner.query(
      `ALTER TABLE "api_key" DROP CONSTRAINT "FK_f8bf75c998e043dc6ad022d28a8"`,
    );
    await queryRunner.query(`DROP INDEX "public"."api_key_prefix_key"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
