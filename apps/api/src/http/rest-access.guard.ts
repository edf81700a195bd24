import type { Request } from 'express';
import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException, RequestContext } from '#core';
import { AuthenticationService, type Authentication } from '#identity';
import { ACCESS_RULE, enforceAccess, type AccessRule } from '../graphql/access/access-rule.js';
import { setRestContext } from './rest-context.js';

/**
 * REST routes (beside GraphQL): authenticates the request exactly as GraphQL does (a member's
 * or vendor contact's access token, or an API key in `Authorization: Bearer` or `X-Api-Key`),
 * then applies the route's @Allow rule before anything else runs, a multipart body included.
 * A route without a rule is refused to everyone.
 */
@Injectable()
export class RestAccessGuard implements CanActivate {
  private readonly logger = new Logger(RestAccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const req = execution.switchToHttp().getRequest<Request>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!rule) {
      this.logger.error(`${req.method} ${req.route?.path ?? req.path} has no @Allow rule: refused`);
      throw DomainException.forbidden();
    }
    const result = await authenticateRestRequest(this.authentication, req);
    const ctx = restRequestContext(req, result);
    setRestContext(req, ctx);
    enforceAccess(ctx, result.ok ? null : result.reason, rule);
    return true;
  }
}

/** Reads a REST request's `Authorization` or `X-Api-Key` header as GraphQL does. */
export function authenticateRestRequest(
  authentication: AuthenticationService,
  req: Request,
): Promise<Authentication> {
  const apiKey = req.headers['x-api-key'];
  return authentication.authenticate({
    authorization: req.headers.authorization,
    apiKey: typeof apiKey === 'string' ? apiKey : undefined,
    requestId: String(req.id ?? ''),
  });
}

/** The RequestContext of a REST request: its principal, or anonymous when it has none. */
export function restRequestContext(req: Request, result: Authentication): RequestContext {
  return RequestContext.create({
    requestId: String(req.id ?? ''),
    actor: result.ok ? result.actor : { kind: 'anonymous' },
    organizationId: result.ok ? result.organizationId : null,
    ip: req.ip ?? null,
  });
}
