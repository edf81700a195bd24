import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PasswordHasher } from '#identity';
import {
  NOT_APPLICABLE,
  type AnswerState,
  type AnswerValue,
  type TemplateDefinition,
} from '#questionnaire';
import { roundScore, scoreAssessment, type AssessmentScore } from '#scoring';
import { DEFAULT_REASSESSMENT_POLICY, addMonths, type RiskTier } from '#vendor';
import {
  DATASET_PASSWORD,
  datasetOrganizations,
  prepareDataset,
  type BenchDataset,
} from '../../bench/dataset.js';
import { generatePortfolio } from '../../bench/dataset-portfolio.js';
import { signIn } from '../factories/identity.factory.js';
import { startTestApp } from '../utils/test-app.js';
import { TEST_DATABASE_URL, runId } from '../utils/test-env.js';

/**
 * The benchmark dataset's promises, checked at a tiny scale against a real PostgreSQL: the counts
 * asked for, every status, scores the scoring computes from the stored answers, section score
 * rows that match them, and row-level security that still keeps each organization to itself.
 */
describe('benchmark dataset (bench/dataset.ts)', () => {
  const SCALE = { vendors: 50, assessments: 300, patterns: 40 };
  const ANCHOR = '2026-06-15';
  const SEED = 7;
  const database = `assay_t_${runId()}_${randomBytes(3).toString('hex')}`;
  let dataset: BenchDataset;
  let client: pg.Client;

  /** Runs `sql` in a transaction as `role`, with `organization` as the tenant (or none). */
  async function as<T extends pg.QueryResultRow>(
    role: 'assay_app' | 'assay_system',
    organization: string | null,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    await client.query('BEGIN');
    try {
      await client.query(
        `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`,
        [role, organization ?? ''],
      );
      const result = await client.query<T>(sql, params);
      await client.query('COMMIT');
      return result.rows;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
  const system = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    as<T>('assay_system', null, sql, params);
  const values = async (sql: string, params: unknown[] = []) =>
    (await system<{ value: string }>(sql, params)).map((row) => row.value).sort();

  beforeAll(async () => {
    dataset = await prepareDataset({
      serverUrl: TEST_DATABASE_URL,
      database,
      scale: SCALE,
      seed: SEED,
      anchor: ANCHOR,
    });
    client = new pg.Client({ connectionString: dataset.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('holds the vendors and assessments asked for, in two organizations', async () => {
    expect(dataset.generated).toBe(true);
    expect(dataset.counts.vendors).toBe(SCALE.vendors);
    expect(dataset.counts.assessments).toBe(SCALE.assessments);
    const neighbour = datasetOrganizations(SCALE)[1]!.scale;
    expect(dataset.neighbourCounts.vendors).toBe(neighbour.vendors);
    expect(dataset.neighbourCounts.assessments).toBe(neighbour.assessments);
    const rows = await system<{ organization_id: string; vendors: string; assessments: string }>(
      `SELECT o.id AS organization_id,
              (SELECT count(*) FROM vendor v WHERE v.organization_id = o.id) AS vendors,
              (SELECT count(*) FROM assessment a WHERE a.organization_id = o.id) AS assessments
         FROM organization o ORDER BY o.name`,
    );
    expect(rows).toEqual([
      {
        organization_id: dataset.organizationId,
        vendors: String(SCALE.vendors),
        assessments: String(SCALE.assessments),
      },
      {
        organization_id: dataset.neighbourOrganizationId,
        vendors: String(neighbour.vendors),
        assessments: String(neighbour.assessments),
      },
    ]);
    // About twenty answers for each assessment that got as far as answering.
    const [answers] = await system<{ answers: string; answered: string }>(
      `SELECT count(*) AS answers, count(DISTINCT assessment_id) AS answered FROM answer
        WHERE organization_id = $1`,
      [dataset.organizationId],
    );
    expect(Number(answers!.answers)).toBe(dataset.counts.answers);
    expect(Number(answers!.answers) / Number(answers!.answered)).toBeGreaterThan(15);
  });

  it('has members in every role, and its admin signs in with the exported password', async () => {
    expect(
      await values(
        `SELECT DISTINCT role::text AS value FROM membership WHERE organization_id = $1`,
        [dataset.organizationId],
      ),
    ).toEqual(['ADMIN', 'PROCUREMENT', 'RISK_OWNER', 'VIEWER']);
    const [admin] = await system<{ password_hash: string; role: string; email: string }>(
      `SELECT u.password_hash, m.role::text AS role, u.email FROM app_user u
         JOIN membership m ON m.user_id = u.id WHERE m.id = $1 AND m.organization_id = $2`,
      [dataset.admin.membershipId, dataset.organizationId],
    );
    expect(admin).toMatchObject({ role: 'ADMIN', email: dataset.admin.email });
    expect(await new PasswordHasher().verify(admin!.password_hash, DATASET_PASSWORD)).toBe(true);
    expect(await new PasswordHasher().verify(admin!.password_hash, 'not the password')).toBe(false);
    // The exported risk owner owns more vendors than any other member.
    const owners = await system<{ risk_owner_id: string; vendors: string }>(
      `SELECT risk_owner_id, count(*) AS vendors FROM vendor WHERE organization_id = $1
          AND risk_owner_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
      [dataset.organizationId],
    );
    expect(owners[0]!.risk_owner_id).toBe(dataset.riskOwner.membershipId);
    expect(dataset.riskOwner.role).toBe('RISK_OWNER');
  });

  it('shows every status, severity, tier and lifecycle, over the last two years', async () => {
    const of = (sql: string) => values(sql, [dataset.organizationId]);
    expect(
      await of(`SELECT DISTINCT status AS value FROM assessment WHERE organization_id = $1`),
    ).toEqual([
      'CANCELLED',
      'CHANGES_REQUESTED',
      'COMPLETED',
      'DRAFT',
      'IN_PROGRESS',
      'IN_REVIEW',
      'SENT',
      'SUBMITTED',
    ]);
    expect(
      await of(`SELECT DISTINCT cycle AS value FROM assessment WHERE organization_id = $1`),
    ).toEqual(['AD_HOC', 'INITIAL', 'PERIODIC', 'TRIGGERED']);
    expect(
      await of(`SELECT DISTINCT status AS value FROM agreement WHERE organization_id = $1`),
    ).toEqual(['DRAFT', 'EXPIRED', 'SENT', 'SIGNED', 'SUPERSEDED', 'TERMINATED']);
    expect(
      await of(`SELECT DISTINCT status AS value FROM finding WHERE organization_id = $1`),
    ).toEqual(['IN_REMEDIATION', 'OPEN', 'RESOLVED', 'RISK_ACCEPTED']);
    expect(
      await of(`SELECT DISTINCT severity AS value FROM finding WHERE organization_id = $1`),
    ).toEqual(['CRITICAL', 'HIGH', 'LOW', 'MEDIUM']);
    expect(
      await of(`SELECT DISTINCT tier AS value FROM vendor WHERE organization_id = $1`),
    ).toEqual(['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4']);
    expect(
      await of(`SELECT DISTINCT lifecycle AS value FROM vendor WHERE organization_id = $1`),
    ).toEqual(['ACTIVE', 'OFFBOARDED', 'PROSPECT']);
    expect(
      await of(
        `SELECT DISTINCT c.status AS value FROM agreement_clause c WHERE c.organization_id = $1`,
      ),
    ).toEqual(expect.arrayContaining(['MISSING', 'PRESENT']));
    // Completed ones carry a decision, a rating and the day they were completed.
    const [completed] = await system<{ incomplete: string; decisions: string }>(
      `SELECT count(*) FILTER (WHERE decision IS NULL OR residual_rating IS NULL OR completed_at IS NULL) AS incomplete,
              count(DISTINCT decision) AS decisions
         FROM assessment WHERE organization_id = $1 AND status = 'COMPLETED'`,
      [dataset.organizationId],
    );
    expect(completed).toEqual({ incomplete: '0', decisions: '3' });
    // Never assessed, past due, overdue, and agreements that expire within 90 days.
    const [facts] = await system<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM vendor WHERE organization_id = $1 AND last_assessed_at IS NULL) AS never,
         (SELECT count(*) FROM vendor WHERE organization_id = $1 AND next_assessment_due_at < $2::date) AS past_due,
         (SELECT count(*) FROM assessment WHERE organization_id = $1 AND due_date < $2::date
            AND status IN ('SENT', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED')) AS overdue,
         (SELECT count(*) FROM agreement WHERE organization_id = $1 AND status = 'SIGNED'
            AND expiry_date BETWEEN $2::date AND $2::date + 90) AS expiring,
         (SELECT min(created_at) >= $2::date - interval '25 months' AND max(created_at) < $2::date + 1
            FROM assessment WHERE organization_id = $1)::text AS within_two_years,
         (SELECT count(DISTINCT date_trunc('month', created_at)) FROM finding WHERE organization_id = $1) AS finding_months`,
      [dataset.organizationId, ANCHOR],
    );
    expect(Number(facts!.never)).toBeGreaterThan(0);
    expect(Number(facts!.past_due)).toBeGreaterThan(0);
    expect(Number(facts!.overdue)).toBeGreaterThan(0);
    expect(Number(facts!.expiring)).toBeGreaterThan(0);
    expect(facts!.within_two_years).toBe('true');
    expect(Number(facts!.finding_months)).toBeGreaterThan(12);
  });

  it('stores the scores that scoring computes from the stored answers', async () => {
    const [version] = await system<{ definition: TemplateDefinition; status: string }>(
      `SELECT definition, status FROM template_version WHERE id = $1`,
      [dataset.templateVersionId],
    );
    expect(version!.status).toBe('PUBLISHED');
    const definition = version!.definition;
    const keys = definition.sections.flatMap((section) => section.questions.map((q) => q.key));
    expect(keys.length).toBeGreaterThanOrEqual(18);
    expect(definition.sections.length).toBeGreaterThanOrEqual(4);
    const [strays] = await system<{ count: string }>(
      `SELECT count(*) FROM answer WHERE NOT (question_key = ANY ($1::text[]))`,
      [keys],
    );
    expect(strays!.count).toBe('0');
    // A carried-over answer names an answer that exists.
    const [dangling] = await system<{ count: string }>(
      `SELECT count(*) FROM answer a WHERE a.carried_over
          AND NOT EXISTS (SELECT 1 FROM answer b WHERE b.id = a.carried_over_from_id)`,
    );
    expect(dangling!.count).toBe('0');

    const assessments = await system<{
      id: string;
      status: string;
      score: AssessmentScore | null;
      overall_score: string | null;
    }>(`SELECT id, status, score, overall_score FROM assessment WHERE organization_id = $1`, [
      dataset.organizationId,
    ]);
    const answers = await system<{
      assessment_id: string;
      question_key: string;
      value: AnswerValue | null;
      not_applicable: boolean;
    }>(
      `SELECT assessment_id, question_key, value, not_applicable FROM answer WHERE organization_id = $1`,
      [dataset.organizationId],
    );
    const states = new Map<string, Record<string, AnswerState>>();
    for (const answer of answers) {
      const state = states.get(answer.assessment_id) ?? {};
      state[answer.question_key] = answer.not_applicable
        ? NOT_APPLICABLE
        : (answer.value ?? undefined);
      states.set(answer.assessment_id, state);
    }
    const fixed = ['SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'COMPLETED'];
    let scored = 0;
    for (const assessment of assessments) {
      if (!fixed.includes(assessment.status)) {
        expect(assessment.score).toBeNull();
        continue;
      }
      scored += 1;
      const recomputed = scoreAssessment(definition, states.get(assessment.id) ?? {});
      expect(assessment.score).toEqual(JSON.parse(JSON.stringify(recomputed)));
      expect(assessment.overall_score).toBe(
        recomputed.score === null ? null : roundScore(recomputed.score).toFixed(2),
      );
    }
    expect(scored).toBeGreaterThan(SCALE.assessments / 2);
  });

  it('writes one section score row per section of every fixed score, and none otherwise', async () => {
    const rows = await system<{
      mismatched: string;
      unscored: string;
      rows: string;
      expected: string;
    }>(
      `WITH expected AS (
         SELECT a.id AS assessment_id, a.organization_id, a.vendor_id, s->>'key' AS section_key,
                (s->>'weight')::numeric AS weight, round((s->>'score')::numeric, 2) AS score,
                (SELECT d->'title' FROM template_version v, jsonb_array_elements(v.definition->'sections') d
                  WHERE v.id = a.template_version_id AND d->>'key' = s->>'key') AS title
           FROM assessment a CROSS JOIN LATERAL jsonb_array_elements(a.score->'sections') s
          WHERE a.score IS NOT NULL)
       SELECT
         (SELECT count(*) FROM expected e FULL JOIN assessment_section_score r
             ON r.assessment_id = e.assessment_id AND r.section_key = e.section_key
          WHERE e.assessment_id IS NULL OR r.assessment_id IS NULL
             OR r.score IS DISTINCT FROM e.score OR r.weight <> e.weight OR r.title <> e.title
             OR r.organization_id <> e.organization_id OR r.vendor_id <> e.vendor_id) AS mismatched,
         (SELECT count(*) FROM assessment_section_score r JOIN assessment a ON a.id = r.assessment_id
           WHERE a.score IS NULL) AS unscored,
         (SELECT count(*) FROM assessment_section_score) AS rows,
         (SELECT count(*) FROM expected) AS expected`,
    );
    expect(rows[0]).toMatchObject({ mismatched: '0', unscored: '0' });
    expect(Number(rows[0]!.rows)).toBe(
      dataset.counts.sectionScores + dataset.neighbourCounts.sectionScores,
    );
    expect(Number(rows[0]!.rows)).toBeGreaterThan(0);
  });

  it('keeps each vendor in step with its last completed assessment', async () => {
    const vendors = await system<{
      tier: RiskTier;
      lifecycle: string;
      residual_rating: string | null;
      last_assessed_at: Date | null;
      next_assessment_due_at: Date | null;
      completed_at: Date | null;
      rating: string | null;
    }>(
      `SELECT v.tier, v.lifecycle, v.residual_rating, v.last_assessed_at, v.next_assessment_due_at,
              l.completed_at, l.residual_rating AS rating
         FROM vendor v LEFT JOIN LATERAL (
           SELECT completed_at, residual_rating FROM assessment a
            WHERE a.vendor_id = v.id AND a.status = 'COMPLETED'
            ORDER BY completed_at DESC LIMIT 1) l ON true`,
    );
    for (const vendor of vendors) {
      expect(vendor.last_assessed_at).toEqual(vendor.completed_at);
      expect(vendor.residual_rating).toBe(vendor.rating);
      const due =
        vendor.completed_at && vendor.lifecycle !== 'OFFBOARDED'
          ? addMonths(vendor.completed_at, DEFAULT_REASSESSMENT_POLICY[vendor.tier].intervalMonths)
          : null;
      expect(vendor.next_assessment_due_at).toEqual(due);
    }
  });

  it('keeps row-level security on: each organization sees its own rows only', async () => {
    const tables = [
      'vendor',
      'vendor_contact',
      'agreement',
      'agreement_clause',
      'assessment',
      'answer',
      'assessment_section_score',
      'finding',
    ];
    const counted: Record<string, string> = {
      vendor: 'vendors',
      vendor_contact: 'contacts',
      agreement: 'agreements',
      agreement_clause: 'clauses',
      assessment: 'assessments',
      answer: 'answers',
      assessment_section_score: 'sectionScores',
      finding: 'findings',
    };
    const secured = await system<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relname = ANY ($1) AND relrowsecurity AND relforcerowsecurity`,
      [tables],
    );
    expect(secured.map((row) => row.relname).sort()).toEqual([...tables].sort());
    const count = async (organization: string | null, table: string) =>
      Number(
        (
          await as<{ count: string }>('assay_app', organization, `SELECT count(*) FROM ${table}`)
        )[0]!.count,
      );
    for (const table of tables) {
      const key = counted[table] as keyof BenchDataset['counts'];
      expect(await count(dataset.organizationId, table)).toBe(dataset.counts[key]);
      expect(await count(dataset.neighbourOrganizationId, table)).toBe(
        dataset.neighbourCounts[key],
      );
      expect(await count('00000000-0000-7000-8000-000000000000', table)).toBe(0);
      expect(await count(null, table)).toBe(0);
    }
    // The owner, without switching role, sees no tenant rows at all.
    expect((await client.query(`SELECT count(*) FROM vendor`)).rows[0].count).toBe('0');
  });

  it('lets its members sign in over GraphQL and read their own portfolio only', async () => {
    const t = await startTestApp({
      database: { name: database, url: dataset.url, drop: async () => {} },
      withWorker: false,
    });
    try {
      for (const member of [dataset.admin, dataset.riskOwner, dataset.viewer]) {
        const gql = await signIn(t.gql, {
          ...member,
          password: dataset.password,
          organizationId: dataset.organizationId,
        });
        const data = await gql.data<{
          viewer: { role: string; user: { email: string } };
          vendors: { totalCount: number; nodes: Array<{ name: string }> };
          assessments: { totalCount: number };
        }>(
          `{ viewer { role user { email } } vendors(first: 5) { totalCount nodes { name } }
             assessments(first: 5) { totalCount } }`,
        );
        expect(data.viewer).toEqual({ role: member.role, user: { email: member.email } });
        expect(data.vendors.totalCount).toBe(SCALE.vendors);
        expect(data.vendors.nodes).toHaveLength(5);
        expect(data.assessments.totalCount).toBe(SCALE.assessments);
      }
    } finally {
      await t.close();
    }
  }, 60_000);

  it('is reused while nothing changed, and the same inputs make the same rows', async () => {
    const again = await prepareDataset({
      serverUrl: TEST_DATABASE_URL,
      database,
      scale: SCALE,
      seed: SEED,
      anchor: ANCHOR,
    });
    expect(again.generated).toBe(false);
    expect(again).toMatchObject({
      organizationId: dataset.organizationId,
      generatedAt: dataset.generatedAt,
      counts: dataset.counts,
      admin: dataset.admin,
    });
    const specs = datasetOrganizations(SCALE);
    const made = (seed: number) =>
      JSON.stringify(generatePortfolio(specs, SCALE.patterns, seed, ANCHOR, 'hash').organizations);
    expect(made(SEED)).toBe(made(SEED));
    expect(made(SEED + 1)).not.toBe(made(SEED));
  });
});
