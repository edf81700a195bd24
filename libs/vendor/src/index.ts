export * from './data-profile.js';
export {
  ComplianceRequirement,
  INHERENT_RISK_ALGORITHM_VERSION,
  RiskFactor,
  RiskTier,
  computeInherentRisk,
  type InherentRisk,
  type RequirementFlag,
  type RiskReason,
} from './risk/inherent-risk.js';
export { profileOf } from './risk/apply-risk.js';
export { RiskRubricRecord } from './risk/risk-rubric.entity.js';
export { DEFAULT_RISK_RUBRIC, type RiskRubric, type RiskRubricChange } from './risk/risk-rubric.js';
export { RiskRubricService, type VersionedRubric } from './risk/risk-rubric.service.js';
export { ReassessmentPolicyRecord } from './reassessment/reassessment-policy.entity.js';
export {
  DEFAULT_REASSESSMENT_POLICY,
  DEFAULT_REMINDER_OFFSETS,
  ReassessmentMode,
  ReassessmentTrigger,
  addMonths,
  nextAssessmentDue,
  type ReassessmentPolicy,
  type ReminderOffsets,
  type TierReassessment,
} from './reassessment/reassessment-policy.js';
export {
  ReassessmentPolicyService,
  type VersionedPolicy,
} from './reassessment/reassessment-policy.service.js';
export { SubProcessor } from './sub-processor.entity.js';
export { VendorContact, type ContactLanguage } from './vendor-contact.entity.js';
export { VendorContactService, type ContactFields } from './vendor-contact.service.js';
export { countryProblem, countryProblems } from './vendor-input.js';
export { VendorLifecycle, assertVendorMove, canMoveVendor } from './vendor-lifecycle.js';
export { VENDOR_ENTITIES, VendorModule } from './vendor.module.js';
export { Vendor } from './vendor.entity.js';
export {
  VENDOR_OWNERS,
  VENDOR_SUMMARY_COLUMNS,
  VendorOrderField,
  VendorService,
  type VendorSummary,
  type VendorSummaryColumn,
  type SubProcessorFields,
  type VendorChanges,
  type VendorFields,
  type VendorFilter,
  type VendorListInclude,
  type VendorOwner,
  type VendorOrder,
} from './vendor.service.js';
