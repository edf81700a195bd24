import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext, Role, TransactionalConnection } from '#core';
import { MemberService } from '#identity';
import {
  TEST_PASSWORD,
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { readMailbox, tokenIn, waitForEmail } from '../utils/mailbox.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const INVITE = `mutation Invite($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id email role expiresAt } } }`;
const ACCEPT = `mutation Accept($input: AcceptMemberInvitationInput!) {
  acceptMemberInvitation(input: $input) { email organizationName organizationId role }
}`;
const MEMBERS = `{ members { totalCount nodes { id role user { email } } } }`;
const CHANGE = `mutation Change($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { member { id role } } }`;
const REMOVE = `mutation Remove($input: RemoveMemberInput!) { removeMember(input: $input) { removedMemberId } }`;

type Member = { id: string; role: string; user: { email: string } };

describe('members, invitations and password resets', () => {
  let t: TestApp;
  let admin: TestMember;
  let gql: GraphqlClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createOrganization(t.app, { name: 'Acme Privacy' });
    gql = await signIn(t.gql, admin);
  });

  afterAll(async () => {
    await t?.close();
  });

  const members = async (client = gql) =>
    (await client.data<{ members: { totalCount: number; nodes: Member[] } }>(MEMBERS)).members;
  const memberId = async (email: string) =>
    (await members()).nodes.find((member) => member.user.email === email)!.id;
  const invite = (email: string, role: string, locale = 'EN') =>
    gql.data(INVITE, { input: { email, role, locale } });

  it('invites by email; the invitee accepts with a new account and signs in with the role', async () => {
    await invite('Dana@Vendor-Risk.example', 'RISK_OWNER');
    const email = await waitForEmail(
      t.config,
      'dana@vendor-risk.example',
      /invited to Acme Privacy/,
    );
    expect(email.text).toContain('as risk owner');
    expect(email.html).toContain('<p>');
    const token = tokenIn(email);

    const accepted = await t.gql.data<{ acceptMemberInvitation: Record<string, string> }>(ACCEPT, {
      input: { token, password: TEST_PASSWORD, displayName: 'Dana' },
    });
    expect(accepted.acceptMemberInvitation).toMatchObject({
      email: 'dana@vendor-risk.example',
      organizationName: 'Acme Privacy',
      role: 'RISK_OWNER',
    });
    const dana = await signIn(t.gql, {
      ...admin,
      email: 'dana@vendor-risk.example',
      password: TEST_PASSWORD,
    });
    expect((await dana.data<{ viewer: { role: string } }>('{ viewer { role } }')).viewer.role).toBe(
      'RISK_OWNER',
    );

    const again = await t.gql.request(ACCEPT, { input: { token, password: TEST_PASSWORD } });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.token' }],
    });
  });

  it('lets an existing account join without a password, and writes the email in Chinese when asked', async () => {
    const other = await createOrganization(t.app, { name: 'Other' });
    await invite(other.email, 'VIEWER', 'ZH_CN');
    const email = await waitForEmail(t.config, other.email, /Acme Privacy/);
    expect(email.subject).toBe('邀请您加入 Assay 上的「Acme Privacy」');
    expect(email.text).toContain('查看者');
    const accepted = await t.gql.data<{ acceptMemberInvitation: { organizationId: string } }>(
      ACCEPT,
      {
        input: { token: tokenIn(email) },
      },
    );
    const session = await t.gql.data<{ signIn: { session: { role: string } } }>(
      'mutation($input: SignInInput!) { signIn(input: $input) { session { role } } }',
      {
        input: {
          email: other.email,
          password: other.password,
          organizationId: accepted.acceptMemberInvitation.organizationId,
        },
      },
    );
    expect(session.signIn.session.role).toBe('VIEWER');
  });

  it('refuses an expired invitation, a new account without a password, and inviting a member', async () => {
    await invite('late@example.com', 'VIEWER');
    const token = tokenIn(await waitForEmail(t.config, 'late@example.com', /invited/));
    const noPassword = await t.gql.request(ACCEPT, { input: { token } });
    expect(noPassword.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.password' }],
    });

    const connection = t.app.get(TransactionalConnection);
    await connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) =>
      (await connection.manager(tx)).query(
        `UPDATE member_invitation SET expires_at = now() - interval '1 second' WHERE email = 'late@example.com'`,
      ),
    );
    const expired = await t.gql.request(ACCEPT, { input: { token, password: TEST_PASSWORD } });
    expect(expired.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.token' }],
    });

    const twice = await gql.request(INVITE, {
      input: { email: admin.email, role: 'VIEWER', locale: 'EN' },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('changes roles but never demotes or removes the last admin', async () => {
    const adminId = await memberId(admin.email);
    for (const [query, input] of [
      [CHANGE, { memberId: adminId, role: 'VIEWER' }],
      [REMOVE, { memberId: adminId }],
    ] as const) {
      const response = await gql.request(query, { input });
      expect(response.errors?.[0]).toMatchObject({
        message: 'The last admin of an organization cannot be removed or demoted',
        extensions: { code: 'CONFLICT' },
      });
    }
    const procurement = await addMember(t.app, admin.organizationId, Role.Procurement);
    const changed = await gql.data<{ changeMemberRole: { member: Member } }>(CHANGE, {
      input: { memberId: await memberId(procurement.email), role: 'ADMIN' },
    });
    expect(changed.changeMemberRole.member.role).toBe('ADMIN');
    // Now there are two admins: one may step down.
    await gql.data(CHANGE, {
      input: { memberId: await memberId(procurement.email), role: 'VIEWER' },
    });
  });

  it('keeps one admin when two admins are demoted at the same time', async () => {
    const organization = await createOrganization(t.app);
    const second = await addMember(t.app, organization.organizationId, Role.Admin);
    const members = t.app.get(MemberService);
    const ctx = RequestContext.create({
      requestId: 'race',
      actor: {
        kind: 'user',
        userId: organization.userId,
        role: Role.Admin,
        sessionId: organization.userId,
      },
      organizationId: organization.organizationId,
    });
    const connection = t.app.get(TransactionalConnection);
    const admins = async () =>
      (await connection.transaction(ctx, (tx) => members.list(tx, { first: 10 }))).nodes.filter(
        (membership) => membership.role === Role.Admin,
      );
    const both = await admins();
    expect(both).toHaveLength(2);
    const results = await Promise.allSettled(
      both.map((membership) => members.changeRole(ctx, membership.id, Role.Viewer)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(await admins()).toHaveLength(1);
    expect(second.role).toBe(Role.Admin);
  });

  it('removes a member, whose sign-ins end at once', async () => {
    const leaver = await addMember(t.app, admin.organizationId, Role.Viewer);
    const session = await t.gql.data<{ signIn: { session: { refreshToken: string } } }>(
      'mutation($input: SignInInput!) { signIn(input: $input) { session { refreshToken } } }',
      { input: { email: leaver.email, password: leaver.password } },
    );
    await gql.data(REMOVE, { input: { memberId: await memberId(leaver.email) } });
    expect((await members()).nodes.some((member) => member.user.email === leaver.email)).toBe(
      false,
    );
    const refresh = await t.gql.request(
      'mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { session { accessToken } } }',
      {
        input: { refreshToken: session.signIn.session.refreshToken },
      },
    );
    expect(refresh.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers password reset requests alike for known and unknown addresses, and mails only the known', async () => {
    const request = (email: string) =>
      t.gql.data<{ requestPasswordReset: { accepted: boolean } }>(
        'mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }',
        { input: { email } },
      );
    expect(await request('nobody-here@example.com')).toEqual(await request(admin.email));
    const email = await waitForEmail(t.config, admin.email, /Reset your Assay password/);
    await waitForQueues(t.app);
    expect(
      (await readMailbox(t.config)).some((message) => message.to === 'nobody-here@example.com'),
    ).toBe(false);

    await t.gql.data(
      'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { email } }',
      {
        input: { token: tokenIn(email), newPassword: 'a brand new passphrase, 2026' },
      },
    );
    const old = await t.gql.request(
      'mutation($input: SignInInput!) { signIn(input: $input) { session { role } } }',
      {
        input: { email: admin.email, password: admin.password },
      },
    );
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    admin = { ...admin, password: 'a brand new passphrase, 2026' };
    gql = await signIn(t.gql, admin);
  });

  it('sends nothing for an invitation whose change rolls back', async () => {
    const members = t.app.get(MemberService);
    const ctx = RequestContext.create({
      requestId: 'rollback',
      actor: { kind: 'user', userId: admin.userId, role: Role.Admin, sessionId: admin.userId },
      organizationId: admin.organizationId,
    });
    await expect(
      t.app.get(TransactionalConnection).transaction(ctx, async (tx) => {
        await members.invite(tx, { email: 'never@example.com', role: Role.Viewer, locale: 'en' });
        throw new Error('the surrounding change fails');
      }),
    ).rejects.toThrow();
    await waitForQueues(t.app);
    expect(
      (await readMailbox(t.config)).some((message) => message.to === 'never@example.com'),
    ).toBe(false);
  });

  it('lets admins rename the organization and set its second-factor policy, audited', async () => {
    const updated = await gql.data<{
      updateOrganizationSettings: { organization: { name: string; secondFactorPolicy: string } };
    }>(
      'mutation { updateOrganizationSettings(input: { name: "Acme Privacy Ltd", secondFactorPolicy: ADMINS }) { organization { name secondFactorPolicy } } }',
    );
    expect(updated.updateOrganizationSettings.organization).toEqual({
      name: 'Acme Privacy Ltd',
      secondFactorPolicy: 'ADMINS',
    });
    const viewer = await signIn(t.gql, await addMember(t.app, admin.organizationId, Role.Viewer));
    const refused = await viewer.request(
      'mutation { updateOrganizationSettings(input: { name: "x" }) { organization { name } } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const trail = await gql.data<{ auditEvents: { nodes: Array<{ action: string }> } }>(
      '{ auditEvents(filter: { action: "organization.settings_changed" }) { nodes { action } } }',
    );
    expect(trail.auditEvents.nodes).toHaveLength(1);
  });
});
