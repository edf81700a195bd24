import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { RequestContext } from '../context/request-context.js';
import { Metrics, type JobOutcome } from '../metrics/metrics.js';
import { JOB_HANDLER_METADATA, type JobHandlerFn } from './on-job.decorator.js';
import { JobName, type JobDelivery, type JobSchedule } from './job.types.js';

interface JobStats {
  completed: number;
  failed: number;
  totalMs: number;
}

/** Whether start-up requires a handler for every job: true where jobs run (the default). */
export const REQUIRE_EVERY_JOB_HANDLER = Symbol('REQUIRE_EVERY_JOB_HANDLER');

/**
 * The one table from job name to handler, built from `@OnJob` methods at start-up. Start-up
 * fails when a job has more than one handler, and, in a process that runs jobs, when one has
 * none. A process that only produces jobs (the CLI, an API without workers) needs no handlers.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandlerFn<JobName>>();
  private readonly schedules = new Map<string, JobSchedule>();
  private readonly stats = new Map<JobName, JobStats>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly logger: PinoLogger,
    @Optional()
    @Inject(REQUIRE_EVERY_JOB_HANDLER)
    private readonly requireEveryHandler: boolean = true,
    @Optional() @Inject(Metrics) private readonly metrics: Metrics | null = null,
  ) {
    logger.setContext(JobRegistry.name);
  }

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method] as JobHandlerFn<JobName>;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, handler);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${wrapper.name as string}.${method}`]);
        this.handlers.set(name, handler.bind(instance));
      }
    }
    const problems: string[] = [];
    for (const name of Object.values(JobName)) {
      const where = found.get(name) ?? [];
      if (where.length === 0 && this.requireEveryHandler !== false)
        problems.push(`job "${name}" has no handler`);
      if (where.length > 1)
        problems.push(`job "${name}" has ${where.length} handlers: ${where.join(', ')}`);
    }
    if (problems.length > 0)
      throw new Error(`Job registry is inconsistent: ${problems.join('; ')}`);
  }

  /** Declares a repeatable job; the worker keeps the backend's schedulers equal to these. */
  addSchedule(schedule: JobSchedule): void {
    this.schedules.set(schedule.id, schedule);
  }

  getSchedules(): JobSchedule[] {
    return [...this.schedules.values()];
  }

  /** Runs the handler of one delivery with its own context and log bindings. */
  async dispatch(name: JobName, data: unknown, delivery: JobDelivery): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    const ctx = RequestContext.system(`job:${name}`, `job:${delivery.id}`);
    const started = performance.now();
    const stats = this.statsFor(name);
    let outcome: JobOutcome = 'failed';
    try {
      await this.logger.runInContext(() => handler(ctx, data as never, delivery), {
        bindings: { job: name, jobId: delivery.id, attempt: delivery.attempt },
      });
      stats.completed += 1;
      outcome = 'completed';
    } catch (error) {
      stats.failed += 1;
      // A job stopped by shutdown goes back to its queue: that is no failure of the job.
      if (delivery.signal.aborted) outcome = 'aborted';
      throw error;
    } finally {
      const elapsedMs = performance.now() - started;
      stats.totalMs += elapsedMs;
      this.metrics?.recordJob({ job: name, outcome, seconds: elapsedMs / 1_000 });
    }
  }

  /** Deliveries handled in this process, by job: for metrics and tests. */
  getStats(): ReadonlyMap<JobName, Readonly<JobStats>> {
    return this.stats;
  }

  private statsFor(name: JobName): JobStats {
    let stats = this.stats.get(name);
    if (!stats) {
      stats = { completed: 0, failed: 0, totalMs: 0 };
      this.stats.set(name, stats);
    }
    return stats;
  }
}
