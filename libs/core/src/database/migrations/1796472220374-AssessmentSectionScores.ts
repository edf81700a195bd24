import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssessmentSectionScores1796472220374 implements MigrationInterface {
  name = 'AssessmentSectionScores1796472220374';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_section_score" ("assessment_id" uuid NOT NULL, "section_key" character varying(128) NOT NULL, "organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "title" jsonb NOT NULL, "weight" numeric(8,3) NOT NULL, "score" numeric(5,2), CONSTRAINT "PK_98f658fe02964aea402a862403d" PRIMARY KEY ("assessment_id", "section_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "assessment_section_score_organization_section_idx" ON "assessment_section_score"  ("organization_id", "section_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_section_score" ADD CONSTRAINT "FK_867105d645ad35868164d18540f" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('assessment_section_score')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON assessment_section_score`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON assessment_section_score`);
    await queryRunner.query(
      `ALTER TABLE "assessment_section_score" DROP CONSTRAINT "FK_867105d645ad35868164d18540f"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."assessment_section_score_organization_section_idx"`,
    );
    await queryRunner.query(`DROP TABLE "assessment_section_score"`);
  }
}
