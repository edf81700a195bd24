import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin's list of the organization's emails (emailMessages), newest first. The table keeps
 * its row-level security: the index only spares the list a scan of every tenant's emails.
 */
export class EmailMessageList1796457363501 implements MigrationInterface {
  name = 'EmailMessageList1796457363501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "email_message_organization_created_idx" ON "email_message"  ("organization_id", "created_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."email_message_organization_created_idx"`);
  }
}
