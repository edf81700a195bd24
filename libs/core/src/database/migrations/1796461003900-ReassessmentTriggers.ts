import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReassessmentTriggers1796461003900 implements MigrationInterface {
  name = 'ReassessmentTriggers1796461003900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "vendor" ADD "reassessment_trigger" character varying(30)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vendor" DROP COLUMN "reassessment_trigger"`);
  }
}
