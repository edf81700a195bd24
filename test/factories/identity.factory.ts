import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { RequestContext, Role, TransactionalConnection } from '#core';
import {
  Membership,
  OrganizationService,
  PasswordHasher,
  PasswordService,
  normalizeEmail,
} from '#identity';
import type { GraphqlClient } from '../utils/graphql-client.js';

export const TEST_PASSWORD = 'a long test passphrase, 2026';

export interface TestMember {
  readonly email: string;
  readonly password: string;
  readonly userId: string;
  readonly organizationId: string;
  readonly role: Role;
}

const system = () => RequestContext.system('test-factory', 'test-factory');

function uniqueEmail(label: string): string {
  return normalizeEmail(`${label}.${randomBytes(4).toString('hex')}@example.com`);
}

/** An organization and its admin, who has set a password (through the one-time token). */
export async function createOrganization(
  app: INestApplicationContext,
  options: { name?: string; adminEmail?: string } = {},
): Promise<TestMember> {
  const created = await app.get(OrganizationService).createWithAdmin(system(), {
    name: options.name ?? `Org ${randomBytes(3).toString('hex')}`,
    adminEmail: options.adminEmail ?? uniqueEmail('admin'),
  });
  if (created.passwordSetupToken) {
    await app.get(PasswordService).resetPassword(system(), {
      token: created.passwordSetupToken,
      newPassword: TEST_PASSWORD,
    });
  }
  return {
    email: created.admin.email,
    password: TEST_PASSWORD,
    userId: created.admin.id,
    organizationId: created.organization.id,
    role: Role.Admin,
  };
}

/** Another member of `organizationId` with `role` and a password. */
export async function addMember(
  app: INestApplicationContext,
  organizationId: string,
  role: Role,
  email = uniqueEmail(role.toLowerCase()),
): Promise<TestMember> {
  const connection = app.get(TransactionalConnection);
  const hash = await app.get(PasswordHasher).hash(TEST_PASSWORD);
  const userId = await connection.systemTransaction(system(), async (tx) => {
    const [user] = (await (
      await connection.manager(tx)
    ).query(
      `INSERT INTO app_user (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $1, $2)
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
      [email, hash],
    )) as Array<{ id: string }>;
    const memberships = await connection.repository(tx, Membership);
    await memberships.insert(memberships.create({ organizationId, userId: user!.id, role }));
    return user!.id;
  });
  return { email, password: TEST_PASSWORD, userId, organizationId, role };
}

/** Signs `member` in over GraphQL and returns its access token. */
export async function signInToken(gql: GraphqlClient, member: TestMember): Promise<string> {
  const data = await gql.data<{ signIn: { session: { accessToken: string } } }>(
    `mutation SignIn($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }`,
    { input: { email: member.email, password: member.password } },
  );
  return data.signIn.session.accessToken;
}

/** Signs `member` in over GraphQL and returns a client that sends its access token. */
export async function signIn(gql: GraphqlClient, member: TestMember): Promise<GraphqlClient> {
  return gql.withToken(await signInToken(gql, member));
}

/** A new organization and a client signed in as its admin. */
export async function signedInAdmin(
  app: INestApplicationContext,
  gql: GraphqlClient,
): Promise<{ admin: TestMember; gql: GraphqlClient }> {
  const admin = await createOrganization(app);
  return { admin, gql: await signIn(gql, admin) };
}
