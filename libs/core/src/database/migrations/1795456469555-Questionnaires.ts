import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Questionnaires1795456469555 implements MigrationInterface {
  name = 'Questionnaires1795456469555';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "questionnaire_import" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "format" character varying(40) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'QUEUED', "template_id" uuid, "template_name" character varying(200), "language" character varying(20) NOT NULL, "file_id" uuid, "source" bytea, "source_bytes" integer NOT NULL, "processed" integer NOT NULL DEFAULT '0', "total" integer, "errors" jsonb NOT NULL DEFAULT '[]', "warnings" jsonb NOT NULL DEFAULT '[]', "version_id" uuid, "created_by" character varying(100), "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "questionnaire_import_status_check" CHECK ("status" IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')), CONSTRAINT "PK_f8a3699928c867cc1f8809af95f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "questionnaire_import_organization_created_at_idx" ON "questionnaire_import"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "questionnaire_template" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "name_key" character varying(200) NOT NULL, "description" text, "library_key" character varying(100), "version" integer NOT NULL, CONSTRAINT "PK_00e269c6c69fff0cca8540993f2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "questionnaire_template_organization_created_at_idx" ON "questionnaire_template"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "questionnaire_template_organization_name_key" ON "questionnaire_template"  ("organization_id", "name_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "template_version" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "template_id" uuid NOT NULL, "number" integer NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'DRAFT', "definition" jsonb NOT NULL, "question_count" integer NOT NULL DEFAULT '0', "checksum" character varying(64), "based_on_id" uuid, "library_key" character varying(100), "library_version" integer, "created_by" character varying(100), "published_at" TIMESTAMP(3) WITH TIME ZONE, "published_by" character varying(100), "retired_at" TIMESTAMP(3) WITH TIME ZONE, "revision" integer NOT NULL, CONSTRAINT "template_version_status_check" CHECK ("status" IN ('DRAFT', 'PUBLISHED', 'RETIRED')), CONSTRAINT "PK_5c57453edc10a775036dd2f2124" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "template_version_organization_id_idx" ON "template_version"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "template_version_one_draft_key" ON "template_version"  ("template_id") WHERE "status" = 'DRAFT'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "template_version_template_number_key" ON "template_version"  ("template_id", "number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "questionnaire_import" ADD CONSTRAINT "FK_57cd717fcedae6183b10b3cd70a" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questionnaire_template" ADD CONSTRAINT "FK_693c5c9ea01beb776c9235cad66" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_version" ADD CONSTRAINT "FK_cef79f12ada2f9cb42a3f490f79" FOREIGN KEY ("template_id") REFERENCES "questionnaire_template"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('questionnaire_template')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('template_version')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('questionnaire_import')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON questionnaire_template`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON questionnaire_template`);
    await queryRunner.query(`DROP POLICY system_access ON template_version`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON template_version`);
    await queryRunner.query(`DROP POLICY system_access ON questionnaire_import`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON questionnaire_import`);
    await queryRunner.query(
      `ALTER TABLE "template_version" DROP CONSTRAINT "FK_cef79f12ada2f9cb42a3f490f79"`,
    );
    await queryRunner.query(
      `ALTER TABLE "questionnaire_template" DROP CONSTRAINT "FK_693c5c9ea01beb776c9235cad66"`,
    );
    await queryRunner.query(
      `ALTER TABLE "questionnaire_import" DROP CONSTRAINT "FK_57cd717fcedae6183b10b3cd70a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."template_version_template_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."template_version_one_draft_key"`);
    await queryRunner.query(`DROP INDEX "public"."template_version_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "template_version"`);
    await queryRunner.query(`DROP INDEX "public"."questionnaire_template_organization_name_key"`);
    await queryRunner.query(
      `DROP INDEX "public"."questionnaire_template_organization_created_at_idx"`,
    );
    await queryRunner.query(`DROP TABLE "questionnaire_template"`);
    await queryRunner.query(
      `DROP INDEX "public"."questionnaire_import_organization_created_at_idx"`,
    );
    await queryRunner.query(`DROP TABLE "questionnaire_import"`);
  }
}
