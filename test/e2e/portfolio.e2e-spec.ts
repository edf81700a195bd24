import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AgreementType,
  CATALOG_OF_REGIME,
  ClauseStatus,
  regimesOfType,
  vendorCoverage,
  type CoverageAgreement,
} from '#agreement';
import { Clock, RequestContext, Role, TransactionalConnection } from '#core';
import { Regime, type RequirementFlag } from '#vendor';
import { createAgreement } from '../factories/agreement.factory.js';
import {
  answerAndSubmit,
  publishQuestionnaire,
  sendToVendor,
} from '../factories/assessment.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
} from '../factories/identity.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const DEFINITION = {
  languages: ['en', 'zh-CN'],
  sections: [
    {
      key: 'security',
      title: { en: 'Security', 'zh-CN': '安全' },
      questions: [
        {
          key: 'tls',
          type: 'BOOLEAN',
          required: true,
          text: { en: 'Is data encrypted in transit?', 'zh-CN': '传输中的数据是否加密？' },
          points: { yes: 10, no: 0 },
        },
      ],
    },
    {
      key: 'breach',
      title: { en: 'Breach handling', 'zh-CN': '事件处理' },
      questions: [
        {
          key: 'notify',
          type: 'BOOLEAN',
          required: true,
          text: { en: 'Do you notify breaches within 72 hours?', 'zh-CN': '是否在72小时内通知？' },
          points: { yes: 10, no: 0 },
        },
      ],
    },
  ],
};

const OVERVIEW = `query($filter: VendorFilterInput, $days: Int) { portfolioOverview(filter: $filter) {
  asOf
  heatMap { tier rating vendors }
  assessmentsByStatus { status assessments overdue }
  sectionAverages { sectionKey title { en zhCN } average assessments byTier { tier average assessments } }
  openFindings { severity ageBand findings }
  expiringAgreements(withinDays: $days) { withinDays agreements vendors }
  complianceGaps { missingAgreement missingImpactAssessment }
  assessmentCadence { neverAssessed pastDue }
} }`;
const TREND = `query($months: Int, $filter: VendorFilterInput) { portfolioTrend(months: $months, filter: $filter) {
  month averageScore assessmentsCompleted openFindings findingsRaised findingsClosed } }`;
const HISTORY = `query($id: ID!) { vendorRiskHistory(vendorId: $id) {
  assessmentId cycle completedAt score computedScore residualRating decision } }`;

const TIERS = ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'];
const RATINGS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL', null];
const STATUSES = [
  'DRAFT',
  'SENT',
  'IN_PROGRESS',
  'SUBMITTED',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'COMPLETED',
  'CANCELLED',
];
const OPEN_STATUSES = STATUSES.filter((status) => !['COMPLETED', 'CANCELLED'].includes(status));
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const BANDS = ['DAYS_0_30', 'DAYS_31_90', 'DAYS_91_180', 'OVER_180_DAYS'];
const DAY_MS = 86_400_000;

const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
const round2 = (value: number) => Math.round(value * 100) / 100;
const mean = (values: number[]) =>
  values.length ? round2(values.reduce((sum, value) => sum + value, 0) / values.length) : null;
const day = (date: Date) => date.toISOString().slice(0, 10);

interface VendorRow {
  id: string;
  tier: string;
  country: string | null;
  tags: string[];
  lifecycle: string;
  residual_rating: string | null;
  last_assessed_at: Date | null;
  next_assessment_due_at: Date | null;
  requirements: RequirementFlag[];
  data_categories: string[];
  other_sensitive_data: boolean;
  impact_assessed_on: string | null;
}

interface AssessmentRow {
  id: string;
  vendor_id: string;
  status: string;
  due_date: string;
  completed_at: Date | null;
  overall_score: string | null;
  score_override: string | null;
}

interface FindingRow {
  vendor_id: string;
  severity: string;
  status: string;
  created_at: Date;
  resolved_at: Date | null;
  risk_acceptance: { acceptedAt: string } | null;
}

