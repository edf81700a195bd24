import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1795445296141 implements MigrationInterface {
  name = 'Sessions1795445296141';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refresh_session" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_reason" character varying(40), "ip" character varying(64), CONSTRAINT "PK_5d0d8c21064803b5b2baaa50cbb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "refresh_session_user_id_idx" ON "refresh_session"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "refresh_session_family_id_idx" ON "refresh_session"  ("family_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "refresh_session_token_hash_key" ON "refresh_session"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "password_token" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "purpose" character varying(10) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_4b36905cda55c809d6c39cb74f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_token_user_id_idx" ON "password_token"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_token_token_hash_key" ON "password_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_session" ADD CONSTRAINT "FK_4f1f967f9168c6ff7772d7614a6" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_session" ADD CONSTRAINT "FK_684b73eb2dd26a45b1fdc0ca178" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_token" ADD CONSTRAINT "FK_9e8ecfe7cf983db4925e8e85593" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Refresh sessions are tenant data: each belongs to one organization.
    await queryRunner.query(`SELECT assay_isolate_tenant_table('refresh_session')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON refresh_session`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON refresh_session`);
    await queryRunner.query(
      `ALTER TABLE "password_token" DROP CONSTRAINT "FK_9e8ecfe7cf983db4925e8e85593"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_session" DROP CONSTRAINT "FK_684b73eb2dd26a45b1fdc0ca178"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_session" DROP CONSTRAINT "FK_4f1f967f9168c6ff7772d7614a6"`,
    );
    await queryRunner.query(`DROP INDEX "public"."password_token_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."password_token_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "password_token"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_session_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_session_family_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_session_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "refresh_session"`);
  }
}
