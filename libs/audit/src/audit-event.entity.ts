import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '#core';

/**
 * One change, recorded in the transaction that made it. Append-only (a trigger refuses UPDATE
 * and DELETE) and hash-chained per organization: each event stores the hash of the previous
 * one and a hash of that link and of its own canonical JSON, so an edit anywhere breaks the
 * chain there.
 */
@Entity('audit_event')
@Index('audit_event_organization_sequence_key', ['organizationId', 'sequence'], { unique: true })
@Index('audit_event_organization_entity_idx', ['organizationId', 'entityType', 'entityId'])
@Index('audit_event_organization_actor_idx', ['organizationId', 'actorId'])
export class AuditEvent {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /** 1, 2, 3… within the organization, without gaps. */
  @Column({ type: 'bigint' })
  sequence!: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 20 })
  actorKind!: string;

  /** A user, API key, vendor contact id, or the name of a system process. Never personal data. */
  @Column({ name: 'actor_id', type: 'varchar', length: 100, nullable: true })
  actorId!: string | null;

  /** `entity.verb`, e.g. `session.signed_in`. */
  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 100 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 100, nullable: true })
  entityId!: string | null;

  /** Changed fields, `{ field: { before, after } }`, secrets redacted. */
  @Column({ type: 'jsonb' })
  changes!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  /**
   * How `hash` is computed: 1, the hash of the canonical JSON of the event with its sequence and
   * previous hash; 2, the hash of the previous hash, the sequence and the content's hash (see
   * contentHash and linkHash), which the database computes as it links the event.
   */
  @Column({ name: 'hash_version', type: 'smallint', default: 1 })
  hashVersion!: number;
}

/** The end of an organization's chain: locked by each writer, so that chains never fork. */
@Entity('audit_chain')
export class AuditChain {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'last_sequence', type: 'bigint', default: 0 })
  lastSequence!: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
