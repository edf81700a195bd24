import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, QueueName, RequestContext, Role, TransactionalConnection } from '#core';
import { AccessTokens, Membership } from '#identity';
import { requestPipelineCheck } from '../factories/pipeline-check.factory.js';
import {
  addMember,
  createOrganization,
  signInToken,
  type TestMember,
} from '../factories/identity.factory.js';
import { eventually } from '../utils/eventually.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const QUEUE_COUNTS = `query { queueStats { queue waiting delayed active failed completed } }`;

interface QueueCountView {
  queue: string;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  completed: number;
}

type Headers = Record<string, string>;

const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

/** A request under /admin/queues, as a browser or curl would send it. */
async function board(
  t: TestApp,
  path: string,
  init: { method?: string; headers?: Headers } = {},
): Promise<Response> {
  return fetch(`${t.url}/admin/queues${path}`, { method: init.method, headers: init.headers });
}

/** Opens a board session with `token`; the cookie as a browser would send it back, and its attributes. */
async function openSession(
  t: TestApp,
  token: string,
): Promise<{ response: Response; cookie: string; attributes: string[] }> {
  const response = await board(t, '/session', { method: 'POST', headers: bearer(token) });
  const [setCookie = ''] = response.headers.getSetCookie();
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  return { response, cookie: pair, attributes };
}

async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
  return body.errors[0]?.extensions.code;
}

