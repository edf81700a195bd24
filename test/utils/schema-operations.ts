import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** The committed schema (a test keeps it equal to what the code generates). */
export const SCHEMA: GraphQLSchema = buildSchema(
  readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'),
);

export interface SchemaOperation {
  readonly kind: 'query' | 'mutation';
  readonly name: string;
  readonly field: GraphQLField<unknown, unknown>;
}

/** Every query and mutation of the schema. */
export function schemaOperations(schema = SCHEMA): SchemaOperation[] {
  return [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({
      kind: 'query' as const,
      name: field.name,
      field,
    })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({
      kind: 'mutation' as const,
      name: field.name,
      field,
    })),
  ];
}

function idPathsOf(type: GraphQLInputType, path: string, seen: Set<string>): string[] {
  const named = getNamedType(type);
  if (named.name === 'ID') return [path];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    idPathsOf(field.type, `${path}.${field.name}`, new Set([...seen, named.name])),
  );
}

/** The paths of every ID an operation takes, in its arguments or inside its input objects. */
export function idPaths(operation: SchemaOperation): string[] {
  return operation.field.args.flatMap((arg) => idPathsOf(arg.type, arg.name, new Set()));
}

/** A well-formed global id that names nothing. */
export function randomGlobalId(typeName = 'Organization'): string {
  return Buffer.from(`${typeName}:${randomUUID()}`).toString('base64url');
}

function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, placeholder(field.type)]),
    );
  }
  switch (type.name) {
    case 'ID':
      return randomGlobalId();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'LocalDate':
      return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    default:
      return 'placeholder';
  }
}

/**
 * A valid call of `operation`: every required argument gets a placeholder of its type (or the
 * given value), and the result selects `__typename` when it is an object.
 */
export function callOf(
  operation: SchemaOperation,
  values: Record<string, unknown> = {},
): { query: string; variables: Record<string, unknown> } {
  const args = operation.field.args.filter(
    (arg) => arg.name in values || (isNonNullType(arg.type) && arg.defaultValue === undefined),
  );
  const declarations = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passing = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(operation.field.type)) ? '' : ' { __typename }';
  return {
    query: `${operation.kind}${declarations ? `(${declarations})` : ''} { ${operation.name}${passing ? `(${passing})` : ''}${selection} }`,
    variables: Object.fromEntries(
      args.map((arg) => [arg.name, arg.name in values ? values[arg.name] : placeholder(arg.type)]),
    ),
  };
}
