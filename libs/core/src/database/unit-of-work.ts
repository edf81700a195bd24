import { AsyncLocalStorage } from 'node:async_hooks';
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

/** Switches role and tenant until the transaction (or savepoint) ends. */
function applyAccess(runner: QueryRunner, access: DatabaseAccess): Promise<unknown> {
  return runner.query(
    `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`,
    [access.role, access.role === 'assay_app' ? (access.organizationId ?? '') : ''],
  );
}

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
  /** The async context that runs a section with other access, and when it ends. */
  private readonly sections = new AsyncLocalStorage<object>();
  private exclusive: { readonly owner: object; readonly done: Promise<void> } | null = null;
  /** The access in force now: a section switches it and restores the one around it. */
  private current: DatabaseAccess;

  constructor(
    private readonly dataSource: DataSource,
    readonly access: DatabaseAccess,
  ) {
    this.current = access;
  }

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
   * Runs `work` in a savepoint: a failure undoes only the savepoint's changes (and drops the
   * after-commit work it registered), the rest of the transaction goes on. Top-level savepoints
   * run one at a time; `nested` ones (called from inside another) run at once. With `access`,
   * the savepoint runs as that role and tenant, and the transaction's own come back after it.
   */
  savepoint<T>(
    work: () => Promise<T>,
    options: { nested: boolean; access?: DatabaseAccess },
  ): Promise<T> {
    const run = async (): Promise<T> => {
      const runner = await this.begin();
      const name = `assay_sp_${++this.savepoints}`;
      const hooksBefore = this.hooks.length;
      const around = this.current;
      await runner.query(`SAVEPOINT ${name}`);
      try {
        if (options.access) {
          await applyAccess(runner, options.access);
          this.current = options.access;
        }
        const result = await work();
        if (options.access) await applyAccess(runner, around);
        await runner.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        // Rolling back to the savepoint also restores the role and tenant set inside it.
        await runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
        this.hooks.length = hooksBefore;
        throw error;
      } finally {
        this.current = around;
      }
    };
    const guarded = options.access && !this.sections.getStore() ? () => this.exclusively(run) : run;
    if (options.nested) return guarded();
    const result = this.queue.then(guarded, guarded);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `work` while no other async context may use the connection: a section that switches
   * role must not lend it to a query resolving in parallel, which would then read as that role.
   */
  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    await this.waitForExclusive();
    const owner = {};
    let release!: () => void;
    this.exclusive = { owner, done: new Promise<void>((resolve) => (release = resolve)) };
    try {
      return await this.sections.run(owner, work);
    } finally {
      this.exclusive = null;
      release();
    }
  }

  private async waitForExclusive(): Promise<void> {
    while (this.exclusive && this.sections.getStore() !== this.exclusive.owner)
      await this.exclusive.done;
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
        await applyAccess(runner, this.access);
      } catch (error) {
        await runner.release();
        throw error;
      }
      // From here on every statement of the transaction passes the gate, so that none slips
      // into a section that runs with other access (see exclusively()). The statements that
      // begin the transaction must not: a section may already be waiting for them.
      const query = runner.query.bind(runner);
      runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
        await this.waitForExclusive();
        return query(...args);
      }) as QueryRunner['query'];
      return runner;
    })();
    return this.runner;
  }
}
