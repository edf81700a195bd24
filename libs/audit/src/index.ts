export { AuditChain, AuditEvent } from './audit-event.entity.js';
export { AUDIT_ENTITIES, AuditModule } from './audit.module.js';
export {
  AuditService,
  GENESIS_HASH,
  contentHash,
  eventHash,
  linkHash,
  type AuditFilter,
  type AuditRecord,
  type AuditVerification,
} from './audit.service.js';
export { canonicalJson } from './canonical-json.js';
export { REDACTED, auditChanges, type AuditValues, type FieldChange } from './redact.js';
