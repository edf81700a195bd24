import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssessmentReview1795459838691 implements MigrationInterface {
  name = 'AssessmentReview1795459838691';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "assessment_id" uuid, "question_key" character varying(128), "source" character varying(20) NOT NULL, "severity" character varying(10) NOT NULL, "title" character varying(300) NOT NULL, "description" text, "status" character varying(20) NOT NULL DEFAULT 'OPEN', "owner_id" uuid, "due_date" date, "vendor_response" jsonb, "risk_acceptance" jsonb, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "finding_severity_check" CHECK ("severity" IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')), CONSTRAINT "finding_status_check" CHECK ("status" IN ('OPEN', 'IN_REMEDIATION', 'RESOLVED', 'RISK_ACCEPTED')), CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "finding_assessment_id_idx" ON "finding"  ("assessment_id") `,
    );
    await queryRunner.query(`CREATE INDEX "finding_vendor_id_idx" ON "finding"  ("vendor_id") `);
    await queryRunner.query(
      `CREATE INDEX "finding_organization_status_idx" ON "finding"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_comment" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_key" character varying(128), "visibility" character varying(10) NOT NULL, "body" text NOT NULL, "author_kind" character varying(20) NOT NULL, "author_id" character varying(100), CONSTRAINT "review_comment_visibility_check" CHECK ("visibility" IN ('INTERNAL', 'VENDOR')), CONSTRAINT "PK_81a77699383553c51a2d444a8a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "review_comment_assessment_id_idx" ON "review_comment"  ("assessment_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "risk_matrix" ("organization_id" uuid NOT NULL, "matrix" jsonb NOT NULL, "version" integer NOT NULL, "updated_by" character varying(100), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91faab81c75eeb8402b894ef91e" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization" ADD "share_score_with_vendor" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "vendor" ADD "residual_rating" character varying(10)`);
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD "last_assessed_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "assessment" ADD "reviewer_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "review_started_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "reopened_question_keys" character varying(128) array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "assessment" ADD "score_override" numeric(5,2)`);
    await queryRunner.query(`ALTER TABLE "assessment" ADD "score_override_justification" text`);
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "score_overridden_by" character varying(100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "score_overridden_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "assessment" ADD "residual_rating" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "assessment" ADD "rating_reasons" jsonb`);
    await queryRunner.query(`ALTER TABLE "assessment" ADD "decision" character varying(30)`);
    await queryRunner.query(`ALTER TABLE "assessment" ADD "decision_note" text`);
    await queryRunner.query(`ALTER TABLE "assessment" ADD "decided_by" character varying(100)`);
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "completed_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "assessment" ADD "coverage_exception" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "answer" ADD "carried_over" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "answer" ADD "carried_over_from_id" uuid`);
    await queryRunner.query(`ALTER TABLE "answer" ADD "confirmed_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_a98e9d7a098abfb6e2c5d84ab46" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" ADD CONSTRAINT "FK_a3d7fbefe990cdcd83095e239a4" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_matrix" ADD CONSTRAINT "FK_91faab81c75eeb8402b894ef91e" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('review_comment')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('finding')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('risk_matrix')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON review_comment`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON review_comment`);
    await queryRunner.query(`DROP POLICY system_access ON finding`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON finding`);
    await queryRunner.query(`DROP POLICY system_access ON risk_matrix`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON risk_matrix`);
    await queryRunner.query(
      `ALTER TABLE "risk_matrix" DROP CONSTRAINT "FK_91faab81c75eeb8402b894ef91e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" DROP CONSTRAINT "FK_a3d7fbefe990cdcd83095e239a4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" DROP CONSTRAINT "FK_a98e9d7a098abfb6e2c5d84ab46"`,
    );
    await queryRunner.query(`ALTER TABLE "answer" DROP COLUMN "confirmed_at"`);
    await queryRunner.query(`ALTER TABLE "answer" DROP COLUMN "carried_over_from_id"`);
    await queryRunner.query(`ALTER TABLE "answer" DROP COLUMN "carried_over"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "coverage_exception"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "completed_at"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "decided_by"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "decision_note"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "decision"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "rating_reasons"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "residual_rating"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "score_overridden_at"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "score_overridden_by"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "score_override_justification"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "score_override"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "reopened_question_keys"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "review_started_at"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "reviewer_id"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "last_assessed_at"`);
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "residual_rating"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "share_score_with_vendor"`);
    await queryRunner.query(`DROP TABLE "risk_matrix"`);
    await queryRunner.query(`DROP INDEX "public"."review_comment_assessment_id_idx"`);
    await queryRunner.query(`DROP TABLE "review_comment"`);
    await queryRunner.query(`DROP INDEX "public"."finding_organization_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."finding_vendor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."finding_assessment_id_idx"`);
    await queryRunner.query(`DROP TABLE "finding"`);
  }
}
