import { registerEnumType } from '@nestjs/graphql';

/**
 * Registers a domain enum whose values are already GraphQL names (UPPER_SNAKE) under `name`, so
 * the API and the domain share values without a mapping table.
 */
export function exposeEnum<E extends Record<string, string>>(
  source: E,
  name: string,
  description?: string,
): { readonly [V in E[keyof E]]: V } {
  const mirror = Object.fromEntries(Object.values(source).map((value) => [value, value])) as {
    [V in E[keyof E]]: V;
  };
  registerEnumType(mirror, { name, description });
  return mirror;
}
