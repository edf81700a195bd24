import type { EntityMetadata, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata.js';
import { prepareStatement } from './prepared-statements.js';

/**
 * Column types whose value, as pg parses it, is already what the entity holds: TypeORM's
 * hydration leaves them as they are. Any other type (and any column with a transformer) goes
 * through the driver's own conversion.
 */
const AS_PARSED = new Set([
  'uuid',
  'varchar',
  'character varying',
  'text',
  'boolean',
  'smallint',
  'integer',
  'int',
  'int2',
  'int4',
  'jsonb',
  'json',
  'timestamptz',
  'timestamp with time zone',
]);

interface ColumnRead {
  readonly column: ColumnMetadata;
  /** Plain assignment to this property, or null when the column needs TypeORM to set it. */
  readonly property: string | null;
  /** Whether a value here shows that the row holds this entity (as TypeORM decides it). */
  readonly isData: boolean;
  /** The column's alias in the result, as TypeORM names it. */
  readonly alias: string;
  /** The driver's conversion, for the types pg does not already parse as the entity holds. */
  readonly convert: ((value: unknown) => unknown) | null;
}

interface AliasRead {
  /** The entity class's prototype: entities are made without running the constructor. */
  readonly prototype: object;
  readonly columns: readonly ColumnRead[];
  readonly joins: ReadonlyArray<{ readonly relation: RelationMetadata; readonly read: AliasRead }>;
}

const unsupported = (what: string): Error =>
  new Error(`readEntities: ${what}; use getMany() for this query`);

/**
 * How to turn one raw row of `query` into its main entity and the single-valued relations it
 * selects, worked out from the entity metadata the way TypeORM's hydration does; and the
 * select list that brings those columns.
 */
function planRead<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): { read: AliasRead; selects: Array<{ selection: string; alias: string }> } {
  const { expressionMap, connection } = query;
  const driver = connection.driver;
  const main = expressionMap.mainAlias;
  if (!main?.hasMetadata) throw unsupported('the query has no entity');
  if (expressionMap.relationIdAttributes.length) throw unsupported('relation ids are not read');
  if (connection.options.typename) throw unsupported('the typename option is not supported');
  const selections = new Set(expressionMap.selects.map((select) => select.selection));
  const entitySelections = new Set<string>();
  const selects: Array<{ selection: string; alias: string }> = [];

  const plan = (aliasName: string, metadata: EntityMetadata): AliasRead => {
    if (
      metadata.discriminatorColumn ||
      metadata.childEntityMetadatas.length ||
      metadata.lazyRelations.length ||
      metadata.tableType === 'view'
    )
      throw unsupported(`${metadata.name} uses inheritance, lazy relations or is a view`);
    const whole = selections.has(aliasName);
    if (whole) entitySelections.add(aliasName);
    const columns: ColumnRead[] = [];
    for (const column of metadata.columns) {
      const path = `${aliasName}.${column.propertyPath}`;
      const picked = selections.has(path);
      if (picked) entitySelections.add(path);
      // As TypeORM: the whole entity is its selectable columns; a partial one what is named.
      if (column.isVirtual || !((whole && column.isSelect) || picked)) continue;
      const alias = DriverUtils.buildAlias(driver, undefined, aliasName, column.databaseName);
      selects.push({
        selection: `${query.escape(aliasName)}.${query.escape(column.databaseName)}`,
        alias,
      });
      columns.push({
        column,
        property: column.embeddedMetadata ? null : column.propertyName,
        isData: !column.isVirtualProperty,
        alias,
        convert:
          column.transformer || !AS_PARSED.has(String(column.type))
            ? (value) => driver.prepareHydratedValue(value, column)
            : null,
      });
    }
    const joins = expressionMap.joinAttributes
      .filter((join) => join.isSelected && join.parentAlias === aliasName)
      .map((join) => {
        const relation = join.relation;
        if (!relation || join.mapToProperty || join.isMany || !join.metadata)
          throw unsupported(`${join.alias.name} is not a many-to-one relation`);
        return { relation, read: plan(join.alias.name, join.metadata) };
      });
    const prototype: object =
      typeof metadata.target === 'function'
        ? (metadata.target.prototype as object)
        : Object.prototype;
    return { prototype, columns, joins };
  };

  const read = plan(main.name, main.metadata);
  const reached = (alias: AliasRead): number =>
    1 + alias.joins.reduce((sum, join) => sum + reached(join.read), 0);
  if (reached(read) !== 1 + expressionMap.joinAttributes.filter((join) => join.isSelected).length)
    throw unsupported('a selected join does not hang off a selected relation');
  // Selected expressions (with their own aliases) come back as they are, in the raw rows.
  for (const select of expressionMap.selects) {
    if (entitySelections.has(select.selection)) continue;
    if (!select.aliasName) throw unsupported(`${select.selection} is selected without an alias`);
    selects.push({ selection: select.selection, alias: select.aliasName });
  }
  return { read, selects };
}

