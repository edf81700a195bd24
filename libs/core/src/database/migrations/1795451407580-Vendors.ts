import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Vendors1795451407580 implements MigrationInterface {
  name = 'Vendors1795451407580';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendor_risk_rubric" ("organization_id" uuid NOT NULL, "rubric" jsonb NOT NULL, "version" integer NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_128b0712369989ed9d166a189d8" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "vendor" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "name_key" character varying(200) NOT NULL, "legal_name" character varying(300), "website" character varying(500), "country" character varying(2), "services" text, "lifecycle" character varying(20) NOT NULL DEFAULT 'PROSPECT', "business_owner_id" uuid, "risk_owner_id" uuid, "tags" character varying(50) array NOT NULL DEFAULT '{}', "data_categories" character varying(30) array NOT NULL, "other_sensitive_data" boolean NOT NULL DEFAULT false, "volume_band" character varying(30) NOT NULL, "access_level" character varying(10) NOT NULL, "processing_role" character varying(30) NOT NULL, "data_countries" character varying(2) array NOT NULL, "data_subject_regions" character varying(20) array NOT NULL, "sensitive_data" boolean NOT NULL, "cross_border" boolean NOT NULL, "inherent_risk_score" smallint NOT NULL, "computed_tier" character varying(10) NOT NULL, "tier" character varying(10) NOT NULL, "risk_reasons" jsonb NOT NULL, "risk_algorithm_version" smallint NOT NULL, "risk_rubric_version" integer NOT NULL, "regimes" character varying(10) array NOT NULL, "requirements" jsonb NOT NULL, "tier_override" character varying(10), "tier_override_justification" text, "tier_overridden_by" uuid, "tier_overridden_at" TIMESTAMP(3) WITH TIME ZONE, "offboarded_at" TIMESTAMP(3) WITH TIME ZONE, "offboarding_reason" text, "version" integer NOT NULL, CONSTRAINT "vendor_score_check" CHECK ("inherent_risk_score" BETWEEN 0 AND 100), CONSTRAINT "vendor_lifecycle_check" CHECK ("lifecycle" IN ('PROSPECT', 'ACTIVE', 'OFFBOARDED')), CONSTRAINT "PK_931a23f6231a57604f5a0e32780" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_business_owner_id_idx" ON "vendor"  ("business_owner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_risk_owner_id_idx" ON "vendor"  ("risk_owner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_organization_created_at_idx" ON "vendor"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_organization_tier_idx" ON "vendor"  ("organization_id", "tier") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "vendor_organization_name_key" ON "vendor"  ("organization_id", "name_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vendor_sub_processor" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "position" smallint NOT NULL, "name" character varying(200) NOT NULL, "country" character varying(2) NOT NULL, "service" text, "data_categories" character varying(30) array NOT NULL, CONSTRAINT "PK_2c2216bd29763c8a43a6f9cbe03" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_sub_processor_organization_id_idx" ON "vendor_sub_processor"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_sub_processor_vendor_id_idx" ON "vendor_sub_processor"  ("vendor_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vendor_contact" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(320) NOT NULL, "role" character varying(100), "language" character varying(5) NOT NULL DEFAULT 'en', "is_primary" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_e9bd678abfdeb8964f9eb9022ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_contact_organization_id_idx" ON "vendor_contact"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "vendor_contact_one_primary_key" ON "vendor_contact"  ("vendor_id") WHERE "is_primary"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "vendor_contact_vendor_email_key" ON "vendor_contact"  ("vendor_id", "email") `,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_risk_rubric" ADD CONSTRAINT "FK_128b0712369989ed9d166a189d8" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD CONSTRAINT "FK_5075297ba41a81e3b9e289db354" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD CONSTRAINT "FK_063ea24b0c3d7eff8023835e1a1" FOREIGN KEY ("business_owner_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD CONSTRAINT "FK_bdba9c7a0be7d470b2087871de9" FOREIGN KEY ("risk_owner_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_sub_processor" ADD CONSTRAINT "FK_d449169ab38612367fd7d11c35e" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_contact" ADD CONSTRAINT "FK_dc7a975e5128b1499aaa8e8c737" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('vendor_risk_rubric')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('vendor')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('vendor_sub_processor')`);
    await queryRunner.query(`SELECT assay_isolate_tenant_table('vendor_contact')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON vendor_risk_rubric`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON vendor_risk_rubric`);
    await queryRunner.query(`DROP POLICY system_access ON vendor`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON vendor`);
    await queryRunner.query(`DROP POLICY system_access ON vendor_sub_processor`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON vendor_sub_processor`);
    await queryRunner.query(`DROP POLICY system_access ON vendor_contact`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON vendor_contact`);
    await queryRunner.query(
      `ALTER TABLE "vendor_contact" DROP CONSTRAINT "FK_dc7a975e5128b1499aaa8e8c737"`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_sub_processor" DROP CONSTRAINT "FK_d449169ab38612367fd7d11c35e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" DROP CONSTRAINT "FK_bdba9c7a0be7d470b2087871de9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" DROP CONSTRAINT "FK_063ea24b0c3d7eff8023835e1a1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor" DROP CONSTRAINT "FK_5075297ba41a81e3b9e289db354"`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_risk_rubric" DROP CONSTRAINT "FK_128b0712369989ed9d166a189d8"`,
    );
    await queryRunner.query(`DROP INDEX "public"."vendor_contact_vendor_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_contact_one_primary_key"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_contact_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "vendor_contact"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_sub_processor_vendor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_sub_processor_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "vendor_sub_processor"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_organization_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_organization_tier_idx"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_organization_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_risk_owner_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_business_owner_id_idx"`);
    await queryRunner.query(`DROP TABLE "vendor"`);
    await queryRunner.query(`DROP TABLE "vendor_risk_rubric"`);
  }
}
