import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import {
  JobName,
  QueueBackend,
  QueueName,
  RequestContext,
  Role,
  TransactionalConnection,
} from '#core';
import { ReassessmentScheduler, reassessmentJobId } from '#scheduling';
import { addMember, createOrganization, signIn } from '../factories/identity.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import { freePort, startProcess, type RunningProcess } from '../utils/processes.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, testEnvironment, type TestApp } from '../utils/test-app.js';

const DAY_MS = 86_400_000;
const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

/** Runs SQL with the platform's cross-tenant access, as the scheduler's own jobs do. */
async function sql<T>(t: TestApp, query: string, parameters: unknown[] = []): Promise<T> {
  const connection = t.app.get(TransactionalConnection);
  return connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) =>
    (await connection.manager(tx)).query(query, parameters),
  ) as Promise<T>;
}

/**
 * Copies `vendorId` `count` times, each assessed a month ago and due on its own day from
 * tomorrow; returns the copies' ids and due dates.
 */
async function cloneAssessedVendors(
  t: TestApp,
  vendorId: string,
  count: number,
): Promise<Map<string, Date>> {
  const columns = (
    await sql<Array<{ column_name: string }>>(
      t,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'vendor'
        AND column_name NOT IN ('id', 'name', 'name_key', 'last_assessed_at',
          'next_assessment_due_at', 'reassessment_scheduled_for', 'reassessment_started_for')`,
    )
  ).map((row) => `"${row.column_name}"`);
  const tomorrow = Date.now() + DAY_MS;
  const rows = await sql<Array<{ id: string; next_assessment_due_at: Date }>>(
    t,
    `INSERT INTO vendor (id, name, name_key, last_assessed_at, next_assessment_due_at, ${columns.join(', ')})
     SELECT gen_random_uuid(), name || ' ' || n, name_key || ' ' || n, now() - interval '1 month',
            to_timestamp(($2::bigint + n::bigint * ${DAY_MS}) / 1000.0), ${columns.join(', ')}
       FROM vendor, generate_series(1, $3) AS n
      WHERE vendor.id = $1
     RETURNING id, next_assessment_due_at`,
    [vendorId, tomorrow, count],
  );
  return new Map(rows.map((row) => [row.id, new Date(row.next_assessment_due_at)]));
}

describe('reassessment schedules survive a flushed Redis', () => {
  let redis: RunningProcess;
  let redisUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    // A Redis of its own, so that FLUSHALL touches nothing else.
    const port = await freePort();
    redis = startProcess(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {},
    );
    redisUrl = `redis://127.0.0.1:${port}`;
    await eventually(
      async () => {
        const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } finally {
          client.disconnect();
        }
      },
      { what: 'the test Redis' },
    );
    t = await startTestApp({ env: { REDIS_URL: redisUrl } });
  });

  afterAll(async () => {
    await t?.close();
    await redis?.stop('SIGKILL');
  });

  it('rebuilds exactly 1,000 scheduled jobs, each for its date, and rebuilding again changes nothing', async () => {
    const owner = await createOrganization(t.app, { name: 'Acme Holdings' });
    const procurement = await signIn(
      t.gql,
      await addMember(t.app, owner.organizationId, Role.Procurement),
    );
    const template = await createVendor(procurement, { name: 'Template vendor' });
    const due = await cloneAssessedVendors(t, rowIdOf(template.id), 1_000);
    const expected = [...due].map(([id, date]) => reassessmentJobId(id, date)).sort();
    const scheduler = t.app.get(ReassessmentScheduler);
    const backend = t.app.get(QueueBackend);
    const pending = async () =>
      (await backend.pendingJobIds(QueueName.Scheduling, JobName.StartReassessment)).sort();

    expect(await scheduler.reconcile()).toEqual({ added: 1_000, removed: 0 });
    expect(await pending()).toEqual(expected);

    const flush = new Redis(redisUrl);
    await flush.flushall();
    flush.disconnect();
    expect(await pending()).toEqual([]);

    expect(await scheduler.reconcile()).toEqual({ added: 1_000, removed: 0 });
    expect(await pending()).toEqual(expected);
    // Each waits for its own date.
    for (const [id, date] of [...due].slice(0, 5)) {
      expect(await backend.jobState(QueueName.Scheduling, reassessmentJobId(id, date))).toBe(
        'delayed',
      );
    }
    const [sample] = await sql<Array<{ reassessment_scheduled_for: Date }>>(
      t,
      `SELECT reassessment_scheduled_for FROM vendor WHERE id = $1`,
      [[...due.keys()][0]],
    );
    expect(new Date(sample!.reassessment_scheduled_for)).toEqual([...due.values()][0]);

    expect(await scheduler.reconcile()).toEqual({ added: 0, removed: 0 });
    expect(await pending()).toEqual(expected);

    // A job nobody wants any more (its vendor moved on) goes at the next reconcile.
    const [first] = [...due.keys()];
    await sql(
      t,
      `UPDATE vendor SET next_assessment_due_at = next_assessment_due_at + interval '1 day' WHERE id = $1`,
      [first],
    );
    const result = await scheduler.reconcile();
    expect(result).toEqual({ added: 1, removed: 1 });
    const after = await pending();
    expect(after).toHaveLength(1_000);
    expect(after).not.toContain(reassessmentJobId(first!, due.get(first!)!));
    expect(after).toContain(
      reassessmentJobId(first!, new Date(due.get(first!)!.getTime() + DAY_MS)),
    );

    // An admin repairs the organization's schedules on demand, through the API.
    const again = new Redis(redisUrl);
    await again.flushall();
    again.disconnect();
    const RECONCILE = 'mutation { reconcileSchedules { added removed } }';
    const refused = await procurement.request(RECONCILE);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await signIn(t.gql, owner);
    expect(
      (await admin.data<{ reconcileSchedules: unknown }>(RECONCILE)).reconcileSchedules,
    ).toEqual({ added: 1_000, removed: 0 });
    expect(await pending()).toEqual(after);
  }, 120_000);
});

