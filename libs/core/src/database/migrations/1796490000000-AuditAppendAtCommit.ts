import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events are chained by the database, in the statement sent with COMMIT: `audit_append`
 * takes the organization's chain head, links the events and moves the head, so the head's lock
 * is held for no round trip to the API. Events it links hash as version 2 (the link of the
 * previous hash, the sequence and the hash of the event's content); earlier ones stay version 1.
 */
export class AuditAppendAtCommit1796490000000 implements MigrationInterface {
  name = 'AuditAppendAtCommit1796490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "audit_event" ADD "hash_version" smallint NOT NULL DEFAULT '1'`,
    );
    await queryRunner.query(`CREATE FUNCTION audit_append(p_organization_id uuid, p_events jsonb)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_sequence bigint;
        v_hash text;
        v_event jsonb;
      BEGIN
        SELECT last_sequence, last_hash INTO v_sequence, v_hash
          FROM audit_chain WHERE organization_id = p_organization_id FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain (organization_id, last_sequence, last_hash)
          VALUES (p_organization_id, 0, repeat('0', 64)) ON CONFLICT (organization_id) DO NOTHING;
          SELECT last_sequence, last_hash INTO v_sequence, v_hash
            FROM audit_chain WHERE organization_id = p_organization_id FOR UPDATE;
        END IF;
        FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
          v_sequence := v_sequence + 1;
          INSERT INTO audit_event (id, organization_id, sequence, actor_kind, actor_id, action,
                                   entity_type, entity_id, changes, request_id, ip, occurred_at,
                                   previous_hash, hash, hash_version)
          VALUES ((v_event ->> 'id')::uuid, p_organization_id, v_sequence,
                  v_event ->> 'actorKind', v_event ->> 'actorId', v_event ->> 'action',
                  v_event ->> 'entityType', v_event ->> 'entityId', v_event -> 'changes',
                  v_event ->> 'requestId', v_event ->> 'ip',
                  (v_event ->> 'occurredAt')::timestamptz, v_hash,
                  encode(sha256(convert_to(
                    v_hash || ':' || v_sequence || ':' || (v_event ->> 'contentHash'), 'UTF8')), 'hex'),
                  2)
          RETURNING hash INTO v_hash;
        END LOOP;
        UPDATE audit_chain SET last_sequence = v_sequence, last_hash = v_hash
         WHERE organization_id = p_organization_id;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_append(uuid, jsonb)`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "hash_version"`);
  }
}
