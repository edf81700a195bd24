import {
  isOpenFinding,
  riskAcceptanceExpired,
  type Finding,
  type RiskAcceptance,
  type VendorResponse,
} from '#assessment';
import type { FindingSeverity } from '#questionnaire';
import { FILE_TYPE } from '../files/file.mapper.js';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  FindingModel,
  RiskAcceptanceModel,
  VendorFindingModel,
  VendorResponseModel,
} from './finding.model.js';

export const FINDING_TYPE = 'Finding';

function toVendorResponseModel(response: VendorResponse | null): VendorResponseModel | null {
  if (!response) return null;
  return Object.assign(new VendorResponseModel(), {
    plan: response.plan,
    targetDate: response.targetDate,
    evidenceFileIds: response.evidenceFileIds.map((id) => toGlobalId(FILE_TYPE, id)),
    respondedAt: new Date(response.respondedAt),
  });
}

function toRiskAcceptanceModel(
  acceptance: RiskAcceptance | null,
  today: string,
): RiskAcceptanceModel | null {
  if (!acceptance) return null;
  return Object.assign(new RiskAcceptanceModel(), {
    justification: acceptance.justification,
    expiresOn: acceptance.expiresOn,
    expired: riskAcceptanceExpired(acceptance, today),
    acceptedAt: new Date(acceptance.acceptedAt),
  });
}

export function toFindingModel(finding: Finding, today: string): FindingModel {
  const open = isOpenFinding(finding.status);
  return Object.assign(new FindingModel(), {
    id: toGlobalId(FINDING_TYPE, finding.id),
    vendorRowId: finding.vendorId,
    assessmentRowId: finding.assessmentId,
    ownerRowId: finding.ownerId,
    questionKey: finding.questionKey,
    source: finding.source,
    severity: finding.severity as FindingSeverity,
    title: finding.title,
    description: finding.description,
    status: finding.status,
    open,
    dueDate: finding.dueDate,
    overdue: open && finding.dueDate !== null && finding.dueDate < today,
    vendorResponse: toVendorResponseModel(finding.vendorResponse),
    riskAcceptance: toRiskAcceptanceModel(finding.riskAcceptance, today),
    resolvedAt: finding.resolvedAt,
    version: finding.version,
    createdAt: finding.createdAt,
    updatedAt: finding.updatedAt,
  });
}

/** What the vendor contact may see of a finding: never its owner or risk acceptance. */
export function toVendorFindingModel(
  finding: Finding,
  assessmentIds: readonly string[],
): VendorFindingModel {
  return Object.assign(new VendorFindingModel(), {
    id: toGlobalId(FINDING_TYPE, finding.id),
    questionKey: finding.questionKey,
    severity: finding.severity as FindingSeverity,
    title: finding.title,
    description: finding.description,
    status: finding.status,
    dueDate: finding.dueDate,
    raisedInThisAssessment:
      finding.assessmentId !== null && assessmentIds.includes(finding.assessmentId),
    response: toVendorResponseModel(finding.vendorResponse),
    createdAt: finding.createdAt,
  });
}
