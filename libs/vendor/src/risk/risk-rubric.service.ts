import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import { DomainException, TransactionalConnection, actorId, type RequestContext } from '#core';
import { ReassessmentPolicyService } from '../reassessment/reassessment-policy.service.js';
import { SubProcessor } from '../sub-processor.entity.js';
import { Vendor } from '../vendor.entity.js';
import { assessVendor } from './apply-risk.js';
import { RiskRubricRecord } from './risk-rubric.entity.js';
import {
  DEFAULT_RISK_RUBRIC,
  applyRubricChange,
  riskRubricSchema,
  type RiskRubric,
  type RiskRubricChange,
} from './risk-rubric.js';

export interface VersionedRubric {
  readonly rubric: RiskRubric;
  /** 0 for the built-in default. */
  readonly version: number;
}

/** Vendors rescored per statement when the rubric changes. */
const RESCORE_BATCH = 1_000;

@Injectable()
export class RiskRubricService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly reassessment: ReassessmentPolicyService,
  ) {}

  /** The organization's rubric, or the default when it has none. */
  async current(ctx: RequestContext): Promise<VersionedRubric> {
    const record = await (
      await this.connection.repository(ctx, RiskRubricRecord)
    ).findOneBy({ organizationId: ctx.organizationId! });
    return record
      ? { rubric: riskRubricSchema.parse(record.rubric), version: record.version }
      : { rubric: DEFAULT_RISK_RUBRIC, version: 0 };
  }

  /**
   * Changes the rubric and rescores every vendor of the organization with it, in one
   * transaction: no vendor is ever seen scored by an older rubric than the one in force.
   */
  async update(ctx: RequestContext, change: RiskRubricChange): Promise<VersionedRubric> {
    return this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      // One rubric change at a time per organization: the row lock serializes them.
      await manager.query(
        `INSERT INTO vendor_risk_rubric (organization_id, rubric, version) VALUES ($1, $2, 0)
         ON CONFLICT (organization_id) DO NOTHING`,
        [ctx.organizationId, JSON.stringify(DEFAULT_RISK_RUBRIC)],
      );
      const records = await this.connection.repository(tx, RiskRubricRecord);
      const record = await records.findOne({
        where: { organizationId: ctx.organizationId! },
        lock: { mode: 'pessimistic_write' },
      });
      const before = riskRubricSchema.parse(record!.rubric);
      const parsed = riskRubricSchema.safeParse(applyRubricChange(before, change));
      if (!parsed.success) {
        throw DomainException.badUserInput(
          'Invalid risk rubric',
          parsed.error.issues.map((issue) => ({
            path: ['input', ...issue.path].join('.'),
            message: issue.message,
          })),
        );
      }
      const next = { rubric: parsed.data, version: record!.version + 1 };
      await records.update(
        { organizationId: ctx.organizationId! },
        { rubric: next.rubric, version: next.version, updatedBy: actorId(ctx.actor) },
      );
      const rescored = await this.rescoreAll(tx, next);
      // New tiers, new intervals.
      await this.reassessment.recomputeOrganization(tx);
      await this.audit.record(tx, {
        action: 'risk_rubric.updated',
        entityType: 'risk_rubric',
        entityId: ctx.organizationId,
        before: { ...before, version: record!.version },
        after: { ...next.rubric, version: next.version, rescoredVendors: rescored },
      });
      return next;
    });
  }

  /** Rescores every vendor of the organization with `rubric`; returns how many changed. */
  private async rescoreAll(ctx: RequestContext, rubric: VersionedRubric): Promise<number> {
    const manager = await this.connection.manager(ctx);
    const vendors = await manager.getRepository(Vendor).find({ order: { id: 'ASC' } });
    const countries = new Map<string, string[]>();
    for (const row of (await manager
      .getRepository(SubProcessor)
      .createQueryBuilder('sub')
      .select(['sub.vendorId', 'sub.country'])
      .getMany()) as SubProcessor[]) {
      countries.set(row.vendorId, [...(countries.get(row.vendorId) ?? []), row.country]);
    }
    let changed = 0;
    for (let start = 0; start < vendors.length; start += RESCORE_BATCH) {
      const batch = vendors.slice(start, start + RESCORE_BATCH).map((vendor) => {
        const before = `${vendor.inherentRiskScore}/${vendor.computedTier}`;
        assessVendor(vendor, countries.get(vendor.id) ?? [], rubric);
        if (before !== `${vendor.inherentRiskScore}/${vendor.computedTier}`) changed += 1;
        return {
          id: vendor.id,
          score: vendor.inherentRiskScore,
          computed_tier: vendor.computedTier,
          tier: vendor.tier,
          reasons: vendor.riskReasons,
          regimes: vendor.regimes,
          requirements: vendor.requirements,
          sensitive_data: vendor.sensitiveData,
          cross_border: vendor.crossBorder,
          algorithm_version: vendor.riskAlgorithmVersion,
          rubric_version: vendor.riskRubricVersion,
        };
      });
      await manager.query(
        `UPDATE vendor SET inherent_risk_score = r.score, computed_tier = r.computed_tier,
           tier = r.tier, risk_reasons = r.reasons, regimes = r.regimes,
           requirements = r.requirements, sensitive_data = r.sensitive_data,
           cross_border = r.cross_border, risk_algorithm_version = r.algorithm_version,
           risk_rubric_version = r.rubric_version, version = vendor.version + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, score smallint, computed_tier varchar,
           tier varchar, reasons jsonb, regimes varchar[], requirements jsonb,
           sensitive_data boolean, cross_border boolean, algorithm_version smallint,
           rubric_version integer)
         WHERE vendor.id = r.id`,
        [JSON.stringify(batch)],
      );
    }
    return changed;
  }
}
