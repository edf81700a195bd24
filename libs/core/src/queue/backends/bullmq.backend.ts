import { Logger } from '@nestjs/common';
import {
  WaitingError,
  type BackendClasses,
  type IQueueBackend,
  type Job,
  type JobsOptions,
  type Queue,
  type Worker,
} from 'bullmq';
import type { QueueBackendKind } from '../../config/app-config.js';
import {
  DEFAULT_BACKOFF_MS,
  DEFAULT_JOB_ATTEMPTS,
  JOB_QUEUE,
  QueueName,
  jobId as jobIdOf,
  type JobName,
  type JobRequest,
  type JobSchedule,
} from '../job.types.js';
import { QueueBackend, raceAbort, type JobProcessor, type QueueCounts } from '../queue-backend.js';

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: DEFAULT_JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: DEFAULT_BACKOFF_MS },
  // Completed jobs are kept an hour so that a redelivered outbox row with the same job id is
  // recognised and not queued again.
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyQueue = Queue<any, any, string, any, any, string, any, any>;
type AnyWorker = Worker<any, any, string, any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface BullBackendOptions {
  readonly kind: Exclude<QueueBackendKind, 'inline'>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly classes: BackendClasses<IQueueBackend, any>;
  /** Connection for queues (producing, counting). */
  readonly producerConnection: unknown;
  /** Connection for workers (blocking reads). */
  readonly workerConnection: unknown;
  /** Redis key prefix; ignored by the PostgreSQL backend, which uses a schema instead. */
  readonly prefix?: string;
  /**
   * How long a running job's lock lasts without renewal (BullMQ renews it every half of this),
   * and how often stalled jobs (those of a worker that died) are looked for and returned to
   * their queue. BullMQ's default is 30 s for both.
   */
  readonly lockDurationMs?: number;
  /** Closes connections the backend was given, after the queues and workers. */
  readonly closeConnections: () => Promise<void>;
}

/** BullMQ, on Redis or on BullMQ's PostgreSQL backend: the same Queue and Worker classes. */
export class BullQueueBackend extends QueueBackend {
  readonly kind: Exclude<QueueBackendKind, 'inline'>;
  private readonly logger = new Logger('Queue');
  private readonly queues = new Map<QueueName, AnyQueue>();
  private readonly workers: AnyWorker[] = [];

  constructor(private readonly options: BullBackendOptions) {
    super();
    this.kind = options.kind;
  }

  async add(jobs: readonly JobRequest[]): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const job of jobs) {
      const queue = JOB_QUEUE[job.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
    }
    for (const [queue, batch] of byQueue) {
      await this.queue(queue).addBulk(
        batch.map((job) => ({
          name: job.name,
          data: job.data,
          opts: {
            jobId: job.jobId,
            delay: job.delayMs && job.delayMs > 0 ? job.delayMs : undefined,
          },
        })),
      );
    }
  }

  async syncSchedules(schedules: readonly JobSchedule[]): Promise<void> {
    for (const queueName of Object.values(QueueName)) {
      const queue = this.queue(queueName);
      const wanted = schedules.filter((schedule) => JOB_QUEUE[schedule.name] === queueName);
      for (const schedule of wanted) {
        await queue.upsertJobScheduler(
          schedule.id,
          'everyMs' in schedule ? { every: schedule.everyMs } : { pattern: schedule.cron },
          { name: schedule.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
        );
      }
      const wantedIds = new Set(wanted.map((schedule) => schedule.id));
      for (const existing of await queue.getJobSchedulers()) {
        const id = existing.id ?? existing.key;
        if (!wantedIds.has(id)) await queue.removeJobScheduler(id);
      }
    }
  }

  async startWorkers(processor: JobProcessor, concurrency: number): Promise<void> {
    for (const queueName of Object.values(QueueName)) {
      const worker = new this.options.classes.Worker(
        queueName,
        async (job: Job, token?: string, signal?: AbortSignal) => {
          const delivery = {
            id: job.id ?? 'unknown',
            name: job.name as JobName,
            attempt: job.attemptsMade + 1,
            signal: signal ?? new AbortController().signal,
          };
          // On shutdown past the timeout the job goes back to waiting instead of stalling.
          await raceAbort(processor(delivery.name, job.data, delivery), signal, async () => {
            await job.moveToWait(token);
            throw new WaitingError();
          });
        },
        {
          connection: this.options.workerConnection,
          prefix: this.options.prefix,
          concurrency,
          // Spread only when set: an undefined option would override BullMQ's default.
          ...(this.options.lockDurationMs
            ? {
                lockDuration: this.options.lockDurationMs,
                stalledInterval: this.options.lockDurationMs,
              }
            : {}),
          // A job whose worker died is run again, as often as a failing one is retried: with
          // BullMQ's default of 1, two crashes during one send would fail it for good.
          maxStalledCount: DEFAULT_JOB_ATTEMPTS,
          autorun: false,
        },
      );
      worker.on('failed', (job, error) => {
        this.logger.warn(`Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed: ${error.message}`);
      });
      worker.on('error', (error) => this.logger.error(`Worker error: ${error.message}`));
      this.workers.push(worker);
      void worker.run();
      await worker.waitUntilReady();
    }
  }

  async stopWorkers(timeoutMs: number): Promise<void> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      closing.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn('Shutdown timeout reached: returning running jobs to their queues');
      for (const worker of this.workers) worker.cancelAllJobs('shutdown');
      await closing;
    }
    this.workers.length = 0;
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const counts = await this.queue(queue).getJobCounts(
      'waiting',
      'prioritized',
      'delayed',
      'active',
      'failed',
      'completed',
    );
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    };
  }

  async jobState(queue: QueueName, jobId: string): Promise<string> {
    return this.queue(queue).getJobState(jobId);
  }

  async pendingJobIds(queue: QueueName, name: JobName): Promise<string[]> {
    const prefix = jobIdOf(name, '');
    const ids: string[] = [];
    const page = 1_000;
    for (let start = 0; ; start += page) {
      const batch = await this.queue(queue).getRanges(
        ['delayed', 'waiting', 'prioritized'],
        start,
        start + page - 1,
        true,
      );
      ids.push(...batch.filter((id) => id.startsWith(prefix)));
      if (batch.length < page) break;
    }
    return [...new Set(ids)];
  }

  async removeJobs(queue: QueueName, jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) await this.queue(queue).remove(id);
  }

  async promote(queue: QueueName, jobId: string): Promise<boolean> {
    const job = await this.queue(queue).getJob(jobId);
    if (!job || (await job.getState()) !== 'delayed') return false;
    await job.promote();
    return true;
  }

  async ping(): Promise<void> {
    await this.queue(QueueName.System).getJobCounts('active');
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close(true)));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await this.options.closeConnections();
  }

  /** The BullMQ queue itself, for tools that speak BullMQ (the admin queue board). */
  bullQueue(name: QueueName): Queue {
    return this.queue(name);
  }

  private queue(name: QueueName): AnyQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new this.options.classes.Queue(name, {
        connection: this.options.producerConnection,
        prefix: this.options.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', (error: Error) => this.logger.error(`Queue error: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
