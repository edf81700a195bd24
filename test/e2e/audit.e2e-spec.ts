import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService, eventHash } from '#audit';
import { RequestContext, Role, TransactionalConnection } from '#core';
import {
  TEST_PASSWORD,
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const EVENTS = `query Events($first: Int, $filter: AuditEventFilter) {
  auditEvents(first: $first, filter: $filter) {
    totalCount
    nodes { id sequence actorKind actorId action entityType entityId changes { field before after } requestId }
  }
}`;
const VERIFY = `{ verifyAuditTrail { valid checkedEvents problem brokenEvent { id sequence } } }`;

type Event = {
  id: string;
  sequence: number;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Array<{ field: string; before: string | null; after: string | null }>;
  requestId: string | null;
};
type Verification = {
  valid: boolean;
  checkedEvents: number;
  problem: string | null;
  brokenEvent: { id: string; sequence: number } | null;
};

describe('audit trail', () => {
  let t: TestApp;
  let admin: TestMember;
  let gql: GraphqlClient;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
    admin = await createOrganization(t.app, { name: 'Audited' });
    gql = await signIn(t.gql, admin);
  });

  afterAll(async () => {
    await t?.close();
  });

  const events = async (filter: Record<string, string> = {}, first = 100) =>
    (
      await gql.data<{ auditEvents: { totalCount: number; nodes: Event[] } }>(EVENTS, {
        first,
        filter,
      })
    ).auditEvents;
  const verify = async () =>
    (await gql.data<{ verifyAuditTrail: Verification }>(VERIFY)).verifyAuditTrail;

  it('records each change with its actor, request and redacted fields', async () => {
    const failed = await t.gql.request(
      'mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }',
      { input: { email: admin.email, password: 'definitely not it' } },
    );
    expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const trail = await events();
    const actions = trail.nodes.map((event) => event.action).reverse();
    expect(actions).toEqual([
      'organization.created',
      'membership.created',
      'user.password_set',
      'session.signed_in',
      'session.sign_in_failed',
    ]);
    const passwordSet = trail.nodes.find((event) => event.action === 'user.password_set')!;
    expect(passwordSet.changes).toEqual([
      { field: 'passwordHash', before: '"[redacted]"', after: '"[redacted]"' },
    ]);
    const signedIn = trail.nodes.find((event) => event.action === 'session.signed_in')!;
    expect(signedIn).toMatchObject({ actorKind: 'user', actorId: admin.userId });
    const failure = trail.nodes.find((event) => event.action === 'session.sign_in_failed')!;
    expect(failure).toMatchObject({
      actorKind: 'anonymous',
      entityType: 'user',
      entityId: admin.userId,
    });
    expect(failure.changes).toEqual([{ field: 'reason', before: null, after: '"WRONG_PASSWORD"' }]);
    expect(failure.requestId).toMatch(/\S/);
    expect(JSON.stringify(trail)).not.toContain(TEST_PASSWORD);
    expect(await verify()).toMatchObject({ valid: true, checkedEvents: 5 });
  });

  it('writes nothing for a change that rolls back', async () => {
    const before = (await events()).totalCount;
    const ctx = RequestContext.system('test', 'rollback', admin.organizationId);
    await expect(
      t.app.get(TransactionalConnection).transaction(ctx, async (tx) => {
        await t.app
          .get(AuditService)
          .record(tx, { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('the change fails after recording its event');
      }),
    ).rejects.toThrow();
    expect((await events()).totalCount).toBe(before);
    expect((await verify()).valid).toBe(true);
  });

  it('keeps one unbroken chain under 200 concurrent changes', async () => {
    const before = (await events()).totalCount;
    const connection = t.app.get(TransactionalConnection);
    const audit = t.app.get(AuditService);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        connection.transaction(
          RequestContext.system('test', `concurrent-${i}`, admin.organizationId),
          (tx) =>
            audit.record(tx, {
              action: 'test.concurrent',
              entityType: 'test',
              entityId: String(i),
            }),
        ),
      ),
    );
    const verification = await verify();
    expect(verification).toEqual({
      valid: true,
      checkedEvents: before + 200,
      problem: null,
      brokenEvent: null,
    });
    const sequences = (await events({ action: 'test.concurrent' }, 100)).nodes.map(
      (event) => event.sequence,
    );
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  describe('tampering', () => {
    let owner: pg.Client;

    beforeAll(async () => {
      owner = new pg.Client({ connectionString: t.database!.url });
      await owner.connect();
    });

    afterAll(async () => {
      await owner?.end();
    });

    /** As the owner, with the protections lifted for the length of `statements`, as an attacker with DDL rights would. */
    async function asOwnerWithoutProtection(
      ...statements: Array<[sql: string, params: unknown[]]>
    ): Promise<void> {
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      for (const table of ['audit_event', 'audit_chain'])
        await owner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      for (const [sql, params] of statements) await owner.query(sql, params);
      for (const table of ['audit_event', 'audit_chain'])
        await owner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      await owner.query('COMMIT');
    }

    it('verifies events hashed the first way (version 1) in the same chain as later ones', async () => {
      const organizationId = admin.organizationId;
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('role', 'assay_system', true)`);
      const head = (
        await owner.query<{ last_sequence: string; last_hash: string }>(
          `SELECT last_sequence, last_hash FROM audit_chain WHERE organization_id = $1`,
          [organizationId],
        )
      ).rows[0]!;
      await owner.query('ROLLBACK');
      const legacy = {
        organizationId,
        sequence: Number(head.last_sequence) + 1,
        actorKind: 'system',
        actorId: 'legacy',
        action: 'legacy.recorded',
        entityType: 'test',
        entityId: null,
        changes: { note: { before: null, after: "it's \\ 'quoted'" } },
        requestId: null,
        ip: null,
        occurredAt: new Date('2026-01-02T03:04:05.678Z'),
        previousHash: head.last_hash,
      };
      const hash = eventHash(legacy);
      await asOwnerWithoutProtection(
        [
          `INSERT INTO audit_event (id, organization_id, sequence, actor_kind, actor_id, action,
             entity_type, entity_id, changes, request_id, ip, occurred_at, previous_hash, hash, hash_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, NULL, NULL, $9, $10, $11, 1)`,
          [
            randomUUID(),
            organizationId,
            legacy.sequence,
            legacy.actorKind,
            legacy.actorId,
            legacy.action,
            legacy.entityType,
            JSON.stringify(legacy.changes),
            legacy.occurredAt,
            legacy.previousHash,
            hash,
          ],
        ],
        [
          `UPDATE audit_chain SET last_sequence = $2, last_hash = $3 WHERE organization_id = $1`,
          [organizationId, legacy.sequence, hash],
        ],
      );
      // The next event links to it in the database, as version 2.
      await t.app
        .get(TransactionalConnection)
        .transaction(RequestContext.system('test', 'after-legacy', organizationId), (tx) =>
          t.app.get(AuditService).record(tx, {
            action: 'test.after_legacy',
            entityType: 'test',
            after: { note: "it's \\ 'quoted'" },
          }),
        );
      const verification = await verify();
      expect(verification).toMatchObject({ valid: true, problem: null });
      expect(verification.checkedEvents).toBe(legacy.sequence + 1);
      const [after] = (await events({ action: 'test.after_legacy' })).nodes;
      expect(after).toMatchObject({
        sequence: legacy.sequence + 1,
        changes: [{ field: 'note', before: null, after: JSON.stringify("it's \\ 'quoted'") }],
      });
    });

    it('refuses edits and deletions through SQL, even as the platform role', async () => {
      for (const sql of [
        'UPDATE audit_event SET action = $1',
        'DELETE FROM audit_event WHERE action = $1',
      ]) {
        await owner.query('BEGIN');
        await owner.query(`SELECT set_config('role', 'assay_system', true)`);
        await expect(owner.query(sql, ['x'])).rejects.toThrow(/permission denied/);
        await owner.query('ROLLBACK');
      }
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY');
      await expect(owner.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(
        /append-only/,
      );
      await owner.query('ROLLBACK');
    });

    it('names the event that was edited directly in the database', async () => {
      const target = (await events({ action: 'session.signed_in' })).nodes[0]!;
      await asOwnerWithoutProtection([
        `UPDATE audit_event SET changes = '{"role":{"after":"VIEWER"}}' WHERE id = $1`,
        [Buffer.from(target.id, 'base64url').toString().split(':')[1]],
      ]);
      const verification = await verify();
      expect(verification).toMatchObject({
        valid: false,
        checkedEvents: target.sequence - 1,
        problem: 'its content does not match its hash',
        brokenEvent: { id: target.id, sequence: target.sequence },
      });
    });
  });

  it('is readable by admins, risk owners and viewers, not by procurement', async () => {
    const procurement = await signIn(
      t.gql,
      await addMember(t.app, admin.organizationId, Role.Procurement),
    );
    expect((await procurement.request(VERIFY)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viewer = await signIn(t.gql, await addMember(t.app, admin.organizationId, Role.Viewer));
    expect((await viewer.request(EVENTS, { first: 1 })).errors).toBeUndefined();
  });

  it("never shows another organization's events", async () => {
    const other = await createOrganization(t.app);
    const otherGql = await signIn(t.gql, other);
    const otherTrail = (
      await otherGql.data<{ auditEvents: { nodes: Event[] } }>(EVENTS, { first: 100 })
    ).auditEvents;
    expect(otherTrail.nodes.every((event) => !event.action.startsWith('test.'))).toBe(true);
    expect(otherTrail.nodes.map((event) => event.sequence).sort((a, b) => a - b)[0]).toBe(1);
    const ownEvent = (await events({}, 1)).nodes[0]!;
    const response = await otherGql.request('query($id: ID!) { node(id: $id) { id } }', {
      id: ownEvent.id,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
