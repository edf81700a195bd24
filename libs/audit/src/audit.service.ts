import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Clock,
  TransactionalConnection,
  actorId,
  type Actor,
  paginate,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { AuditEvent } from './audit-event.entity.js';
import { canonicalJson } from './canonical-json.js';
import { auditChanges, type AuditValues } from './redact.js';

/** The previous hash of an organization's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  /** `entity.verb`, e.g. `membership.role_changed`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | null;
  /** The entity before and after the change (null for a creation or a deletion). */
  readonly before?: AuditValues | null;
  readonly after?: AuditValues | null;
  /** The organization whose trail records it; the context's by default. */
  readonly organizationId?: string;
  /** Who acted, when it is not the context's actor (e.g. the user who just signed in). */
  readonly actor?: Actor;
}

export interface AuditFilter {
  readonly entityType?: string | null;
  readonly entityId?: string | null;
  readonly actorId?: string | null;
  readonly action?: string | null;
  readonly occurredAfter?: Date | null;
  readonly occurredBefore?: Date | null;
}

export interface AuditVerification {
  readonly valid: boolean;
  readonly checkedEvents: number;
  /** The first event whose hash, link or sequence is wrong. */
  readonly brokenEvent: AuditEvent | null;
  readonly problem: string | null;
}

type Hashed = Pick<
  AuditEvent,
  | 'organizationId'
  | 'actorKind'
  | 'actorId'
  | 'action'
  | 'entityType'
  | 'entityId'
  | 'changes'
  | 'requestId'
  | 'ip'
  | 'occurredAt'
  | 'previousHash'
> & { readonly sequence: number };

/** SHA-256 of an event's canonical JSON, which includes the previous event's hash. */
export function eventHash(event: Hashed): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        organizationId: event.organizationId,
        sequence: event.sequence,
        actorKind: event.actorKind,
        actorId: event.actorId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        changes: event.changes,
        requestId: event.requestId,
        ip: event.ip,
        occurredAt: event.occurredAt,
        previousHash: event.previousHash,
      }),
    )
    .digest('hex');
}

const VERIFY_BATCH = 1_000;

