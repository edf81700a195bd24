import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Clock,
  TransactionalConnection,
  actorId,
  newId,
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

type Content = Pick<
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
>;
type Hashed = Content & Pick<AuditEvent, 'previousHash'> & { readonly sequence: number };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const contentOf = (event: Content) => ({
  organizationId: event.organizationId,
  actorKind: event.actorKind,
  actorId: event.actorId,
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  changes: event.changes,
  requestId: event.requestId,
  ip: event.ip,
  occurredAt: event.occurredAt,
});

/** Version 1: SHA-256 of an event's canonical JSON, which includes the previous event's hash. */
export function eventHash(event: Hashed): string {
  return sha256(
    canonicalJson({
      ...contentOf(event),
      sequence: event.sequence,
      previousHash: event.previousHash,
    }),
  );
}

/** SHA-256 of the canonical JSON of what an event records, apart from its place in the chain. */
export function contentHash(event: Content): string {
  return sha256(canonicalJson(contentOf(event)));
}

/**
 * Version 2: SHA-256 of `previousHash:sequence:contentHash`, as `audit_append` computes it in
 * the database when it links the event.
 */
export function linkHash(previousHash: string, sequence: number, content: string): string {
  return sha256(`${previousHash}:${sequence}:${content}`);
}

/** The hash an event should carry, by its version. */
function expectedHash(event: AuditEvent, sequence: number): string {
  return event.hashVersion === 1
    ? eventHash({ ...event, sequence })
    : linkHash(event.previousHash, sequence, contentHash(event));
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
   * the change and its event commit together or not at all. The event is linked into the chain
   * by the statement sent with COMMIT (`audit_append`): writers of one organization take turns
   * on its chain head, so concurrent changes never fork the chain, and each holds the head for
   * no round trip to the API. Dropped with its savepoint when that rolls back.
   */
  async record(ctx: RequestContext, record: AuditRecord): Promise<void> {
    if (!ctx.inTransaction)
      throw new Error('AuditService.record() must run inside the transaction of the change');
    const organizationId = record.organizationId ?? ctx.organizationId;
    if (!organizationId) throw new Error('An audit event needs an organization');
    const actor = record.actor ?? ctx.actor;
    const content: Content = {
      organizationId,
      actorKind: actor.kind,
      actorId: actorId(actor),
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      changes: auditChanges(record.before ?? null, record.after ?? null),
      requestId: ctx.requestId || null,
      ip: ctx.ip,
      occurredAt: this.clock.now(),
    };
    this.connection.withCommit(ctx, 'SELECT audit_append($1::uuid, $2::jsonb)', [
      organizationId,
      [{ ...content, id: newId(), contentHash: contentHash(content) }],
    ]);
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
              : event.hash !== expectedHash(event, sequence)
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
