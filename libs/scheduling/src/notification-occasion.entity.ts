import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '#core';

/**
 * A reminder or notice that has been sent, by occasion (`assessment:<id>:due-3`): recorded in
 * the transaction that queues its emails, so each occasion is sent once however often its job
 * runs.
 */
@Entity('notification_occasion')
@Index('notification_occasion_key', ['organizationId', 'occasion'], { unique: true })
export class NotificationOccasion {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  occasion!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;
}
