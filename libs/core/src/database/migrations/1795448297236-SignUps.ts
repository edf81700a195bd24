import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignUps1795448297236 implements MigrationInterface {
  name = 'SignUps1795448297236';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_up" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "email" character varying(320) NOT NULL, "organization_name" character varying(200) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_7dc025543e948dd1cc22d89c0bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sign_up_token_hash_key" ON "sign_up"  ("token_hash") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."sign_up_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "sign_up"`);
  }
}
