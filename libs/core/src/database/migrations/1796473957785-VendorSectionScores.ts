import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VendorSectionScores1796473957785 implements MigrationInterface {
  name = 'VendorSectionScores1796473957785';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendor_section_score" ("vendor_id" uuid NOT NULL, "section_key" character varying(128) NOT NULL, "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "title" jsonb NOT NULL, "score" numeric(5,2), CONSTRAINT "PK_7d70a58b7408a96cfeb8028327e" PRIMARY KEY ("vendor_id", "section_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_section_score_organization_id_idx" ON "vendor_section_score"  ("organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_section_score" ADD CONSTRAINT "FK_7c29490e409da11afdef262d300" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_section_score" ADD CONSTRAINT "FK_5aad259fdb7fb11a4d6f5b5cdca" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('vendor_section_score')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON vendor_section_score`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON vendor_section_score`);
    await queryRunner.query(
      `ALTER TABLE "vendor_section_score" DROP CONSTRAINT "FK_5aad259fdb7fb11a4d6f5b5cdca"`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_section_score" DROP CONSTRAINT "FK_7c29490e409da11afdef262d300"`,
    );
    await queryRunner.query(`DROP INDEX "public"."vendor_section_score_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "vendor_section_score"`);
  }
}
