import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type Repository,
} from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';
import { translateDatabaseError } from '../errors/database-errors.js';
import { readEntities } from './entity-rows.js';
import { UnitOfWork, type DatabaseAccess } from './unit-of-work.js';

/**
 * The only way services reach the database: repositories bound to the context's unit of work,
 * and `transaction()` for a change that must be atomic. Services never hold a DataSource.
 */
@Injectable()
export class TransactionalConnection {
  /**
   * Whether statements marked to prepare go as named prepared statements
   * (DATABASE_PREPARED_STATEMENTS).
   */
  private readonly prepare: boolean;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.prepare = config.database.preparedStatements;
  }

  /**
   * A unit of work for one request, which sees the rows of `organizationId` only (none when it
   * is null); the caller finishes it when the response is ready. Its reads go without a
   * transaction until its first change (see UnitOfWork).
   */
  beginRequest(organizationId: string | null): UnitOfWork {
    return new UnitOfWork(
      this.dataSource,
      { role: 'assay_app', organizationId },
      { readsAlone: true, prepare: this.prepare },
    );
  }

  /**
   * What a transaction opened for `ctx` may see: its organization's rows; everything, for the
   * platform's own work on no organization; nothing of tenant tables otherwise.
   */
  static accessFor(ctx: RequestContext): DatabaseAccess {
    if (ctx.organizationId) return { role: 'assay_app', organizationId: ctx.organizationId };
    if (ctx.actor.kind === 'system') return { role: 'assay_system' };
    return { role: 'assay_app', organizationId: null };
  }

  /** A repository inside `ctx`'s unit of work (begun on first use). */
  async repository<Entity extends ObjectLiteral>(
    ctx: RequestContext,
    target: EntityTarget<Entity>,
  ): Promise<Repository<Entity>> {
    return (await this.manager(ctx)).getRepository(target);
  }

  /** The rows of `target` with these ids that `ctx` may see, in no particular order. */
  async findByIds<Entity extends ObjectLiteral & { id: string }>(
    ctx: RequestContext,
    target: EntityTarget<Entity>,
    ids: readonly string[],
  ): Promise<Entity[]> {
    if (ids.length === 0) return [];
    return readEntities(
      (await this.repository(ctx, target))
        .createQueryBuilder('row')
        .where('row.id IN (:...ids)', { ids }),
    );
  }

  /**
   * The entity manager of `ctx`'s unit of work. Without one there is none: the pool's own
   * connection would see no row of a tenant table, silently, so it is refused instead.
   */
  async manager(ctx: RequestContext): Promise<EntityManager> {
    if (!ctx.unitOfWork) {
      throw new Error(
        'Database access needs a unit of work: a request, or TransactionalConnection.transaction()',
      );
    }
    return ctx.unitOfWork.manager();
  }

  /**
   * Runs `work` atomically. Inside a request it is a savepoint of the request's transaction;
   * elsewhere it is a transaction of its own. Nested calls join the enclosing one, so a service
   * that calls another keeps one atomic change. Work registered with `afterCommit` runs once
   * the outermost transaction has committed, never after a rollback.
   */
  async transaction<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.unitOfWork && ctx.inTransaction) return work(ctx);
    return this.atomically(ctx, undefined, work);
  }

  /**
   * Runs `work` atomically with the platform's cross-tenant access (assay_system), for what must
   * happen before a tenant is known or across tenants: signing in, following a token, creating an
   * organization. Inside a request it is a savepoint of the request's transaction; the request's
   * own access comes back after it. Keep these few and small: they see every organization.
   */
  async systemTransaction<T>(
    ctx: RequestContext,
    work: (ctx: RequestContext) => Promise<T>,
  ): Promise<T> {
    return this.atomically(ctx, { role: 'assay_system' }, work);
  }

  private async atomically<T>(
    ctx: RequestContext,
    access: DatabaseAccess | undefined,
    work: (ctx: RequestContext) => Promise<T>,
  ): Promise<T> {
    try {
      if (ctx.unitOfWork) {
        const unit = ctx.unitOfWork;
        return await unit.savepoint(() => work(ctx.withUnitOfWork(unit, true)), {
          nested: ctx.inTransaction,
          access,
        });
      }
      const unit = new UnitOfWork(
        this.dataSource,
        access ?? TransactionalConnection.accessFor(ctx),
      );
      let result: T;
      try {
        result = await work(ctx.withUnitOfWork(unit, true));
      } catch (error) {
        await unit.finish('rollback').catch(() => {});
        throw error;
      }
      await unit.finish('commit');
      return result;
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  /**
   * Sends `statement` with the COMMIT of `ctx`'s transaction, in the same message (see
   * UnitOfWork.withCommit): for a write that takes a lock every writer of the organization
   * waits for, so that it holds the lock for no round trip to this process.
   */
  withCommit(ctx: RequestContext, statement: string, values: readonly unknown[]): void {
    if (!ctx.unitOfWork || !ctx.inTransaction) {
      throw new Error('withCommit() needs a context inside transaction()');
    }
    ctx.unitOfWork.withCommit(statement, values);
  }

  /** Registers work to run after `ctx`'s transaction commits (never for a rollback). */
  afterCommit(ctx: RequestContext, hook: () => void | Promise<void>): void {
    if (!ctx.unitOfWork || !ctx.inTransaction) {
      throw new Error('afterCommit() needs a context inside transaction()');
    }
    ctx.unitOfWork.afterCommit(hook);
  }
}
