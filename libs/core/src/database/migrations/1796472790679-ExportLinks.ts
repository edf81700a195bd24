import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExportLinks1796472790679 implements MigrationInterface {
  name = 'ExportLinks1796472790679';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "export_link" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "kind" character varying(30) NOT NULL, "format" character varying(10) NOT NULL, "parameters" jsonb NOT NULL, "requested_by_kind" character varying(20) NOT NULL, "requested_by_id" uuid NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "download_count" integer NOT NULL DEFAULT '0', "last_downloaded_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_bfaf13a7389dd991d5b1950268d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "export_link_organization_expires_at_idx" ON "export_link"  ("organization_id", "expires_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "export_link_token_hash_key" ON "export_link"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "export_link" ADD CONSTRAINT "FK_4f53303941d4809e4b89a4ac125" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('export_link')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON export_link`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON export_link`);
    await queryRunner.query(
      `ALTER TABLE "export_link" DROP CONSTRAINT "FK_4f53303941d4809e4b89a4ac125"`,
    );
    await queryRunner.query(`DROP INDEX "public"."export_link_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."export_link_organization_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "export_link"`);
  }
}
