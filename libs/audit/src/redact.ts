/** Fields whose values never enter the audit trail, whatever entity they belong to. */
const SECRET_FIELD = /password|secret|token|hash|recovery|totp/i;

export const REDACTED = '[redacted]';

export type AuditValues = Record<string, unknown>;

export interface FieldChange {
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * The fields that differ between `before` and `after` (either may be null for a creation or a
 * deletion), with secrets replaced by "[redacted]".
 */
export function auditChanges(
  before: AuditValues | null,
  after: AuditValues | null,
): Record<string, FieldChange> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, FieldChange> = {};
  for (const key of [...keys].sort()) {
    const old = before?.[key];
    const now = after?.[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    const secret = SECRET_FIELD.test(key);
    changes[key] = {
      ...(before
        ? { before: secret && old !== undefined && old !== null ? REDACTED : (old ?? null) }
        : {}),
      ...(after
        ? { after: secret && now !== undefined && now !== null ? REDACTED : (now ?? null) }
        : {}),
    };
  }
  return changes;
}