@Injectable()
export class AuditService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an event to the organization's trail, in the transaction of the change it records:
   * the change and its event commit together or not at all. Writers of one organization take
   * turns on its chain head, so concurrent changes never fork the chain.
   */
  async record(ctx: RequestContext, record: AuditRecord): Promise<AuditEvent> {
    if (!ctx.inTransaction)
      throw new Error('AuditService.record() must run inside the transaction of the change');
    const organizationId = record.organizationId ?? ctx.organizationId;
    if (!organizationId) throw new Error('An audit event needs an organization');
    const manager = await this.connection.manager(ctx);
    const advance = () =>
      manager.query(
        `UPDATE audit_chain SET last_sequence = last_sequence + 1 WHERE organization_id = $1
         RETURNING last_sequence, last_hash`,
        [organizationId],
      ) as Promise<[Array<{ last_sequence: string; last_hash: string }>, number]>;
    let [heads] = await advance();
    if (heads.length === 0) {
      await manager.query(
        `INSERT INTO audit_chain (organization_id, last_sequence, last_hash) VALUES ($1, 0, $2)
         ON CONFLICT (organization_id) DO NOTHING`,
        [organizationId, GENESIS_HASH],
      );
      [heads] = await advance();
    }
    const head = heads[0]!;
    const actor = record.actor ?? ctx.actor;
    const event = Object.assign(new AuditEvent(), {
      organizationId,
      sequence: head.last_sequence,
      actorKind: actor.kind,
      actorId: actorId(actor),
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      changes: auditChanges(record.before ?? null, record.after ?? null),
      requestId: ctx.requestId || null,
      ip: ctx.ip,
      occurredAt: this.clock.now(),
      previousHash: head.last_hash,
    });
    event.hash = eventHash({ ...event, sequence: Number(event.sequence) });
    await manager.query(
      `WITH inserted AS (
         INSERT INTO audit_event (id, organization_id, sequence, actor_kind, actor_id, action, entity_type,
                                  entity_id, changes, request_id, ip, occurred_at, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING hash)
       UPDATE audit_chain SET last_hash = (SELECT hash FROM inserted) WHERE organization_id = $2`,
      [
        event.id,
        organizationId,
        event.sequence,
        event.actorKind,
        event.actorId,
        event.action,
        event.entityType,
        event.entityId,
        JSON.stringify(event.changes),
        event.requestId,
        event.ip,
        event.occurredAt,
        event.previousHash,
        event.hash,
      ],
    );
    return event;
  }

  async findById(ctx: RequestContext, id: string): Promise<AuditEvent | null> {
    return (await this.connection.repository(ctx, AuditEvent)).findOneBy({ id });
  }

  /** Events in which `id` acted or was acted on, oldest first (across organizations with system access). */
  async involving(ctx: RequestContext, id: string): Promise<AuditEvent[]> {
    return (await this.connection.repository(ctx, AuditEvent))
      .createQueryBuilder('event')
      .where('event.actor_id = :id OR event.entity_id = :id', { id })
      .orderBy('event.occurred_at', 'ASC')
      .addOrderBy('event.sequence', 'ASC')
      .getMany();
  }

  /** Whether the trail of `ctx` mentions `userId` at all: as actor, subject, or changed value. */
  async mentions(ctx: RequestContext, userId: string): Promise<boolean> {
    const rows = (await (
      await this.connection.manager(ctx)
    ).query(
      `SELECT 1 FROM audit_event WHERE actor_id = $1 OR entity_id = $1
          OR changes->'userId'->>'before' = $1 OR changes->'userId'->>'after' = $1 LIMIT 1`,
      [userId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The organization's events, newest first. */
  async list(
    ctx: RequestContext,
    page: PageRequest,
    filter: AuditFilter,
  ): Promise<Page<AuditEvent>> {
    const query = (await this.connection.repository(ctx, AuditEvent)).createQueryBuilder('event');
    if (filter.entityType)
      query.andWhere('event.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId)
      query.andWhere('event.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) query.andWhere('event.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('event.action = :action', { action: filter.action });
    if (filter.occurredAfter)
      query.andWhere('event.occurred_at >= :after', { after: filter.occurredAfter });
    if (filter.occurredBefore)
      query.andWhere('event.occurred_at < :before', { before: filter.occurredBefore });
    return paginate(query, page, {
      column: 'event.sequence',
      property: 'sequence',
      direction: 'DESC',
    });
  }

  /**
   * Walks the organization's trail from its first event, recomputing every hash and link, and
   * reports the first event that does not match (an edit, an insertion, a gap).
   */
  async verify(ctx: RequestContext): Promise<AuditVerification> {
    const events = await this.connection.repository(ctx, AuditEvent);
    let previousHash = GENESIS_HASH;
    let expected = 1;
    for (;;) {
      const batch = await events
        .createQueryBuilder('event')
        .where('event.sequence >= :from', { from: expected })
        .orderBy('event.sequence', 'ASC')
        .take(VERIFY_BATCH)
        .getMany();
      for (const event of batch) {
        const sequence = Number(event.sequence);
        const problem =
          sequence !== expected
            ? `event ${expected} is missing`
            : event.previousHash !== previousHash
              ? 'its link to the previous event is wrong'
              : event.hash !== eventHash({ ...event, sequence })
                ? 'its content does not match its hash'
                : null;
        if (problem)
          return { valid: false, checkedEvents: expected - 1, brokenEvent: event, problem };
        previousHash = event.hash;
        expected += 1;
      }
      if (batch.length < VERIFY_BATCH)
        return { valid: true, checkedEvents: expected - 1, brokenEvent: null, problem: null };
    }
  }
}
