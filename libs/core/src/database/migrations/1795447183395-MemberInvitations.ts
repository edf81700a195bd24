import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MemberInvitations1795447183395 implements MigrationInterface {
  name = 'MemberInvitations1795447183395';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_invitation" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "email" character varying(320) NOT NULL, "role" "public"."member_role" NOT NULL, "token_hash" character varying(64) NOT NULL, "invited_by" uuid, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_be4250bdbf0762686080d40d742" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "member_invitation_organization_email_idx" ON "member_invitation"  ("organization_id", "email") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "member_invitation_token_hash_key" ON "member_invitation"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "member_invitation" ADD CONSTRAINT "FK_a82be532f5fce0a311b04d97e1c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`SELECT assay_isolate_tenant_table('member_invitation')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON member_invitation`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON member_invitation`);
    await queryRunner.query(
      `ALTER TABLE "member_invitation" DROP CONSTRAINT "FK_a82be532f5fce0a311b04d97e1c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."member_invitation_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."member_invitation_organization_email_idx"`);
    await queryRunner.query(`DROP TABLE "member_invitation"`);
  }
}
