import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext, Role, TransactionalConnection } from '#core';
import {
  TEST_PASSWORD,
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { tokenIn, waitForEmail } from '../utils/mailbox.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const EXPORT = `{ myPersonalData {
  user { id email displayName } secondFactorEnabled
  memberships { role organization { name } }
  signIns { createdAt ip }
  activity { action actorId entityId }
} }`;

describe('people’s own data: sign-up, export, erasure', () => {
  let t: TestApp;
  let admin: TestMember;
  let gql: GraphqlClient;

  beforeAll(async () => {
    t = await startTestApp({ env: { SIGNUP_ENABLED: 'true' } });
    admin = await createOrganization(t.app, { name: 'Keeper' });
    gql = await signIn(t.gql, admin);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Every text column of every table that holds `needle` (searched with the platform's access). */
  async function tablesHolding(needle: string): Promise<string[]> {
    const connection = t.app.get(TransactionalConnection);
    return connection.systemTransaction(RequestContext.system('test', 'scan'), async (tx) => {
      const manager = await connection.manager(tx);
      const columns = (await manager.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('character varying', 'text', 'jsonb', 'character')`,
      )) as Array<{ table_name: string; column_name: string }>;
      const found: string[] = [];
      for (const { table_name, column_name } of columns) {
        if (table_name === 'typeorm_migrations') continue;
        const rows = (await manager.query(
          `SELECT 1 FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1 LIMIT 1`,
          [`%${needle}%`],
        )) as unknown[];
        if (rows.length) found.push(`${table_name}.${column_name}`);
      }
      return found;
    });
  }

  it('signs up a new organization from the mailbox, without saying whether the address had an account', async () => {
    const request = (email: string) =>
      t.gql.data<{ signUp: { accepted: boolean } }>(
        'mutation($input: SignUpInput!) { signUp(input: $input) { accepted } }',
        { input: { organizationName: 'Fresh Co', email } },
      );
    expect(await request('founder@fresh.example')).toEqual(await request(admin.email));
    const email = await waitForEmail(t.config, 'founder@fresh.example', /Confirm Fresh Co/);
    const completed = await t.gql.data<{
      completeSignUp: { organizationName: string; email: string };
    }>(
      'mutation($input: CompleteSignUpInput!) { completeSignUp(input: $input) { organizationName email } }',
      { input: { token: tokenIn(email), password: TEST_PASSWORD, displayName: 'Founder' } },
    );
    expect(completed.completeSignUp).toEqual({
      organizationName: 'Fresh Co',
      email: 'founder@fresh.example',
    });
    const founder = await signIn(t.gql, {
      ...admin,
      email: 'founder@fresh.example',
      password: TEST_PASSWORD,
    });
    expect(
      (await founder.data<{ viewer: { role: string } }>('{ viewer { role } }')).viewer.role,
    ).toBe('ADMIN');
  });

  it('is closed by default', async () => {
    const closed = await startTestApp({ withWorker: false, database: t.database! });
    try {
      const response = await closed.gql.request(
        'mutation { signUp(input: { organizationName: "x", email: "x@example.com" }) { accepted } }',
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await closed.close();
    }
  });

  it('exports what Assay keeps about the signed-in user, across organizations', async () => {
    const other = await createOrganization(t.app, { name: 'Second home' });
    await addMember(t.app, other.organizationId, Role.Viewer, admin.email);
    const data = (
      await gql.data<{
        myPersonalData: {
          user: { email: string };
          memberships: Array<{ role: string; organization: { name: string } }>;
          signIns: unknown[];
          activity: Array<{ action: string; actorId: string | null; entityId: string | null }>;
        };
      }>(EXPORT)
    ).myPersonalData;
    expect(data.user.email).toBe(admin.email);
    expect(data.memberships).toEqual([
      { role: 'ADMIN', organization: { name: 'Keeper' } },
      { role: 'VIEWER', organization: { name: 'Second home' } },
    ]);
    expect(data.signIns.length).toBeGreaterThanOrEqual(1);
    expect(data.activity.map((event) => event.action)).toEqual(
      expect.arrayContaining(['user.password_set', 'session.signed_in']),
    );
    expect(
      data.activity.every(
        (event) => event.actorId === admin.userId || event.entityId === admin.userId,
      ),
    ).toBe(true);
  });

  it('erases a departed member everywhere, and the audit trail stays whole', async () => {
    const leaver = await addMember(
      t.app,
      admin.organizationId,
      Role.Procurement,
      'leaver.personal@example.com',
    );
    const leaverGql = await signIn(t.gql, leaver);
    await leaverGql.data('{ viewer { role } }');
    const members = await gql.data<{
      members: { nodes: Array<{ id: string; user: { id: string; email: string } }> };
    }>('{ members { nodes { id user { id email } } } }');
    const member = members.members.nodes.find((node) => node.user.email === leaver.email)!;
    const erase = (userId: string) =>
      gql.request(
        'mutation($input: EraseMemberDataInput!) { eraseMemberData(input: $input) { erasedUserId } }',
        {
          input: { userId },
        },
      );

    expect((await erase(member.user.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await gql.data(
      'mutation($input: RemoveMemberInput!) { removeMember(input: $input) { removedMemberId } }',
      {
        input: { memberId: member.id },
      },
    );
    expect(await tablesHolding(leaver.email)).not.toEqual([]);

    expect((await erase(member.user.id)).errors).toBeUndefined();
    expect(await tablesHolding(leaver.email)).toEqual([]);
    const verification = await gql.data<{ verifyAuditTrail: { valid: boolean } }>(
      '{ verifyAuditTrail { valid } }',
    );
    expect(verification.verifyAuditTrail.valid).toBe(true);
    const signInAgain = await t.gql.request(
      'mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }',
      {
        input: { email: leaver.email, password: leaver.password },
      },
    );
    expect(signInAgain.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never erases someone the organization never knew', async () => {
    const stranger = await createOrganization(t.app);
    const strangerId = Buffer.from(`User:${stranger.userId}`).toString('base64url');
    const response = await gql.request(
      'mutation($input: EraseMemberDataInput!) { eraseMemberData(input: $input) { erasedUserId } }',
      {
        input: { userId: strangerId },
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
