import { SetMetadata } from '@nestjs/common';
import { ApiKeyScope, DomainException, ErrorCode, Role, type RequestContext } from '#core';

/** Who may run an operation. An operation without a rule is refused to everyone. */
export interface AccessRule {
  /** Anyone, with or without credentials. */
  readonly public?: boolean;
  /** Members whose role in the organization is one of these. */
  readonly roles?: readonly Role[];
  /** API keys that hold this scope. */
  readonly apiKey?: ApiKeyScope;
  /** Vendor contacts (the operation itself keeps them to their own assessments). */
  readonly vendorContact?: boolean;
}

export const ACCESS_RULE = 'assay:access-rule';

/** Every role inside the organization. */
export const MEMBER_ROLES: readonly Role[] = [
  Role.Admin,
  Role.Procurement,
  Role.RiskOwner,
  Role.Viewer,
];

/** Declares who may run a query or mutation (see the README's access table). */
export const Allow = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);

/**
 * Refuses `ctx` unless `rule` lets it in: UNAUTHENTICATED without (valid) credentials,
 * FORBIDDEN with credentials that the rule does not name.
 */
export function enforceAccess(
  ctx: RequestContext,
  authenticationError: string | null,
  rule: AccessRule,
): void {
  if (rule.public) return;
  if (authenticationError)
    throw new DomainException(ErrorCode.Unauthenticated, authenticationError);
  const actor = ctx.actor;
  switch (actor.kind) {
    case 'anonymous':
      throw new DomainException(ErrorCode.Unauthenticated, 'Sign in first');
    case 'user':
      if (rule.roles?.includes(actor.role)) return;
      break;
    case 'apiKey':
      if (rule.apiKey && actor.scopes.includes(rule.apiKey)) return;
      break;
    case 'vendorContact':
      if (rule.vendorContact) return;
      break;
    case 'system':
      break;
  }
  throw DomainException.forbidden('Your role does not allow this');
}
