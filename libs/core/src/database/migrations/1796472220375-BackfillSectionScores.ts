import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Copies the section scores of assessments submitted before `assessment_section_score` existed. */
export class BackfillSectionScores1796472220375 implements MigrationInterface {
  name = 'BackfillSectionScores1796472220375';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Tenant tables force row-level security: read and write every organization as the system role.
    await queryRunner.query(`SET LOCAL ROLE assay_system`);
    await queryRunner.query(`
      INSERT INTO assessment_section_score
        (assessment_id, section_key, organization_id, vendor_id, title, weight, score)
      SELECT a.id, s->>'key', a.organization_id, a.vendor_id,
             COALESCE(
               (SELECT d->'title' FROM jsonb_array_elements(v.definition->'sections') d
                 WHERE d->>'key' = s->>'key' LIMIT 1),
               jsonb_build_object('en', s->>'key')),
             (s->>'weight')::numeric,
             round((s->>'score')::numeric, 2)
        FROM assessment a
        JOIN template_version v ON v.id = a.template_version_id
        CROSS JOIN LATERAL jsonb_array_elements(a.score->'sections') s
       WHERE a.score IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`RESET ROLE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SET LOCAL ROLE assay_system`);
    await queryRunner.query(`DELETE FROM assessment_section_score`);
    await queryRunner.query(`RESET ROLE`);
  }
}
