import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects nothing beyond `allowed` below it, looking through
 * inline fragments and named ones. A resolver can then read less than the whole object.
 */
export function selectsOnly(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean =>
    !set ||
    set.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return allowed.has(selection.name.value);
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (seen.has(name)) return true;
          seen.add(name);
          const fragment = info.fragments[name];
          return fragment !== undefined && within(fragment.selectionSet);
        }
      }
    });
  return info.fieldNodes.every((node) => within(node.selectionSet));
}