/** Plans by query shape, per data source: a list asks the same few shapes over and over. */
const plans = new WeakMap<object, Map<string, ReturnType<typeof planRead>>>();
const MAX_PLANS = 500;

/** What the plan of `query` depends on: its entity, its selections and its joins. */
function shapeOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): string {
  const { mainAlias, selects, joinAttributes } = query.expressionMap;
  return [
    `${mainAlias?.name}:${mainAlias?.hasMetadata ? mainAlias.metadata.name : ''}`,
    ...selects.map((select) => `${select.selection} AS ${select.aliasName ?? ''}`),
    ...joinAttributes.map(
      (join) =>
        `${join.alias.name}=${typeof join.entityOrProperty === 'string' ? join.entityOrProperty : (join.metadata?.name ?? '')}${join.mapToProperty ? `>${join.mapToProperty}` : ''}`,
    ),
  ].join('\n');
}

function cachedPlan<T extends ObjectLiteral>(query: SelectQueryBuilder<T>) {
  let byShape = plans.get(query.connection);
  if (!byShape) plans.set(query.connection, (byShape = new Map()));
  const shape = shapeOf(query);
  let plan = byShape.get(shape);
  if (!plan) {
    plan = planRead(query);
    if (byShape.size >= MAX_PLANS) byShape.clear();
    byShape.set(shape, plan);
  }
  return plan;
}

/** The entity of `read` in `row`, or null when the row holds none (a left join that found none). */
function readRow(read: AliasRead, row: Record<string, unknown>): ObjectLiteral | null {
  const entity = Object.create(read.prototype) as ObjectLiteral;
  let found = false;
  for (const { column, property, isData, alias, convert } of read.columns) {
    let value = row[alias];
    if (value === undefined) continue;
    if (value !== null && isData) found = true;
    if (convert) value = convert(value);
    if (property === null) column.setEntityValue(entity, value);
    else entity[property] = value;
  }
  if (!found) return null;
  for (const { relation, read: joined } of read.joins)
    relation.setEntityValue(entity, readRow(joined, row));
  return entity;
}

/** Where a value of a written statement comes from: a parameter, or one element of an array one. */
interface ParameterSource {
  readonly name: string;
  readonly index?: number;
}

/** A query's SQL as TypeORM writes it, and where each of its positional values comes from. */
interface WrittenStatement {
  readonly sql: string;
  readonly sources: readonly ParameterSource[];
}

/** Statements by query signature, per data source; null for a shape that cannot be kept. */
const statements = new WeakMap<object, Map<string, WrittenStatement | null>>();
const MAX_STATEMENTS = 2_000;

/**
 * Checks every statement taken from the cache against the one TypeORM writes afresh: on in
 * the tests (Jest sets NODE_ENV=test), which then prove the cache right on every list they read.
 */
let verifyStatements = process.env.NODE_ENV === 'test';

/** Turns that check on or off (for a test of the check itself). */
export function verifyWrittenStatements(on: boolean): void {
  verifyStatements = on;
}

type Alias = SelectQueryBuilder<ObjectLiteral>['expressionMap']['mainAlias'];

const aliasKey = (alias: Alias) =>
  alias && [
    alias.name,
    alias.type,
    alias.hasMetadata ? alias.metadata.name : null,
    alias.tablePath ?? null,
    alias.subQuery ?? null,
  ];

/**
 * Everything the SQL of `query` depends on, as a string: the fields QueryExpressionMap.clone()
 * carries over (a clone writes the same SQL, so they are the query), with the names of the
 * parameters and the lengths of array ones (an array spread with `:...name` becomes one
 * placeholder per element) instead of their values. Null for what is not kept: parameters
 * written into the SQL (functions), common table expressions, entities as conditions, locks.
 */
