import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type JobDelivery, type JobRequest } from '../job.types.js';
import { InlineQueueBackend } from './inline.backend.js';

const job = (id: string, delayMs = 0): JobRequest => ({
  name: JobName.PipelineCheck,
  data: { checkId: id },
  jobId: `check.${id}`,
  delayMs,
});

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('InlineQueueBackend', () => {
  let backend: InlineQueueBackend;

  beforeAll(() => Logger.overrideLogger(false));

  afterEach(async () => {
    await backend.close();
  });

  it('runs a job id once while it is queued, running or recently completed', async () => {
    backend = new InlineQueueBackend();
    const runs: string[] = [];
    await backend.startWorkers(async (_name, data) => {
      runs.push((data as { checkId: string }).checkId);
    }, 2);
    await backend.add([job('a'), job('a')]);
    await until(() => runs.length === 1);
    await backend.add([job('a')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toEqual(['a']);
    expect(await backend.jobState(QueueName.System, 'check.a')).toBe('completed');
  });

  it('holds a delayed job until its time', async () => {
    backend = new InlineQueueBackend();
    let ranAt = 0;
    await backend.startWorkers(async () => {
      ranAt = Date.now();
    }, 1);
    const queuedAt = Date.now();
    await backend.add([job('later', 150)]);
    expect(await backend.jobState(QueueName.System, 'check.later')).toBe('delayed');
    expect((await backend.counts(QueueName.System)).delayed).toBe(1);
    await until(() => ranAt > 0);
    expect(ranAt - queuedAt).toBeGreaterThanOrEqual(145);
  });

  it('retries a failing job with the next attempt number', async () => {
    backend = new InlineQueueBackend();
    const attempts: number[] = [];
    await backend.startWorkers(async (_name, _data, delivery: JobDelivery) => {
      attempts.push(delivery.attempt);
      if (delivery.attempt === 1) throw new Error('transient');
    }, 1);
    await backend.add([job('flaky')]);
    await until(() => attempts.length === 2, 5_000);
    expect(attempts).toEqual([1, 2]);
  });

  it('fires schedules repeatedly and stops them on shutdown', async () => {
    backend = new InlineQueueBackend();
    let beats = 0;
    await backend.startWorkers(async () => {
      beats += 1;
    }, 1);
    await backend.syncSchedules([{ id: 'beat', name: JobName.WorkerHeartbeat, everyMs: 40 }]);
    await until(() => beats >= 3);
    await backend.stopWorkers(1_000);
    const stoppedAt = beats;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(beats).toBe(stoppedAt);
  });

  it('waits for running jobs on shutdown, and aborts them past the timeout', async () => {
    backend = new InlineQueueBackend();
    let aborted = false;
    let finished = false;
    await backend.startWorkers(async (_name, data, delivery) => {
      const slow = (data as { checkId: string }).checkId === 'slow';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, slow ? 5_000 : 50);
        delivery.signal.addEventListener('abort', () => {
          aborted = true;
          clearTimeout(timer);
          resolve();
        });
      });
      if (!slow) finished = true;
    }, 2);
    await backend.add([job('quick'), job('slow')]);
    await until(async () => (await backend.counts(QueueName.System)).active === 2);
    const started = Date.now();
    await backend.stopWorkers(200);
    expect(finished).toBe(true);
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('counts completed jobs per queue', async () => {
    backend = new InlineQueueBackend();
    await backend.startWorkers(async () => {}, 2);
    await backend.add([
      job('one'),
      job('two'),
      { name: JobName.SendEmail, data: { emailId: 'e' }, jobId: 'email.e' },
    ]);
    await until(async () => (await backend.counts(QueueName.System)).completed === 2);
    expect(await backend.counts(QueueName.System)).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
      failed: 0,
      completed: 2,
    });
    await until(async () => (await backend.counts(QueueName.Notification)).completed === 1);
  });
});
