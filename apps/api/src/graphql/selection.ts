import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

type Fragments = GraphQLResolveInfo['fragments'];

/** Every field selected directly in `set`, looking through inline and named fragments. */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  const fields: FieldNode[] = [];
  const walk = (current: SelectionSetNode | undefined, seen: Set<string>): void => {
    for (const selection of current?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment: FragmentDefinitionNode | undefined = fragments[selection.name.value];
        walk(fragment?.selectionSet, seen);
      }
    }
  };
  walk(set, new Set());
  return fields;
}

/** The names of the fields `fieldNodes` (one field, perhaps named several times) select. */
export function selectedFieldNames(
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
): Set<string> {
  return new Set(
    fieldNodes.flatMap((node) =>
      fieldsOf(node.selectionSet, fragments).map((field) => field.name.value),
    ),
  );
}

/**
 * Whether the field being resolved selects nothing beyond `allowed` below it. A resolver can
 * then read less than the whole object.
 */
export function selectsOnly(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
  for (const name of selectedFieldNames(info.fieldNodes, info.fragments))
    if (!allowed.has(name)) return false;
  return true;
}

/**
 * The fields the connection being resolved selects on its nodes, through `nodes { … }` and
 * `edges { node { … } }`, by field name (an aliased field may appear more than once). A list
 * can then read, in its own statement, what its nodes will ask for.
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Map<string, FieldNode[]> {
  const byName = new Map<string, FieldNode[]>();
  const add = (field: FieldNode) => {
    const named = byName.get(field.name.value);
    if (named) named.push(field);
    else byName.set(field.name.value, [field]);
  };
  for (const connection of info.fieldNodes) {
    for (const field of fieldsOf(connection.selectionSet, info.fragments)) {
      if (field.name.value === 'nodes') fieldsOf(field.selectionSet, info.fragments).forEach(add);
      if (field.name.value !== 'edges') continue;
      for (const edge of fieldsOf(field.selectionSet, info.fragments)) {
        if (edge.name.value === 'node') fieldsOf(edge.selectionSet, info.fragments).forEach(add);
      }
    }
  }
  return byName;
}

/** Whether a connection's selection may need cursors: its edges or its page info. */
export function connectionSelectsCursors(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((connection) =>
    fieldsOf(connection.selectionSet, info.fragments).some(
      (field) => field.name.value === 'edges' || field.name.value === 'pageInfo',
    ),
  );
}

/**
 * The columns that the fields in `selected` need, by `columnsOf` (field name → columns), when
 * every one of them is there: a list can then read only those. Undefined when a field is not,
 * for the whole row.
 */
export function columnsNeeded<Column>(
  selected: ReadonlyMap<string, unknown>,
  columnsOf: Readonly<Record<string, readonly Column[]>>,
): Column[] | undefined {
  const columns: Column[] = [];
  for (const name of selected.keys()) {
    if (!Object.hasOwn(columnsOf, name)) return undefined;
    columns.push(...columnsOf[name]!);
  }
  return columns;
}
