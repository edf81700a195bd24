import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795444706415 implements MigrationInterface {
  name = 'Identity1795444706415';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "second_factor_policy" character varying(20) NOT NULL DEFAULT 'OFF', CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(200), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"  ("email") `);
    await queryRunner.query(
      `CREATE TYPE "public"."member_role" AS ENUM('ADMIN', 'PROCUREMENT', 'RISK_OWNER', 'VIEWER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."member_role" NOT NULL, CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "membership_user_id_idx" ON "membership"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "membership_organization_user_key" ON "membership"  ("organization_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."membership_organization_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."membership_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TYPE "public"."member_role"`);
    await queryRunner.query(`DROP INDEX "public"."app_user_email_key"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "organization"`);
  }
}
