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
  readonly key: string;
  readonly column: ColumnMetadata;
  /** Plain assignment to this property, or null when the column needs TypeORM to set it. */
  readonly property: string | null;
  readonly converted: boolean;
  /** Whether a value here shows that the row holds this entity (as TypeORM decides it). */
  readonly isData: boolean;
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
 * selects, worked out from the entity metadata the way TypeORM's hydration does.
 */
function planRead<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): AliasRead {
  const { expressionMap, connection } = query;
  const driver = connection.driver;
  const main = expressionMap.mainAlias;
  if (!main?.hasMetadata) throw unsupported('the query has no entity');
  if (expressionMap.relationIdAttributes.length) throw unsupported('relation ids are not read');
  if (connection.options.typename) throw unsupported('the typename option is not supported');
  const selections = new Set(expressionMap.selects.map((select) => select.selection));

  const plan = (aliasName: string, metadata: EntityMetadata): AliasRead => {
    if (
      metadata.discriminatorColumn ||
      metadata.childEntityMetadatas.length ||
      metadata.lazyRelations.length ||
      metadata.tableType === 'view'
    )
      throw unsupported(`${metadata.name} uses inheritance, lazy relations or is a view`);
    const whole = selections.has(aliasName);
    const columns = metadata.columns
      .filter(
        (column) =>
          !column.isVirtual && (whole || selections.has(`${aliasName}.${column.propertyPath}`)),
      )
      .map((column) => ({
        key: DriverUtils.buildAlias(driver, undefined, aliasName, column.databaseName),
        column,
        property: column.embeddedMetadata ? null : column.propertyName,
        converted: Boolean(column.transformer) || !AS_PARSED.has(String(column.type)),
        isData: !column.isVirtualProperty,
      }));
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
  return read;
}

/** The entity of `read` in `row`, or null when the row holds none (a left join that found none). */
function readRow(
  read: AliasRead,
  row: Record<string, unknown>,
  driver: SelectQueryBuilder<ObjectLiteral>['connection']['driver'],
): ObjectLiteral | null {
  const entity = Object.create(read.prototype) as ObjectLiteral;
  let found = false;
  for (const { key, column, property, converted, isData } of read.columns) {
    let value = row[key];
    if (value === undefined) continue; // a column the query leaves out, as select: false ones
    if (value !== null && isData) found = true;
    if (converted) value = driver.prepareHydratedValue(value, column);
    if (property === null) column.setEntityValue(entity, value);
    else entity[property] = value;
  }
  if (!found) return null;
  for (const { relation, read: joined } of read.joins)
    relation.setEntityValue(entity, readRow(joined, row, driver));
  return entity;
}

/**
 * Runs `query` and reads each raw row into its entity (and the many-to-one relations it
 * selects) straight from the entity metadata, without TypeORM's general hydration, which
 * groups rows and builds every entity through several layers: list pages of many rows spend
 * most of their time there. Entities are made without running their constructors (as TypeORM
 * does for rows it loads). `raw[i]` is the row of `entities[i]`, for selected expressions. The
 * query may join and select many-to-one relations only; anything else is refused.
 */
export async function readEntitiesAndRaw<T extends ObjectLiteral, Raw = Record<string, unknown>>(
  query: SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: Raw[] }> {
  const read = planRead(query);
  const rows = await query.getRawMany<Raw>();
  const driver = query.connection.driver;
  const entities: T[] = [];
  const raw: Raw[] = [];
  for (const row of rows) {
    const entity = readRow(read, row as Record<string, unknown>, driver);
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
