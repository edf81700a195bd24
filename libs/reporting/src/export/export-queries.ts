import { FindingStatus } from '#assessment';
import { cleanText, escapeLike, nameKey } from '#core';
import { VendorOrderField, type VendorFilter, type VendorOrder } from '#vendor';
import type { ExportFindingFilter } from './export-kind.js';

/** A parameterised statement for pg. */
export interface SqlQuery {
  readonly text: string;
  readonly values: unknown[];
}

/** Collects parameters and hands out their `$n` placeholders. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const VENDOR_ORDER_COLUMNS: Readonly<Record<VendorOrderField, string>> = {
  [VendorOrderField.Name]: 'v.name_key',
  [VendorOrderField.CreatedAt]: 'v.created_at',
  [VendorOrderField.UpdatedAt]: 'v.updated_at',
  [VendorOrderField.InherentRiskScore]: 'v.inherent_risk_score',
};

/** The owner's email, from a membership id (owners that are no longer members show none). */
const ownerEmail = (membershipColumn: string) =>
  `(SELECT u.email FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.id = ${membershipColumn})`;

/**
 * The vendor register with the filter and order of the `vendors` connection (and its tie-break
 * on id), without pages: every vendor it would list, one row each (VendorRegisterRow).
 */
export function vendorRegisterQuery(
  organizationId: string,
  filter: VendorFilter,
  order: VendorOrder,
): SqlQuery {
  const p = new Parameters();
  const where = [`v.organization_id = ${p.add(organizationId)}`];
  if (filter.tiers?.length) where.push(`v.tier = ANY(${p.add(filter.tiers)}::varchar[])`);
  if (filter.lifecycles?.length)
    where.push(`v.lifecycle = ANY(${p.add(filter.lifecycles)}::varchar[])`);
  if (filter.countries?.length)
    where.push(`v.country = ANY(${p.add(filter.countries)}::varchar[])`);
  if (filter.regimes?.length) where.push(`v.regimes && ${p.add(filter.regimes)}::varchar[]`);
  if (filter.riskOwnerId) where.push(`v.risk_owner_id = ${p.add(filter.riskOwnerId)}`);
  if (filter.businessOwnerId) where.push(`v.business_owner_id = ${p.add(filter.businessOwnerId)}`);
  if (filter.tags?.length) {
    const tags = [...new Set(filter.tags.map((tag) => cleanText(tag).toLowerCase()))].filter(
      Boolean,
    );
    where.push(`v.tags @> ${p.add(tags)}::varchar[]`);
  }
  const search = filter.search ? nameKey(filter.search) : '';
  if (search) where.push(`v.name_key LIKE ${p.add(`%${escapeLike(search)}%`)} ESCAPE '\\'`);
  const direction = order.direction === 'DESC' ? 'DESC' : 'ASC';
  return {
    text: `SELECT v.id, v.name, v.legal_name AS "legalName", v.country, v.lifecycle,
        v.computed_tier AS "computedTier", v.tier, v.inherent_risk_score AS "inherentRiskScore",
        v.residual_rating AS "residualRating",
        ${ownerEmail('v.risk_owner_id')} AS "riskOwner",
        ${ownerEmail('v.business_owner_id')} AS "businessOwner",
        v.tags, v.regimes, v.next_assessment_due_at AS "nextAssessmentDueAt",
        v.last_assessed_at AS "lastAssessedAt"
      FROM vendor v
      WHERE ${where.join(' AND ')}
      ORDER BY ${VENDOR_ORDER_COLUMNS[order.field]} ${direction}, v.id ${direction}`,
    values: p.values,
  };
}

const OPEN_STATUSES = [FindingStatus.Open, FindingStatus.InRemediation];

/**
 * Findings with the filter and order of the `findings` connection (newest first), one row each
 * (FindingRow): the vendor's name, the questionnaire of the assessment it was raised in, the
 * owner's email.
 */
export function findingsQuery(organizationId: string, filter: ExportFindingFilter): SqlQuery {
  const p = new Parameters();
  const where = [`f.organization_id = ${p.add(organizationId)}`];
  if (filter.vendorId) where.push(`f.vendor_id = ${p.add(filter.vendorId)}`);
  if (filter.assessmentId) where.push(`f.assessment_id = ${p.add(filter.assessmentId)}`);
  if (filter.statuses?.length) where.push(`f.status = ANY(${p.add(filter.statuses)}::varchar[])`);
  if (filter.severities?.length)
    where.push(`f.severity = ANY(${p.add(filter.severities)}::varchar[])`);
  if (filter.openOnly) where.push(`f.status = ANY(${p.add(OPEN_STATUSES)}::varchar[])`);
  return {
    text: `SELECT f.id, v.name AS "vendorName", f.assessment_id AS "assessmentId",
        qt.name AS questionnaire, tv.number AS "versionNumber", f.severity, f.title, f.status,
        ${ownerEmail('f.owner_id')} AS owner, f.due_date::text AS "dueDate",
        f.created_at AS "createdAt", f.resolved_at AS "resolvedAt"
      FROM finding f
      JOIN vendor v ON v.id = f.vendor_id
      LEFT JOIN assessment a ON a.id = f.assessment_id
      LEFT JOIN template_version tv ON tv.id = a.template_version_id
      LEFT JOIN questionnaire_template qt ON qt.id = tv.template_id
      WHERE ${where.join(' AND ')}
      ORDER BY f.created_at DESC, f.id DESC`,
    values: p.values,
  };
}
