import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import { Role } from '#core';
import {
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const SIGN_IN = `mutation($input: SignInInput!) {
  signIn(input: $input) { session { accessToken } secondFactorChallenge { token enrollmentRequired } }
}`;
const VERIFY = `mutation($input: VerifySecondFactorInput!) {
  verifySecondFactor(input: $input) { session { accessToken role } recoveryCodes }
}`;
const ENROLL = `mutation($input: EnrollSecondFactorInput) { enrollSecondFactor(input: $input) { secret otpauthUri } }`;

type SignIn = {
  session: { accessToken: string } | null;
  secondFactorChallenge: { token: string; enrollmentRequired: boolean } | null;
};

/** What an authenticator app shows for `secret`, `steps` periods from now. */
function codeFor(secret: string, steps = 0): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

describe('second factor (TOTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  const signInAs = async (member: TestMember) =>
    (
      await t.gql.data<{ signIn: SignIn }>(SIGN_IN, {
        input: { email: member.email, password: member.password },
      })
    ).signIn;

  async function enrolled(
    member: TestMember,
  ): Promise<{ secret: string; recoveryCodes: string[] }> {
    const gql = await signIn(t.gql, member);
    const { enrollSecondFactor } = await gql.data<{
      enrollSecondFactor: { secret: string; otpauthUri: string };
    }>(ENROLL);
    expect(enrollSecondFactor.otpauthUri).toMatch(/^otpauth:\/\/totp\/Assay:/);
    const wrong = await gql.request(
      'mutation($input: SecondFactorCodeInput!) { confirmSecondFactor(input: $input) { recoveryCodes } }',
      {
        input: { code: '000000' === codeFor(enrollSecondFactor.secret) ? '111111' : '000000' },
      },
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const confirmed = await gql.data<{ confirmSecondFactor: { recoveryCodes: string[] } }>(
      'mutation($input: SecondFactorCodeInput!) { confirmSecondFactor(input: $input) { recoveryCodes } }',
      { input: { code: codeFor(enrollSecondFactor.secret) } },
    );
    return {
      secret: enrollSecondFactor.secret,
      recoveryCodes: confirmed.confirmSecondFactor.recoveryCodes,
    };
  }

  it('asks for a code once set up; a wrong code fails, the right one signs in, and works once', async () => {
    const member = await createOrganization(t.app);
    const { secret, recoveryCodes } = await enrolled(member);
    expect(recoveryCodes).toHaveLength(10);

    const first = await signInAs(member);
    expect(first.session).toBeNull();
    expect(first.secondFactorChallenge).toMatchObject({ enrollmentRequired: false });
    const challengeToken = first.secondFactorChallenge!.token;

    const wrong = await t.gql.request(VERIFY, {
      input: { challengeToken, code: codeFor(secret, 10) },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.code' }],
    });

    // The code the enrollment used is spent: the next period's is accepted (the window allows one step).
    const right = await t.gql.data<{
      verifySecondFactor: { session: { accessToken: string; role: string } };
    }>(VERIFY, {
      input: { challengeToken, code: codeFor(secret, 1) },
    });
    expect(right.verifySecondFactor.session.role).toBe('ADMIN');
    const replay = await t.gql.request(VERIFY, {
      input: { challengeToken, code: codeFor(secret, 1) },
    });
    expect(replay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts each recovery code once', async () => {
    const member = await createOrganization(t.app);
    const { recoveryCodes } = await enrolled(member);
    const challenge = async () => (await signInAs(member)).secondFactorChallenge!.token;

    const used = await t.gql.data<{ verifySecondFactor: { session: { accessToken: string } } }>(
      VERIFY,
      {
        input: { challengeToken: await challenge(), recoveryCode: recoveryCodes[0]!.toUpperCase() },
      },
    );
    expect(used.verifySecondFactor.session.accessToken).toBeTruthy();
    const again = await t.gql.request(VERIFY, {
      input: { challengeToken: await challenge(), recoveryCode: recoveryCodes[0] },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.recoveryCode' }],
    });
    const another = await t.gql.request(VERIFY, {
      input: { challengeToken: await challenge(), recoveryCode: recoveryCodes[1] },
    });
    expect(another.errors).toBeUndefined();
  });

  it('makes admins enroll at sign-in when the organization requires it, then lets them in', async () => {
    const admin = await createOrganization(t.app);
    const viewer = await addMember(t.app, admin.organizationId, Role.Viewer);
    const gql = await signIn(t.gql, admin);
    await gql.data(
      'mutation { updateOrganizationSettings(input: { secondFactorPolicy: ADMINS }) { organization { id } } }',
    );

    expect((await signInAs(viewer)).session).not.toBeNull();
    const challenged = await signInAs(admin);
    expect(challenged.secondFactorChallenge).toMatchObject({ enrollmentRequired: true });
    const challengeToken = challenged.secondFactorChallenge!.token;

    const { enrollSecondFactor } = await t.gql.data<{ enrollSecondFactor: { secret: string } }>(
      ENROLL,
      {
        input: { challengeToken },
      },
    );
    const done = await t.gql.data<{
      verifySecondFactor: { session: { role: string }; recoveryCodes: string[] };
    }>(VERIFY, {
      input: { challengeToken, code: codeFor(enrollSecondFactor.secret) },
    });
    expect(done.verifySecondFactor.session.role).toBe('ADMIN');
    expect(done.verifySecondFactor.recoveryCodes).toHaveLength(10);

    // From now on the factor is in force: a challenge cannot be used to enroll another one.
    const next = await signInAs(admin);
    expect(next.secondFactorChallenge?.enrollmentRequired).toBe(false);
    const hijack = await t.gql.request(ENROLL, {
      input: { challengeToken: next.secondFactorChallenge!.token },
    });
    expect(hijack.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a forged or expired challenge', async () => {
    const response = await t.gql.request(VERIFY, {
      input: { challengeToken: 'eyJhbGciOiJIUzI1NiJ9.e30.x', code: '123456' },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('records enabling, challenges passed and codes failed in the audit trail', async () => {
    const member = await createOrganization(t.app);
    const { secret } = await enrolled(member);
    const challengeToken = (await signInAs(member)).secondFactorChallenge!.token;
    await t.gql.request(VERIFY, { input: { challengeToken, code: codeFor(secret, 10) } });
    const signedIn = await t.gql.data<{ verifySecondFactor: { session: { accessToken: string } } }>(
      VERIFY,
      {
        input: { challengeToken, code: codeFor(secret, 1) },
      },
    );
    const gql: GraphqlClient = t.gql.withToken(signedIn.verifySecondFactor.session.accessToken);
    const trail = await gql.data<{
      auditEvents: {
        nodes: Array<{ action: string; changes: Array<{ field: string; after: string }> }>;
      };
    }>('{ auditEvents(first: 50) { nodes { action changes { field after } } } }');
    const actions = trail.auditEvents.nodes.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.second_factor_enabled', 'session.second_factor_failed']),
    );
    const withFactor = trail.auditEvents.nodes.find(
      (event) =>
        event.action === 'session.signed_in' &&
        event.changes.some((change) => change.field === 'secondFactor'),
    );
    expect(withFactor?.changes).toContainEqual({ field: 'secondFactor', after: '"TOTP"' });
  });
});
