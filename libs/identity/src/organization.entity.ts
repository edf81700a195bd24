import { Column, Entity } from 'typeorm';
import { BaseEntity } from '#core';

export type SecondFactorPolicy = 'OFF' | 'ADMINS' | 'EVERYONE';

/** A tenant: every row of tenant data carries its id. */
@Entity('organization')
export class Organization extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Who must sign in with a second factor. */
  @Column({ name: 'second_factor_policy', type: 'varchar', length: 20, default: 'OFF' })
  secondFactorPolicy!: SecondFactorPolicy;

  /** Whether vendor contacts see the score of their submitted assessments. */
  @Column({ name: 'share_score_with_vendor', type: 'boolean', default: false })
  shareScoreWithVendor!: boolean;
}