function signatureOf<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  parameters: ObjectLiteral,
): string | null {
  const map = query.expressionMap;
  if (
    map.commonTableExpressions.length ||
    map.whereEntities.length ||
    map.relationIdAttributes.length ||
    map.lockMode !== undefined ||
    map.of !== undefined
  )
    return null;
  const shapes: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === 'function') return null;
    shapes.push(Array.isArray(value) ? `${name}[${value.length}]` : name);
  }
  return JSON.stringify([
    map.queryType,
    aliasKey(map.mainAlias),
    map.selects,
    map.selectDistinct,
    map.selectDistinctOn,
    map.joinAttributes.map((join) => [
      join.direction,
      typeof join.entityOrProperty === 'string'
        ? join.entityOrProperty
        : (join.metadata?.name ?? null),
      aliasKey(join.alias),
      join.condition ?? null,
      join.mapToProperty ?? null,
      join.isMappingMany ?? null,
    ]),
    map.wheres,
    map.orderBys,
    map.groupBys,
    map.havings,
    map.limit ?? null,
    map.offset ?? null,
    map.take ?? null,
    map.skip ?? null,
    map.withDeleted,
    map.useIndex ?? null,
    map.comment ?? null,
    map.timeTravel ?? null,
    map.subQuery,
    map.extraAppendedAndWhereCondition,
    map.disableEscaping,
    map.aliasNamePrefixingEnabled,
    map.relationLoadStrategy,
    map.maxExecutionTime,
    shapes,
  ]);
}

/**
 * The SQL of `query` with a marker for each parameter value, so that where each placeholder's
 * value comes from is known: the same statement then serves every query of the same signature.
 * Null when a placeholder's value is not one of the markers.
 */
function writeStatement<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  parameters: ObjectLiteral,
): WrittenStatement | null {
  const markers = new Map<unknown, ParameterSource>();
  const marked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters)) {
    const marker = Array.isArray(value)
      ? value.map((_, index) => {
          const element = { name, index };
          markers.set(element, element);
          return element;
        })
      : { name };
    markers.set(marker, { name });
    marked[name] = marker;
  }
  const [sql, values] = query.connection.driver.escapeQueryWithParameters(query.getQuery(), marked);
  const sources = values.map((value) => markers.get(value));
  return sources.every((source) => source !== undefined) ? { sql, sources } : null;
}

/** The positional values of `statement` for these named parameters. */
function valuesOf(statement: WrittenStatement, parameters: ObjectLiteral): unknown[] {
  return statement.sources.map(({ name, index }) =>
    index === undefined ? parameters[name] : (parameters[name] as unknown[])[index],
  );
}

/**
 * The SQL and values of `query`, as getQueryAndParameters() gives them, but with the SQL
 * written once per signature: TypeORM writes a statement anew for every query, which for a list
 * read costs more than reading its rows.
 */
function statementOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): [string, unknown[]] {
  const parameters = query.getParameters();
  const signature = signatureOf(query, parameters);
  if (signature === null) return query.getQueryAndParameters();
  let bySignature = statements.get(query.connection);
  if (!bySignature) statements.set(query.connection, (bySignature = new Map()));
  let statement = bySignature.get(signature);
  if (statement === undefined) {
    statement = writeStatement(query, parameters);
    if (bySignature.size >= MAX_STATEMENTS) bySignature.clear();
    bySignature.set(signature, statement);
  }
  if (statement === null) return query.getQueryAndParameters();
  const values = valuesOf(statement, parameters);
  if (verifyStatements) {
    const [sql, fresh] = query.getQueryAndParameters();
    if (
      sql !== statement.sql ||
      fresh.length !== values.length ||
      fresh.some((v, i) => v !== values[i])
    )
      throw new Error(`A kept statement differs from the query's own:\n${statement.sql}\n${sql}`);
  }
  return [statement.sql, values];
}

/** The raw rows of `query`, as getRawMany() reads them, its statement written once per signature. */
async function rawRows<Raw>(query: SelectQueryBuilder<ObjectLiteral>): Promise<Raw[]> {
  // The runner the query was made with (its unit of work's), which getRawMany() would use too.
  const runner = (query as unknown as { queryRunner?: QueryRunner }).queryRunner;
  if (!runner || runner.isReleased) return query.getRawMany<Raw>();
  const [sql, values] = statementOf(query);
  return ((await runner.query(sql, values, true)) as { records: Raw[] }).records;
}

/**
 * Runs `query` and reads each row into its entity (and the many-to-one relations it selects)
 * straight from the entity metadata, without TypeORM's general hydration, which groups rows
 * by key and builds every entity through several layers. The select list is written from the
 * same plan, once per query shape. Entities are made without running their constructors, as
 * TypeORM does for rows it loads. `raw[i]` is the row of `entities[i]`, with the query's other
 * selected expressions under their aliases. The query may join and select many-to-one
 * relations only; anything else is refused. It takes the query over: its select list is
 * rewritten.
 */
export async function readEntitiesAndRaw<T extends ObjectLiteral, Raw = Record<string, unknown>>(
  query: SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: Raw[] }> {
  const read = selectPlanned(query);
  return entitiesOf<T, Raw>(read, await rawRows<Raw>(query));
}

/** Rewrites the select list of `query` to its read plan's, and returns the plan. */
function selectPlanned<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): AliasRead {
  const { read, selects } = cachedPlan(query);
  const [first, ...rest] = selects;
  query.select(first!.selection, first!.alias);
  for (const select of rest) query.addSelect(select.selection, select.alias);
  return read;
}

