import { Logger } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import {
  DEFAULT_JOB_ATTEMPTS,
  JOB_QUEUE,
  retryDelayMs,
  type JobName,
  type JobRequest,
  type JobSchedule,
  type QueueName,
} from '../job.types.js';
import { QueueBackend, type JobProcessor, type QueueCounts } from '../queue-backend.js';

interface InlineJob {
  readonly name: JobName;
  readonly data: unknown;
  readonly jobId: string;
  readonly attempt: number;
}

/** Completed job ids are remembered this long, as BullMQ keeps completed jobs. */
const REMEMBER_COMPLETED_MS = 3_600_000;
/** The longest delay one timer can hold. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Jobs in this process's memory, for the embedded mode only: the same registry, delays,
 * retries and schedules as BullMQ, but nothing survives a restart (the outbox and the
 * reconcilers rebuild what must).
 */
export class InlineQueueBackend extends QueueBackend {
  readonly kind = 'inline' as const;
  private readonly logger = new Logger('Queue');
  private processor: JobProcessor | null = null;
  private concurrency = 1;
  private accepting = true;
  private readonly ready: InlineJob[] = [];
  private readonly delayed = new Map<string, { job: InlineJob; timer: NodeJS.Timeout }>();
  private readonly active = new Map<
    string,
    { job: InlineJob; controller: AbortController; done: Promise<void> }
  >();
  /** Completed job ids with when and on which queue, oldest first. */
  private readonly completed = new Map<string, { at: number; queue: QueueName }>();
  /** Job ids that failed for good, with their queue. */
  private readonly failed = new Map<string, QueueName>();
  private readonly scheduleTimers = new Map<string, NodeJS.Timeout>();

  async add(jobs: readonly JobRequest[]): Promise<void> {
    this.forgetOldCompleted();
    for (const request of jobs) {
      if (this.isKnown(request.jobId)) continue;
      this.enqueue(
        { name: request.name, data: request.data, jobId: request.jobId, attempt: 1 },
        request.delayMs ?? 0,
      );
    }
  }

  async syncSchedules(schedules: readonly JobSchedule[]): Promise<void> {
    for (const timer of this.scheduleTimers.values()) clearTimeout(timer);
    this.scheduleTimers.clear();
    for (const schedule of schedules) this.arm(schedule);
  }

  async startWorkers(processor: JobProcessor, concurrency: number): Promise<void> {
    this.processor = processor;
    this.concurrency = concurrency;
    this.accepting = true;
    this.pump();
  }

