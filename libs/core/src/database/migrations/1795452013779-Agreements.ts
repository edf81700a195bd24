import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Agreements1795452013779 implements MigrationInterface {
  name = 'Agreements1795452013779';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'DRAFT', "title" character varying(300) NOT NULL, "reference" character varying(100), "effective_date" date, "expiry_date" date, "signatories" jsonb NOT NULL DEFAULT '[]', "document_file_id" uuid, "document_sha256" character varying(64), "notes" text, "superseded_by_id" uuid, "status_reason" text, "status_changed_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "PK_e7537188219eeef56233a609753" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_organization_expiry_idx" ON "agreement"  ("organization_id", "expiry_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_organization_created_at_idx" ON "agreement"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_vendor_id_idx" ON "agreement"  ("vendor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_clause" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "agreement_id" uuid NOT NULL, "clause_id" character varying(100) NOT NULL, "status" character varying(20) NOT NULL, "note" text, "reviewed_by" uuid, CONSTRAINT "PK_c4387f6a48a2dee5e82f1ca4a74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_clause_organization_id_idx" ON "agreement_clause"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_clause_agreement_clause_key" ON "agreement_clause"  ("agreement_id", "clause_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement" ADD CONSTRAINT "FK_222b94e51ae3719fa06496f68c4" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement" ADD CONSTRAINT "FK_c0143d025f08f7a2470e3fe7c04" FOREIGN KEY ("superseded_by_id") REFERENCES "agreement"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_clause" ADD CONSTRAINT "FK_444433f6082498b02d1f739312d" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('agreement')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('agreement_clause')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON agreement`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON agreement`);
    await queryRunner.query(`DROP POLICY system_access ON agreement_clause`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON agreement_clause`);
    await queryRunner.query(
      `ALTER TABLE "agreement_clause" DROP CONSTRAINT "FK_444433f6082498b02d1f739312d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement" DROP CONSTRAINT "FK_c0143d025f08f7a2470e3fe7c04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement" DROP CONSTRAINT "FK_222b94e51ae3719fa06496f68c4"`,
    );
    await queryRunner.query(`DROP INDEX "public"."agreement_clause_agreement_clause_key"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_clause_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "agreement_clause"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_vendor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_organization_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_organization_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "agreement"`);
  }
}
