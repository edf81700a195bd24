import {
  CATALOG_OF_REGIME,
  DPA_CLASS_TYPES,
  AgreementStatus,
  AgreementType,
  ClauseStatus,
  TERMS_OF_REGIME,
  regimesOfType,
} from '#agreement';
import { escapeLike, nameKey } from '#core';
import { AssessmentStatus, FindingStatus, isOpenAssessment } from '#assessment';
import { ComplianceRequirement, Regime, VendorLifecycle, type VendorFilter } from '#vendor';

/** Positional parameters for one statement: `add` returns the placeholder of a value. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The vendors a portfolio figure counts, as conditions on `alias`. Offboarded vendors are left
 * out unless the filter names lifecycles.
 */
export function vendorConditions(
  alias: string,
  organizationId: string,
  filter: VendorFilter,
  params: SqlParams,
): string {
  const where = [`${alias}.organization_id = ${params.add(organizationId)}`];
  const lifecycles = filter.lifecycles?.length
    ? filter.lifecycles
    : [VendorLifecycle.Prospect, VendorLifecycle.Active];
  where.push(`${alias}.lifecycle = ANY(${params.add(lifecycles)}::varchar[])`);
  if (filter.tiers?.length)
    where.push(`${alias}.tier = ANY(${params.add(filter.tiers)}::varchar[])`);
  if (filter.countries?.length)
    where.push(`${alias}.country = ANY(${params.add(filter.countries)}::varchar[])`);
  if (filter.regimes?.length)
    where.push(`${alias}.regimes && ${params.add(filter.regimes)}::varchar[]`);
  if (filter.riskOwnerId) where.push(`${alias}.risk_owner_id = ${params.add(filter.riskOwnerId)}`);
  if (filter.businessOwnerId)
    where.push(`${alias}.business_owner_id = ${params.add(filter.businessOwnerId)}`);
  if (filter.tags?.length) where.push(`${alias}.tags @> ${params.add(filter.tags)}::varchar[]`);
  const search = filter.search ? nameKey(filter.search) : '';
  if (search)
    where.push(`${alias}.name_key LIKE ${params.add(`%${escapeLike(search)}%`)} ESCAPE '\\'`);
  return where.join(' AND ');
}

/** Statuses in which an assessment past its due date is overdue. */
export const OPEN_ASSESSMENT_STATUSES = Object.values(AssessmentStatus).filter(isOpenAssessment);

/** When a finding stopped being open: resolved, or its risk accepted. */
export const FINDING_CLOSED_AT = `CASE f.status
  WHEN '${FindingStatus.Resolved}' THEN f.resolved_at
  WHEN '${FindingStatus.RiskAccepted}' THEN (f.risk_acceptance->>'acceptedAt')::timestamptz
END`;

const REGIMES = Object.values(Regime);

function typesOf(regime: Regime): AgreementType[] {
  return Object.values(AgreementType).filter((type) => regimesOfType(type).includes(regime));
}

function mandatoryClauses(regime: Regime): string[] {
  return CATALOG_OF_REGIME[regime].clauses
    .filter((clause) => clause.mandatory)
    .map((clause) => clause.id);
}

/**
 * CTEs ending in `vendor_cover` (one row per vendor with a signed agreement in force on `today`):
 * for each regime, whether one of them can hold its terms and has every mandatory clause of its
 * catalog present (column named after the regime, lower case), and whether one is DPA-class
 * (`dpa`). The rule of `vendorCoverage`, set-based, so a portfolio counts gaps without loading
 * agreements or running a subquery per vendor.
 */
export function vendorCoverCte(organizationId: string, today: string, params: SqlParams): string {
  const organization = params.add(organizationId);
  const day = params.add(today);
  const counts = REGIMES.map(
    (regime) =>
      `count(*) FILTER (WHERE c.clause_id = ANY(${params.add(mandatoryClauses(regime))}::varchar[])) AS ${regime.toLowerCase()}`,
  );
  const covers = REGIMES.map(
    (regime) =>
      `bool_or(f.type = ANY(${params.add(typesOf(regime))}::varchar[])
               AND COALESCE(cc.${regime.toLowerCase()}, 0) = ${mandatoryClauses(regime).length}) AS ${regime.toLowerCase()}`,
  );
  return `in_force AS (
      SELECT a.id, a.vendor_id, a.type FROM agreement a
       WHERE a.organization_id = ${organization}
         AND a.status = '${AgreementStatus.Signed}'
         AND (a.effective_date IS NULL OR a.effective_date <= ${day}::date)
         AND (a.expiry_date IS NULL OR a.expiry_date >= ${day}::date)
    ),
    clause_counts AS (
      SELECT c.agreement_id, ${counts.join(', ')}
        FROM agreement_clause c
        JOIN in_force f ON f.id = c.agreement_id
       WHERE c.organization_id = ${organization} AND c.status = '${ClauseStatus.Present}'
       GROUP BY c.agreement_id
    ),
    vendor_cover AS (
      SELECT f.vendor_id, ${covers.join(', ')},
             bool_or(f.type = ANY(${params.add([...DPA_CLASS_TYPES])}::varchar[])) AS dpa
        FROM in_force f
        LEFT JOIN clause_counts cc ON cc.agreement_id = f.id
       GROUP BY f.vendor_id
    )`;
}

function needsSql(requirement: ComplianceRequirement, params: SqlParams): string {
  return `v.requirements @> ${params.add(JSON.stringify([{ requirement }]))}::jsonb`;
}

/**
 * Whether vendor `v` (joined to `vendor_cover` as `vc`) lacks an agreement the coverage rule asks
 * for: a regime whose terms it needs is not covered, or it handles personal information without
 * a DPA-class agreement in force.
 */
export function missingAgreementSql(params: SqlParams): string {
  const regimes = REGIMES.map(
    (regime) =>
      `(${needsSql(TERMS_OF_REGIME[regime], params)} AND NOT COALESCE(vc.${regime.toLowerCase()}, false))`,
  );
  const handlesPersonalData = `(cardinality(v.data_categories) > 0 OR v.other_sensitive_data)`;
  return `(${regimes.join(' OR ')} OR (${handlesPersonalData} AND NOT COALESCE(vc.dpa, false)))`;
}

/** Whether vendor `v` needs a PIPL personal information protection impact assessment it lacks. */
export function missingImpactAssessmentSql(params: SqlParams): string {
  return `(${needsSql(ComplianceRequirement.PiplImpactAssessment, params)} AND v.impact_assessed_on IS NULL)`;
}
