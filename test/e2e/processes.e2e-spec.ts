import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { JobName, QueueBackend, QueueName, jobId } from '#core';
import { fetchPipelineCheck, requestPipelineCheck } from '../factories/pipeline-check.factory.js';
import { signedInAdmin } from '../factories/identity.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { freePort, startProcess, type RunningProcess } from '../utils/processes.js';
import { startTestApp, testEnvironment, type TestApp } from '../utils/test-app.js';

const rowId = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

describe('npm start with nothing installed (embedded mode)', () => {
  let dataDir: string;
  let running: RunningProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'assay-start-'));
  });

  afterAll(async () => {
    await running?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(port: number): Promise<GraphqlClient> {
    running = startProcess('npm', ['start', '--silent'], {
      ASSAY_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    await eventually(
      async () => {
        if (running!.child.exitCode !== null)
          throw new Error(`npm start exited:\n${running!.output()}`);
        return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
      },
      { timeoutMs: 150_000, intervalMs: 200, what: 'npm start to be ready' },
    );
    return new GraphqlClient(`http://127.0.0.1:${port}/graphql`);
  }

  it('creates an organization from the CLI, serves GraphQL, keeps data across a restart, exits 0', async () => {
    const port = await freePort();
    const cli = startProcess(
      'npm',
      [
        'run',
        '--silent',
        'cli',
        '--',
        'create-organization',
        '--name',
        'Acme',
        '--admin-email',
        'Admin@Acme.example',
      ],
      {
        ASSAY_DATA_DIR: dataDir,
        PORT: String(port),
      },
    );
    const code = await cli.exited;
    if (code !== 0) throw new Error(`create-organization exited ${code}:\n${cli.output()}`);
    expect(cli.output()).toContain('Admin: admin@acme.example');
    const token = /token: "([A-Za-z0-9_-]{43})"/.exec(cli.output())?.[1];
    expect(token).toBeDefined();

    let gql = await start(port);
    expect(running!.output()).toMatch(/embedded mode/);
    expect(running!.output()).toContain(`http://127.0.0.1:${port}/graphql`);

    const password = 'a passphrase for the embedded test';
    await gql.data(
      'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { email } }',
      {
        input: { token, newPassword: password },
      },
    );
    const signIn = async (client: GraphqlClient) => {
      const data = await client.data<{ signIn: { session: { accessToken: string } } }>(
        'mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }',
        { input: { email: 'admin@acme.example', password } },
      );
      return client.withToken(data.signIn.session.accessToken);
    };
    gql = await signIn(gql);

    const check = await requestPipelineCheck(gql);
    await eventually(async () => (await fetchPipelineCheck(gql, check.id)).status === 'COMPLETED', {
      what: 'the check to complete in embedded mode',
    });

    // Logs are JSON lines carrying the caller's request id, with credentials redacted.
    const response = await fetch(gql.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'e2e-request-42',
        authorization: 'Bearer very-secret-token',
      },
      body: JSON.stringify({ query: '{ jobPipeline { backend } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('e2e-request-42');
    const logged = await eventually(() =>
      running!
        .output()
        .split('\n')
        .find((line) => line.includes('"e2e-request-42"')),
    );
    expect(JSON.parse(logged)).toMatchObject({ req: { id: 'e2e-request-42', url: '/graphql' } });
    expect(running!.output()).not.toContain('very-secret-token');

    expect(await running!.stop()).toBe(0);

    gql = await signIn(await start(port));
    const again = await fetchPipelineCheck(gql, check.id);
    expect(again.status).toBe('COMPLETED');
    expect(again.deliveries).toHaveLength(1);
    expect(await running!.stop()).toBe(0);
  }, 300_000);
});

describe.each(['redis', 'postgres'] as const)(
  'SIGTERM to a worker running a job (%s)',
  (backend) => {
    let database: TestDatabase;
    let api: TestApp;
    let adminGql: GraphqlClient;
    let workerEnv: Record<string, string>;
    const workers: RunningProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      // The API produces; separate worker processes consume, as in production.
      api = await startTestApp({ backend, database, withWorker: false });
      ({ gql: adminGql } = await signedInAdmin(api.app, api.gql));
      // info, because startWorker waits for the worker's "consuming jobs" line.
      workerEnv = {
        ...testEnvironment(backend, database, { LOG_LEVEL: 'info' }),
        QUEUE_PREFIX: api.env.QUEUE_PREFIX!,
      };
    });

    afterEach(async () => {
      await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGKILL')));
    });

    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    async function startWorker(env: Record<string, string> = {}): Promise<RunningProcess> {
      const worker = startProcess('node', ['dist/apps/worker/src/main.js'], {
        ...workerEnv,
        ...env,
      });
      workers.push(worker);
      await eventually(
        async () => {
          if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
          return worker.output().includes('consuming jobs');
        },
        { timeoutMs: 30_000, what: 'the worker to start' },
      );
      return worker;
    }

    const jobStateOf = async (checkId: string) =>
      api.app
        .get(QueueBackend)
        .jobState(QueueName.System, jobId(JobName.PipelineCheck, rowId(checkId)));

    async function activeJob(checkId: string) {
      await eventually(async () => (await jobStateOf(checkId)) === 'active', {
        what: 'the job to be running',
      });
    }

    it('lets the running job finish, then exits 0 with nothing stalled', async () => {
      const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: '15000' });
      const check = await requestPipelineCheck(adminGql, { holdSeconds: 2 });
      await activeJob(check.id);

      expect(await worker.stop('SIGTERM')).toBe(0);

      const done = await fetchPipelineCheck(adminGql, check.id);
      expect(done.status).toBe('COMPLETED');
      expect(done.deliveries).toHaveLength(1);
      expect(await jobStateOf(check.id)).toBe('completed');
      expect(await api.app.get(QueueBackend).counts(QueueName.System)).toMatchObject({
        active: 0,
        waiting: 0,
      });
      expect(worker.output()).toMatch(/SIGTERM received/);
    });

    it('returns a job still running at the timeout to the queue, where the next worker completes it', async () => {
      const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: '300' });
      const check = await requestPipelineCheck(adminGql, { holdSeconds: 3 });
      await activeJob(check.id);

      const stoppedAt = Date.now();
      expect(await worker.stop('SIGTERM')).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(3_000);

      expect(await jobStateOf(check.id)).toBe('waiting');
      expect(await api.app.get(QueueBackend).counts(QueueName.System)).toMatchObject({ active: 0 });
      expect((await fetchPipelineCheck(adminGql, check.id)).status).toBe('PENDING');

      await startWorker();
      const done = await eventually(
        async () => {
          const current = await fetchPipelineCheck(adminGql, check.id);
          return current.status === 'COMPLETED' && current;
        },
        { timeoutMs: 20_000, what: 'the next worker to complete the returned job' },
      );
      expect(done.deliveries).toHaveLength(1);
    });
  },
);
