import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailMessages1795447028673 implements MigrationInterface {
  name = 'EmailMessages1795447028673';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_message" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid, "recipient" character varying(320) NOT NULL, "locale" character varying(10) NOT NULL, "template" character varying(60) NOT NULL, "params" jsonb NOT NULL, "sealed_params" text, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(500), "sent_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_9fe3a0a31f2ffe66dd976851792" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "email_message_status_idx" ON "email_message"  ("status") `,
    );
    // Messages about an organization are its data; those about no organization (password
    // resets) are written and read by the platform's own access only.
    await queryRunner.query(`SELECT assay_isolate_tenant_table('email_message')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY system_access ON email_message`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON email_message`);
    await queryRunner.query(`DROP INDEX "public"."email_message_status_idx"`);
    await queryRunner.query(`DROP TABLE "email_message"`);
  }
}
