import type { QueueBackendKind } from '../config/app-config.js';
import type { JobDelivery, JobName, JobRequest, JobSchedule, QueueName } from './job.types.js';

/** Jobs of one queue by state; failed and completed are those the backend still keeps. */
export interface QueueCounts {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly failed: number;
  readonly completed: number;
}

export type JobProcessor = (name: JobName, data: unknown, delivery: JobDelivery) => Promise<void>;

/**
 * Where jobs wait and run. The registry, outbox and handlers see only this, so the same code
 * runs on Redis, on PostgreSQL or in-process.
 */
export abstract class QueueBackend {
  abstract readonly kind: QueueBackendKind;

  /** Queues jobs; a job whose id is already queued is not queued again. */
  abstract add(jobs: readonly JobRequest[]): Promise<void>;

  /** Makes the backend's repeatable jobs exactly `schedules` (adds, updates, removes). */
  abstract syncSchedules(schedules: readonly JobSchedule[]): Promise<void>;

  /** Starts consuming every queue with `processor`. */
  abstract startWorkers(processor: JobProcessor, concurrency: number): Promise<void>;

  /**
   * Stops taking jobs and waits up to `timeoutMs` for running ones; jobs still running then
   * are aborted and returned to their queue (durable backends), so none is left stalled.
   */
  abstract stopWorkers(timeoutMs: number): Promise<void>;

  abstract counts(queue: QueueName): Promise<QueueCounts>;

  /** The state of one job (`waiting`, `delayed`, `active`, `completed`, `failed`, `unknown`). */
  abstract jobState(queue: QueueName, jobId: string): Promise<string>;

  /** Ids of the jobs named `name` that wait or are delayed in `queue` (not running ones). */
  abstract pendingJobIds(queue: QueueName, name: JobName): Promise<string[]>;

  /** Removes waiting or delayed jobs; running ones are left alone. */
  abstract removeJobs(queue: QueueName, jobIds: readonly string[]): Promise<void>;

  /** Makes a delayed job run now; false when no such job is delayed. */
  abstract promote(queue: QueueName, jobId: string): Promise<boolean>;

  /** Throws when the backend cannot be reached. */
  abstract ping(): Promise<void>;

  abstract close(): Promise<void>;
}

/** Runs `work` until it settles, or calls `onAbort` as soon as `signal` aborts. */
export function raceAbort<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: () => Promise<never>,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return onAbort();
  return new Promise<T>((resolve, reject) => {
    const abort = () => onAbort().catch(reject);
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        // Work that fails because it was aborted (a handler honouring the signal) leaves the
        // outcome to onAbort: the job goes back to waiting, not to a retry with backoff.
        if (signal.aborted) return;
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
