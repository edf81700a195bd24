import { CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * UUIDv7 primary keys, generated in the application: time-ordered, so B-tree inserts stay
 * local and ordering by id follows creation.
 */
export abstract class BaseEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}

/** A new UUIDv7, for rows inserted without an entity instance. */
export function newId(): string {
  return uuidv7();
}
