import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderOffsets1796462305960 implements MigrationInterface {
  name = 'ReminderOffsets1796462305960';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reassessment_policy" ADD "reminders" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reassessment_policy" DROP COLUMN "reminders"`);
  }
}
