import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../clock/clock.js';
import type { RequestContext } from '../../context/request-context.js';
import { paginate, type Page, type PageRequest } from '../../database/pagination.js';
import { TransactionalConnection } from '../../database/transactional-connection.js';
import { DomainException } from '../../errors/domain.exception.js';
import { JobRegistry } from '../job-registry.js';
import { JobName, QueueName, type JobDelivery, type JobPayloads } from '../job.types.js';
import { OnJob } from '../on-job.decorator.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { QueueBackend, type QueueCounts } from '../queue-backend.js';
import {
  PipelineCheck,
  PipelineCheckDelivery,
  WorkerHeartbeat,
  type PipelineCheckOutcome,
} from './pipeline-check.entity.js';

export const MAX_CHECK_DELAY_SECONDS = 3_600;
export const MAX_CHECK_HOLD_SECONDS = 600;

export interface RequestPipelineCheck {
  readonly delaySeconds?: number | null;
  readonly holdSeconds?: number | null;
}

export type PipelineCheckStatus = 'PENDING' | 'COMPLETED';

export interface PipelineCheckOrder {
  readonly field: 'requestedAt' | 'runAt';
  readonly direction: 'ASC' | 'DESC';
}

const ORDER_COLUMNS = { requestedAt: 'check.created_at', runAt: 'check.run_at' } as const;
const ORDER_PROPERTIES = { requestedAt: 'createdAt', runAt: 'runAt' } as const;

export interface JobPipelineStatus {
  readonly backend: QueueBackend['kind'];
  readonly heartbeat: WorkerHeartbeat | null;
}

/** The jobs of one queue by state. */
export interface QueueCount extends QueueCounts {
  readonly queue: QueueName;
}

const WORKER_NAME = `${hostname()}:${process.pid}`;

