import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppConfig, AuthSecret, Clock, RequestContext, Role } from '#core';
import { AccessTokens, OrganizationService } from '#identity';
import {
  TEST_PASSWORD,
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const SIGN_IN = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { session { accessToken refreshToken organizationId role accessTokenExpiresAt } }
}`;
const REFRESH = `mutation Refresh($input: RefreshSessionInput!) {
  refreshSession(input: $input) { session { accessToken refreshToken } }
}`;
const VIEWER = `{ viewer { role user { email } organization { id name } memberships { role organization { name } } } }`;
const RESET = `mutation Reset($input: ResetPasswordInput!) { resetPassword(input: $input) { email } }`;

type Session = { accessToken: string; refreshToken: string; organizationId: string; role: string };

describe('identity: sign-in, sessions and access', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
    admin = await createOrganization(t.app, { name: 'Acme' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const signInAs = async (email: string, password: string, organizationId?: string) =>
    t.gql.request<{ signIn: { session: Session } }>(SIGN_IN, {
      input: { email, password, organizationId },
    });

  describe('signIn', () => {
    it('opens a session for the right password, whatever the case of the email', async () => {
      const response = await signInAs(admin.email.toUpperCase(), admin.password);
      expect(response.errors).toBeUndefined();
      expect(response.data!.signIn.session).toMatchObject({ role: 'ADMIN' });
      const viewer = await t.gql.withToken(response.data!.signIn.session.accessToken).data<{
        viewer: { role: string; user: { email: string }; organization: { name: string } };
      }>(VIEWER);
      expect(viewer.viewer).toMatchObject({
        role: 'ADMIN',
        user: { email: admin.email },
        organization: { name: 'Acme' },
      });
    });

    it('gives one answer for a wrong password and for an unknown email', async () => {
      const wrong = await signInAs(admin.email, 'not the password at all');
      const unknown = await signInAs('nobody@example.com', 'not the password at all');
      for (const response of [wrong, unknown]) {
        expect(response.data).toBeNull();
        expect(response.errors?.[0]).toMatchObject({
          message: 'Invalid email or password',
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
    });

    it('lets a member of several organizations choose one, and lists them all', async () => {
      const other = await createOrganization(t.app, { name: 'Globex' });
      const member = await addMember(t.app, other.organizationId, Role.Viewer, admin.email);
      expect(member.userId).toBe(admin.userId);
      const globexId = (
        await signIn(t.gql, other).then((gql) =>
          gql.data<{ viewer: { organization: { id: string } } }>(VIEWER),
        )
      ).viewer.organization.id;

      const response = await signInAs(admin.email, admin.password, globexId);
      expect(response.data!.signIn.session).toMatchObject({
        role: 'VIEWER',
        organizationId: globexId,
      });
      const viewer = await t.gql.withToken(response.data!.signIn.session.accessToken).data<{
        viewer: {
          organization: { name: string };
          memberships: Array<{ role: string; organization: { name: string } }>;
        };
      }>(VIEWER);
      expect(viewer.viewer.organization.name).toBe('Globex');
      expect(viewer.viewer.memberships).toEqual([
        { role: 'ADMIN', organization: { name: 'Acme' } },
        { role: 'VIEWER', organization: { name: 'Globex' } },
      ]);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each works once, and the new pair works', async () => {
      const first = (await signInAs(admin.email, admin.password)).data!.signIn.session;
      const second = await t.gql.data<{ refreshSession: { session: Session } }>(REFRESH, {
        input: { refreshToken: first.refreshToken },
      });
      expect(second.refreshSession.session.refreshToken).not.toBe(first.refreshToken);
      const viewer = await t.gql
        .withToken(second.refreshSession.session.accessToken)
        .data<{ viewer: { role: string } }>(VIEWER);
      expect(viewer.viewer.role).toBe('ADMIN');
    });

    it('revoke the whole family when a rotated token is presented again', async () => {
      const first = (await signInAs(admin.email, admin.password)).data!.signIn.session;
      const second = (
        await t.gql.data<{ refreshSession: { session: Session } }>(REFRESH, {
          input: { refreshToken: first.refreshToken },
        })
      ).refreshSession.session;

      const replay = await t.gql.request(REFRESH, { input: { refreshToken: first.refreshToken } });
      expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // The thief's replay also ends the legitimate holder's newer token.
      const legitimate = await t.gql.request(REFRESH, {
        input: { refreshToken: second.refreshToken },
      });
      expect(legitimate.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('stop working after signOut', async () => {
      const session = (await signInAs(admin.email, admin.password)).data!.signIn.session;
      await t.gql.withToken(session.accessToken).data('mutation { signOut { signedOut } }');
      const after = await t.gql.request(REFRESH, { input: { refreshToken: session.refreshToken } });
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('stop working everywhere after signOut(everywhere), only in this organization', async () => {
      const elsewhere = await createOrganization(t.app);
      await addMember(t.app, elsewhere.organizationId, Role.Viewer, admin.email);
      const elsewhereId = Buffer.from(`Organization:${elsewhere.organizationId}`).toString(
        'base64url',
      );
      const otherOrganization = (await signInAs(admin.email, admin.password, elsewhereId)).data!
        .signIn.session;
      const laptop = (await signInAs(admin.email, admin.password)).data!.signIn.session;
      const phone = (await signInAs(admin.email, admin.password)).data!.signIn.session;

      await t.gql
        .withToken(laptop.accessToken)
        .data('mutation { signOut(input: { everywhere: true }) { signedOut } }');

      for (const session of [laptop, phone]) {
        const after = await t.gql.request(REFRESH, {
          input: { refreshToken: session.refreshToken },
        });
        expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const untouched = await t.gql.request(REFRESH, {
        input: { refreshToken: otherOrganization.refreshToken },
      });
      expect(untouched.errors).toBeUndefined();
    });

    it('refuse a random token like a used one', async () => {
      const response = await t.gql.request(REFRESH, { input: { refreshToken: 'x'.repeat(43) } });
      expect(response.errors?.[0]).toMatchObject({
        message: 'The refresh token is not valid: sign in again',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });
  });

  describe('password links', () => {
    async function newAdminToken(): Promise<{ token: string; email: string }> {
      const created = await t.app
        .get(OrganizationService)
        .createWithAdmin(RequestContext.system('test', 'test'), {
          name: 'Initech',
          adminEmail: `peter.${Date.now()}@initech.example`,
        });
      return { token: created.passwordSetupToken!, email: created.admin.email };
    }

    it('set a password once; the link then stops working and the password signs in', async () => {
      const { token, email } = await newAdminToken();
      const first = await t.gql.data<{ resetPassword: { email: string } }>(RESET, {
        input: { token, newPassword: TEST_PASSWORD },
      });
      expect(first.resetPassword.email).toBe(email);
      const again = await t.gql.request(RESET, {
        input: { token, newPassword: 'another long passphrase' },
      });
      expect(again.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.token' }],
      });
      expect((await signInAs(email, TEST_PASSWORD)).errors).toBeUndefined();
    });

    it('refuse short, common and email-derived passwords, keeping the link usable', async () => {
      const { token, email } = await newAdminToken();
      const name = email.split('@')[0]!;
      for (const newPassword of ['too short', 'password123456', `${name}-is-my-password`]) {
        const response = await t.gql.request(RESET, { input: { token, newPassword } });
        expect(response.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ path: 'input.newPassword' }],
        });
      }
      expect(
        (await t.gql.request(RESET, { input: { token, newPassword: TEST_PASSWORD } })).errors,
      ).toBeUndefined();
    });
  });

  describe('access', () => {
    let viewer: GraphqlClient;

    beforeAll(async () => {
      viewer = await signIn(t.gql, await addMember(t.app, admin.organizationId, Role.Viewer));
    });

    it('asks anonymous callers to sign in', async () => {
      for (const query of [
        VIEWER,
        '{ jobPipeline { backend } }',
        'mutation { checkJobPipeline(input: {}) { check { id } } }',
      ]) {
        expect((await t.gql.request(query)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses what a role does not allow, and allows what it does', async () => {
      const refused = await viewer.request(
        'mutation { checkJobPipeline(input: {}) { check { id } } }',
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await viewer.data<{ viewer: { role: string } }>(VIEWER)).viewer.role).toBe('VIEWER');
    });

    it('refuses forged, malformed and expired access tokens with UNAUTHENTICATED', async () => {
      const secret = t.app.get(AuthSecret);
      const config = t.app.get(AppConfig);
      const yesterday = { now: () => new Date(Date.now() - 86_400_000) } as Clock;
      const expired = await new AccessTokens(secret, config, yesterday).issue({
        userId: admin.userId,
        organizationId: admin.organizationId,
        role: Role.Admin,
        sessionId: admin.userId,
      });
      const valid = await t.app.get(AccessTokens).issue({
        userId: admin.userId,
        organizationId: admin.organizationId,
        role: Role.Admin,
        sessionId: admin.userId,
      });
      const [header, payload] = valid.token.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      const cases: Array<[string, RegExp]> = [
        [expired.token, /expired/],
        [forged, /not valid/],
        ['not-a-jwt', /not valid/],
      ];
      for (const [token, message] of cases) {
        const response = await t.gql.withToken(token).request(VIEWER);
        expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(response.errors?.[0]?.message).toMatch(message);
      }
      const basic = await t.gql.request(VIEWER, undefined, {
        headers: { authorization: 'Basic abc' },
      });
      expect(basic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it("never finds another organization's objects", async () => {
      const other = await createOrganization(t.app);
      const otherGql = await signIn(t.gql, other);
      const acmeId = (await viewer.data<{ viewer: { organization: { id: string } } }>(VIEWER))
        .viewer.organization.id;
      const response = await otherGql.request('query($id: ID!) { node(id: $id) { id } }', {
        id: acmeId,
      });
      expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const own = await viewer.data<{ node: { id: string } }>(
        'query($id: ID!) { node(id: $id) { id } }',
        { id: acmeId },
      );
      expect(own.node.id).toBe(acmeId);
    });
  });
});
