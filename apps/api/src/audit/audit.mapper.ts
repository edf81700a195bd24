import type { AuditEvent, FieldChange } from '#audit';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { AuditEventModel, AuditFieldChangeModel } from './audit.model.js';

export const AUDIT_EVENT_TYPE = 'AuditEvent';

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

export function toAuditEventModel(event: AuditEvent): AuditEventModel {
  return Object.assign(new AuditEventModel(), {
    id: toGlobalId(AUDIT_EVENT_TYPE, event.id),
    sequence: Number(event.sequence),
    actorKind: event.actorKind,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    changes: Object.entries(event.changes as Record<string, FieldChange>).map(([field, change]) =>
      Object.assign(new AuditFieldChangeModel(), {
        field,
        before: json(change.before),
        after: json(change.after),
      }),
    ),
    requestId: event.requestId,
    ip: event.ip,
    occurredAt: event.occurredAt,
    previousHash: event.previousHash,
    hash: event.hash,
  });
}
