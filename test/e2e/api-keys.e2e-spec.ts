import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext, Role, TransactionalConnection } from '#core';
import {
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { GraphqlClient as Client } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const CREATE = `mutation Create($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name prefix scopes lastUsedAt expiresAt revokedAt } }
}`;
const REVOKE = `mutation Revoke($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } } }`;
const READ = '{ jobPipeline { backend } }';
const WRITE = 'mutation { checkJobPipeline(input: {}) { check { id } } }';

type Created = {
  key: string;
  apiKey: { id: string; name: string; prefix: string; scopes: string[]; lastUsedAt: string | null };
};

describe('API keys', () => {
  let t: TestApp;
  let admin: TestMember;
  let gql: GraphqlClient;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
    admin = await createOrganization(t.app);
    gql = await signIn(t.gql, admin);
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = async (input: Record<string, unknown>) =>
    (await gql.data<{ createApiKey: Created }>(CREATE, { input })).createApiKey;
  const withKey = (key: string) => new Client(t.gql.url, { 'x-api-key': key });

  it('shows a new key once and keeps only its prefix and a hash', async () => {
    const created = await create({ name: 'GRC sync', scopes: ['READ'] });
    expect(created.key).toMatch(new RegExp(`^assay_${created.apiKey.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(created.apiKey).toMatchObject({ name: 'GRC sync', scopes: ['READ'], lastUsedAt: null });
    const secret = created.key.split('_').slice(2).join('_');
    const connection = t.app.get(TransactionalConnection);
    const stored = JSON.stringify(
      await connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) =>
        (await connection.manager(tx)).query(`SELECT row_to_json(api_key) FROM api_key`),
      ),
    );
    expect(stored).toContain(created.apiKey.prefix);
    expect(stored).not.toContain(secret);
    const listed = await gql.data<{ apiKeys: { nodes: Array<Record<string, unknown>> } }>(
      '{ apiKeys { nodes { id prefix name } } }',
    );
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('reads with READ in either header, records when it was used, and may not write', async () => {
    const { key, apiKey } = await create({ name: 'BI', scopes: ['READ'] });
    expect(
      (await withKey(key).data<{ jobPipeline: { backend: string } }>(READ)).jobPipeline.backend,
    ).toBe('REDIS');
    expect((await t.gql.withToken(key).request(READ)).errors).toBeUndefined();
    expect((await withKey(key).request(WRITE)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const used = await gql.data<{ node: { lastUsedAt: string | null } }>(
      'query($id: ID!) { node(id: $id) { ... on ApiKey { lastUsedAt } } }',
      { id: apiKey.id },
    );
    expect(used.node.lastUsedAt).not.toBeNull();
  });

  it('writes with WRITE, which includes READ', async () => {
    const { key, apiKey } = await create({ name: 'Ticketing', scopes: ['WRITE'] });
    expect(apiKey.scopes).toEqual(['READ', 'WRITE']);
    expect((await withKey(key).request(WRITE)).errors).toBeUndefined();
    expect((await withKey(key).request(READ)).errors).toBeUndefined();
  });

  it('acts inside its own organization only, never as a member', async () => {
    const { key } = await create({ name: 'Scoped', scopes: ['READ'] });
    const viewer = await withKey(key).request('{ viewer { role } }');
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('stops working once revoked, and when expired', async () => {
    const { key, apiKey } = await create({ name: 'Old', scopes: ['READ'] });
    await gql.data(REVOKE, { input: { id: apiKey.id } });
    const revoked = await withKey(key).request(READ);
    expect(revoked.errors?.[0]).toMatchObject({
      message: 'The API key is not valid',
      extensions: { code: 'UNAUTHENTICATED' },
    });

    const soon = await create({
      name: 'Short',
      scopes: ['READ'],
      expiresAt: new Date(Date.now() + 1_000).toISOString(),
    });
    expect((await withKey(soon.key).request(READ)).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await withKey(soon.key).request(READ)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a forged secret behind a real prefix like an unknown key', async () => {
    const { key } = await create({ name: 'Target', scopes: ['READ'] });
    const forged = `${key.slice(0, key.lastIndexOf('_') + 1)}${'x'.repeat(43)}`;
    for (const attempt of [forged, 'assay_AAAAAAAAAAAA_' + 'y'.repeat(43), 'not-a-key']) {
      const response = await withKey(attempt).request(READ);
      expect(response.errors?.[0]).toMatchObject({
        message: 'The API key is not valid',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('is managed by admins only, and every change is audited without the secret', async () => {
    const procurement = await signIn(
      t.gql,
      await addMember(t.app, admin.organizationId, Role.Procurement),
    );
    const refused = await procurement.request(CREATE, { input: { name: 'x', scopes: ['READ'] } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid = await gql.request(CREATE, { input: { name: 'x', scopes: [] } });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.scopes' }],
    });

    const { apiKey } = await create({ name: 'Audited', scopes: ['READ'] });
    const trail = await gql.data<{
      auditEvents: {
        nodes: Array<{ action: string; changes: Array<{ field: string; after: string }> }>;
      };
    }>(
      '{ auditEvents(filter: { action: "api_key.created" }) { nodes { action changes { field after } } } }',
    );
    const created = trail.auditEvents.nodes[0]!;
    expect(created.changes).toContainEqual({ field: 'secretHash', after: '"[redacted]"' });
    expect(created.changes).toContainEqual({
      field: 'prefix',
      after: JSON.stringify(apiKey.prefix),
    });
  });
});