  async stopWorkers(timeoutMs: number): Promise<void> {
    this.accepting = false;
    for (const timer of this.scheduleTimers.values()) clearTimeout(timer);
    this.scheduleTimers.clear();
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    const running = Promise.all([...this.active.values()].map((entry) => entry.done));
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      running.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn(`Shutdown timeout reached: abandoning ${this.active.size} in-memory job(s)`);
      for (const entry of this.active.values()) entry.controller.abort();
    }
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    this.forgetOldCompleted();
    const inQueue = (job: InlineJob) => JOB_QUEUE[job.name] === queue;
    return {
      waiting: this.ready.filter(inQueue).length,
      delayed: [...this.delayed.values()].filter((entry) => inQueue(entry.job)).length,
      active: [...this.active.values()].filter((entry) => inQueue(entry.job)).length,
      failed: [...this.failed.values()].filter((name) => name === queue).length,
      completed: [...this.completed.values()].filter((entry) => entry.queue === queue).length,
    };
  }

  async jobState(_queue: QueueName, jobId: string): Promise<string> {
    if (this.active.has(jobId)) return 'active';
    if (this.delayed.has(jobId)) return 'delayed';
    if (this.ready.some((job) => job.jobId === jobId)) return 'waiting';
    if (this.completed.has(jobId)) return 'completed';
    if (this.failed.has(jobId)) return 'failed';
    return 'unknown';
  }

  async pendingJobIds(queue: QueueName, name: JobName): Promise<string[]> {
    const matches = (job: InlineJob) => job.name === name && JOB_QUEUE[job.name] === queue;
    return [
      ...this.ready.filter(matches).map((job) => job.jobId),
      ...[...this.delayed.values()].filter(({ job }) => matches(job)).map(({ job }) => job.jobId),
    ];
  }

  async removeJobs(_queue: QueueName, jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) {
      const delayed = this.delayed.get(id);
      if (delayed) {
        clearTimeout(delayed.timer);
        this.delayed.delete(id);
      }
      const index = this.ready.findIndex((job) => job.jobId === id);
      if (index >= 0) this.ready.splice(index, 1);
    }
  }

  async promote(_queue: QueueName, jobId: string): Promise<boolean> {
    const delayed = this.delayed.get(jobId);
    if (!delayed) return false;
    clearTimeout(delayed.timer);
    this.delayed.delete(jobId);
    this.enqueue(delayed.job, 0);
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await this.stopWorkers(0);
    this.ready.length = 0;
  }

  private isKnown(jobId: string): boolean {
    return (
      this.completed.has(jobId) ||
      this.active.has(jobId) ||
      this.delayed.has(jobId) ||
      this.ready.some((job) => job.jobId === jobId)
    );
  }

  private enqueue(job: InlineJob, delayMs: number): void {
    if (delayMs > 0) {
      // setTimeout fires at once past 2^31 - 1 ms (about 24.8 days): wait in steps.
      const step = Math.min(delayMs, MAX_TIMER_MS);
      const timer = setTimeout(() => {
        this.delayed.delete(job.jobId);
        if (delayMs > step) {
          this.enqueue(job, delayMs - step);
          return;
        }
        this.ready.push(job);
        this.pump();
      }, step);
      this.delayed.set(job.jobId, { job, timer });
      return;
    }
    this.ready.push(job);
    this.pump();
  }

  private pump(): void {
    while (this.processor && this.accepting && this.active.size < this.concurrency) {
      const job = this.ready.shift();
      if (!job) return;
      this.run(this.processor, job);
    }
  }

  private run(processor: JobProcessor, job: InlineJob): void {
    const controller = new AbortController();
    const done = processor(job.name, job.data, {
      id: job.jobId,
      name: job.name,
      attempt: job.attempt,
      signal: controller.signal,
    }).then(
      () => {
        this.failed.delete(job.jobId);
        this.completed.set(job.jobId, { at: Date.now(), queue: JOB_QUEUE[job.name] });
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (job.attempt < DEFAULT_JOB_ATTEMPTS && this.accepting) {
          this.logger.warn(
            `Job ${job.name} ${job.jobId} failed (attempt ${job.attempt}): ${message}`,
          );
          this.active.delete(job.jobId);
          this.enqueue({ ...job, attempt: job.attempt + 1 }, retryDelayMs(job.attempt));
        } else {
          this.logger.error(`Job ${job.name} ${job.jobId} failed for good: ${message}`);
          this.failed.set(job.jobId, JOB_QUEUE[job.name]);
        }
      },
    );
    this.active.set(job.jobId, { job, controller, done });
    void done.finally(() => {
      if (this.active.get(job.jobId)?.done === done) this.active.delete(job.jobId);
      this.pump();
    });
  }

  private arm(schedule: JobSchedule): void {
    const now = Date.now();
    const next =
      'everyMs' in schedule
        ? Math.floor(now / schedule.everyMs) * schedule.everyMs + schedule.everyMs
        : CronExpressionParser.parse(schedule.cron, { currentDate: new Date(now) })
            .next()
            .getTime();
    const timer = setTimeout(() => {
      void this.add([
        { name: schedule.name, data: {} as never, jobId: `${schedule.id}.${next}` } as JobRequest,
      ]);
      if (this.accepting) this.arm(schedule);
    }, next - now);
    this.scheduleTimers.set(schedule.id, timer);
  }

  private forgetOldCompleted(): void {
    const cutoff = Date.now() - REMEMBER_COMPLETED_MS;
    for (const [jobId, { at }] of this.completed) {
      if (at >= cutoff) break;
      this.completed.delete(jobId);
    }
  }
}