interface Portfolio {
  vendors: VendorRow[];
  assessments: AssessmentRow[];
  sections: Array<{ assessment_id: string; section_key: string; score: string | null }>;
  findings: FindingRow[];
  agreements: Array<{
    id: string;
    vendor_id: string;
    type: AgreementType;
    status: string;
    effective_date: string | null;
    expiry_date: string | null;
  }>;
  clauses: Array<{ agreement_id: string; clause_id: string; status: ClauseStatus }>;
}

/**
 * Every overview figure computed in the test from the raw rows, independently of the SQL the API
 * runs (coverage by the same TypeScript rule that gates approval).
 */
function expectedOverview(data: Portfolio, selected: VendorRow[], now: Date, withinDays: number) {
  const today = day(now);
  const ids = new Set(selected.map((vendor) => vendor.id));
  const tierOf = new Map(selected.map((vendor) => [vendor.id, vendor.tier]));
  const assessments = data.assessments.filter((a) => ids.has(a.vendor_id));
  const latest = new Map<string, AssessmentRow>();
  for (const a of assessments.filter((a) => a.status === 'COMPLETED')) {
    const current = latest.get(a.vendor_id);
    if (!current || current.completed_at! < a.completed_at!) latest.set(a.vendor_id, a);
  }
  const latestIds = new Set([...latest.values()].map((a) => a.id));
  const sectionRows = data.sections.filter((row) => latestIds.has(row.assessment_id));
  const tierOfAssessment = new Map(
    [...latest.values()].map((a) => [a.id, tierOf.get(a.vendor_id)!]),
  );
  const sectionKeys = [...new Set(sectionRows.map((row) => row.section_key))].sort();
  const scored = (rows: typeof sectionRows) =>
    rows.filter((row) => row.score !== null).map((row) => Number(row.score));
  const band = (created: Date) => {
    const age = now.getTime() - created.getTime();
    return age < 30 * DAY_MS
      ? 'DAYS_0_30'
      : age < 90 * DAY_MS
        ? 'DAYS_31_90'
        : age < 180 * DAY_MS
          ? 'DAYS_91_180'
          : 'OVER_180_DAYS';
  };
  const openFindings = data.findings.filter(
    (f) => ids.has(f.vendor_id) && ['OPEN', 'IN_REMEDIATION'].includes(f.status),
  );
  const until = day(new Date(now.getTime() + withinDays * DAY_MS));
  const expiring = data.agreements.filter(
    (a) =>
      ids.has(a.vendor_id) &&
      a.status === 'SIGNED' &&
      a.expiry_date !== null &&
      a.expiry_date >= today &&
      a.expiry_date <= until,
  );
  const coverageAgreements = (vendorId: string): CoverageAgreement[] =>
    data.agreements
      .filter((a) => a.vendor_id === vendorId)
      .map((a) => ({
        id: a.id,
        type: a.type,
        status: a.status as CoverageAgreement['status'],
        effectiveDate: a.effective_date,
        expiryDate: a.expiry_date,
        clauses: new Map(
          data.clauses
            .filter((clause) => clause.agreement_id === a.id)
            .map((clause) => [clause.clause_id, clause.status]),
        ),
      }));
  return {
    heatMap: TIERS.flatMap((tier) =>
      RATINGS.map((rating) => ({
        tier,
        rating,
        vendors: selected.filter((v) => v.tier === tier && v.residual_rating === rating).length,
      })),
    ),
    assessmentsByStatus: STATUSES.map((status) => ({
      status,
      assessments: assessments.filter((a) => a.status === status).length,
      overdue: assessments.filter(
        (a) => a.status === status && OPEN_STATUSES.includes(status) && a.due_date < today,
      ).length,
    })),
    sectionAverages: sectionKeys.map((sectionKey) => {
      const rows = sectionRows.filter((row) => row.section_key === sectionKey);
      return {
        sectionKey,
        average: mean(scored(rows)),
        assessments: scored(rows).length,
        byTier: TIERS.map((tier) => {
          const ofTier = rows.filter((row) => tierOfAssessment.get(row.assessment_id) === tier);
          return { tier, average: mean(scored(ofTier)), assessments: scored(ofTier).length };
        }),
      };
    }),
    openFindings: SEVERITIES.flatMap((severity) =>
      BANDS.map((ageBand) => ({
        severity,
        ageBand,
        findings: openFindings.filter(
          (f) => f.severity === severity && band(f.created_at) === ageBand,
        ).length,
      })),
    ),
    expiringAgreements: {
      withinDays,
      agreements: expiring.length,
      vendors: new Set(expiring.map((a) => a.vendor_id)).size,
    },
    complianceGaps: {
      missingAgreement: selected.filter(
        (v) =>
          !vendorCoverage(
            {
              requirements: v.requirements,
              handlesPersonalData: v.data_categories.length > 0 || v.other_sensitive_data,
            },
            coverageAgreements(v.id),
            today,
          ).compliant,
      ).length,
      missingImpactAssessment: selected.filter(
        (v) =>
          v.requirements.some((flag) => flag.requirement === 'PIPL_IMPACT_ASSESSMENT') &&
          v.impact_assessed_on === null,
      ).length,
    },
    assessmentCadence: {
      neverAssessed: selected.filter((v) => v.last_assessed_at === null).length,
      pastDue: selected.filter(
        (v) => v.next_assessment_due_at !== null && v.next_assessment_due_at < now,
      ).length,
    },
  };
}