async function createReadKey(gql: GraphqlClient, token: string): Promise<string> {
  const data = await gql
    .withToken(token)
    .data<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "monitoring", scopes: [READ] }) { key } }`,
    );
  return data.createApiKey.key;
}

async function setRole(t: TestApp, member: TestMember, role: Role): Promise<void> {
  const connection = t.app.get(TransactionalConnection);
  await connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) => {
    await (
      await connection.repository(tx, Membership)
    ).update({ organizationId: member.organizationId, userId: member.userId }, { role });
  });
}

describe('the admin queue board and queueStats (BullMQ on Redis)', () => {
  let t: TestApp;
  let admin: TestMember;
  let adminToken: string;
  let procurementToken: string;
  let readKey: string;

  beforeAll(async () => {
    // No worker: jobs stay where they were queued, so the counts are exact.
    t = await startTestApp({ withWorker: false });
    admin = await createOrganization(t.app);
    adminToken = await signInToken(t.gql, admin);
    procurementToken = await signInToken(
      t.gql,
      await addMember(t.app, admin.organizationId, Role.Procurement),
    );
    readKey = await createReadKey(t.gql, adminToken);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows an admin the board page, its static files under the same guard, and a scoped CSP', async () => {
    const page = await board(t, '', { headers: bearer(adminToken) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-powered-by')).toBeNull();
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    expect(html).toContain('Assay queues');

    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await board(t, `/${script}`, { headers: bearer(adminToken) });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await board(t, `/${script}`)).status).toBe(401);

    // The relaxed policy stays on the board's path.
    const health = await fetch(`${t.url}/health/live`);
    expect(health.headers.get('content-security-policy')).toBeNull();
  });

  it("lists every queue of QueueName in the board's JSON API", async () => {
    const response = await board(t, '/api/queues', { headers: bearer(adminToken) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: Array<{ name: string; type: string }> };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(body.queues.every((queue) => queue.type === 'bullmq')).toBe(true);
  });

  it('refuses anonymous requests (401), other roles and API keys (403), with nothing of the board', async () => {
    for (const path of ['', '/api/queues', '/static/favicon-32x32.png']) {
      const anonymous = await board(t, path);
      expect(anonymous.status).toBe(401);
      expect(await errorCode(anonymous)).toBe('UNAUTHENTICATED');
    }
    const invalid = await board(t, '/api/queues', { headers: bearer('not.a.token') });
    expect(invalid.status).toBe(401);

    for (const headers of [bearer(procurementToken), { 'x-api-key': readKey }]) {
      const page = await board(t, '', { headers });
      expect(page.status).toBe(403);
      const text = await page.text();
      expect(text).not.toContain('<html');
      expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
      expect((await board(t, '/api/queues', { headers })).status).toBe(403);
    }
  });

  it('opens the board with a short, HttpOnly, SameSite=Strict session cookie scoped to the board', async () => {
    const { response, cookie, attributes } = await openSession(t, adminToken);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { expiresAt: string };
    const lifetimeMs = new Date(body.expiresAt).getTime() - Date.now();
    expect(lifetimeMs).toBeGreaterThan(14 * 60_000);
    expect(lifetimeMs).toBeLessThanOrEqual(15 * 60_000);
    expect(cookie).toMatch(/^assay_queue_board=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(attributes).toEqual(
      expect.arrayContaining(['Max-Age=900', 'Path=/admin/queues', 'HttpOnly', 'SameSite=Strict']),
    );
    // Plain HTTP here; behind HTTPS the cookie is Secure too.
    expect(attributes).not.toContain('Secure');
    const trail = await t.gql.withToken(adminToken).data<{
      auditEvents: { nodes: Array<{ actorId: string }> };
    }>('{ auditEvents(filter: { action: "session.queue_board_opened" }) { nodes { actorId } } }');
    expect(trail.auditEvents.nodes[0]?.actorId).toBe(admin.userId);

    const page = await board(t, '', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/admin/queues/"');
    expect((await board(t, '/api/queues', { headers: { cookie } })).status).toBe(200);

    // The cookie opens the board only: it is no credential for GraphQL, nor for a new cookie.
    const graphql = await t.gql.request(QUEUE_COUNTS, undefined, { headers: { cookie } });
    expect(graphql.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const renewed = await board(t, '/session', { method: 'POST', headers: { cookie } });
    expect(renewed.status).toBe(401);

    // Cross-origin changes riding on the cookie are refused.
    const crossSite = await board(t, `/api/queues/${QueueName.System}/pause`, {
      method: 'PUT',
      headers: { cookie, 'sec-fetch-site': 'same-site' },
    });
    expect(crossSite.status).toBe(403);

    const closed = await board(t, '/session', { method: 'DELETE' });
    expect(closed.status).toBe(204);
    expect(closed.headers.getSetCookie()[0]).toMatch(
      /^assay_queue_board=; Path=\/admin\/queues; Expires=Thu, 01 Jan 1970/,
    );
  });

  it('gives no session to other roles, API keys or anonymous callers', async () => {
    const procurement = await openSession(t, procurementToken);
    expect(procurement.response.status).toBe(403);
    expect(procurement.cookie).toBe('');
    const key = await board(t, '/session', { method: 'POST', headers: { 'x-api-key': readKey } });
    expect(key.status).toBe(403);
    expect((await board(t, '/session', { method: 'POST' })).status).toBe(401);
  });

  it('refuses an expired, forged or foreign cookie', async () => {
    const { cookie } = await openSession(t, adminToken);
    const [name, token] = cookie.split('=') as [string, string];
    const [header, payload, signature] = token.split('.') as [string, string, string];

    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const forgedClaims = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        org: admin.organizationId,
        sub: '00000000-0000-4000-8000-000000000000',
      }),
    ).toString('base64url');
    const accessToken = (
      await t.app.get(AccessTokens).issue({
        userId: admin.userId,
        organizationId: admin.organizationId,
        role: Role.Admin,
        sessionId: '00000000-0000-4000-8000-000000000000',
      })
    ).token;
    for (const forged of [
      `${header}.${payload}.${flipped}`,
      `${header}.${forgedClaims}.${signature}`,
      accessToken,
      'garbage',
    ]) {
      const response = await board(t, '/api/queues', { headers: { cookie: `${name}=${forged}` } });
      expect(response.status).toBe(401);
    }

    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 15 * 60_000 + 1_000));
    const expired = await board(t, '/api/queues', { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain('expired');
  });

  it("checks the member's role and sign-in again on every request with the cookie", async () => {
    const second = await addMember(t.app, admin.organizationId, Role.Admin);
    const secondToken = await signInToken(t.gql, second);
    const { cookie } = await openSession(t, secondToken);
    expect((await board(t, '/api/queues', { headers: { cookie } })).status).toBe(200);

    await setRole(t, second, Role.Procurement);
    expect((await board(t, '/api/queues', { headers: { cookie } })).status).toBe(403);
    await setRole(t, second, Role.Admin);
    expect((await board(t, '/api/queues', { headers: { cookie } })).status).toBe(200);

    await t.gql.withToken(secondToken).data('mutation { signOut { signedOut } }');
    expect((await board(t, '/api/queues', { headers: { cookie } })).status).toBe(401);
  });

  it('counts the jobs of every queue for admins and read keys, and shows them on the board', async () => {
    const counts = async (gql: GraphqlClient) =>
      (await gql.data<{ queueStats: QueueCountView[] }>(QUEUE_COUNTS)).queueStats;
    const system = async () =>
      (await counts(t.gql.withToken(adminToken))).find((row) => row.queue === QueueName.System)!;

    const before = await counts(t.gql.withToken(adminToken));
    expect(before.map((row) => row.queue)).toEqual(Object.values(QueueName));

    await requestPipelineCheck(t.gql.withToken(adminToken), { holdSeconds: 5 });
    await requestPipelineCheck(t.gql.withToken(adminToken), { delaySeconds: 600 });
    const after = await eventually(
      async () => {
        const row = await system();
        return row.waiting === 1 && row.delayed === 1 && row;
      },
      { what: 'the relayed checks to be counted' },
    );
    expect(after).toMatchObject({ active: 0, failed: 0, completed: 0 });
    expect(await counts(t.gql.withToken(readKey))).toEqual(
      await counts(t.gql.withToken(adminToken)),
    );

    const listed = await board(t, `/api/queues?activeQueue=${QueueName.System}&status=waiting`, {
      headers: bearer(adminToken),
    });
    const body = (await listed.json()) as {
      queues: Array<{
        name: string;
        counts: Record<string, number>;
        jobs: Array<{ name: string }>;
      }>;
    };
    const queue = body.queues.find((row) => row.name === QueueName.System)!;
    expect(queue.counts).toMatchObject({ waiting: 1, delayed: 1 });
    expect(queue.jobs.map((job) => job.name)).toEqual(['system.pipeline-check']);

    const refused = await t.gql.withToken(procurementToken).request(QUEUE_COUNTS);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql.request(QUEUE_COUNTS)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('the admin queue board in embedded mode (jobs in process)', () => {
  let t: TestApp;
  let adminToken: string;

  // PGlite starts and migrates in process: slower than a server under a loaded test run.
  beforeAll(async () => {
    t = await startTestApp({ backend: 'inline' });
    adminToken = await signInToken(t.gql, await createOrganization(t.app));
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('tells an admin there is no board, still refuses anyone else, and counts jobs', async () => {
    const page = await board(t, '', { headers: bearer(adminToken) });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await page.text()).toContain('QUEUE_BACKEND=redis');
    expect((await board(t, '')).status).toBe(401);

    const data = await t.gql
      .withToken(adminToken)
      .data<{ queueStats: QueueCountView[] }>(QUEUE_COUNTS);
    expect(data.queueStats.map((row) => row.queue)).toEqual(Object.values(QueueName));
  });
});
