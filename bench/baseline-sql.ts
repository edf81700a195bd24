import { toCoverageAgreement, vendorCoverage, utcDay, type Agreement } from '#agreement';
import type { RequirementFlag } from '#vendor';

/**
 * The hand-written SQL and JSON shaping of the API benchmarks' baselines, shared by the bare
 * Node handlers and the stack-floor server so that both answer from exactly the same work.
 */

/** A Relay global id, as the API writes it. */
export const globalId = (type: string, id: string) =>
  Buffer.from(`${type}:${id}`).toString('base64url');

/** `vendors(first: $2)`: tier, risk owner's email and the agreements coverage is computed from. */
export const VENDOR_PAGE_SQL = `
  SELECT v.id, v.name, v.tier, v.requirements,
         (cardinality(v.data_categories) > 0 OR v.other_sensitive_data) AS handles_personal_data,
         u.email AS risk_owner_email,
         COALESCE((
           SELECT json_agg(json_build_object(
             'id', a.id, 'type', a.type, 'status', a.status,
             'effectiveDate', a.effective_date, 'expiryDate', a.expiry_date,
             'clauses', COALESCE((SELECT json_agg(json_build_object('clauseId', c.clause_id, 'status', c.status))
                                  FROM agreement_clause c WHERE c.agreement_id = a.id), '[]')))
           FROM agreement a WHERE a.vendor_id = v.id), '[]') AS agreements
    FROM vendor v
    LEFT JOIN membership m ON m.id = v.risk_owner_id
    LEFT JOIN app_user u ON u.id = m.user_id
   WHERE v.organization_id = $1
   ORDER BY v.name_key, v.id
   LIMIT $2`;

export interface VendorPageRow {
  id: string;
  name: string;
  tier: string;
  requirements: RequirementFlag[];
  handles_personal_data: boolean;
  risk_owner_email: string | null;
  agreements: Agreement[];
}

/** The vendor page's nodes, with their coverage computed by Assay's own function. */
export function toVendorNodes(rows: VendorPageRow[]) {
  const today = utcDay(new Date());
  return rows.map((row) => toVendorNode(row, today));
}

function toVendorNode(row: VendorPageRow, today: string) {
  const coverage = vendorCoverage(
    { requirements: row.requirements, handlesPersonalData: row.handles_personal_data },
    row.agreements.map(toCoverageAgreement),
    today,
  );
  return {
    id: globalId('Vendor', row.id),
    name: row.name,
    tier: row.tier,
    riskOwner: row.risk_owner_email ? { user: { email: row.risk_owner_email } } : null,
    agreementCoverage: {
      compliant: coverage.compliant,
      regimes: coverage.regimes.map((entry) => ({
        regime: entry.regime,
        status: entry.status,
        missingClauseIds: entry.missingClauseIds,
      })),
    },
  };
}

/** `assessments(first: $2)`: overall score, open finding count and vendor name. */
export const ASSESSMENT_PAGE_SQL = `
  SELECT a.id, a.overall_score, v.name AS vendor_name,
         (SELECT count(*) FROM finding f
           WHERE f.assessment_id = a.id AND f.status IN ('OPEN', 'IN_REMEDIATION'))::int AS open_findings
    FROM assessment a
    JOIN vendor v ON v.id = a.vendor_id
   WHERE a.organization_id = $1
   ORDER BY a.created_at DESC, a.id DESC
   LIMIT $2`;

export interface AssessmentPageRow {
  id: string;
  overall_score: string | null;
  vendor_name: string;
  open_findings: number;
}

export function toAssessmentNode(row: AssessmentPageRow) {
  return {
    id: globalId('Assessment', row.id),
    overallScore: row.overall_score === null ? null : Number(row.overall_score),
    openFindingCount: row.open_findings,
    vendor: { name: row.vendor_name },
  };
}

/** A vendor's batch of answers, upserted with the same optimistic revision check as Assay. */
export const SAVE_SQL = `
  INSERT INTO answer (id, organization_id, assessment_id, question_key, value, not_applicable,
                      evidence_file_ids, answered_by, answered_at, confirmed_at, carried_over, revision)
  SELECT gen_random_uuid(), $1, $2, r.question_key, r.value, false, '{}', $3, now(), now(), false, 1
    FROM jsonb_to_recordset($4::jsonb) AS r(question_key varchar, value jsonb, expected_revision int)
   WHERE r.expected_revision = 0
      OR EXISTS (SELECT 1 FROM answer e WHERE e.assessment_id = $2 AND e.question_key = r.question_key)
  ON CONFLICT (assessment_id, question_key) DO UPDATE
     SET value = EXCLUDED.value, answered_by = EXCLUDED.answered_by,
         answered_at = EXCLUDED.answered_at, confirmed_at = EXCLUDED.confirmed_at,
         revision = answer.revision + 1, updated_at = now()
   WHERE answer.revision = (SELECT (x ->> 'expected_revision')::int FROM jsonb_array_elements($4::jsonb) x
                             WHERE x ->> 'question_key' = answer.question_key)
  RETURNING question_key, revision`;

export interface SaveInput {
  assessmentId: string;
  answers: Array<{ questionKey: string; value: unknown; expectedRevision: number }>;
}

export interface SavedRow {
  question_key: string;
  revision: number;
}

const rowId = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1]!;

export function saveParameters(organizationId: string, input: SaveInput, contactId: string) {
  const records = input.answers.map((answer) => ({
    question_key: answer.questionKey,
    value: answer.value,
    expected_revision: answer.expectedRevision,
  }));
  return [organizationId, rowId(input.assessmentId), contactId, JSON.stringify(records)];
}

/** The saved answers with their new revisions, or null when any of them was stale. */
export function savedAnswers(input: SaveInput, rows: SavedRow[]) {
  if (rows.length !== input.answers.length) return null;
  const revisions = new Map(rows.map((row) => [row.question_key, row.revision]));
  return {
    answers: input.answers.map((answer) => ({
      questionKey: answer.questionKey,
      revision: revisions.get(answer.questionKey),
    })),
  };
}
