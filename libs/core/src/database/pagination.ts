import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainException } from '../errors/domain.exception.js';
import { readEntitiesAndRaw } from './entity-rows.js';

/** Most rows one page may ask for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface PageOrder<T> {
  /** Column expression in the query, e.g. `check.created_at`. */
  readonly column: string;
  /** The entity property holding the same value (a Date, number or string). */
  readonly property: keyof T & string;
  readonly direction: 'ASC' | 'DESC';
}

export interface Page<T> {
  readonly nodes: T[];
  /** The row of `nodes[index]`, with the query's other selected expressions under their aliases. */
  readonly raw: ReadonlyArray<Record<string, unknown>>;
  /** The cursor of `nodes[index]`, made when a client asks for it. */
  readonly cursor: (index: number) => string;
  readonly hasNextPage: boolean;
  /** Counted only when asked for (a resolver of `totalCount` calls it). */
  readonly totalCount: () => Promise<number>;
}

type CursorValue = string | number | null;

function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      ['string', 'number'].includes(typeof parsed[0])
    ) {
      return [parsed[0] as CursorValue, parsed[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw DomainException.badUserInput('Invalid cursor', [
    { path: 'after', message: 'not a cursor from this list' },
  ]);
}

function cursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return null;
}

/**
 * Keyset pagination over `query` (whose main alias has an `id`): stable order by `order` then
 * id, `first` capped at MAX_PAGE_SIZE, opaque cursors. Timestamps used for ordering must be
 * stored with millisecond precision so that a cursor round-trips exactly. The query may join
 * many-to-one relations only; rows are read as readEntitiesAndRaw() reads them.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  request: PageRequest,
  order: PageOrder<T>,
): Promise<Page<T>> {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw DomainException.badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, [
      { path: 'first', message: `must be between 0 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  const idColumn = `${query.alias}.id`;
  const page = query.clone();
  if (request.after) {
    const [value, id] = decodeCursor(request.after);
    const comparator = order.direction === 'ASC' ? '>' : '<';
    page.andWhere(`(${order.column}, ${idColumn}) ${comparator} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  page
    .orderBy(order.column, order.direction)
    .addOrderBy(idColumn, order.direction)
    .limit(first + 1);
  const rows = first === 0 ? { entities: [], raw: [] } : await readEntitiesAndRaw(page);
  const nodes = rows.entities.slice(0, first);
  return {
    nodes,
    raw: rows.raw.slice(0, first),
    cursor: (index) => {
      const node = nodes[index]!;
      return encodeCursor(cursorValue(node[order.property]), node.id);
    },
    hasNextPage: rows.entities.length > first,
    // `query` itself is never changed here (the page is a clone), so it still counts them all.
    totalCount: () => query.clone().getCount(),
  };
}
