import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JobName } from '../job.types.js';

/**
 * A job recorded in the same transaction as the change that causes it. The relay moves
 * committed rows to the queue, so a rolled-back change queues nothing and a committed one is
 * never lost.
 */
@Entity('outbox_message')
@Index('outbox_message_pending_idx', ['id'], { where: 'dispatched_at IS NULL' })
@Index('outbox_message_dispatched_at_idx', ['dispatchedAt'])
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName!: JobName;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  /** Deterministic job id, so relaying the same row twice queues the job once. */
  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  /** When the job should run; later than now for delayed jobs. */
  @Column({ name: 'available_at', type: 'timestamptz', precision: 3 })
  availableAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt!: Date | null;
}
