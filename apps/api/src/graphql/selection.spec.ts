import { describe, expect, it } from '@jest/globals';
import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import {
  columnsNeeded,
  connectionNodeFields,
  connectionSelectsCursors,
  selectsOnly,
} from './selection.js';

/** The resolve info of the operation's first field, as far as the helpers read it. */
function infoOf(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

describe('connectionNodeFields', () => {
  it('gathers the fields of nodes and of edges.node, through fragments, by name', () => {
    const info = infoOf(`{ assessments(first: 2) {
      totalCount
      nodes { id s: status ... on Assessment { vendor { name } } }
      edges { cursor node { ...Listed status } }
    } }
    fragment Listed on Assessment { overallScore vendor { tier } }`);
    const fields = connectionNodeFields(info);
    expect([...fields.keys()].sort()).toEqual(['id', 'overallScore', 'status', 'vendor']);
    expect(fields.get('status')).toHaveLength(2);
    expect(fields.get('vendor')!.map((node) => node.selectionSet!.selections.length)).toEqual([
      1, 1,
    ]);
  });

  it('finds nothing when the connection asks for no nodes', () => {
    expect(
      connectionNodeFields(infoOf('{ vendors { totalCount pageInfo { hasNextPage } } }')).size,
    ).toBe(0);
  });
});

describe('connectionSelectsCursors', () => {
  it('tells a connection that asks for edges or page info, through fragments, from one that does not', () => {
    expect(connectionSelectsCursors(infoOf(`{ assessments { totalCount nodes { id } } }`))).toBe(
      false,
    );
    expect(connectionSelectsCursors(infoOf(`{ assessments { pageInfo { hasNextPage } } }`))).toBe(
      true,
    );
    expect(
      connectionSelectsCursors(
        infoOf(
          `{ assessments { ...Page } } fragment Page on AssessmentConnection { edges { node { id } } }`,
        ),
      ),
    ).toBe(true);
  });
});

describe('columnsNeeded', () => {
  const COLUMNS = { id: [], status: ['status'], overdue: ['status', 'dueDate'] };

  it('adds up the columns of fields it knows, and gives up on any other', () => {
    const known = new Map([
      ['id', []],
      ['overdue', []],
    ]);
    expect(columnsNeeded(known, COLUMNS)).toEqual(['status', 'dueDate']);
    expect(columnsNeeded(new Map(), COLUMNS)).toEqual([]);
    expect(columnsNeeded(new Map([...known, ['answers', []]]), COLUMNS)).toBeUndefined();
    // Only the map's own keys count.
    expect(columnsNeeded(new Map([['toString', []]]), COLUMNS)).toBeUndefined();
  });
});

describe('selectsOnly', () => {
  it('looks through inline and named fragments', () => {
    const info = infoOf(`{ vendor(id: "1") { name ... on Vendor { tier } ...More } }
      fragment More on Vendor { riskOwner { id } }`);
    expect(selectsOnly(info, new Set(['name', 'tier', 'riskOwner']))).toBe(true);
    expect(selectsOnly(info, new Set(['name', 'tier']))).toBe(false);
  });
});
