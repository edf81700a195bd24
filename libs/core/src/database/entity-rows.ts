import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata.js';

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
