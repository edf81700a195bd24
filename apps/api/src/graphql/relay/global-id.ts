import { DomainException } from '#core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An opaque Relay id: the GraphQL type name and the row id, base64url-encoded. */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`).toString('base64url');
}

/**
 * Decodes a global id. A malformed one is BAD_USER_INPUT naming `path`; a well-formed id of
 * another type is NOT_FOUND when `expectedType` is given, exactly like an id that does not exist.
 */
export function fromGlobalId(
  globalId: string,
  options: { path: string; expectedType?: string },
): { typeName: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const typeName = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (separator <= 0 || !UUID.test(id) || toGlobalId(typeName, id) !== globalId) {
    throw DomainException.badUserInput('Invalid id', [
      { path: options.path, message: 'not an id issued by this API' },
    ]);
  }
  if (options.expectedType && typeName !== options.expectedType) {
    throw DomainException.notFound(options.expectedType);
  }
  return { typeName, id };
}