describe('portfolio reporting', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let riskOwner: GraphqlClient;
  let organizationId: string;
  let completedVendorId: string;
  let completedAssessmentId: string;
  let pipiaVendorId: string;
  const vendorIds: string[] = [];

  const system = RequestContext.system('portfolio-test', 'portfolio-test');
  async function sql<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
    const connection = t.app.get(TransactionalConnection);
    return connection.systemTransaction(system, async (tx) =>
      (await connection.manager(tx)).query(text, params),
    ) as Promise<Row[]>;
  }

  async function readPortfolio(): Promise<Portfolio> {
    const scope = [organizationId];
    return {
      vendors: await sql<VendorRow>(
        `SELECT id, tier, country, tags, lifecycle, residual_rating, last_assessed_at,
                next_assessment_due_at, requirements, data_categories, other_sensitive_data,
                to_char(impact_assessed_on, 'YYYY-MM-DD') AS impact_assessed_on
           FROM vendor WHERE organization_id = $1`,
        scope,
      ),
      assessments: await sql<AssessmentRow>(
        `SELECT id, vendor_id, status, to_char(due_date, 'YYYY-MM-DD') AS due_date, completed_at,
                overall_score, score_override
           FROM assessment WHERE organization_id = $1`,
        scope,
      ),
      sections: await sql(
        `SELECT assessment_id, section_key, score FROM assessment_section_score WHERE organization_id = $1`,
        scope,
      ),
      findings: await sql<FindingRow>(
        `SELECT vendor_id, severity, status, created_at, resolved_at, risk_acceptance
           FROM finding WHERE organization_id = $1`,
        scope,
      ),
      agreements: await sql(
        `SELECT id, vendor_id, type, status, to_char(effective_date, 'YYYY-MM-DD') AS effective_date,
                to_char(expiry_date, 'YYYY-MM-DD') AS expiry_date
           FROM agreement WHERE organization_id = $1`,
        scope,
      ),
      clauses: await sql(
        `SELECT agreement_id, clause_id, status FROM agreement_clause WHERE organization_id = $1`,
        scope,
      ),
    };
  }

  const overview = async (filter: Record<string, unknown> | null = null, days = 90) =>
    (
      await riskOwner.data<{ portfolioOverview: Record<string, unknown> & { asOf: string } }>(
        OVERVIEW,
        { filter, days },
      )
    ).portfolioOverview;

  /** Inserts a completed assessment of `vendorId` with its section scores, completed `daysAgo`. */
  async function completedAssessment(
    vendorId: string,
    daysAgo: number,
    sections: Record<string, number | null>,
    override: number | null = null,
  ): Promise<string> {
    const id = randomUUID();
    const scores = Object.values(sections).filter((score): score is number => score !== null);
    const overall = scores.length ? mean(scores)! : null;
    const [{ template_version_id }] = await sql<{ template_version_id: string }>(
      `SELECT template_version_id FROM assessment WHERE id = $1`,
      [completedAssessmentId],
    );
    await sql(
      `INSERT INTO assessment (id, organization_id, vendor_id, template_version_id, cycle, status,
         language, due_date, completed_at, overall_score, score_override, residual_rating,
         decision, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'PERIODIC', 'COMPLETED', 'en', now()::date,
         now() - make_interval(days => $5), $6, $7, 'MEDIUM', 'APPROVED', 1, now(), now())`,
      [id, organizationId, vendorId, template_version_id, daysAgo, overall, override],
    );
    for (const [key, score] of Object.entries(sections)) {
      await sql(
        `INSERT INTO assessment_section_score
           (assessment_id, section_key, organization_id, vendor_id, title, weight, score)
         VALUES ($1, $2, $3, $4, $5, 1, $6)`,
        [id, key, organizationId, vendorId, JSON.stringify({ en: key }), score],
      );
    }
    return id;
  }

  async function openAssessment(vendorId: string, status: string, dueDate: string) {
    const [{ template_version_id }] = await sql<{ template_version_id: string }>(
      `SELECT template_version_id FROM assessment WHERE id = $1`,
      [completedAssessmentId],
    );
    await sql(
      `INSERT INTO assessment (id, organization_id, vendor_id, template_version_id, cycle, status,
         language, due_date, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'AD_HOC', $5, 'en', $6, 1, now(), now())`,
      [randomUUID(), organizationId, vendorId, template_version_id, status, dueDate],
    );
  }

  async function finding(
    vendorId: string,
    severity: string,
    status: string,
    daysAgo: number,
    closedDaysAgo: number | null = null,
  ) {
    const closedAt = closedDaysAgo === null ? null : new Date(Date.now() - closedDaysAgo * DAY_MS);
    await sql(
      `INSERT INTO finding (id, organization_id, vendor_id, source, severity, title, status,
         created_at, updated_at, resolved_at, risk_acceptance, version)
       VALUES ($1, $2, $3, 'MANUAL', $4, 'A gap', $5, now() - make_interval(days => $6), now(),
         $7, $8, 1)`,
      [
        randomUUID(),
        organizationId,
        vendorId,
        severity,
        status,
        daysAgo,
        status === 'RESOLVED' ? closedAt : null,
        status === 'RISK_ACCEPTED'
          ? JSON.stringify({
              justification: 'Accepted',
              expiresOn: '2099-01-01',
              acceptedBy: null,
              acceptedAt: closedAt!.toISOString(),
            })
          : null,
      ],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganization(t.app, { name: 'Portfolio Co' });
    organizationId = owner.organizationId;
    admin = t.gql.withToken(await signInToken(t.gql, owner));
    riskOwner = await signIn(t.gql, await addMember(t.app, organizationId, Role.RiskOwner));

    // One vendor assessed for real, through the API: its section scores come from submission.
    const versionId = await publishQuestionnaire(admin, DEFINITION);
    const assessed = await createVendor(admin, {
      name: 'Assessed Payroll',
      country: 'DE',
      tags: ['payroll'],
      dataProfile: PROFILES.itSupport,
    });
    completedVendorId = assessed.id;
    const sent = await sendToVendor(admin, t.gql, t.config, { vendorId: assessed.id, versionId });
    completedAssessmentId = rowIdOf(sent.id);
    await answerAndSubmit(sent.vendor, sent.id, [
      { questionKey: 'tls', value: true },
      { questionKey: 'notify', value: false },
    ]);
    await riskOwner.data(
      `mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status } } }`,
      { id: sent.id },
    );
    await riskOwner.data(
      `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) { assessment { status } } }`,
      { input: { assessmentId: sent.id, decision: 'REJECTED', note: 'No breach notification' } },
    );

    const china = await createVendor(admin, {
      name: 'Shenzhen Call Centre',
      country: 'CN',
      tags: ['support'],
      dataProfile: PROFILES.healthCallCentre,
    });
    pipiaVendorId = china.id;
    const singapore = await createVendor(admin, {
      name: 'Lion City Health',
      country: 'SG',
      tags: ['support', 'payroll'],
      dataProfile: PROFILES.healthCallCentre,
    });
    const marketing = await createVendor(admin, {
      name: 'West Coast Ads',
      country: 'US',
      tags: ['marketing'],
      dataProfile: PROFILES.marketingAgency,
    });
    const supplies = await createVendor(admin, { name: 'Paper Co', country: 'GB' });
    const gone = await createVendor(admin, {
      name: 'Former IT',
      country: 'FR',
      dataProfile: PROFILES.itSupport,
    });
    await admin.data(
      `mutation($input: OffboardVendorInput!) { offboardVendor(input: $input) { vendor { lifecycle } } }`,
      { input: { vendorId: gone.id, reason: 'Contract ended' } },
    );
    vendorIds.push(assessed.id, china.id, singapore.id, marketing.id, supplies.id, gone.id);
    const [assessedId, chinaId, singaporeId, marketingId, suppliesId, goneId] =
      vendorIds.map(rowIdOf);

    // Agreements: a DPA with every GDPR clause, signed and in force, for the assessed vendor;
    // one missing a clause for the Singapore vendor, expiring soon; a CCPA one long expired.
    const gdprClauses = CATALOG_OF_REGIME[Regime.Gdpr].clauses.filter((c) => c.mandatory);
    const sign = async (
      vendorId: string,
      type: AgreementType,
      clauses: string[],
      expiry: string | null,
    ) => {
      const agreement = await createAgreement(admin, { vendorId, type });
      if (clauses.length) {
        await admin.data(
          `mutation($input: SetAgreementClausesInput!) { setAgreementClauses(input: $input) { agreement { id } } }`,
          {
            input: {
              agreementId: agreement.id,
              clauses: clauses.map((clauseId) => ({ clauseId, status: 'PRESENT' })),
            },
          },
        );
      }
      await sql(
        `UPDATE agreement SET status = 'SIGNED', effective_date = '2025-01-01', expiry_date = $2
          WHERE id = $1`,
        [rowIdOf(agreement.id), expiry],
      );
    };
    expect(regimesOfType(AgreementType.Dpa)).toContain(Regime.Gdpr);
    await sign(
      assessed.id,
      AgreementType.Dpa,
      gdprClauses.map((c) => c.id),
      null,
    );
    await sign(
      singapore.id,
      AgreementType.Dpa,
      gdprClauses.slice(1).map((c) => c.id),
      day(new Date(Date.now() + 20 * DAY_MS)),
    );
    await sign(marketing.id, AgreementType.CcpaServiceProvider, [], '2025-06-30');

    // Ratings and cadence as completed assessments and the scheduler leave them.
    await sql(
      `UPDATE vendor SET residual_rating = 'HIGH', last_assessed_at = now() - interval '400 days',
         next_assessment_due_at = now() - interval '35 days' WHERE id = $1`,
      [singaporeId],
    );
    await sql(
      `UPDATE vendor SET residual_rating = 'LOW', last_assessed_at = now() - interval '30 days',
         next_assessment_due_at = now() + interval '300 days' WHERE id = $1`,
      [marketingId],
    );
    await sql(`UPDATE vendor SET residual_rating = 'CRITICAL' WHERE id = $1`, [goneId]);

    // Older cycles and more of the portfolio, spread over months.
    await completedAssessment(singaporeId, 400, { security: 40, breach: 20 });
    await completedAssessment(singaporeId, 45, { security: 70, breach: null }, 65);
    await completedAssessment(marketingId, 30, { security: 90, breach: 80 });
    await completedAssessment(marketingId, 200, { security: 10, breach: 10 });
    await completedAssessment(goneId, 10, { security: 5, breach: 5 });
    // As completing does (the API-assessed vendor got its pointer from completeAssessment).
    await sql(
      `UPDATE vendor v SET last_assessment_id = (
         SELECT a.id FROM assessment a WHERE a.vendor_id = v.id AND a.status = 'COMPLETED'
          ORDER BY a.completed_at DESC LIMIT 1)
        WHERE v.organization_id = $1 AND v.id <> $2`,
      [organizationId, assessedId],
    );
    await sql(
      `INSERT INTO vendor_section_score
         (vendor_id, section_key, organization_id, assessment_id, title, score)
       SELECT s.vendor_id, s.section_key, s.organization_id, s.assessment_id, s.title, s.score
         FROM vendor v JOIN assessment_section_score s ON s.assessment_id = v.last_assessment_id
        WHERE v.organization_id = $1 AND v.id <> $2`,
      [organizationId, assessedId],
    );
    await openAssessment(chinaId, 'SENT', '2020-01-31');
    await openAssessment(chinaId, 'IN_PROGRESS', '2099-01-31');
    await openAssessment(suppliesId, 'SUBMITTED', '2021-06-30');
    await openAssessment(suppliesId, 'CANCELLED', '2021-06-30');
    await openAssessment(goneId, 'SENT', '2020-01-31');

    await finding(chinaId, 'CRITICAL', 'OPEN', 5);
    await finding(chinaId, 'HIGH', 'IN_REMEDIATION', 60);
    await finding(singaporeId, 'HIGH', 'OPEN', 120);
    await finding(singaporeId, 'LOW', 'OPEN', 400);
    await finding(marketingId, 'MEDIUM', 'RESOLVED', 100, 40);
    await finding(marketingId, 'MEDIUM', 'RISK_ACCEPTED', 70, 10);
    await finding(suppliesId, 'LOW', 'RESOLVED', 300, 250);
    await finding(goneId, 'CRITICAL', 'OPEN', 3);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('computes every overview figure as the rows say, offboarded vendors left out', async () => {
    const figures = await overview();
    const data = await readPortfolio();
    const selected = data.vendors.filter((v) => v.lifecycle !== 'OFFBOARDED');
    expect(selected).toHaveLength(5);
    const expected = expectedOverview(data, selected, new Date(figures.asOf), 90);
    expect(figures).toMatchObject(expected);
    // The figures are not trivially zero: the seeded portfolio shows in each.
    // Not covered: the Chinese vendor (no agreement), Singapore (a clause missing), the US one
    // (expired); the assessed vendor's DPA covers it; the office supplier handles no personal data.
    expect(figures.complianceGaps).toEqual({ missingAgreement: 3, missingImpactAssessment: 2 });
    expect(expected.expiringAgreements).toEqual({ withinDays: 90, agreements: 1, vendors: 1 });
    expect(expected.assessmentsByStatus.find((s) => s.status === 'SENT')).toEqual({
      status: 'SENT',
      assessments: 1,
      overdue: 1,
    });
    expect(expected.openFindings.reduce((sum, cell) => sum + cell.findings, 0)).toBe(4);
  });

  it('takes section scores from real submissions, titled in both languages', async () => {
    const figures = (await overview({ tags: ['payroll'], countries: ['DE'] })) as unknown as {
      sectionAverages: Array<{ sectionKey: string; title: { en: string; zhCN: string } }>;
      heatMap: Array<{ vendors: number }>;
    };
    expect(figures.heatMap.reduce((sum, cell) => sum + cell.vendors, 0)).toBe(1);
    // tls answered yes (100), notify answered no (0): the section scores of the submission.
    expect(figures.sectionAverages).toEqual([
      {
        sectionKey: 'breach',
        title: { en: 'Breach handling', zhCN: '事件处理' },
        average: 0,
        assessments: 1,
        byTier: expect.any(Array),
      },
      {
        sectionKey: 'security',
        title: { en: 'Security', zhCN: '安全' },
        average: 100,
        assessments: 1,
        byTier: expect.any(Array),
      },
    ]);
  });

  it('changes every figure with the filters as the rows say', async () => {
    const data = await readPortfolio();
    const riskOwnerless = data.vendors;
    const cases: Array<[Record<string, unknown>, (v: VendorRow) => boolean]> = [
      [{ tiers: ['TIER_1'] }, (v) => v.tier === 'TIER_1' && v.lifecycle !== 'OFFBOARDED'],
      [
        { countries: ['SG', 'US'] },
        (v) => ['SG', 'US'].includes(v.country ?? '') && v.lifecycle !== 'OFFBOARDED',
      ],
      [{ tags: ['support'] }, (v) => v.tags.includes('support') && v.lifecycle !== 'OFFBOARDED'],
      [{ lifecycles: ['OFFBOARDED'] }, (v) => v.lifecycle === 'OFFBOARDED'],
      [{ lifecycles: ['PROSPECT', 'ACTIVE', 'OFFBOARDED'] }, () => true],
    ];
    for (const [filter, keep] of cases) {
      const figures = await overview(filter, 30);
      const selected = riskOwnerless.filter(keep);
      expect(selected.length).toBeGreaterThan(0);
      expect({ filter, figures }).toMatchObject({
        filter,
        figures: expectedOverview(data, selected, new Date(figures.asOf), 30),
      });
    }
  });

  it('counts a recorded impact assessment, and refuses one dated in the future', async () => {
    const before = (await overview()).complianceGaps as { missingImpactAssessment: number };
    const future = await riskOwner.request(
      `mutation($input: RecordImpactAssessmentInput!) { recordImpactAssessment(input: $input) { vendor { impactAssessedOn } } }`,
      { input: { vendorId: pipiaVendorId, completedOn: '2999-01-01' } },
    );
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const recorded = await riskOwner.data<{
      recordImpactAssessment: { vendor: { impactAssessedOn: string } };
    }>(
      `mutation($input: RecordImpactAssessmentInput!) { recordImpactAssessment(input: $input) { vendor { impactAssessedOn } } }`,
      { input: { vendorId: pipiaVendorId, completedOn: '2026-03-01' } },
    );
    expect(recorded.recordImpactAssessment.vendor.impactAssessedOn).toBe('2026-03-01');
    const after = (await overview()).complianceGaps as { missingImpactAssessment: number };
    expect(after.missingImpactAssessment).toBe(before.missingImpactAssessment - 1);
  });

  it("gives a vendor's score and rating history, oldest first", async () => {
    const history = await riskOwner.data<{
      vendorRiskHistory: Array<Record<string, unknown>>;
    }>(HISTORY, { id: vendorIds[2] });
    expect(history.vendorRiskHistory).toEqual([
      expect.objectContaining({ cycle: 'PERIODIC', score: 30, computedScore: 30 }),
      expect.objectContaining({ cycle: 'PERIODIC', score: 65, computedScore: 70 }),
    ]);
    const real = await riskOwner.data<{ vendorRiskHistory: Array<Record<string, unknown>> }>(
      HISTORY,
      { id: completedVendorId },
    );
    expect(real.vendorRiskHistory).toEqual([
      expect.objectContaining({
        cycle: 'INITIAL',
        score: 50,
        decision: 'REJECTED',
        residualRating: expect.any(String),
      }),
    ]);
    const unknown = await riskOwner.request(HISTORY, {
      id: Buffer.from(`Vendor:${randomUUID()}`).toString('base64url'),
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('gives a monthly trend of the average score and of open findings', async () => {
    const months = 15;
    const trend = (
      await riskOwner.data<{
        portfolioTrend: Array<{
          month: string;
          averageScore: number | null;
          assessmentsCompleted: number;
          openFindings: number;
          findingsRaised: number;
          findingsClosed: number;
        }>;
      }>(TREND, { months })
    ).portfolioTrend;
    const now = t.app.get(Clock).now();
    const data = await readPortfolio();
    const selected = new Set(
      data.vendors.filter((v) => v.lifecycle !== 'OFFBOARDED').map((v) => v.id),
    );
    const monthOf = (date: Date) => date.toISOString().slice(0, 7);
    const expected = Array.from({ length: months }, (_, i) => {
      const start = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1 - i), 1),
      );
      const end = new Date(
        Math.min(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1), now.getTime()),
      );
      const completed = data.assessments.filter(
        (a) =>
          selected.has(a.vendor_id) &&
          a.status === 'COMPLETED' &&
          monthOf(a.completed_at!) === monthOf(start),
      );
      const findings = data.findings.filter((f) => selected.has(f.vendor_id));
      const closedAt = (f: FindingRow) =>
        f.status === 'RESOLVED'
          ? f.resolved_at
          : f.status === 'RISK_ACCEPTED'
            ? new Date(f.risk_acceptance!.acceptedAt)
            : null;
      return {
        month: monthOf(start),
        averageScore: mean(completed.map((a) => Number(a.score_override ?? a.overall_score))),
        assessmentsCompleted: completed.length,
        openFindings: findings.filter(
          (f) => f.created_at < end && (closedAt(f) === null || closedAt(f)! >= end),
        ).length,
        findingsRaised: findings.filter((f) => monthOf(f.created_at) === monthOf(start)).length,
        findingsClosed: findings.filter(
          (f) => closedAt(f) !== null && monthOf(closedAt(f)!) === monthOf(start),
        ).length,
      };
    });
    expect(trend).toEqual(expected);
    expect(trend.some((month) => month.assessmentsCompleted > 0)).toBe(true);
    expect(trend.some((month) => month.findingsClosed > 0)).toBe(true);
  });

  it('answers read keys, refuses keys without the read scope, vendor contacts and out-of-range arguments', async () => {
    const months = await riskOwner.request(TREND, { months: 0 });
    expect(months.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const days = await riskOwner.request(OVERVIEW, { days: -1 });
    expect(days.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const created = await admin.data<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`,
      { input: { name: 'BI', scopes: ['READ'] } },
    );
    // Read keys see the portfolio as members do.
    const reader = new GraphqlClient(t.gql.url, { 'x-api-key': created.createApiKey.key });
    const allowed = await reader.request(`{ portfolioOverview { heatMap { vendors } } }`);
    expect(allowed.errors).toBeUndefined();
    // A key without the read scope (the API makes none: every key reads, so the scope is taken
    // away in the database, as a future narrower scope would leave it) is refused.
    await sql(`UPDATE api_key SET scopes = '{write}' WHERE id = $1`, [
      rowIdOf(created.createApiKey.apiKey.id),
    ]);
    for (const query of [
      `{ portfolioOverview { heatMap { vendors } } }`,
      `{ portfolioTrend { month } }`,
      `query { vendorRiskHistory(vendorId: "${vendorIds[1]}") { score } }`,
    ]) {
      const refused = await reader.request(query);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }

    const versionId = await publishQuestionnaire(admin, DEFINITION);
    const sent = await sendToVendor(admin, t.gql, t.config, {
      vendorId: vendorIds[1]!,
      versionId,
    });
    for (const query of [
      `{ portfolioOverview { heatMap { vendors } } }`,
      `{ portfolioTrend { month } }`,
      `query { vendorRiskHistory(vendorId: "${vendorIds[1]}") { score } }`,
    ]) {
      const answer = await sent.vendor.request(query);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(Object.values(answer.data ?? {}).every((value) => value === null)).toBe(true);
    }
  });
});
