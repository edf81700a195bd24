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
import type { RiskRubric } from './risk-rubric.js';

/** An organization's own rubric; organizations without a row use DEFAULT_RISK_RUBRIC. */
@Entity('vendor_risk_rubric')
export class RiskRubricRecord {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'jsonb' })
  rubric!: RiskRubric;

  /** 1 for the first saved rubric; the default counts as version 0. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}
