import { Injectable } from '@nestjs/common';
import { utcDay } from '#agreement';
import { AssessmentStatus, OPEN_FINDING_STATUSES } from '#assessment';
import { Clock, TransactionalConnection, type RequestContext } from '#core';
import type { LocalizedText } from '#questionnaire';
import { RESIDUAL_RATINGS, type ResidualRating } from '#scoring';
import { RiskTier, type VendorFilter } from '#vendor';
import {
  FINDING_CLOSED_AT,
  OPEN_ASSESSMENT_STATUSES,
  SqlParams,
  missingAgreementSql,
  missingImpactAssessmentSql,
  vendorConditions,
  vendorCoverCte,
} from './portfolio-sql.js';

export const FINDING_SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Severity = (typeof FINDING_SEVERITY_ORDER)[number];

/** How long findings have been open, in days since they were raised. */
export enum FindingAgeBand {
  UpTo30Days = 'DAYS_0_30',
  UpTo90Days = 'DAYS_31_90',
  UpTo180Days = 'DAYS_91_180',
  Over180Days = 'OVER_180_DAYS',
}

export interface HeatMapCell {
  readonly tier: RiskTier;
  /** Null: not rated yet (never assessed). */
  readonly rating: ResidualRating | null;
  readonly vendors: number;
}

export interface StatusCount {
  readonly status: AssessmentStatus;
  readonly assessments: number;
  readonly overdue: number;
}

export interface SectionAverage {
  readonly sectionKey: string;
  readonly title: LocalizedText;
  /** Mean of the section's 0-100 scores; null when the section applied in none. */
  readonly average: number | null;
  /** Assessments in which the section applied. */
  readonly assessments: number;
  readonly byTier: readonly TierAverage[];
}

export interface TierAverage {
  readonly tier: RiskTier;
  readonly average: number | null;
  readonly assessments: number;
}

export interface FindingBucket {
  readonly severity: Severity;
  readonly ageBand: FindingAgeBand;
  readonly findings: number;
}

export interface ExpiringAgreements {
  readonly withinDays: number;
  /** Signed agreements whose expiry date falls from today through today + withinDays. */
  readonly agreements: number;
  readonly vendors: number;
}

export interface ComplianceGaps {
  /** Vendors a required agreement does not cover (the coverage rule that gates approval). */
  readonly missingAgreement: number;
  /** Vendors that need a PIPL impact assessment and have none recorded. */
  readonly missingImpactAssessment: number;
}

export interface AssessmentCadence {
  /** Vendors with no completed assessment. */
  readonly neverAssessed: number;
  /** Vendors whose next assessment was due before now. */
  readonly pastDue: number;
}

export interface RiskHistoryEntry {
  readonly assessmentId: string;
  readonly cycle: string;
  readonly submittedAt: Date | null;
  readonly completedAt: Date;
  /** The score in force: the reviewer's override when there is one. */
  readonly score: number | null;
  readonly computedScore: number | null;
  readonly residualRating: ResidualRating | null;
  readonly decision: string | null;
}

export interface TrendMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Mean score in force of the assessments completed in the month; null when none was. */
  readonly averageScore: number | null;
  readonly assessmentsCompleted: number;
  /** Findings open at the end of the month (or now, for the current month). */
  readonly openFindings: number;
  readonly findingsRaised: number;
  readonly findingsClosed: number;
}

export const MAX_TREND_MONTHS = 36;
export const MAX_EXPIRY_WINDOW_DAYS = 3660;

const TIERS = Object.values(RiskTier);

/** The score in force of assessment `a`: the override, else the computed one. */
const SCORE_IN_FORCE = `COALESCE(a.score_override, a.overall_score)`;

const number = (value: unknown): number => Number(value ?? 0);
const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;

