import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Points every assessed vendor at its latest completed assessment. */
export class BackfillLastAssessment1796472383627 implements MigrationInterface {
  name = 'BackfillLastAssessment1796472383627';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Tenant tables force row-level security: read and write every organization as the system role.
    await queryRunner.query(`SET LOCAL ROLE assay_system`);
    await queryRunner.query(`
      UPDATE vendor v
         SET last_assessment_id = (
           SELECT a.id FROM assessment a
            WHERE a.vendor_id = v.id AND a.status = 'COMPLETED'
            ORDER BY a.completed_at DESC, a.id DESC
            LIMIT 1)
       WHERE v.last_assessed_at IS NOT NULL`);
    await queryRunner.query(`RESET ROLE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SET LOCAL ROLE assay_system`);
    await queryRunner.query(`UPDATE vendor SET last_assessment_id = NULL`);
    await queryRunner.query(`RESET ROLE`);
  }
}
