import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Organization } from './organization.entity.js';
import { BaseEntity, Role } from '#core';
import { User } from './user.entity.js';

/** A user's one role in one organization. */
@Entity('membership')
@Index('membership_organization_user_key', ['organizationId', 'userId'], { unique: true })
@Index('membership_user_id_idx', ['userId'])
export class Membership extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'enum', enum: Role, enumName: 'member_role' })
  role!: Role;
}
