import type { EntityManager } from 'typeorm';

/** Who is acting. Later principals (users, API keys, vendor contacts) extend this union. */
export type Actor =
  { readonly kind: 'anonymous' } | { readonly kind: 'system'; readonly name: string };

/** The open transaction a context runs in, with work to do once it commits. */
export interface TransactionScope {
  readonly manager: EntityManager;
  readonly afterCommit: Array<() => void | Promise<void>>;
}

export interface RequestContextInit {
  readonly requestId: string;
  readonly actor: Actor;
  readonly organizationId?: string | null;
  readonly ip?: string | null;
}

/**
 * The first argument of every service method: who acts, for which organization, under which
 * request id, and (inside TransactionalConnection.transaction) in which transaction.
 */
export class RequestContext {
  readonly requestId: string;
  readonly actor: Actor;
  readonly organizationId: string | null;
  readonly ip: string | null;
  readonly transaction: TransactionScope | null;

  private constructor(init: RequestContextInit, transaction: TransactionScope | null) {
    this.requestId = init.requestId;
    this.actor = init.actor;
    this.organizationId = init.organizationId ?? null;
    this.ip = init.ip ?? null;
    this.transaction = transaction;
  }

  /** A context for an incoming request. */
  static create(init: RequestContextInit): RequestContext {
    return new RequestContext(init, null);
  }

  /** A context for work the platform does on its own (jobs, schedulers, start-up). */
  static system(name: string, requestId: string, organizationId: string | null = null) {
    return new RequestContext({ requestId, actor: { kind: 'system', name }, organizationId }, null);
  }

  /** The same context bound to an open transaction. */
  withTransaction(scope: TransactionScope): RequestContext {
    return new RequestContext(this, scope);
  }
}
