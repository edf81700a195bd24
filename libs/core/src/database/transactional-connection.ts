import { Injectable, Logger } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type Repository,
} from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { translateDatabaseError } from '../errors/database-errors.js';

/**
 * The only way services reach the database: repositories bound to the context's transaction
 * when there is one, and `transaction()` to open one. Services never hold a DataSource.
 */
@Injectable()
export class TransactionalConnection {
  private readonly logger = new Logger(TransactionalConnection.name);

  constructor(private readonly dataSource: DataSource) {}

  /** A repository that runs inside `ctx`'s transaction, if it has one. */
  getRepository<Entity extends ObjectLiteral>(
    ctx: RequestContext,
    target: EntityTarget<Entity>,
  ): Repository<Entity> {
    return this.manager(ctx).getRepository(target);
  }

  /** The entity manager of `ctx`'s transaction, or the pool's when it has none. */
  manager(ctx: RequestContext): EntityManager {
    return ctx.transaction?.manager ?? this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction. Nested calls join the outer transaction, so a service
   * that calls another keeps one atomic change. Hooks registered with `afterCommit` run only
   * once the outermost transaction has committed.
   */
  async transaction<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.transaction) return work(ctx);
    const afterCommit: Array<() => void | Promise<void>> = [];
    let result: T;
    try {
      result = await this.dataSource.transaction((manager) =>
        work(ctx.withTransaction({ manager, afterCommit })),
      );
    } catch (error) {
      throw translateDatabaseError(error);
    }
    for (const hook of afterCommit) {
      try {
        await hook();
      } catch (error) {
        this.logger.error(`after-commit hook failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  /** Registers work to run after `ctx`'s transaction commits (never for a rollback). */
  afterCommit(ctx: RequestContext, hook: () => void | Promise<void>): void {
    if (!ctx.transaction) throw new Error('afterCommit() needs a context inside transaction()');
    ctx.transaction.afterCommit.push(hook);
  }
}
