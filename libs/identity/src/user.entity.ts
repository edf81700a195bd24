import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';

/**
 * A person who signs in. Not tenant data: one user may belong to several organizations
 * (through memberships), so users are reached only through the system path or a membership.
 */
@Entity('app_user')
@Index('app_user_email_key', ['email'], { unique: true })
export class User extends BaseEntity {
  /** Lower-cased and trimmed. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /** argon2id; null until the user has set a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;
}
