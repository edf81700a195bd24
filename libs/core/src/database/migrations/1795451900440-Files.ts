import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Files1795451900440 implements MigrationInterface {
  name = 'Files1795451900440';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_file" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" bigint NOT NULL, "media_type" character varying(255) NOT NULL, "original_name" character varying(255) NOT NULL, "uploaded_by_kind" character varying(20) NOT NULL, "uploaded_by_id" character varying(100) NOT NULL, "attached_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_e140967af84027b493a3ff04fbb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "stored_file_attached_at_created_at_idx" ON "stored_file"  ("attached_at", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "stored_file_sha256_idx" ON "stored_file"  ("sha256") `);
    await queryRunner.query(
      `CREATE INDEX "stored_file_organization_id_idx" ON "stored_file"  ("organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "stored_file" ADD CONSTRAINT "FK_fbe9a0cc28af7be90951945bca2" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('stored_file')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON stored_file`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON stored_file`);
    await queryRunner.query(
      `ALTER TABLE "stored_file" DROP CONSTRAINT "FK_fbe9a0cc28af7be90951945bca2"`,
    );
    await queryRunner.query(`DROP INDEX "public"."stored_file_organization_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."stored_file_sha256_idx"`);
    await queryRunner.query(`DROP INDEX "public"."stored_file_attached_at_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "stored_file"`);
  }
}
