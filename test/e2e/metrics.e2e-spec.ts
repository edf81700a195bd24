import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, JobName, OutboxRelay, QueueBackend, QueueName, jobId } from '#core';
import { signedInAdmin } from '../factories/identity.factory.js';
import { fetchPipelineCheck, requestPipelineCheck } from '../factories/pipeline-check.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { samplesOf, scrape, valueOf, type MetricSample } from '../utils/metrics.js';
import { freePort, startProcess, type RunningProcess } from '../utils/processes.js';
import { startTestApp, testEnvironment, type TestApp } from '../utils/test-app.js';

const TOKEN = 'metrics-token-only-the-tests-know-0123456789';
const OPERATIONS = 'assay_graphql_operations_total';
const DURATIONS = 'assay_graphql_operation_duration_seconds_count';
const ERRORS = 'assay_graphql_errors_total';
const HTTP = 'assay_http_requests_total';
const JOBS = 'assay_jobs_total';
const JOB_DURATIONS = 'assay_job_duration_seconds_count';

const CHECK_JOB = { queue: 'system', job: JobName.PipelineCheck } as const;

async function waitForCheck(gql: GraphqlClient, id: string): Promise<void> {
  await eventually(async () => (await fetchPipelineCheck(gql, id)).status === 'COMPLETED', {
    what: 'the pipeline check to complete',
  });
}

describe('/metrics without METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('does not exist: 404 with or without credentials, like any unknown path', async () => {
    const unknown = await fetch(`${t.url}/no-such-path`);
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    const attempts: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN}` }];
    for (const headers of attempts) {
      const response = await fetch(`${t.url}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(unknownBody.replace('/no-such-path', '/metrics'));
    }
  });
});

describe('/metrics under guessing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN, AUTH_RATE_LIMIT_PER_IP: '3' } });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const scrapeWith = (token: string) =>
    fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses an address that sent too many wrong tokens, even the right one, until its block ends', async () => {
    expect((await scrapeWith(TOKEN)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await scrapeWith(`guess-${i}`)).status).toBe(401);

    const blocked = await scrapeWith(TOKEN);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await blocked.text()).toBe('');
    expect((await scrapeWith('guess-again')).status).toBe(429);

    // A minute later the block is over, and the right token is served again.
    const clock = t.app.get(Clock);
    const later = new Date(clock.now().getTime() + 61_000);
    jest.spyOn(clock, 'now').mockReturnValue(later);
    expect((await scrapeWith(TOKEN)).status).toBe(200);
  });
});

