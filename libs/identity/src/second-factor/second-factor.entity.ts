import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { newId } from '#core';
import { User } from '../user.entity.js';

/** A user's TOTP authenticator. The secret is sealed (it must be read back to check codes). */
@Entity('second_factor')
export class SecondFactor {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** SecretBox-sealed base32 secret. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed!: string;

  /** Null while enrolling: the first correct code confirms it. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', precision: 3, nullable: true })
  confirmedAt!: Date | null;

  /** The last 30-second step a code was accepted for: a code works once. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** A single-use code that stands in for the authenticator, stored hashed. */
@Entity('recovery_code')
@Index('recovery_code_user_id_idx', ['userId'])
export class RecoveryCode {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'timestamptz', precision: 3, nullable: true })
  usedAt!: Date | null;
}
