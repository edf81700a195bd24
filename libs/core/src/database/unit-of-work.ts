import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const logger = new Logger('UnitOfWork');

/**
 * Whom the transaction runs as (see the RowLevelSecurity migration): a tenant's rows only, or
 * the platform's own cross-tenant access.
 */
export type DatabaseAccess =
  | { readonly role: 'assay_app'; readonly organizationId: string | null }
  | { readonly role: 'assay_system' };

/**
 * One database transaction on one pooled connection, begun on first use. A GraphQL request
 * owns one: its reads and DataLoaders share it, each mutation runs in a savepoint of it, and it
 * commits when the response is sent. A job or script opens its own through
 * TransactionalConnection.transaction().
 */
export class UnitOfWork {
  private runner: Promise<QueryRunner> | null = null;
  private finished = false;
  private savepoints = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly hooks: Array<() => void | Promise<void>> = [];

  constructor(
    private readonly dataSource: DataSource,
    readonly access: DatabaseAccess,
  ) {}

  /** Whether the transaction has begun (a request that never touched the database has none). */
  get started(): boolean {
    return this.runner !== null;
  }

  /** The transaction's entity manager; begins the transaction on first use. */
  async manager(): Promise<EntityManager> {
    return (await this.begin()).manager;
  }

  /** Work to do once the transaction has committed; dropped on rollback. */
  afterCommit(hook: () => void | Promise<void>): void {
    this.hooks.push(hook);
  }

  /**
   * Runs `work` in a savepoint, one at a time: a failure undoes only the savepoint's changes
   * (and drops the after-commit work it registered), the rest of the transaction goes on.
   */
  savepoint<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const runner = await this.begin();
      const name = `assay_sp_${++this.savepoints}`;
      const hooksBefore = this.hooks.length;
      await runner.query(`SAVEPOINT ${name}`);
      try {
        const result = await work();
        await runner.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
        this.hooks.length = hooksBefore;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Commits (or rolls back) and returns the connection to the pool, then runs the after-commit
   * work. Does nothing when the transaction never began; a second call does nothing either.
   */
  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.runner) return;
    const runner = await this.runner;
    try {
      if (outcome === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    if (outcome === 'rollback') return;
    for (const hook of this.hooks) {
      try {
        await hook();
      } catch (error) {
        logger.error(`after-commit work failed: ${(error as Error).message}`);
      }
    }
  }

  private begin(): Promise<QueryRunner> {
    if (this.finished) return Promise.reject(new Error('This unit of work has already finished'));
    this.runner ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        // Both settings last until the transaction ends, whatever happens to the connection.
        await runner.query(
          `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`,
          [
            this.access.role,
            this.access.role === 'assay_app' ? (this.access.organizationId ?? '') : '',
          ],
        );
      } catch (error) {
        await runner.release();
        throw error;
      }
      return runner;
    })();
    return this.runner;
  }
}
