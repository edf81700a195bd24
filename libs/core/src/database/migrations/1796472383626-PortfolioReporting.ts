import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PortfolioReporting1796472383626 implements MigrationInterface {
  name = 'PortfolioReporting1796472383626';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vendor" ADD "impact_assessed_on" date`);
    await queryRunner.query(`ALTER TABLE "vendor" ADD "impact_assessment_file_id" uuid`);
    await queryRunner.query(`ALTER TABLE "vendor" ADD "last_assessment_id" uuid`);
    // Reads current_user and a setting, both the same in parallel workers: row-level security
    // must not keep every tenant query from a parallel plan.
    await queryRunner.query(`ALTER FUNCTION assay_current_organization() PARALLEL SAFE`);
    await queryRunner.query(
      `CREATE INDEX "assessment_organization_completed_at_idx" ON "assessment"  ("organization_id", "completed_at") WHERE status = 'COMPLETED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "assessment_vendor_completed_at_idx" ON "assessment"  ("vendor_id", "completed_at") WHERE status = 'COMPLETED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."assessment_vendor_completed_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessment_organization_completed_at_idx"`);
    await queryRunner.query(`ALTER FUNCTION assay_current_organization() PARALLEL UNSAFE`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "last_assessment_id"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "impact_assessment_file_id"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "impact_assessed_on"`);
  }
}
