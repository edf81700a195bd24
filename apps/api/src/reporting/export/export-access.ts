import { ApiKeyScope } from '#core';
import { ExportKind } from '#reporting';
import { MEMBER_ROLES, type AccessRule } from '../../graphql/access/access-rule.js';
import { READ_ASSESSMENTS } from '../../assessment/assessment.resolver.js';
import { READ_FINDINGS } from '../../assessment/finding.resolver.js';
import { READ_VENDORS } from '../../vendor/vendor.resolver.js';

/**
 * Each export is allowed to exactly those who may read what it holds: the rule of the query
 * it comes from. Checked when the export is requested and again when it is downloaded.
 */
export const EXPORT_RULES: Readonly<Record<ExportKind, AccessRule>> = {
  [ExportKind.VendorRegister]: READ_VENDORS,
  [ExportKind.AssessmentAnswers]: READ_ASSESSMENTS,
  [ExportKind.Findings]: READ_FINDINGS,
  [ExportKind.AssessmentReport]: READ_ASSESSMENTS,
};

/**
 * requestExport's own rule: everyone any export kind allows (its kind's rule is checked next).
 * A unit test keeps it the union of EXPORT_RULES.
 */
export const REQUEST_EXPORT: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };

/**
 * The download route lets anyone through to the token check: the link's token is the
 * credential, and the principal it was issued to must still pass its kind's rule.
 */
export const DOWNLOAD_EXPORT: AccessRule = { public: true };
