import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { User } from '../user.entity.js';

export type PasswordTokenPurpose = 'SETUP' | 'RESET';

/** A single-use, expiring token that lets its holder set a user's password. Stored hashed. */
@Entity('password_token')
@Index('password_token_token_hash_key', ['tokenHash'], { unique: true })
@Index('password_token_user_id_idx', ['userId'])
export class PasswordToken extends BaseEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10 })
  purpose!: PasswordTokenPurpose;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', precision: 3, nullable: true })
  usedAt!: Date | null;
}