describe('/metrics of the API (redis backend, worker in the process)', () => {
  let t: TestApp;
  let gql: GraphqlClient;
  const metrics = () => scrape(`${t.url}/metrics`, TOKEN);

  beforeAll(async () => {
    t = await startTestApp({
      backend: 'redis',
      env: { METRICS_TOKEN: TOKEN, METRICS_MAX_OPERATION_NAMES: '12' },
    });
    ({ gql } = await signedInAdmin(t.app, t.gql));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a missing or wrong token with 401 and no body', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const response = await fetch(`${t.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).toBe('');
    }
    const ok = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('counts GraphQL operations by type and name, with latency and error codes', async () => {
    await gql.data('query MetricsViewer { viewer { __typename } }');
    await gql.data('query MetricsViewer { viewer { __typename } }');
    const refused = await t.gql.request('query MetricsRefused { viewer { __typename } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await gql.data('{ viewer { __typename } }');
    const conflict = await gql.request(
      'mutation MetricsBadCheck($input: CheckJobPipelineInput!) { checkJobPipeline(input: $input) { check { id } } }',
      { input: { delaySeconds: -1 } },
    );
    expect(conflict.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A name that is no GraphQL name, in a document that does not even parse.
    const broken = await gql.request('', undefined, {
      body: { query: '{ viewer {', operationName: 'x"} 1\nevil' },
    });
    expect(broken.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

    const samples = await metrics();
    const viewer = { operation_type: 'query', operation_name: 'MetricsViewer' };
    expect(valueOf(samples, OPERATIONS, viewer)).toBe(2);
    expect(valueOf(samples, DURATIONS, viewer)).toBe(2);
    expect(samplesOf(samples, ERRORS, viewer)).toEqual([]);

    const refusedLabels = { operation_type: 'query', operation_name: 'MetricsRefused' };
    expect(valueOf(samples, OPERATIONS, refusedLabels)).toBe(1);
    expect(valueOf(samples, ERRORS, { ...refusedLabels, code: 'UNAUTHENTICATED' })).toBe(1);

    const badCheck = { operation_type: 'mutation', operation_name: 'MetricsBadCheck' };
    expect(valueOf(samples, OPERATIONS, badCheck)).toBe(1);
    expect(valueOf(samples, ERRORS, { ...badCheck, code: 'BAD_USER_INPUT' })).toBe(1);

    expect(
      valueOf(samples, OPERATIONS, { operation_type: 'query', operation_name: 'anonymous' }),
    ).toBeGreaterThanOrEqual(1);
    const invalid = { operation_type: 'unknown', operation_name: 'invalid' };
    expect(valueOf(samples, OPERATIONS, invalid)).toBe(1);
    expect(valueOf(samples, ERRORS, { ...invalid, code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);

    // The latency histogram's buckets are cumulative and end with every operation in +Inf.
    const buckets = samplesOf(samples, 'assay_graphql_operation_duration_seconds_bucket', viewer);
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: 2 });
    const counts = buckets.map((bucket) => bucket.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // GraphQL operations are not HTTP requests as well: each request is counted once.
    expect(samplesOf(samples, HTTP, { route: '/graphql' })).toEqual([]);
  });

  it('counts other HTTP requests by route pattern and status class, never by path', async () => {
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    const missing = await fetch(`${t.url}/files/RmlsZTpub25l`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(missing.status).toBe(401);
    expect((await fetch(`${t.url}/no/such/path/12345`)).status).toBe(404);
    const tooLarge = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ viewer { __typename } }${' '.repeat(40_000)}` }),
    });
    expect(tooLarge.status).toBe(413);

    const samples = await metrics();
    expect(
      valueOf(samples, HTTP, { method: 'GET', route: '/health/live', status_class: '2xx' }),
    ).toBe(1);
    expect(
      valueOf(samples, HTTP, { method: 'GET', route: '/files/:id', status_class: '4xx' }),
    ).toBe(1);
    expect(valueOf(samples, HTTP, { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(
      1,
    );
    expect(valueOf(samples, HTTP, { method: 'POST', route: '/graphql', status_class: '4xx' })).toBe(
      1,
    );
    const routes = new Set(samplesOf(samples, HTTP).map((sample) => sample.labels.route));
    expect([...routes].filter((route) => /RmlsZT|12345/.test(route!))).toEqual([]);
  });

  it('keeps at most METRICS_MAX_OPERATION_NAMES names, folding later ones into other', async () => {
    const before = await metrics();
    const namesBefore = operationNames(before);
    for (let i = 0; i < 30; i++) {
      await gql.data(`query CapOperation${i} { viewer { __typename } }`);
    }
    const samples = await metrics();
    const names = operationNames(samples);
    const reserved = new Set(['anonymous', 'invalid', 'other']);
    expect([...names].filter((name) => !reserved.has(name))).toHaveLength(12);
    const admitted = [...names].filter((name) => name.startsWith('CapOperation'));
    expect(admitted.length).toBe(12 - [...namesBefore].filter((n) => !reserved.has(n)).length);
    const other = valueOf(samples, OPERATIONS, {
      operation_type: 'query',
      operation_name: 'other',
    });
    expect(other).toBe(30 - admitted.length);
    // Names admitted before the cap was reached keep being counted under their own name.
    await gql.data('query MetricsViewer { viewer { __typename } }');
    expect(
      valueOf(await metrics(), OPERATIONS, {
        operation_type: 'query',
        operation_name: 'MetricsViewer',
      }),
    ).toBe(3);
  });

  it('counts jobs run through the real queue by queue, job and outcome, with durations', async () => {
    const checks = [await requestPipelineCheck(gql), await requestPipelineCheck(gql)];
    for (const check of checks) await waitForCheck(gql, check.id);
    // A delivery whose handler throws (no such check id is a valid uuid): failed, and retried.
    await t.app
      .get(QueueBackend)
      .add([
        { name: JobName.PipelineCheck, data: { checkId: 'not-a-uuid' }, jobId: 'metrics-failing' },
      ]);

    const samples = await eventually(
      async () => {
        const current = await metrics();
        return (valueOf(current, JOBS, { ...CHECK_JOB, outcome: 'failed' }) ?? 0) >= 1 && current;
      },
      { what: 'the failing job to be counted' },
    );
    expect(valueOf(samples, JOBS, { ...CHECK_JOB, outcome: 'completed' })).toBe(2);
    expect(valueOf(samples, JOB_DURATIONS, { ...CHECK_JOB, outcome: 'completed' })).toBe(2);
    expect(valueOf(samples, JOB_DURATIONS, { ...CHECK_JOB, outcome: 'failed' })).toBe(
      valueOf(samples, JOBS, { ...CHECK_JOB, outcome: 'failed' }),
    );
    expect(
      valueOf(samples, 'assay_job_duration_seconds_sum', { ...CHECK_JOB, outcome: 'completed' }),
    ).toBeGreaterThan(0);
    await t.app.get(QueueBackend).removeJobs(QueueName.System, ['metrics-failing']);
  });

  it('shows the outbox backlog and the age of its oldest row, read at scrape time', async () => {
    const relay = t.app.get(OutboxRelay);
    await relay.stop();
    try {
      for (let i = 0; i < 3; i++) await requestPipelineCheck(gql);
      const backlog = await eventually(
        async () => {
          const samples = await metrics();
          return valueOf(samples, 'assay_outbox_backlog') === 3 && samples;
        },
        { what: 'the backlog gauge to show the 3 unrelayed rows' },
      );
      expect(valueOf(backlog, 'assay_outbox_oldest_age_seconds')).toBeGreaterThan(0);
      expect(valueOf(backlog, 'assay_metrics_source_up', { source: 'outbox' })).toBe(1);
    } finally {
      relay.start();
    }
    const drained = await eventually(
      async () => {
        const samples = await metrics();
        return valueOf(samples, 'assay_outbox_backlog') === 0 && samples;
      },
      { what: 'the backlog gauge to drop to 0 once the relay runs' },
    );
    expect(valueOf(drained, 'assay_outbox_oldest_age_seconds')).toBe(0);
  });

  it('shows each queue’s jobs by state, as the queue backend counts them', async () => {
    const backend = t.app.get(QueueBackend);
    const ids = ['metrics-delayed-1', 'metrics-delayed-2'];
    await backend.add(
      ids.map((id) => ({
        name: JobName.ImportQuestionnaire,
        data: { importId: id, organizationId: id },
        jobId: jobId(JobName.ImportQuestionnaire, id),
        delayMs: 3_600_000,
      })),
    );
    const delayed = { queue: 'questionnaire', state: 'delayed' };
    const samples = await eventually(
      async () => {
        const current = await metrics();
        return valueOf(current, 'assay_queue_jobs', delayed) === 2 && current;
      },
      { what: 'the queue gauge to show the 2 delayed jobs' },
    );
    for (const queue of Object.values(QueueName)) {
      for (const state of ['waiting', 'delayed', 'active', 'failed']) {
        expect(valueOf(samples, 'assay_queue_jobs', { queue, state })).toEqual(expect.any(Number));
      }
    }
    await backend.removeJobs(
      QueueName.Questionnaire,
      ids.map((id) => jobId(JobName.ImportQuestionnaire, id)),
    );
    await eventually(async () => valueOf(await metrics(), 'assay_queue_jobs', delayed) === 0, {
      what: 'the queue gauge to drop to 0',
    });
  });

  it('includes the process metrics', async () => {
    const samples = await metrics();
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samplesOf(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
  });
});

function operationNames(samples: readonly MetricSample[]): Set<string> {
  return new Set(samplesOf(samples, OPERATIONS).map((sample) => sample.labels.operation_name!));
}

describe.each(['postgres', 'inline'] as const)('job metrics on the %s backend', (backend) => {
  let t: TestApp;
  let gql: GraphqlClient;
  let dataDir: string | undefined;

  beforeAll(async () => {
    const env: Record<string, string> = { METRICS_TOKEN: TOKEN };
    if (backend === 'inline') {
      dataDir = await mkdtemp(join(tmpdir(), 'assay-metrics-'));
      env.ASSAY_DATA_DIR = dataDir;
    }
    t = await startTestApp({ backend, env });
    ({ gql } = await signedInAdmin(t.app, t.gql));
    // The embedded database applies every migration at start: slow on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('counts the jobs this process ran, and reads the queue and outbox gauges', async () => {
    const check = await requestPipelineCheck(gql);
    await waitForCheck(gql, check.id);
    const samples = await eventually(
      async () => {
        const current = await scrape(`${t.url}/metrics`, TOKEN);
        return valueOf(current, 'assay_outbox_backlog') === 0 && current;
      },
      { what: 'the outbox gauge to show no backlog' },
    );
    expect(valueOf(samples, JOBS, { ...CHECK_JOB, outcome: 'completed' })).toBe(1);
    expect(valueOf(samples, JOB_DURATIONS, { ...CHECK_JOB, outcome: 'completed' })).toBe(1);
    expect(valueOf(samples, 'assay_metrics_source_up', { source: 'queues' })).toBe(1);
    expect(valueOf(samples, 'assay_queue_jobs', { queue: 'system', state: 'failed' })).toBe(0);
  });
});

describe('/metrics of a worker process (WORKER_METRICS_PORT)', () => {
  let database: TestDatabase;
  let api: TestApp;
  let gql: GraphqlClient;
  let worker: RunningProcess | undefined;
  let workerUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The API only produces; the worker process runs the jobs, as in production.
    api = await startTestApp({
      backend: 'redis',
      database,
      withWorker: false,
      env: { METRICS_TOKEN: TOKEN },
    });
    ({ gql } = await signedInAdmin(api.app, api.gql));
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}/metrics`;
    worker = startProcess('node', ['dist/apps/worker/src/main.js'], {
      ...testEnvironment('redis', database, { LOG_LEVEL: 'info' }),
      QUEUE_PREFIX: api.env.QUEUE_PREFIX!,
      METRICS_TOKEN: TOKEN,
      WORKER_METRICS_PORT: String(port),
    });
    await eventually(
      async () => {
        if (worker!.child.exitCode !== null) throw new Error(`worker exited:\n${worker!.output()}`);
        return worker!.output().includes('consuming jobs');
      },
      { timeoutMs: 30_000, what: 'the worker to start' },
    );
  }, 60_000);

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await api?.close();
    await database?.drop();
  });

  it('serves the jobs it ran to the token holder only, and never logs the token', async () => {
    expect(worker!.output()).toContain(`Metrics on ${workerUrl}`);
    const refused = await fetch(workerUrl, { headers: { authorization: 'Bearer wrong-token' } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('');
    expect((await fetch(workerUrl.replace('/metrics', '/other'))).status).toBe(404);

    const check = await requestPipelineCheck(gql);
    await waitForCheck(gql, check.id);
    const samples = await scrape(workerUrl, TOKEN);
    expect(valueOf(samples, JOBS, { ...CHECK_JOB, outcome: 'completed' })).toBe(1);
    expect(valueOf(samples, JOB_DURATIONS, { ...CHECK_JOB, outcome: 'completed' })).toBe(1);
    expect(valueOf(samples, 'assay_metrics_source_up', { source: 'outbox' })).toBe(1);
    // The API ran no job: its own /metrics counts none.
    const apiSamples = await scrape(`${api.url}/metrics`, TOKEN);
    expect(samplesOf(apiSamples, JOBS)).toEqual([]);

    expect(worker!.output()).toContain('Metrics scrape refused');
    expect(worker!.output()).not.toContain(TOKEN);
    expect(worker!.output()).not.toContain('wrong-token');
  });
});
