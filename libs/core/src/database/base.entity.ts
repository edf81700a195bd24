import { randomFillSync } from 'node:crypto';
import { CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** Random bytes drawn in bulk: one system call per 256 ids instead of one per id. */
const pool = Buffer.alloc(16 * 256);
let offset = pool.length;

/** Millisecond and counter of the last id: ids made in one millisecond still ascend. */
const clock = { msecs: -Infinity, seq: 0 };

/** A new UUIDv7 (RFC 9562, with a counter seeded randomly in each millisecond). */
export function newId(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, (offset += 16));
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  return uuidv7({ random, msecs: clock.msecs, seq: clock.seq });
}

/**
 * UUIDv7 primary keys, generated in the application: time-ordered, so B-tree inserts stay
 * local and ordering by id follows creation. TypeORM also constructs an entity for every row it
 * loads, so making one must stay cheap.
 */
export abstract class BaseEntity {
  @PrimaryColumn('uuid')
  id: string = newId();

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}
