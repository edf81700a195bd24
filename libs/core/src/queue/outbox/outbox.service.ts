import { Injectable } from '@nestjs/common';
import { Clock } from '../../clock/clock.js';
import type { RequestContext } from '../../context/request-context.js';
import { newId } from '../../database/base.entity.js';
import { TransactionalConnection } from '../../database/transactional-connection.js';
import { jobId, type JobName, type JobPayloads } from '../job.types.js';
import { OutboxRelay } from './outbox-relay.js';

export interface EnqueueOptions {
  /** Identifies the logical job (e.g. an entity id): the same key gives the same job id. */
  readonly key: string;
  /** Run no earlier than this; now when omitted. */
  readonly runAt?: Date;
}

/** Producing jobs: always through the outbox, inside the transaction of the change. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  /** Records a job that the relay queues once `ctx`'s transaction has committed. */
  async enqueue<Name extends JobName>(
    ctx: RequestContext,
    name: Name,
    data: JobPayloads[Name],
    options: EnqueueOptions,
  ): Promise<void> {
    if (!ctx.inTransaction) {
      throw new Error(
        'OutboxService.enqueue() must run inside TransactionalConnection.transaction()',
      );
    }
    // One plain statement: this runs inside every change that produces a job.
    await (
      await this.connection.manager(ctx)
    ).query(
      `INSERT INTO outbox_message (id, job_name, payload, job_id, available_at) VALUES ($1, $2, $3, $4, $5)`,
      [
        newId(),
        name,
        JSON.stringify(data),
        jobId(name, options.key),
        options.runAt ?? this.clock.now(),
      ],
    );
    this.connection.afterCommit(ctx, () => this.relay.nudge());
  }

  /** Many jobs of one name in one statement, as `enqueue` queues one. */
  async enqueueMany<Name extends JobName>(
    ctx: RequestContext,
    name: Name,
    jobs: ReadonlyArray<{ readonly data: JobPayloads[Name] } & EnqueueOptions>,
  ): Promise<void> {
    if (!ctx.inTransaction) {
      throw new Error(
        'OutboxService.enqueueMany() must run inside TransactionalConnection.transaction()',
      );
    }
    if (jobs.length === 0) return;
    const now = this.clock.now();
    await (
      await this.connection.manager(ctx)
    ).query(
      `INSERT INTO outbox_message (id, job_name, payload, job_id, available_at)
       SELECT id, $1, payload, job_id, available_at
         FROM unnest($2::uuid[], $3::jsonb[], $4::text[], $5::timestamptz[])
           AS j(id, payload, job_id, available_at)`,
      [
        name,
        jobs.map(() => newId()),
        jobs.map((job) => JSON.stringify(job.data)),
        jobs.map((job) => jobId(name, job.key)),
        jobs.map((job) => (job.runAt ?? now).toISOString()),
      ],
    );
    this.connection.afterCommit(ctx, () => this.relay.nudge());
  }
}
