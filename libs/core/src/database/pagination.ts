import type { ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { DomainException } from '../errors/domain.exception.js';
import { readEntitiesAndRaw, readKeptEntitiesAndRaw } from './entity-rows.js';

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

/** The page size and the cursor a request asks for, checked. */
function pageRequest(request: PageRequest): {
  first: number;
  cursor: [CursorValue, string] | null;
} {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw DomainException.badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, [
      { path: 'first', message: `must be between 0 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return { first, cursor: request.after ? decodeCursor(request.after) : null };
}

/** `query` limited to the page after `cursor` in `order`, with one row more to tell a next page. */
function pageQuery<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: PageOrder<T>,
  first: number,
  cursor: [CursorValue, string] | null,
): SelectQueryBuilder<T> {
  const idColumn = `${query.alias}.id`;
  if (cursor) {
    const comparator = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${order.column}, ${idColumn}) ${comparator} (:cursorValue, :cursorId)`, {
      cursorValue: cursor[0],
      cursorId: cursor[1],
    });
  }
  return query
    .orderBy(order.column, order.direction)
    .addOrderBy(idColumn, order.direction)
    .limit(first + 1);
}

/** The page of `first` rows read as `rows` (one more when there is a next page). */
function pageOf<T extends ObjectLiteral & { id: string }>(
  rows: { entities: T[]; raw: Array<Record<string, unknown>> },
  first: number,
  order: PageOrder<T>,
  totalCount: () => Promise<number>,
): Page<T> {
  const nodes = rows.entities.slice(0, first);
  return {
    nodes,
    raw: rows.raw.slice(0, first),
    cursor: (index) => {
      const node = nodes[index]!;
      return encodeCursor(cursorValue(node[order.property]), node.id);
    },
    hasNextPage: rows.entities.length > first,
    totalCount,
  };
}

const NO_ROWS = { entities: [], raw: [] };

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
  const { first, cursor } = pageRequest(request);
  const rows =
    first === 0
      ? NO_ROWS
      : await readEntitiesAndRaw(pageQuery(query.clone(), order, first, cursor));
  // `query` itself is never changed here (the page is a clone), so it still counts them all.
  return pageOf(rows, first, order, () => query.clone().getCount());
}

/** A list query that a request builds over and over, for paginateKept(). */
export interface KeptQuery<T extends ObjectLiteral> {
  /** The unit of work's query runner, which build() builds on. */
  readonly runner: QueryRunner;
  /**
   * Everything the statement depends on besides its parameters' values and the page: its
   * columns, joins and conditions. Queries with the same key and parameter names are the same.
   */
  readonly key: string;
  /** The values of the query's named parameters, exactly as build() sets them. */
  readonly parameters: ObjectLiteral;
  /** The query, built only while its page statement is not kept yet (and always under test). */
  readonly build: () => SelectQueryBuilder<T>;
}

/**
 * paginate() over a list query kept by key (readKeptEntitiesAndRaw): the same pages and
 * cursors, but the query is built only the first time its shape is read (or to count).
 */
export async function paginateKept<T extends ObjectLiteral & { id: string }>(
  kept: KeptQuery<T>,
  request: PageRequest,
  order: PageOrder<T>,
): Promise<Page<T>> {
  const { first, cursor } = pageRequest(request);
  const parameters = cursor
    ? { ...kept.parameters, cursorValue: cursor[0], cursorId: cursor[1] }
    : kept.parameters;
  const rows =
    first === 0
      ? NO_ROWS
      : await readKeptEntitiesAndRaw<T>(
          kept.runner,
          `${kept.key}\norder ${order.column} ${order.direction}\nfirst ${first}`,
          parameters,
          () => pageQuery(kept.build(), order, first, cursor),
        );
  return pageOf(rows, first, order, () => kept.build().getCount());
}
