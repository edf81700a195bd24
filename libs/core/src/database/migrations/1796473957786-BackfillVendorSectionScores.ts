import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fills `vendor_section_score` from each vendor's latest completed assessment. */
export class BackfillVendorSectionScores1796473957786 implements MigrationInterface {
  name = 'BackfillVendorSectionScores1796473957786';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Tenant tables force row-level security: read and write every organization as the system role.
    await queryRunner.query(`SET LOCAL ROLE assay_system`);
    await queryRunner.query(`
      INSERT INTO vendor_section_score
        (vendor_id, section_key, organization_id, assessment_id, title, score)
      SELECT s.vendor_id, s.section_key, s.organization_id, s.assessment_id, s.title, s.score
        FROM vendor v
        JOIN assessment_section_score s ON s.assessment_id = v.last_assessment_id
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`RESET ROLE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SET LOCAL ROLE assay_system`);
    await queryRunner.query(`DELETE FROM vendor_section_score`);
    await queryRunner.query(`RESET ROLE`);
  }
}
