import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

/** The changes from the released schema to the current one, sorted by what they mean to clients. */
export interface CompatibilityReport {
  /** Breaking changes to elements that were not deprecated in the released schema: they fail. */
  readonly breaking: Change[];
  /** Breaking changes to elements the released schema had already deprecated: allowed. */
  readonly deprecatedRemovals: Change[];
  /** Changes that may surprise a client (a new enum value, say), without breaking it. */
  readonly dangerous: Change[];
  readonly safe: Change[];
}

/**
 * Compares the released SDL with the current one (graphql-inspector's `diff`). A breaking change
 * is allowed only when the element it removes or changes was deprecated in the released schema:
 * a field, an argument (or its field), an input field or an enum value; a removed type only when
 * everything that referred to it was deprecated or removed with it.
 */
export async function compareSchemas(
  releasedSdl: string,
  currentSdl: string,
): Promise<CompatibilityReport> {
  const released = buildSchema(releasedSdl);
  const current = buildSchema(currentSdl);
  const changes = await diff(released, current);
  const report = {
    breaking: [] as Change[],
    deprecatedRemovals: [] as Change[],
    dangerous: [] as Change[],
    safe: [] as Change[],
  };
  for (const change of changes) {
    switch (change.criticality.level) {
      case CriticalityLevel.Breaking:
        (wasDeprecated(change, released, current)
          ? report.deprecatedRemovals
          : report.breaking
        ).push(change);
        break;
      case CriticalityLevel.Dangerous:
        report.dangerous.push(change);
        break;
      default:
        report.safe.push(change);
    }
  }
  return report;
}

function wasDeprecated(change: Change, released: GraphQLSchema, current: GraphQLSchema): boolean {
  if (!change.path) return false;
  const [typeName = '', memberName, argumentName] = change.path.split('.');
  if (memberName === undefined) {
    return (
      change.type === ChangeType.TypeRemoved &&
      onlyDeprecatedReferences(typeName, released, current)
    );
  }
  return memberDeprecated(released, typeName, memberName, argumentName);
}

/** Whether the element carries @deprecated (with any reason, an empty one included). */
function isDeprecated(element?: { deprecationReason?: string | null } | null): boolean {
  return typeof element?.deprecationReason === 'string';
}

/** Whether `Type.member` (or `Type.field.argument`) carries @deprecated in `schema`. */
function memberDeprecated(
  schema: GraphQLSchema,
  typeName: string,
  memberName: string,
  argumentName?: string,
): boolean {
  const type = schema.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[memberName];
    if (!field) return false;
    if (isDeprecated(field)) return true;
    const argument = argumentName && field.args.find((arg) => arg.name === argumentName);
    return Boolean(argument && isDeprecated(argument));
  }
  if (isInputObjectType(type)) return isDeprecated(type.getFields()[memberName]);
  if (isEnumType(type)) return isDeprecated(type.getValue(memberName));
  return false;
}

/**
 * Whether every reference to `typeName` in the released schema was deprecated, or sat in a type
 * the current schema no longer has (judged on its own). A union member is never deprecated.
 */
function onlyDeprecatedReferences(
  typeName: string,
  released: GraphQLSchema,
  current: GraphQLSchema,
): boolean {
  const refersTo = (type: Parameters<typeof getNamedType>[0]) =>
    getNamedType(type)?.name === typeName;
  for (const type of Object.values(released.getTypeMap())) {
    if (isIntrospectionType(type) || type.name === typeName) continue;
    const gone = !current.getType(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const fieldGone = gone || isDeprecated(field);
        if (refersTo(field.type) && !fieldGone) return false;
        for (const argument of field.args) {
          if (refersTo(argument.type) && !fieldGone && !isDeprecated(argument)) {
            return false;
          }
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (refersTo(field.type) && !gone && !isDeprecated(field)) return false;
      }
    } else if (isUnionType(type)) {
      if (!gone && type.getTypes().some((member) => member.name === typeName)) return false;
    }
  }
  return true;
}

/** One line per change: `  BREAKING  Query.vendor: Field 'vendor' was removed …`. */
export function describeChange(change: Change): string {
  return `  ${change.criticality.level.padEnd(12)} ${change.message}`;
}
