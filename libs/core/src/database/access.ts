/**
 * Whom the transaction runs as (see the RowLevelSecurity migration): a tenant's rows only, or
 * the platform's own cross-tenant access.
 */
export type DatabaseAccess =
  | { readonly role: 'assay_app'; readonly organizationId: string | null }
  | { readonly role: 'assay_system' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The switch of role and tenant until the transaction ends, with accessValues() as $1, $2. */
export const ACCESS_SQL = `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`;

/** The role and the tenant (empty for none) that ACCESS_SQL switches to. */
export function accessValues(access: DatabaseAccess): [role: string, organizationId: string] {
  return [access.role, access.role === 'assay_app' ? (access.organizationId ?? '') : ''];
}

/**
 * ACCESS_SQL with its values written in, to send with other statements in one message (one
 * round trip). The values are checked first: the role is one of two constants, the tenant a
 * UUID from the principal.
 */
export function accessStatement(access: DatabaseAccess): string {
  const [role, organizationId] = accessValues(access);
  if (organizationId && !UUID.test(organizationId)) throw new Error('The tenant is not a UUID');
  return `SELECT set_config('role', '${role}', true), set_config('app.organization_id', '${organizationId}', true)`;
}