/** Each row read into its entity, beside the row itself. */
function entitiesOf<T, Raw>(read: AliasRead, rows: Raw[]): { entities: T[]; raw: Raw[] } {
  const entities: T[] = [];
  const raw: Raw[] = [];
  for (const row of rows) {
    const entity = readRow(read, row as Record<string, unknown>);
    if (!entity) continue; // every selected column null: TypeORM makes no entity of it either
    entities.push(entity as T);
    raw.push(row);
  }
  return { entities, raw };
}

/** A query's read plan and statement, kept under its caller's key. */
interface KeptRead {
  readonly read: AliasRead;
  readonly statement: WrittenStatement;
}

/** Kept reads by key, per data source. */
const keptReads = new WeakMap<object, Map<string, KeptRead>>();
const MAX_KEPT_READS = 2_000;

/**
 * The key of a kept read: the caller's, with the names of the parameters and the lengths of
 * array ones, which the statement also depends on.
 */
function keptKey(key: string, parameters: ObjectLiteral): string {
  let full = key;
  for (const name in parameters) {
    const value: unknown = parameters[name];
    full += Array.isArray(value) ? `\n:${name}[${value.length}]` : `\n:${name}`;
  }
  return full;
}

/**
 * The read plan of `query` (whose select list it rewrites, as readEntitiesAndRaw() does) and its
 * statement, or null for a query whose statement cannot be kept.
 */
function planAndWrite<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): { read: AliasRead; statement: WrittenStatement | null } {
  const read = selectPlanned(query);
  const parameters = query.getParameters();
  const statement =
    signatureOf(query, parameters) === null ? null : writeStatement(query, parameters);
  return { read, statement };
}

/**
 * readEntitiesAndRaw() for a query that a request builds over and over: its read plan and its
 * statement are kept under `key` (with the names of `parameters` and the lengths of array ones),
 * and while they are kept the query is not built at all, which for a page of a list costs more
 * than reading its rows. `key` must name everything the SQL depends on besides the parameters'
 * values (columns, joins, conditions, order, limit); `build()` must make that query, with
 * `parameters` as its parameters. Under test every read builds the query and checks the kept
 * statement against it. `runner` is the query runner to read with (a unit of work's).
 */
export async function readKeptEntitiesAndRaw<
  T extends ObjectLiteral,
  Raw = Record<string, unknown>,
>(
  runner: QueryRunner,
  key: string,
  parameters: ObjectLiteral,
  build: () => SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: Raw[] }> {
  let byKey = keptReads.get(runner.connection);
  if (!byKey) keptReads.set(runner.connection, (byKey = new Map()));
  const full = keptKey(key, parameters);
  let kept = byKey.get(full);
  if (!kept || verifyStatements) {
    const query = build();
    const { read, statement } = planAndWrite(query);
    if (!statement) return entitiesOf<T, Raw>(read, await rawRows<Raw>(query));
    const fresh: KeptRead = { read, statement };
    if (kept && kept.statement.sql !== fresh.statement.sql) {
      throw new Error(
        `The kept statement of ${JSON.stringify(key)} differs from the query's own:\n${kept.statement.sql}\n${fresh.statement.sql}`,
      );
    }
    const [, values] = query.getQueryAndParameters();
    const given = valuesOf(fresh.statement, parameters);
    if (given.length !== values.length || given.some((value, i) => value !== values[i])) {
      throw new Error(`The parameters given for ${JSON.stringify(key)} are not the query's own`);
    }
    if (!kept) {
      if (byKey.size >= MAX_KEPT_READS) byKey.clear();
      byKey.set(full, (kept = fresh));
    }
  }
  // Marked on every read: the marks are bounded apart from the kept reads, and may be dropped.
  prepareStatement(kept.statement.sql);
  const { records } = (await runner.query(
    kept.statement.sql,
    valuesOf(kept.statement, parameters),
    true,
  )) as { records: Raw[] };
  return entitiesOf<T, Raw>(kept.read, records);
}

/** The entities of `query`, read as readEntitiesAndRaw() does. */
export async function readEntities<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): Promise<T[]> {
  return (await readEntitiesAndRaw(query)).entities;
}

/**
 * The select list, for `query.select()`, of the main entity's columns whose property `keep`
 * accepts: a query that reads less than the whole row.
 */
export function columnsSelection<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keep: (property: string) => boolean,
): string[] {
  return query.expressionMap
    .mainAlias!.metadata.columns.filter((column) => keep(column.propertyName))
    .map((column) => `${query.alias}.${column.propertyPath}`);
}
