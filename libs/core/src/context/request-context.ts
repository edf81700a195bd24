import type { UnitOfWork } from '../database/unit-of-work.js';
import type { Actor } from './principal.js';

export interface RequestContextInit {
  readonly requestId: string;
  readonly actor: Actor;
  readonly organizationId?: string | null;
  readonly ip?: string | null;
  /** The request's unit of work, when the request has one. */
  readonly unitOfWork?: UnitOfWork | null;
}

/**
 * The first argument of every service method: who acts, for which organization, under which
 * request id, and in which unit of work (database transaction).
 */
export class RequestContext {
  readonly requestId: string;
  readonly actor: Actor;
  readonly organizationId: string | null;
  readonly ip: string | null;
  readonly unitOfWork: UnitOfWork | null;
  /** True inside TransactionalConnection.transaction(): writes here are atomic together. */
  readonly inTransaction: boolean;

  private constructor(init: RequestContextInit, inTransaction: boolean) {
    this.requestId = init.requestId;
    this.actor = init.actor;
    this.organizationId = init.organizationId ?? null;
    this.ip = init.ip ?? null;
    this.unitOfWork = init.unitOfWork ?? null;
    this.inTransaction = inTransaction;
  }

  /** A context for an incoming request. */
  static create(init: RequestContextInit): RequestContext {
    return new RequestContext(init, false);
  }

  /** A context for work the platform does on its own (jobs, schedulers, start-up). */
  static system(name: string, requestId: string, organizationId: string | null = null) {
    return new RequestContext(
      { requestId, actor: { kind: 'system', name }, organizationId },
      false,
    );
  }

  /** The same context in `unitOfWork`, inside one of its transactions or not. */
  withUnitOfWork(unitOfWork: UnitOfWork, inTransaction: boolean): RequestContext {
    return new RequestContext({ ...this, unitOfWork }, inTransaction);
  }
}
