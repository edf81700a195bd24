import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity, newId } from '../../database/base.entity.js';

/**
 * A request to prove the job pipeline end to end: the row and its outbox job commit together,
 * a worker completes it. Operators use it to see that workers are consuming.
 */
@Entity('pipeline_check')
@Index('pipeline_check_completed_at_idx', ['completedAt'])
export class PipelineCheck extends BaseEntity {
  /** When the job was asked to run (creation plus the requested delay). */
  @Column({ name: 'run_at', type: 'timestamptz', precision: 3 })
  runAt!: Date;

  /** How long the handler keeps its worker slot before completing, in milliseconds. */
  @Column({ name: 'hold_ms', type: 'integer', default: 0 })
  holdMs!: number;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;
}

export type PipelineCheckOutcome = 'COMPLETED' | 'ALREADY_COMPLETED';

/** One execution of a check's job by a worker; a redelivery adds a row but no second completion. */
@Entity('pipeline_check_delivery')
@Index('pipeline_check_delivery_check_id_idx', ['checkId'])
export class PipelineCheckDelivery {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column({ name: 'check_id', type: 'uuid' })
  checkId!: string;

  @ManyToOne(() => PipelineCheck, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'check_id' })
  check?: Relation<PipelineCheck>;

  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @Column({ type: 'integer' })
  attempt!: number;

  /** host:pid of the worker process. */
  @Column({ type: 'varchar', length: 200 })
  worker!: string;

  @Column({ type: 'varchar', length: 20 })
  outcome!: PipelineCheckOutcome;

  @Column({ name: 'delivered_at', type: 'timestamptz', precision: 3 })
  deliveredAt!: Date;
}

/** The last time a worker ran the heartbeat scheduler of a queue. */
@Entity('worker_heartbeat')
export class WorkerHeartbeat {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  queue!: string;

  @Column({ type: 'varchar', length: 200 })
  worker!: string;

  @Column({ name: 'beat_at', type: 'timestamptz', precision: 3 })
  beatAt!: Date;

  @Column({ type: 'bigint', default: 1 })
  beats!: string;
}
