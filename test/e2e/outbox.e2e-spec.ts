import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  JobName,
  JobRegistry,
  OutboxRelay,
  PipelineCheckService,
  QueueBackend,
  QueueName,
  RequestContext,
  TransactionalConnection,
  jobId,
} from '#core';
import { fetchPipelineCheck, requestPipelineCheck } from '../factories/pipeline-check.factory.js';
import { eventually } from '../utils/eventually.js';
import { waitForQueues } from '../utils/queues.js';
import { signedInAdmin } from '../factories/identity.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

// inline runs only in embedded mode: that run uses PGlite in a temporary data directory.
describe.each(['redis', 'postgres', 'inline'] as const)(
  'outbox and jobs on the %s backend',
  (backend) => {
    let t: TestApp;
    let gql: GraphqlClient;
    let dataDir: string | undefined;

    beforeAll(async () => {
      const env: Record<string, string> = { WORKER_HEARTBEAT_INTERVAL_MS: '250' };
      if (backend === 'inline') {
        dataDir = await mkdtemp(join(tmpdir(), 'assay-inline-'));
        env.ASSAY_DATA_DIR = dataDir;
      }
      t = await startTestApp({ backend, env });
      ({ gql } = await signedInAdmin(t.app, t.gql));
      // The embedded database (PGlite, WebAssembly) applies every migration at start: slow on a
      // busy machine.
    }, 120_000);

    afterAll(async () => {
      await t?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    const checkRows = async (id: string) =>
      t.app.get(DataSource).query(`SELECT completed_at FROM pipeline_check WHERE id = $1`, [id]);

    it('runs the job of a committed mutation and records its effect', async () => {
      const check = await requestPipelineCheck(gql);
      expect(check.status).toBe('PENDING');

      await waitForQueues(t.app);

      const done = await fetchPipelineCheck(gql, check.id);
      expect(done.status).toBe('COMPLETED');
      expect(done.completedAt).not.toBeNull();
      expect(done.deliveries).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'COMPLETED' }),
      ]);
      const [outbox] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS pending FROM outbox_message WHERE dispatched_at IS NULL`);
      expect(outbox.pending).toBe(0);
    });

    it('queues nothing for a change whose transaction rolls back', async () => {
      const checks = t.app.get(PipelineCheckService);
      const connection = t.app.get(TransactionalConnection);
      const completedBefore =
        t.app.get(JobRegistry).getStats().get(JobName.PipelineCheck)?.completed ?? 0;
      const ctx = RequestContext.system('test', 'rollback');
      let checkId = '';

      await expect(
        connection.transaction(ctx, async (tx) => {
          checkId = (await checks.request(tx, {})).id;
          throw new Error('the caller fails after the service wrote its rows');
        }),
      ).rejects.toThrow('the caller fails');

      await t.app.get(OutboxRelay).drain();
      await waitForQueues(t.app);

      expect(checkId).not.toBe('');
      expect(await checkRows(checkId)).toEqual([]);
      const [outbox] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM outbox_message WHERE payload->>'checkId' = $1`, [
          checkId,
        ]);
      expect(outbox.n).toBe(0);
      expect(
        await t.app
          .get(QueueBackend)
          .jobState(QueueName.System, jobId(JobName.PipelineCheck, checkId)),
      ).toBe('unknown');
      expect(t.app.get(JobRegistry).getStats().get(JobName.PipelineCheck)?.completed ?? 0).toBe(
        completedBefore,
      );
    });

    it('has the effect of a job delivered twice only once', async () => {
      const check = await requestPipelineCheck(gql);
      await waitForQueues(t.app);
      const first = await fetchPipelineCheck(gql, check.id);
      expect(first.status).toBe('COMPLETED');

      // The relay runs the same row again (a crash between enqueue and mark): same job id, so
      // the queue does not take it twice.
      const dataSource = t.app.get(DataSource);
      await dataSource.query(
        `UPDATE outbox_message SET dispatched_at = NULL WHERE payload->>'checkId' = $1`,
        [await rowId(check.id)],
      );
      await t.app.get(OutboxRelay).drain();
      await waitForQueues(t.app);
      expect((await fetchPipelineCheck(gql, check.id)).deliveries).toHaveLength(1);

      // The job is delivered again after the queue forgot it (a second outbox row, as after a
      // flushed Redis): the handler runs, and completes nothing twice.
      await dataSource.query(
        `INSERT INTO outbox_message (id, job_name, payload, job_id, available_at)
       SELECT gen_random_uuid(), job_name, payload, job_id || '.again', now()
         FROM outbox_message WHERE payload->>'checkId' = $1`,
        [await rowId(check.id)],
      );
      await t.app.get(OutboxRelay).drain();
      await waitForQueues(t.app);

      const again = await fetchPipelineCheck(gql, check.id);
      expect(again.deliveries.map((d) => d.outcome)).toEqual(['COMPLETED', 'ALREADY_COMPLETED']);
      expect(again.completedAt).toBe(first.completedAt);
    });

    it('fires a delayed job no earlier than asked', async () => {
      const check = await requestPipelineCheck(gql, { delaySeconds: 1 });
      const backendJob = jobId(JobName.PipelineCheck, await rowId(check.id));
      await eventually(
        async () =>
          (await t.app.get(QueueBackend).jobState(QueueName.System, backendJob)) === 'delayed',
        { what: 'the relayed job to wait in the delayed set' },
      );
      expect((await fetchPipelineCheck(gql, check.id)).status).toBe('PENDING');

      const done = await eventually(async () => {
        const current = await fetchPipelineCheck(gql, check.id);
        return current.status === 'COMPLETED' && current;
      });
      const waited = Date.parse(done.deliveries[0]!.deliveredAt) - Date.parse(done.requestedAt);
      expect(waited).toBeGreaterThanOrEqual(1_000);
    });

    it('fires the repeatable heartbeat scheduler again and again', async () => {
      const beats = async () => {
        const rows = await t.app
          .get(DataSource)
          .query(`SELECT beats::int AS beats FROM worker_heartbeat`);
        return (rows[0]?.beats as number | undefined) ?? 0;
      };
      const start = await beats();
      await eventually(async () => (await beats()) >= start + 2, { what: 'two more heartbeats' });
      const data = await gql.data<{ jobPipeline: { backend: string; lastHeartbeatAt: string } }>(
        `{ jobPipeline { backend lastHeartbeatAt } }`,
      );
      expect(data.jobPipeline.backend).toBe(backend.toUpperCase());
      expect(Date.now() - Date.parse(data.jobPipeline.lastHeartbeatAt)).toBeLessThan(5_000);
    });

    /** The row id behind a global id. */
    async function rowId(globalId: string): Promise<string> {
      return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
    }
  },
);
