import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reassessment1796457312659 implements MigrationInterface {
  name = 'Reassessment1796457312659';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reassessment_policy" ("organization_id" uuid NOT NULL, "policy" jsonb NOT NULL, "version" integer NOT NULL, "updated_by" character varying(100), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed42d29ec9a73e76ffd0ba4fd2c" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD "next_assessment_due_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD "reassessment_scheduled_for" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD "reassessment_started_for" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_next_assessment_due_at_idx" ON "vendor"  ("next_assessment_due_at") WHERE next_assessment_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "reassessment_policy" ADD CONSTRAINT "FK_ed42d29ec9a73e76ffd0ba4fd2c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('reassessment_policy')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON reassessment_policy`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON reassessment_policy`);
    await queryRunner.query(
      `ALTER TABLE "reassessment_policy" DROP CONSTRAINT "FK_ed42d29ec9a73e76ffd0ba4fd2c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."vendor_next_assessment_due_at_idx"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "reassessment_started_for"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "reassessment_scheduled_for"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "next_assessment_due_at"`);
    await queryRunner.query(`DROP TABLE "reassessment_policy"`);
  }
}
