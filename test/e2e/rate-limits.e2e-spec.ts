import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext, TransactionalConnection } from '#core';
import { createOrganization, type TestMember } from '../factories/identity.factory.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }`;

describe('rate limits on guessing', () => {
  let t: TestApp;
  let member: TestMember;

  beforeAll(async () => {
    // Behind a (pretend) proxy, so that each test can come from its own address.
    t = await startTestApp({
      withWorker: false,
      env: { TRUST_PROXY: 'true', AUTH_RATE_LIMIT_PER_IP: '15' },
    });
    member = await createOrganization(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const from = (ip: string) => new GraphqlClient(t.gql.url, { 'x-forwarded-for': ip });
  const attempt = (client: GraphqlClient, email: string, password: string) =>
    client.request(SIGN_IN, { input: { email, password } });
  const codeOf = (response: Awaited<ReturnType<typeof attempt>>) =>
    response.errors?.[0]?.extensions?.code;

  it('answers the 11th wrong password within a minute with RATE_LIMITED, even if it is right', async () => {
    const client = from('198.51.100.1');
    for (let i = 1; i <= 10; i++)
      expect(codeOf(await attempt(client, member.email, `wrong password ${i}`))).toBe(
        'UNAUTHENTICATED',
      );
    const eleventh = await attempt(client, member.email, member.password);
    expect(eleventh.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = eleventh.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    // Another address does not unlock the account.
    expect(codeOf(await attempt(from('198.51.100.2'), member.email, member.password))).toBe(
      'RATE_LIMITED',
    );
  });

  it('blocks twice as long the next time', async () => {
    const connection = t.app.get(TransactionalConnection);
    await connection.transaction(RequestContext.system('test', 'test'), async (tx) =>
      (await connection.manager(tx)).query(
        `UPDATE rate_limit SET blocked_until = now() - interval '1 second'`,
      ),
    );
    const client = from('198.51.100.3');
    expect(codeOf(await attempt(client, member.email, member.password))).toBeUndefined();
    for (let i = 1; i <= 10; i++) await attempt(client, member.email, `wrong again ${i}`);
    const blocked = await attempt(client, member.email, member.password);
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(110);
  });

  it('limits an email with no account exactly like one with an account', async () => {
    const client = from('198.51.100.4');
    const answers: Array<string | undefined> = [];
    for (let i = 1; i <= 11; i++)
      answers.push(
        codeOf(await attempt(client, 'no-such-person@example.com', 'a guess of some length')),
      );
    expect(answers).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
  });

  it('limits one address guessing across many accounts', async () => {
    const guesser = from('198.51.100.5');
    for (let i = 1; i <= 15; i++)
      await attempt(guesser, `person${i}@example.com`, 'a guess of some length');
    const other = await createOrganization(t.app);
    expect(codeOf(await attempt(guesser, other.email, other.password))).toBe('RATE_LIMITED');
    expect(
      codeOf(await attempt(from('198.51.100.6'), other.email, other.password)),
    ).toBeUndefined();
  });

  it('limits reset emails per address asked about', async () => {
    const client = from('198.51.100.7');
    const request = () =>
      client.request(
        'mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }',
        {
          input: { email: member.email },
        },
      );
    for (let i = 1; i <= 5; i++) expect((await request()).errors).toBeUndefined();
    expect(codeOf(await request())).toBe('RATE_LIMITED');
  });
});
