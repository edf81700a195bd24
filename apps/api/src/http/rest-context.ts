import type { Request } from 'express';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '#core';
import { RequestSlot } from './request-slot.js';

/** The RequestContext of each REST request, set by RestAccessGuard. */
const contexts = new RequestSlot<RequestContext>('request context');

export function setRestContext(req: Request, ctx: RequestContext): void {
  contexts.set(req, ctx);
}

/**
 * The RequestContext of the current REST request: its principal and organization, and no unit
 * of work (REST routes open their transactions with TransactionalConnection.transaction()).
 */
export const RestCtx = createParamDecorator((_data: unknown, execution: ExecutionContext) => {
  const ctx = contexts.get(execution.switchToHttp().getRequest<Request>());
  if (!ctx) throw new Error('RestCtx needs RestAccessGuard on the route');
  return ctx;
});
