import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { signedInAdmin } from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/** Every request below is a mutation that would create a pipeline check if any resolver ran. */
const CHECK = 'checkJobPipeline(input: {}) { check { id } }';

function nested(depth: number): string {
  let selection = 'id';
  for (let level = 3; level < depth; level += 2)
    selection = `deliveries { check { ${selection} } }`;
  return `mutation { checkJobPipeline(input: {}) { check { ${selection} } } }`;
}

describe('GraphQL limits and error hygiene', () => {
  let t: TestApp;
  let production: TestApp;
  /** Most requests below are anonymous on purpose: the limits hold before authentication. */
  let admin: GraphqlClient;

  beforeAll(async () => {
    t = await startTestApp({ env: { GRAPHQL_MAX_COST: '200' } });
    production = await startTestApp({ database: t.database!, env: { NODE_ENV: 'production' } });
    ({ gql: admin } = await signedInAdmin(t.app, t.gql));
  });

  afterAll(async () => {
    await production?.close();
    await t?.close();
  });

  const checksCreated = async () =>
    (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM pipeline_check`))[0]
      .n as number;

  async function expectRejected(
    response: {
      status: number;
      errors?: Array<{ extensions?: { code?: string; [k: string]: unknown } }>;
    },
    code: string,
  ) {
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|\bat .*\.js:\d+/);
    expect(await checksCreated()).toBe(0);
  }

  it('runs an ordinary mutation (so the rejections below are the limits, not the query)', async () => {
    const response = await admin.request(nested(7));
    expect(response.errors).toBeUndefined();
    await t.app.get(DataSource).query(`DELETE FROM outbox_message; DELETE FROM pipeline_check`);
  });

  it('rejects a query 20 levels deep', async () => {
    await expectRejected(await t.gql.request(nested(20)), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects 50 aliases', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: ${CHECK}`).join(' ');
    await expectRejected(
      await t.gql.request(`mutation { ${aliases} }`),
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('rejects a query over the cost limit', async () => {
    const fields = Array.from(
      { length: 10 },
      () => 'id requestedAt runAt holdSeconds status completedAt',
    ).join(' ');
    const aliases = Array.from(
      { length: 5 },
      (_, i) => `a${i}: checkJobPipeline(input: {}) { check { ${fields} } }`,
    );
    await expectRejected(
      await t.gql.request(`mutation { ${aliases.join(' ')} }`),
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('rejects too many directives', async () => {
    const directives = Array.from({ length: 11 }, () => '@include(if: true)').join(' ');
    await expectRejected(
      await t.gql.request(
        `mutation { checkJobPipeline(input: {}) { check { id ${directives} } } }`,
      ),
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('rejects a 200 KB query document, whether tokens or padding', async () => {
    const tokens = `mutation { ${CHECK} } ${'query Q { jobPipeline { backend } } '.repeat(6_000)}`;
    const padded = `mutation { ${CHECK} } #${'x'.repeat(200_000)}`;
    for (const query of [tokens, padded]) {
      expect(query.length).toBeGreaterThan(200_000);
      const response = await t.gql.request(query);
      expect(response.status).toBe(413);
      await expectRejected(response, 'BAD_REQUEST');
    }
  });

  it('rejects more tokens than allowed even in a small document', async () => {
    const variables = Array.from({ length: 700 }, (_, i) => `$v${i}: Int`).join(' ');
    const response = await t.gql.request(`mutation M(${variables}) { ${CHECK} }`);
    expect(response.status).toBe(400);
    await expectRejected(response, 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses batched requests', async () => {
    const response = await t.gql.request('', undefined, {
      body: [{ query: `mutation { ${CHECK} }` }, { query: `mutation { ${CHECK} }` }],
    });
    expect(response.status).toBe(400);
    await expectRejected(response, 'BAD_REQUEST');
  });

  it('refuses a request a browser could send cross-site (CSRF prevention)', async () => {
    const response = await fetch(t.gql.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: `mutation { ${CHECK} }` }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
    expect(await checksCreated()).toBe(0);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and no stack trace', async () => {
    const response = await t.gql.request('mutation { checkJobPipeline(input: {}) { check { id }');
    expect(response.status).toBe(400);
    await expectRejected(response, 'GRAPHQL_PARSE_FAILED');
    expect(Object.keys(response.errors![0]!.extensions!)).toEqual(['code']);
  });

  it('suggests field names in development but not in production', async () => {
    const query = '{ jobPipeline { backnd } }';
    const development = await t.gql.request(query);
    expect(development.errors?.[0]?.message).toMatch(/Did you mean/);

    const response = await production.gql.request(query);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('turns introspection off in production', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect((await t.gql.request(query)).errors).toBeUndefined();
    const response = await production.gql.request(query);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves GraphiQL in development only', async () => {
    const page = (app: TestApp) => fetch(app.gql.url, { headers: { accept: 'text/html' } });
    expect(await (await page(t)).text()).toMatch(/graphiql/i);
    expect(await (await page(production)).text()).not.toMatch(/graphiql/i);
  });

  it('answers a forged cursor with BAD_USER_INPUT naming the argument', async () => {
    const forged = Buffer.from('["x"]').toString('base64url');
    const response = await admin.request(
      `{ jobPipelineChecks(after: "${forged}") { totalCount } }`,
    );
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'after', message: 'not a cursor from this list' }],
    });
  });
});
