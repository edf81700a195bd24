import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import {
  PipelineCheckService,
  type QueueCount,
} from '../queue/diagnostics/pipeline-check.service.js';
import { Metrics } from './metrics.js';

/** A scrape reuses what was read this recently: scrapers may be several and frequent. */
export const GAUGE_CACHE_MS = 5_000;

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

interface OutboxBacklog {
  readonly rows: number;
  readonly oldestAgeSeconds: number;
}

/** A value read at most every GAUGE_CACHE_MS; concurrent scrapes share one read. */
class CachedRead<T> {
  private last: { at: number; value: Promise<T> } | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    const now = performance.now();
    if (!this.last || now - this.last.at >= GAUGE_CACHE_MS) {
      const value = this.read();
      const entry = { at: now, value };
      this.last = entry;
      // A failed read is not kept: the next scrape tries again.
      value.catch(() => {
        if (this.last === entry) this.last = null;
      });
    }
    return this.last.value;
  }
}

/**
 * Gauges read at scrape time, across every organization: the outbox backlog (rows committed
 * but not yet relayed, and the age of the oldest) and each queue's jobs by state. They are the
 * platform's own view, read with the non-tenant access the outbox relay uses, never through a
 * request's context. A source that cannot be read leaves its gauges out of that scrape.
 */
@Injectable()
export class PlatformGauges implements OnModuleInit {
  private readonly logger = new Logger('Metrics');
  private readonly outbox = new CachedRead(() => this.readOutbox());
  private readonly queues = new CachedRead(() =>
    this.pipeline.queueCounts(RequestContext.system('metrics', 'metrics')),
  );

  constructor(
    private readonly metrics: Metrics,
    private readonly connection: TransactionalConnection,
    private readonly pipeline: PipelineCheckService,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const outbox = this.outbox;
    const queues = this.queues;
    const logger = this.logger;
    const observe = async <T>(
      read: CachedRead<T>,
      gauge: Gauge<string>,
      apply: (value: T) => void,
    ) => {
      gauge.reset();
      try {
        apply(await read.get());
      } catch {
        // Left out of this scrape; assay_metrics_source_up reports the failure, once.
      }
    };
    new Gauge({
      name: 'assay_metrics_source_up',
      help: 'Whether this scrape could read a source of the gauges below (1) or not (0).',
      labelNames: ['source'] as const,
      registers,
      async collect() {
        for (const [source, read] of [
          ['outbox', outbox],
          ['queues', queues],
        ] as const) {
          try {
            await read.get();
            this.set({ source }, 1);
          } catch (error) {
            this.set({ source }, 0);
            logger.warn(`Reading the ${source} for metrics failed: ${(error as Error).message}`);
          }
        }
      },
    });
    new Gauge({
      name: 'assay_outbox_backlog',
      help: 'Outbox rows committed and not yet relayed to the queue.',
      registers,
      async collect() {
        await observe(outbox, this, (backlog) => this.set(backlog.rows));
      },
    });
    new Gauge({
      name: 'assay_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox row not yet relayed (0 when there is none).',
      registers,
      async collect() {
        await observe(outbox, this, (backlog) => this.set(backlog.oldestAgeSeconds));
      },
    });
    new Gauge({
      name: 'assay_queue_jobs',
      help: 'Jobs in each queue by state (waiting, delayed, active, failed).',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        await observe(queues, this, (counts: QueueCount[]) => {
          for (const count of counts) {
            for (const state of QUEUE_STATES) this.set({ queue: count.queue, state }, count[state]);
          }
        });
      },
    });
  }

  /** One statement over the pending rows' partial index. */
  private readOutbox(): Promise<OutboxBacklog> {
    const ctx = RequestContext.system('metrics', 'metrics');
    return this.connection.transaction(ctx, async (tx) => {
      const [row] = (await (
        await this.connection.manager(tx)
      ).query(
        `SELECT count(*)::int AS rows,
                COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
           FROM outbox_message WHERE dispatched_at IS NULL`,
      )) as Array<{ rows: number; oldest: number }>;
      return { rows: row?.rows ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
    });
  }
}
