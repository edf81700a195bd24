import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ApiKeyScope, Role } from '#core';
import { ACCESS_RULE, type AccessRule } from './access-rule.js';

export interface OperationAccess {
  readonly type: 'Query' | 'Mutation';
  readonly operation: string;
  readonly rule: AccessRule | undefined;
}

/** Every query and mutation of the running app with its @Allow rule (undefined: refused). */
export function operationAccess(app: INestApplicationContext): OperationAccess[] {
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  const rows: OperationAccess[] = [];
  for (const wrapper of app.get(DiscoveryService).getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
      const handler = instance[method] as object;
      const type = reflector.get<string | undefined>(RESOLVER_TYPE_METADATA, handler as never);
      if (type !== 'Query' && type !== 'Mutation') continue;
      const name =
        reflector.get<string | undefined>(RESOLVER_NAME_METADATA, handler as never) ?? method;
      rows.push({
        type,
        operation: name,
        rule: reflector.get<AccessRule | undefined>(ACCESS_RULE, handler as never),
      });
    }
  }
  return rows.sort(
    (a, b) => a.type.localeCompare(b.type) * -1 || a.operation.localeCompare(b.operation),
  );
}

const COLUMNS: Array<[string, (rule: AccessRule) => boolean]> = [
  ['ADMIN', (rule) => Boolean(rule.roles?.includes(Role.Admin))],
  ['PROCUREMENT', (rule) => Boolean(rule.roles?.includes(Role.Procurement))],
  ['RISK_OWNER', (rule) => Boolean(rule.roles?.includes(Role.RiskOwner))],
  ['VIEWER', (rule) => Boolean(rule.roles?.includes(Role.Viewer))],
  ['API key `read`', (rule) => rule.apiKey === ApiKeyScope.Read],
  ['API key `write`', (rule) => rule.apiKey === ApiKeyScope.Write],
  ['vendor contact', (rule) => Boolean(rule.vendorContact)],
];

/** The README's access table: one row per operation, one column per principal. */
export function renderAccessTable(rows: readonly OperationAccess[]): string {
  const header = `| operation | ${COLUMNS.map(([name]) => name).join(' | ')} |`;
  const rule = `| --- | ${COLUMNS.map(() => ':-:').join(' | ')} |`;
  const lines = rows.map(({ type, operation, rule: access }) => {
    const label = `${type === 'Mutation' ? 'mutation' : 'query'} \`${operation}\``;
    if (!access) return `| ${label} | ${COLUMNS.map(() => 'refused').join(' | ')} |`;
    if (access.public) return `| ${label} | ${COLUMNS.map(() => 'anyone').join(' | ')} |`;
    return `| ${label} | ${COLUMNS.map(([, allows]) => (allows(access) ? '✓' : '')).join(' | ')} |`;
  });
  return [header, rule, ...lines].join('\n');
}

export const ACCESS_TABLE_START = '<!-- access table: written by npm run schema:print -->';
export const ACCESS_TABLE_END = '<!-- end of access table -->';

/** `readme` with its access table replaced by `table`. */
export function withAccessTable(readme: string, table: string): string {
  const start = readme.indexOf(ACCESS_TABLE_START);
  const end = readme.indexOf(ACCESS_TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no access table markers');
  return `${readme.slice(0, start + ACCESS_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
