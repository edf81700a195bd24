import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata.js';

/**
 * Column types whose JSON value (PostgreSQL's to_json) is what TypeORM's hydration makes of
 * the column, as it is: text, numbers that fit a double, booleans, JSON, and `date` (a
 * `YYYY-MM-DD` string either way). Arrays of these too.
 */
const JSON_AS_IS = new Set([
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
  'date',
]);

/** Timestamps with a time zone come as ISO 8601 strings with an offset; pg makes them Dates. */
const JSON_TIMESTAMP = new Set(['timestamptz', 'timestamp with time zone']);

/** PostgreSQL takes at most 100 arguments per function call: 50 key/value pairs. */
const PAIRS_PER_OBJECT = 50;

const toTimestamp = (value: unknown): unknown =>
  typeof value !== 'string'
    ? value
    : value === 'infinity'
      ? Infinity
      : value === '-infinity'
        ? -Infinity
        : new Date(value);

/** How one column comes back, if PostgreSQL can put it in the row's JSON object. */
function jsonReading(
  column: ColumnMetadata,
): { convert: ((value: unknown) => unknown) | null } | null {
  if (column.transformer || column.isVirtualProperty) return null;
  const type = String(column.type);
  if (JSON_TIMESTAMP.has(type) && !column.isArray) return { convert: toTimestamp };
  if (JSON_AS_IS.has(type)) return { convert: null };
  // String enums hydrate unchanged; TypeORM turns numeric-looking members into numbers.
  if (
    type === 'enum' &&
    column.enum?.every((member) => typeof member === 'string' && isNaN(+member))
  )
    return { convert: null };
  return null;
}

interface ColumnRead {
  readonly column: ColumnMetadata;
  /** Plain assignment to this property, or null when the column needs TypeORM to set it. */
  readonly property: string | null;
  /** Whether a value here shows that the row holds this entity (as TypeORM decides it). */
  readonly isData: boolean;
  /** The JSON object (its result alias) and key that hold the value; null: a column of its own. */
  readonly json: { readonly object: string; readonly key: string } | null;
  /** The result alias of a column of its own, read as TypeORM reads it. */
  readonly alias: string;
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
 * select list that brings those columns, each entity's as one JSON object where it can.
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
    const pairs: string[] = [];
    const columns: ColumnRead[] = [];
    for (const column of metadata.columns) {
      const path = `${aliasName}.${column.propertyPath}`;
      const picked = selections.has(path);
      if (picked) entitySelections.add(path);
      // As TypeORM: the whole entity is its selectable columns; a partial one what is named.
      if (column.isVirtual || !((whole && column.isSelect) || picked)) continue;
      const expression = `${query.escape(aliasName)}.${query.escape(column.databaseName)}`;
      const alias = DriverUtils.buildAlias(driver, undefined, aliasName, column.databaseName);
      const reading = jsonReading(column);
      let json: ColumnRead['json'] = null;
      if (reading) {
        const object = DriverUtils.buildAlias(
          driver,
          undefined,
          aliasName,
          `_json${Math.floor(pairs.length / PAIRS_PER_OBJECT)}`,
        );
        json = { object, key: column.propertyPath };
        pairs.push(`'${column.propertyPath.replaceAll("'", "''")}', ${expression}`);
      } else {
        selects.push({ selection: expression, alias });
      }
      columns.push({
        column,
        property: column.embeddedMetadata ? null : column.propertyName,
        isData: !column.isVirtualProperty,
        json,
        alias,
        convert: reading ? reading.convert : (value) => driver.prepareHydratedValue(value, column),
      });
    }
    for (let start = 0; start < pairs.length; start += PAIRS_PER_OBJECT) {
      selects.push({
        selection: `json_build_object(${pairs.slice(start, start + PAIRS_PER_OBJECT).join(', ')})`,
        alias: DriverUtils.buildAlias(
          driver,
          undefined,
          aliasName,
          `_json${start / PAIRS_PER_OBJECT}`,
        ),
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
  for (const { column, property, isData, json, alias, convert } of read.columns) {
    let value = json ? (row[json.object] as Record<string, unknown>)[json.key] : row[alias];
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

/**
 * Runs `query` and reads each row into its entity (and the many-to-one relations it selects)
 * straight from the entity metadata, without TypeORM's general hydration. Each entity's
 * columns come as one JSON object built by PostgreSQL, so that the driver parses one value
 * per entity instead of one per column (types whose JSON differs from what TypeORM makes of
 * them, such as bigint, come as columns of their own). Entities are made without running
 * their constructors, as TypeORM does for rows it loads. `raw[i]` is the row of
 * `entities[i]`, with the query's other selected expressions under their aliases. The query
 * may join and select many-to-one relations only; anything else is refused. It takes the
 * query over: its select list is rewritten.
 */
export async function readEntitiesAndRaw<T extends ObjectLiteral, Raw = Record<string, unknown>>(
  query: SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: Raw[] }> {
  const { read, selects } = cachedPlan(query);
  const [first, ...rest] = selects;
  query.select(first!.selection, first!.alias);
  for (const select of rest) query.addSelect(select.selection, select.alias);
  const rows = await query.getRawMany<Raw>();
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

/** The entities of `query`, read as readEntitiesAndRaw() does. */
export async function readEntities<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): Promise<T[]> {
  return (await readEntitiesAndRaw(query)).entities;
}
