import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatementCounter } from '#core';
import { printApiSchema } from '../../apps/api/src/bootstrap.js';
import {
  fetchPipelineCheck,
  requestPipelineCheck,
  type PipelineCheckView,
} from '../factories/pipeline-check.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const CHECK_COUNT = 7;

describe('schema.graphql and Relay conventions', () => {
  let database: TestDatabase;
  let t: TestApp;
  let created: PipelineCheckView[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Write the data with a worker, then read it with an app that runs nothing in the
    // background (no workers, no outbox polling), so SQL statements can be counted.
    const writer = await startTestApp({ database });
    created = [];
    for (let i = 0; i < CHECK_COUNT; i++)
      created.push(await requestPipelineCheck(writer.gql, { delaySeconds: i % 3 }));
    await eventually(
      async () =>
        (
          await writer.gql.data<{ jobPipelineChecks: { totalCount: number } }>(
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
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('commits the schema the code generates (run `npm run schema:print` after API changes)', async () => {
    const committed = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(printApiSchema(t.app)).toBe(committed);
  });

  describe('node(id:)', () => {
    it('refetches an object by its opaque global id', async () => {
      const fetched = await fetchPipelineCheck(t.gql, created[0]!.id);
      expect(fetched.id).toBe(created[0]!.id);
      expect(fetched.status).toBe('COMPLETED');
      expect(created[0]!.id).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    });

    it('answers NOT_FOUND for a well-formed id that does not exist, or of a type with no nodes', async () => {
      for (const id of [
        Buffer.from('JobPipelineCheck:01900000-0000-7000-8000-000000000000').toString('base64url'),
        Buffer.from('Organization:01900000-0000-7000-8000-000000000000').toString('base64url'),
      ]) {
        const response = await t.gql.request('query($id: ID!) { node(id: $id) { id } }', { id });
        expect(response.data?.node).toBeNull();
        expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
    });

    it('answers BAD_USER_INPUT naming the argument for a malformed id', async () => {
      const response = await t.gql.request('{ node(id: "not-an-id") { id } }');
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
        const page: Page = await t.gql.data<Page>(PAGE, { first, after, orderBy });
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
      const tooMany = await t.gql.request(PAGE, { first: 101 });
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'first' }],
      });
      const none = await t.gql.data<Page>(PAGE, { first: 0 });
      expect(none.jobPipelineChecks.edges).toEqual([]);
      expect(none.jobPipelineChecks.totalCount).toBe(CHECK_COUNT);
    });

    it('filters', async () => {
      const data = await t.gql.data<{ jobPipelineChecks: { totalCount: number } }>(
        '{ jobPipelineChecks(filter: { status: PENDING }) { totalCount } }',
      );
      expect(data.jobPipelineChecks.totalCount).toBe(0);
    });
  });

  it('resolves relation fields in batches: the same SQL statements for 2 items as for 7', async () => {
    const counter = t.app.get(StatementCounter);
    const statementsFor = async (first: number) => {
      const before = counter.value;
      const data = await t.gql.data<{
        jobPipelineChecks: { nodes: Array<{ deliveries: Array<{ check: { id: string } }> }> };
      }>(
        `query($first: Int) { jobPipelineChecks(first: $first) {
           nodes { id deliveries { outcome check { id deliveries { attempt } } } }
         } }`,
        { first },
      );
      expect(data.jobPipelineChecks.nodes).toHaveLength(first);
      expect(data.jobPipelineChecks.nodes.every((node) => node.deliveries.length === 1)).toBe(true);
      return counter.value - before;
    };
    const small = await statementsFor(2);
    const large = await statementsFor(CHECK_COUNT);
    expect(large).toBe(small);
    // BEGIN, the role and tenant, the page, the deliveries of its checks, the checks of those
    // deliveries, COMMIT.
    expect(small).toBe(6);
  });
});