@Injectable()
export class PipelineCheckService implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly outbox: OutboxService,
    private readonly registry: JobRegistry,
    private readonly backend: QueueBackend,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.addSchedule({
      id: 'worker-heartbeat',
      name: JobName.WorkerHeartbeat,
      everyMs: this.config.queue.heartbeatIntervalMs,
    });
  }

  /** Records a check and its job in one transaction. */
  async request(ctx: RequestContext, input: RequestPipelineCheck): Promise<PipelineCheck> {
    const delaySeconds = input.delaySeconds ?? 0;
    const holdSeconds = input.holdSeconds ?? 0;
    const problems = [
      ...(delaySeconds < 0 || delaySeconds > MAX_CHECK_DELAY_SECONDS
        ? [
            {
              path: 'input.delaySeconds',
              message: `must be between 0 and ${MAX_CHECK_DELAY_SECONDS}`,
            },
          ]
        : []),
      ...(holdSeconds < 0 || holdSeconds > MAX_CHECK_HOLD_SECONDS
        ? [
            {
              path: 'input.holdSeconds',
              message: `must be between 0 and ${MAX_CHECK_HOLD_SECONDS}`,
            },
          ]
        : []),
    ];
    if (problems.length > 0) throw DomainException.badUserInput('Invalid pipeline check', problems);

    return this.connection.transaction(ctx, async (tx) => {
      const repository = await this.connection.repository(tx, PipelineCheck);
      // The delay counts from the request, on one clock: the transaction's own time (the
      // column's default) may come later, when the first statement begins it.
      const requestedAt = this.clock.now();
      const check = repository.create({
        createdAt: requestedAt,
        runAt: new Date(requestedAt.getTime() + delaySeconds * 1_000),
        holdMs: holdSeconds * 1_000,
        completedAt: null,
      });
      await repository.insert(check);
      await this.outbox.enqueue(
        tx,
        JobName.PipelineCheck,
        { checkId: check.id },
        {
          key: check.id,
          runAt: check.runAt,
        },
      );
      return check;
    });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<PipelineCheck[]> {
    if (ids.length === 0) return [];
    return (await this.connection.repository(ctx, PipelineCheck)).findBy({ id: In([...ids]) });
  }

  async list(
    ctx: RequestContext,
    page: PageRequest,
    filter: { status?: PipelineCheckStatus | null },
    order: PipelineCheckOrder = { field: 'requestedAt', direction: 'DESC' },
  ): Promise<Page<PipelineCheck>> {
    const query = (await this.connection.repository(ctx, PipelineCheck)).createQueryBuilder(
      'check',
    );
    if (filter.status === 'PENDING') query.where('check.completed_at IS NULL');
    if (filter.status === 'COMPLETED') query.where('check.completed_at IS NOT NULL');
    return paginate(query, page, {
      column: ORDER_COLUMNS[order.field],
      property: ORDER_PROPERTIES[order.field],
      direction: order.direction,
    });
  }

  /** Deliveries of many checks in one query, oldest first. */
  async deliveriesOf(
    ctx: RequestContext,
    checkIds: readonly string[],
  ): Promise<PipelineCheckDelivery[]> {
    if (checkIds.length === 0) return [];
    return (await this.connection.repository(ctx, PipelineCheckDelivery))
      .createQueryBuilder('delivery')
      .where('delivery.check_id IN (:...checkIds)', { checkIds })
      .orderBy('delivery.delivered_at', 'ASC')
      .addOrderBy('delivery.id', 'ASC')
      .getMany();
  }

  async status(ctx: RequestContext): Promise<JobPipelineStatus> {
    const heartbeat = await (
      await this.connection.repository(ctx, WorkerHeartbeat)
    ).findOneBy({ queue: QueueName.System });
    return { backend: this.backend.kind, heartbeat };
  }

  /** Jobs by state in every queue, in the order QueueName declares them (for monitoring). */
  async queueCounts(_ctx: RequestContext): Promise<QueueCount[]> {
    return Promise.all(
      Object.values(QueueName).map(async (queue) => ({
        queue,
        ...(await this.backend.counts(queue)),
      })),
    );
  }

  /**
   * Completes a check. Idempotent: the completion is a conditional update, so a redelivered
   * job records a delivery but completes nothing twice.
   */
  @OnJob(JobName.PipelineCheck)
  async complete(
    ctx: RequestContext,
    data: JobPayloads[JobName.PipelineCheck],
    delivery: JobDelivery,
  ): Promise<void> {
    const check = await this.connection.transaction(ctx, async (tx) =>
      (await this.connection.repository(tx, PipelineCheck)).findOneBy({ id: data.checkId }),
    );
    if (!check) return;
    if (check.holdMs > 0) await sleep(check.holdMs, undefined, { signal: delivery.signal });
    await this.connection.transaction(ctx, async (tx) => {
      const result = await (
        await this.connection.repository(tx, PipelineCheck)
      )
        .createQueryBuilder()
        .update()
        .set({ completedAt: () => 'now()' })
        .where('id = :id AND completed_at IS NULL', { id: check.id })
        .execute();
      const outcome: PipelineCheckOutcome = result.affected ? 'COMPLETED' : 'ALREADY_COMPLETED';
      const deliveries = await this.connection.repository(tx, PipelineCheckDelivery);
      await deliveries.insert(
        deliveries.create({
          checkId: check.id,
          jobId: delivery.id,
          attempt: delivery.attempt,
          worker: WORKER_NAME,
          outcome,
          deliveredAt: this.clock.now(),
        }),
      );
    });
  }

  @OnJob(JobName.WorkerHeartbeat)
  async beat(ctx: RequestContext): Promise<void> {
    await this.connection.transaction(ctx, async (tx) =>
      (await this.connection.manager(tx)).query(
        `INSERT INTO worker_heartbeat (queue, worker, beat_at, beats) VALUES ($1, $2, now(), 1)
         ON CONFLICT (queue) DO UPDATE
           SET worker = EXCLUDED.worker, beat_at = EXCLUDED.beat_at, beats = worker_heartbeat.beats + 1`,
        [QueueName.System, WORKER_NAME],
      ),
    );
  }
}
