import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessments1795458444399 implements MigrationInterface {
  name = 'Assessments1795458444399';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "template_version_id" uuid NOT NULL, "contact_id" uuid, "cycle" character varying(20) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'DRAFT', "language" character varying(20) NOT NULL, "due_date" date NOT NULL, "sent_by" character varying(100), "sent_at" TIMESTAMP(3) WITH TIME ZONE, "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "cancel_reason" text, "score" jsonb, "overall_score" numeric(5,2), "version" integer NOT NULL, CONSTRAINT "assessment_status_check" CHECK ("status" IN ('DRAFT', 'SENT', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'COMPLETED', 'CANCELLED')), CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "assessment_organization_status_idx" ON "assessment"  ("organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assessment_vendor_id_idx" ON "assessment"  ("vendor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assessment_organization_created_at_idx" ON "assessment"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_invitation" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "send_count" integer NOT NULL DEFAULT '1', "last_sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "exchange_count" integer NOT NULL DEFAULT '0', "last_exchanged_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "UQ_19390988d7828f13ebe07a9d139" UNIQUE ("assessment_id"), CONSTRAINT "REL_19390988d7828f13ebe07a9d13" UNIQUE ("assessment_id"), CONSTRAINT "PK_59758bb2b95c557f546066f62bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "assessment_invitation_token_hash_key" ON "assessment_invitation"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "answer" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_key" character varying(128) NOT NULL, "value" jsonb, "not_applicable" boolean NOT NULL DEFAULT false, "comment" text, "evidence_file_ids" uuid array NOT NULL DEFAULT '{}', "answered_by" character varying(100), "answered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revision" integer NOT NULL, CONSTRAINT "PK_9232db17b63fb1e94f97e5c224f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "answer_assessment_question_key" ON "answer"  ("assessment_id", "question_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_eb2a0d41261f30bc85d6fac1d97" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_a8b9e1d34e5d82e4ef9dad8728e" FOREIGN KEY ("template_version_id") REFERENCES "template_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_74fa1dfd68b5a1bafe67f125658" FOREIGN KEY ("contact_id") REFERENCES "vendor_contact"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_invitation" ADD CONSTRAINT "FK_19390988d7828f13ebe07a9d139" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer" ADD CONSTRAINT "FK_065fc14c702822bdcbfd0d166f8" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('assessment')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('assessment_invitation')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('answer')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON assessment`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON assessment`);
    await queryRunner.query(`DROP POLICY system_access ON assessment_invitation`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON assessment_invitation`);
    await queryRunner.query(`DROP POLICY system_access ON answer`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON answer`);
    await queryRunner.query(
      `ALTER TABLE "answer" DROP CONSTRAINT "FK_065fc14c702822bdcbfd0d166f8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_invitation" DROP CONSTRAINT "FK_19390988d7828f13ebe07a9d139"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" DROP CONSTRAINT "FK_74fa1dfd68b5a1bafe67f125658"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" DROP CONSTRAINT "FK_a8b9e1d34e5d82e4ef9dad8728e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" DROP CONSTRAINT "FK_eb2a0d41261f30bc85d6fac1d97"`,
    );
    await queryRunner.query(`DROP INDEX "public"."answer_assessment_question_key"`);
    await queryRunner.query(`DROP TABLE "answer"`);
    await queryRunner.query(`DROP INDEX "public"."assessment_invitation_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "assessment_invitation"`);
    await queryRunner.query(`DROP INDEX "public"."assessment_organization_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessment_vendor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessment_organization_status_idx"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
  }
}