/**
 * Portfolio figures for risk owners, each one SQL statement aggregated in PostgreSQL over the
 * vendors a filter selects, in the request's unit of work (so row-level security applies).
 */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return utcDay(this.clock.now());
  }

  /** Vendors by inherent tier × residual rating: every cell, zeros included. */
  async heatMap(ctx: RequestContext, filter: VendorFilter): Promise<HeatMapCell[]> {
    const params = new SqlParams();
    const rows = await this.query<{ tier: RiskTier; rating: ResidualRating | null; n: string }>(
      ctx,
      `SELECT v.tier, v.residual_rating AS rating, count(*) AS n
         FROM vendor v
        WHERE ${vendorConditions('v', this.organizationOf(ctx), filter, params)}
        GROUP BY 1, 2`,
      params,
    );
    const count = new Map(rows.map((row) => [`${row.tier}/${row.rating}`, number(row.n)]));
    return TIERS.flatMap((tier) =>
      [...RESIDUAL_RATINGS, null].map((rating) => ({
        tier,
        rating,
        vendors: count.get(`${tier}/${rating}`) ?? 0,
      })),
    );
  }

  /** Assessments of the selected vendors by status, with how many of each are overdue. */
  async assessmentsByStatus(ctx: RequestContext, filter: VendorFilter): Promise<StatusCount[]> {
    const params = new SqlParams();
    const organization = this.organizationOf(ctx);
    const rows = await this.query<{ status: AssessmentStatus; n: string; overdue: string }>(
      ctx,
      `SELECT a.status, count(*) AS n,
              count(*) FILTER (WHERE a.status = ANY(${params.add(OPEN_ASSESSMENT_STATUSES)}::varchar[])
                                 AND a.due_date < ${params.add(this.today())}::date) AS overdue
         FROM assessment a
         JOIN vendor v ON v.id = a.vendor_id
        WHERE a.organization_id = ${params.add(organization)}
          AND ${vendorConditions('v', organization, filter, params)}
        GROUP BY 1`,
      params,
    );
    const byStatus = new Map(rows.map((row) => [row.status, row]));
    return Object.values(AssessmentStatus).map((status) => ({
      status,
      assessments: number(byStatus.get(status)?.n),
      overdue: number(byStatus.get(status)?.overdue),
    }));
  }

  /**
   * Each section's mean score over the latest completed assessment of every selected vendor
   * (the one its residual rating comes from), across the portfolio and per inherent tier.
   */
  async sectionAverages(ctx: RequestContext, filter: VendorFilter): Promise<SectionAverage[]> {
    const params = new SqlParams();
    const organization = this.organizationOf(ctx);
    const rows = await this.query<{
      section_key: string;
      tier: RiskTier | null;
      total: boolean;
      title: LocalizedText;
      average: string | null;
      n: string;
    }>(
      ctx,
      `WITH figures AS (
         SELECT s.section_key, v.tier, GROUPING(v.tier) = 1 AS total,
                avg(s.score) AS average, count(s.score) AS n
           FROM vendor v
           JOIN vendor_section_score s ON s.vendor_id = v.id
          WHERE ${vendorConditions('v', organization, filter, params)}
          GROUP BY GROUPING SETS ((s.section_key), (s.section_key, v.tier))
       )
       SELECT figures.*,
              (SELECT t.title FROM vendor_section_score t
                WHERE t.organization_id = ${params.add(organization)}
                  AND t.section_key = figures.section_key
                LIMIT 1) AS title
         FROM figures
        ORDER BY figures.section_key`,
      params,
    );
    const sections = new Map<string, { title: LocalizedText; average: number | null; n: number }>();
    const tiers = new Map<string, TierAverage>();
    for (const row of rows) {
      const figure = { average: nullableNumber(row.average), n: number(row.n) };
      if (row.total || !row.tier) sections.set(row.section_key, { title: row.title, ...figure });
      else
        tiers.set(`${row.section_key}/${row.tier}`, {
          tier: row.tier,
          average: figure.average,
          assessments: figure.n,
        });
    }
    return [...sections].map(([sectionKey, section]) => ({
      sectionKey,
      title: section.title,
      average: section.average,
      assessments: section.n,
      byTier: TIERS.map(
        (tier) => tiers.get(`${sectionKey}/${tier}`) ?? { tier, average: null, assessments: 0 },
      ),
    }));
  }

  /** Open findings (open or in remediation) of the selected vendors by severity and age. */
  async openFindings(ctx: RequestContext, filter: VendorFilter): Promise<FindingBucket[]> {
    const params = new SqlParams();
    const organization = this.organizationOf(ctx);
    const now = params.add(this.clock.now());
    const rows = await this.query<{ severity: Severity; band: FindingAgeBand; n: string }>(
      ctx,
      `SELECT f.severity,
              CASE WHEN f.created_at > ${now}::timestamptz - interval '30 days' THEN '${FindingAgeBand.UpTo30Days}'
                   WHEN f.created_at > ${now}::timestamptz - interval '90 days' THEN '${FindingAgeBand.UpTo90Days}'
                   WHEN f.created_at > ${now}::timestamptz - interval '180 days' THEN '${FindingAgeBand.UpTo180Days}'
                   ELSE '${FindingAgeBand.Over180Days}' END AS band,
              count(*) AS n
         FROM finding f
         JOIN vendor v ON v.id = f.vendor_id
        WHERE f.organization_id = ${params.add(organization)}
          AND f.status = ANY(${params.add(OPEN_FINDING_STATUSES)}::varchar[])
          AND ${vendorConditions('v', organization, filter, params)}
        GROUP BY 1, 2`,
      params,
    );
    const count = new Map(rows.map((row) => [`${row.severity}/${row.band}`, number(row.n)]));
    return FINDING_SEVERITY_ORDER.flatMap((severity) =>
      Object.values(FindingAgeBand).map((ageBand) => ({
        severity,
        ageBand,
        findings: count.get(`${severity}/${ageBand}`) ?? 0,
      })),
    );
  }

  /** Signed agreements of the selected vendors expiring from today through `withinDays` on. */
  async expiringAgreements(
    ctx: RequestContext,
    filter: VendorFilter,
    withinDays: number,
  ): Promise<ExpiringAgreements> {
    const params = new SqlParams();
    const organization = this.organizationOf(ctx);
    const today = params.add(this.today());
    const [row] = await this.query<{ agreements: string; vendors: string }>(
      ctx,
      `SELECT count(*) AS agreements, count(DISTINCT a.vendor_id) AS vendors
         FROM agreement a
         JOIN vendor v ON v.id = a.vendor_id
        WHERE a.organization_id = ${params.add(organization)}
          AND a.status = 'SIGNED'
          AND a.expiry_date BETWEEN ${today}::date AND ${today}::date + ${params.add(withinDays)}::int
          AND ${vendorConditions('v', organization, filter, params)}`,
      params,
    );
    return { withinDays, agreements: number(row?.agreements), vendors: number(row?.vendors) };
  }

  /** Selected vendors missing a required agreement, or a required impact assessment. */
  async complianceGaps(ctx: RequestContext, filter: VendorFilter): Promise<ComplianceGaps> {
    const params = new SqlParams();
    const organization = this.organizationOf(ctx);
    const [row] = await this.query<{ agreement: string; impact: string }>(
      ctx,
      `WITH ${vendorCoverCte(organization, this.today(), params)}
       SELECT count(*) FILTER (WHERE ${missingAgreementSql(params)}) AS agreement,
              count(*) FILTER (WHERE ${missingImpactAssessmentSql(params)}) AS impact
         FROM vendor v
         LEFT JOIN vendor_cover vc ON vc.vendor_id = v.id
        WHERE ${vendorConditions('v', organization, filter, params)}`,
      params,
    );
    return {
      missingAgreement: number(row?.agreement),
      missingImpactAssessment: number(row?.impact),
    };
  }

  /** Selected vendors never assessed, and those whose next assessment is past due. */
  async assessmentCadence(ctx: RequestContext, filter: VendorFilter): Promise<AssessmentCadence> {
    const params = new SqlParams();
    const [row] = await this.query<{ never: string; past_due: string }>(
      ctx,
      `SELECT count(*) FILTER (WHERE v.last_assessed_at IS NULL) AS never,
              count(*) FILTER (WHERE v.next_assessment_due_at < ${params.add(this.clock.now())}) AS past_due
         FROM vendor v
        WHERE ${vendorConditions('v', this.organizationOf(ctx), filter, params)}`,
      params,
    );
    return { neverAssessed: number(row?.never), pastDue: number(row?.past_due) };
  }

  /** A vendor's completed assessments, oldest first: its scores and ratings over time. */
  async vendorRiskHistory(ctx: RequestContext, vendorId: string): Promise<RiskHistoryEntry[]> {
    const params = new SqlParams();
    const rows = await this.query<{
      id: string;
      cycle: string;
      submitted_at: Date | null;
      completed_at: Date;
      score: string | null;
      computed: string | null;
      rating: ResidualRating | null;
      decision: string | null;
    }>(
      ctx,
      `SELECT a.id, a.cycle, a.submitted_at, a.completed_at, ${SCORE_IN_FORCE} AS score,
              a.overall_score AS computed, a.residual_rating AS rating, a.decision
         FROM assessment a
        WHERE a.organization_id = ${params.add(this.organizationOf(ctx))}
          AND a.vendor_id = ${params.add(vendorId)}
          AND a.status = '${AssessmentStatus.Completed}'
        ORDER BY a.completed_at, a.id`,
      params,
    );
    return rows.map((row) => ({
      assessmentId: row.id,
      cycle: row.cycle,
      submittedAt: row.submitted_at,
      completedAt: row.completed_at,
      score: nullableNumber(row.score),
      computedScore: nullableNumber(row.computed),
      residualRating: row.rating,
      decision: row.decision,
    }));
  }

  /**
   * The last `months` calendar months (UTC), oldest first: the mean score of the assessments
   * completed in each, and the findings raised, closed and still open at its end.
   */
  async trend(ctx: RequestContext, filter: VendorFilter, months: number): Promise<TrendMonth[]> {
    const params = new SqlParams();
    const organization = this.organizationOf(ctx);
    const now = this.clock.now();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
    const from = params.add(first);
    const nowParam = params.add(now);
    const organizationParam = params.add(organization);
    const vendors = vendorConditions('v', organization, filter, params);
    const rows = await this.query<{
      month: string;
      average: string | null;
      completed: string;
      open: string;
      raised: string;
      closed: string;
    }>(
      ctx,
      `WITH months AS (
         SELECT m AS start
           FROM generate_series(${from}::timestamptz AT TIME ZONE 'UTC',
                                ${nowParam}::timestamptz AT TIME ZONE 'UTC',
                                interval '1 month') m
       ),
       completed AS (
         SELECT date_trunc('month', a.completed_at AT TIME ZONE 'UTC') AS start,
                avg(${SCORE_IN_FORCE}) AS average, count(*) AS n
           FROM assessment a
           JOIN vendor v ON v.id = a.vendor_id
          WHERE a.organization_id = ${organizationParam}
            AND a.status = '${AssessmentStatus.Completed}'
            AND a.completed_at >= ${from}::timestamptz
            AND ${vendors}
          GROUP BY 1
       ),
       events AS (
         SELECT f.created_at AS raised_at, ${FINDING_CLOSED_AT} AS closed_at
           FROM finding f
           JOIN vendor v ON v.id = f.vendor_id
          WHERE f.organization_id = ${organizationParam}
            AND ${vendors}
       ),
       flows AS (
         SELECT date_trunc('month', raised_at AT TIME ZONE 'UTC') AS start, 1 AS raised, 0 AS closed
           FROM events WHERE raised_at >= ${from}::timestamptz
         UNION ALL
         SELECT date_trunc('month', closed_at AT TIME ZONE 'UTC'), 0, 1
           FROM events WHERE closed_at >= ${from}::timestamptz
       ),
       per_month AS (
         SELECT start, sum(raised) AS raised, sum(closed) AS closed FROM flows GROUP BY 1
       ),
       opening AS (
         SELECT count(*) AS n FROM events
          WHERE raised_at < ${from}::timestamptz
            AND (closed_at IS NULL OR closed_at >= ${from}::timestamptz)
       )
       SELECT to_char(months.start, 'YYYY-MM') AS month,
              completed.average, COALESCE(completed.n, 0) AS completed,
              (SELECT n FROM opening)
                + sum(COALESCE(per_month.raised, 0) - COALESCE(per_month.closed, 0))
                    OVER (ORDER BY months.start) AS open,
              COALESCE(per_month.raised, 0) AS raised,
              COALESCE(per_month.closed, 0) AS closed
         FROM months
         LEFT JOIN completed ON completed.start = months.start
         LEFT JOIN per_month ON per_month.start = months.start
        ORDER BY months.start`,
      params,
    );
    return rows.map((row) => ({
      month: row.month,
      averageScore: nullableNumber(row.average),
      assessmentsCompleted: number(row.completed),
      openFindings: number(row.open),
      findingsRaised: number(row.raised),
      findingsClosed: number(row.closed),
    }));
  }

  private organizationOf(ctx: RequestContext): string {
    return ctx.organizationId!;
  }

  private async query<Row>(ctx: RequestContext, sql: string, params: SqlParams): Promise<Row[]> {
    const manager = await this.connection.manager(ctx);
    return (await manager.query(sql, params.values)) as Row[];
  }
}