describe('concurrent rescheduling', () => {
  let database: TestDatabase;
  let api: TestApp;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // The API produces; two worker processes consume, as in production.
    api = await startTestApp({ database, withWorker: false });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGKILL')));
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('leaves exactly one pending job for the vendor after 10 concurrent policy changes and 2 workers', async () => {
    const workerEnv = {
      ...testEnvironment('redis', database, { LOG_LEVEL: 'info' }),
      QUEUE_PREFIX: api.env.QUEUE_PREFIX!,
    };
    for (let i = 0; i < 2; i++) {
      const worker = startProcess('node', ['dist/apps/worker/src/main.js'], workerEnv);
      workers.push(worker);
      await eventually(
        async () => {
          if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
          return worker.output().includes('consuming jobs');
        },
        { timeoutMs: 30_000, what: 'a worker to start' },
      );
    }
    const owner = await createOrganization(api.app, { name: 'Acme Holdings' });
    const procurement = await signIn(
      api.gql,
      await addMember(api.app, owner.organizationId, Role.Procurement),
    );
    const admin = await signIn(api.gql, owner);
    const vendor = await createVendor(procurement, { name: 'Payroll Co' });
    const vendorId = rowIdOf(vendor.id);
    await sql(
      api,
      `UPDATE vendor SET last_assessed_at = now() - interval '1 month' WHERE id = $1`,
      [vendorId],
    );

    // Ten admins change the policy at once, each moving the due date; a CONFLICT (another
    // admin's change came first) is read again and retried, as a client would.
    const UPDATE = `mutation($input: UpdateReassessmentPolicyInput!) {
      updateReassessmentPolicy(input: $input) { policy { version } } }`;
    const change = async (months: number) => {
      for (;;) {
        const { reassessmentPolicy } = await admin.data<{
          reassessmentPolicy: { version: number };
        }>('{ reassessmentPolicy { version } }');
        const response = await admin.request(UPDATE, {
          input: {
            expectedVersion: reassessmentPolicy.version,
            tiers: ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'].map((tier) => ({
              tier,
              intervalMonths: months,
              duePeriodDays: 30,
              mode: 'AUTOMATIC',
            })),
          },
        });
        if (!response.errors) return;
        expect(response.errors[0]?.extensions?.code).toBe('CONFLICT');
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => change(i + 2)));
    const final = await admin.data<{ reassessmentPolicy: { version: number } }>(
      '{ reassessmentPolicy { version } }',
    );
    expect(final.reassessmentPolicy.version).toBe(10);
    await waitForQueues(api.app);

    const [row] = await sql<Array<{ next_assessment_due_at: Date }>>(
      api,
      `SELECT next_assessment_due_at FROM vendor WHERE id = $1`,
      [vendorId],
    );
    const pending = (
      await api.app.get(QueueBackend).pendingJobIds(QueueName.Scheduling, JobName.StartReassessment)
    ).filter((id) => id.includes(vendorId));
    expect(pending).toEqual([reassessmentJobId(vendorId, new Date(row!.next_assessment_due_at))]);
    // Both workers took part.
    expect(workers.every((worker) => worker.child.exitCode === null)).toBe(true);
  }, 120_000);
});
