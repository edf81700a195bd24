import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '#identity';
import type { ReassessmentPolicy, ReminderOffsets } from './reassessment-policy.js';

/** An organization's own policy; organizations without a row use DEFAULT_REASSESSMENT_POLICY. */
@Entity('reassessment_policy')
export class ReassessmentPolicyRecord {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'jsonb' })
  policy!: ReassessmentPolicy;

  /** Reminder offsets; null for DEFAULT_REMINDER_OFFSETS. */
  @Column({ type: 'jsonb', nullable: true })
  reminders!: ReminderOffsets | null;

  /** 1 for the first saved policy; the default counts as version 0. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_by', type: 'varchar', length: 100, nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}
