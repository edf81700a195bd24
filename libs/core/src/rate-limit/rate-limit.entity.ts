import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failures counted under one key (an IP, an account) in the current window, and any block. */
@Entity('rate_limit')
export class RateLimit {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ name: 'window_start', type: 'timestamptz', precision: 3 })
  windowStart!: Date;

  @Column({ type: 'integer' })
  failures!: number;

  /** How many times the key has been blocked recently: each block lasts twice the one before. */
  @Column({ type: 'integer', default: 0 })
  strikes!: number;

  @Column({ name: 'blocked_until', type: 'timestamptz', precision: 3, nullable: true })
  blockedUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
