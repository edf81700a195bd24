import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainException } from '#core';
import type { GraphqlContext } from '../graphql-context.js';
import { ACCESS_RULE, enforceAccess, type AccessRule } from './access-rule.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Checks the @Allow rule of every query and mutation before it runs, and refuses (fail closed)
 * one that declares none. Fields below them are reached only through an allowed operation.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(execution: ExecutionContext): boolean {
    if (execution.getType<string>() !== 'graphql') return true;
    const graphql = GqlExecutionContext.create(execution);
    if (!ROOT_TYPES.has(graphql.getInfo().parentType.name)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!rule) {
      this.logger.error(`${graphql.getInfo().fieldName} has no @Allow rule: refused`);
      throw DomainException.forbidden();
    }
    const context = graphql.getContext<GraphqlContext>();
    enforceAccess(context.ctx, context.authenticationError, rule);
    return true;
  }
}
