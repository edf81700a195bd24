import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatementCounter } from '#core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printApiSchema } from '../../apps/api/src/bootstrap.js';
import {
  operationAccess,
  renderAccessTable,
} from '../../apps/api/src/graphql/access/access-table.js';
import {
  fetchPipelineCheck,
  requestPipelineCheck,
  type PipelineCheckView,
} from '../factories/pipeline-check.factory.js';
import { signIn, signedInAdmin } from '../factories/identity.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { eventually } from '../utils/eventually.js';
import { waitForQueues } from '../utils/queues.js';
import { statementsOf } from '../utils/statements.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const CHECK_COUNT = 7;

describe('schema.graphql and Relay conventions', () => {
  let database: TestDatabase;
  let t: TestApp;
  let gql: GraphqlClient;
  let created: PipelineCheckView[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Write the data with a worker, then read it with an app that runs nothing in the
    // background (no workers, no outbox polling), so SQL statements can be counted.
    const writer = await startTestApp({ database });
    const { admin, gql: writerGql } = await signedInAdmin(writer.app, writer.gql);
    created = [];
    for (let i = 0; i < CHECK_COUNT; i++)
      created.push(await requestPipelineCheck(writerGql, { delaySeconds: i % 3 }));
    await eventually(
      async () =>
        (
          await writerGql.data<{ jobPipelineChecks: { totalCount: number } }>(
            '{ jobPipelineChecks(filter: { status: PENDING }) { totalCount } }',
          )
        ).jobPipelineChecks.totalCount === 0,
      { what: 'every check to complete' },
    );
    await waitForQueues(writer.app);
    await writer.close();
    t = await startTestApp({
      database,
      withWorker: false,
      env: { OUTBOX_POLL_INTERVAL_MS: '60000' },
    });
    gql = await signIn(t.gql, admin);
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('commits the schema the code generates (run `npm run schema:print` after API changes)', async () => {
    const committed = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(printApiSchema(t.app)).toBe(committed);
  });

  it('declares who may run every query and mutation, as the README says', async () => {
    const rows = operationAccess(t.app);
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    expect(rows.map((row) => row.operation).sort()).toEqual(operations.sort());
    expect(rows.filter((row) => !row.rule).map((row) => row.operation)).toEqual([]);
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderAccessTable(rows));
  });

  describe('node(id:)', () => {
    it('refetches an object by its opaque global id', async () => {
      const fetched = await fetchPipelineCheck(gql, created[0]!.id);
      expect(fetched.id).toBe(created[0]!.id);
      expect(fetched.status).toBe('COMPLETED');
      expect(created[0]!.id).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    });

    it('answers NOT_FOUND for a well-formed id that does not exist, or of a type with no nodes', async () => {
      for (const id of [
        Buffer.from('JobPipelineCheck:01900000-0000-7000-8000-000000000000').toString('base64url'),
        Buffer.from('Organization:01900000-0000-7000-8000-000000000000').toString('base64url'),
      ]) {
        const response = await gql.request('query($id: ID!) { node(id: $id) { id } }', { id });
        expect(response.data?.node).toBeNull();
        expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
    });

    it('answers BAD_USER_INPUT naming the argument for a malformed id', async () => {
      const response = await gql.request('{ node(id: "not-an-id") { id } }');
      expect(response.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'id', message: 'not an id issued by this API' }],
      });
    });
  });

  describe('connections', () => {
    const PAGE = `query Page($first: Int, $after: String, $orderBy: JobPipelineCheckOrder) {
      jobPipelineChecks(first: $first, after: $after, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id requestedAt runAt } }
      }
    }`;
    type Page = {
      jobPipelineChecks: {
        totalCount: number;
        pageInfo: {
          hasNextPage: boolean;
          hasPreviousPage: boolean;
          startCursor: string;
          endCursor: string;
        };
        edges: Array<{ cursor: string; node: { id: string; requestedAt: string; runAt: string } }>;
      };
    };

    async function walk(first: number, orderBy?: Record<string, string>) {
      const seen: Page['jobPipelineChecks'][] = [];
      let after: string | null = null;
      do {
        const page: Page = await gql.data<Page>(PAGE, { first, after, orderBy });
        seen.push(page.jobPipelineChecks);
        after = page.jobPipelineChecks.pageInfo.hasNextPage
          ? page.jobPipelineChecks.pageInfo.endCursor
          : null;
      } while (after);
      return seen;
    }

    it('pages through every item once, newest first, with stable cursors and a total', async () => {
      const pages = await walk(3);
      expect(pages.map((page) => page.edges.length)).toEqual([3, 3, 1]);
      expect(pages.every((page) => page.totalCount === CHECK_COUNT)).toBe(true);
      expect(pages.map((page) => page.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
      const ids = pages.flatMap((page) => page.edges.map((edge) => edge.node.id));
      expect(ids).toEqual(created.map((check) => check.id).reverse());
      expect(pages[0]!.pageInfo.endCursor).toBe(pages[0]!.edges[2]!.cursor);
    });

    it('orders by another field when asked, ties broken by id', async () => {
      const pages = await walk(2, { field: 'RUN_AT', direction: 'ASC' });
      const runAts = pages.flatMap((page) => page.edges.map((edge) => Date.parse(edge.node.runAt)));
      expect(runAts).toHaveLength(CHECK_COUNT);
      expect([...runAts].sort((a, b) => a - b)).toEqual(runAts);
    });

    it('caps the page size at 100 and accepts 0', async () => {
      for (const first of [101, -1]) {
        const refused = await gql.request(PAGE, { first });
        expect(refused.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ path: 'first' }],
        });
      }
      const none = await gql.data<Page>(PAGE, { first: 0 });
      expect(none.jobPipelineChecks.edges).toEqual([]);
      expect(none.jobPipelineChecks.totalCount).toBe(CHECK_COUNT);
    });

    it('filters', async () => {
      const data = await gql.data<{ jobPipelineChecks: { totalCount: number } }>(
        '{ jobPipelineChecks(filter: { status: PENDING }) { totalCount } }',
      );
      expect(data.jobPipelineChecks.totalCount).toBe(0);
    });
  });

  it('resolves relation fields in batches: the same SQL statements for 2 items as for 7', async () => {
    const counter = t.app.get(StatementCounter);
    const statementsFor = (first: number) =>
      statementsOf(counter, async () => {
        const data = await gql.data<{
          jobPipelineChecks: { nodes: Array<{ deliveries: Array<{ check: { id: string } }> }> };
        }>(
          `query($first: Int) { jobPipelineChecks(first: $first) {
             nodes { id deliveries { outcome check { id deliveries { attempt } } } }
           } }`,
          { first },
        );
        expect(data.jobPipelineChecks.nodes).toHaveLength(first);
        expect(data.jobPipelineChecks.nodes.every((node) => node.deliveries.length === 1)).toBe(
          true,
        );
      });
    const small = await statementsFor(2);
    const large = await statementsFor(CHECK_COUNT);
    expect(large).toBe(small);
    // The page, the deliveries of its checks, the checks of those deliveries: each read alone,
    // with the role and tenant in its message, and no transaction to end.
    expect(small).toBe(3);
  });
});
