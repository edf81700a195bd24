import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ACCESS_SQL, accessStatement, accessValues, type DatabaseAccess } from './access.js';
import { inlineParameters } from './inline-parameters.js';
import { preparedName, runPrepared } from './prepared-statements.js';

export type { DatabaseAccess };

const logger = new Logger('UnitOfWork');

/**
 * Which section (see UnitOfWork.exclusively) the running code belongs to. One storage for the
 * process: each AsyncLocalStorage instance stays registered for good, and every async operation
 * then pays for all of them, so one per unit of work would slow the process down request by
 * request.
 */
const sections = new AsyncLocalStorage<{ readonly unit: UnitOfWork }>();

function sameAccess(a: DatabaseAccess, b: DatabaseAccess): boolean {
  if (a.role === 'assay_system' || b.role === 'assay_system') return a.role === b.role;
  return a.organizationId === b.organizationId;
}

/**
 * The message that ends a transaction: the statements sent with COMMIT (see
 * UnitOfWork.withCommit), each under the access it was given with, then COMMIT.
 */
function commitMessage(
  access: DatabaseAccess,
  closing: ReadonlyArray<{ readonly access: DatabaseAccess; readonly statement: string }>,
): string {
  const parts: string[] = [];
  let current = access;
  for (const entry of closing) {
    if (!sameAccess(entry.access, current)) parts.push(accessStatement(entry.access));
    current = entry.access;
    parts.push(entry.statement);
  }
  parts.push('COMMIT');
  return parts.join('; ');
}

/** TypeORM's own record of an open transaction, kept in step so that it never opens one inside ours. */
function markTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/** Switches role and tenant until the transaction (or savepoint) ends. */
function applyAccess(runner: QueryRunner, access: DatabaseAccess): Promise<unknown> {
  return runner.query(ACCESS_SQL, accessValues(access));
}

/**
 * One pooled connection and, once there is something to change, one database transaction on it.
 * A GraphQL request owns one (see TransactionalConnection.beginRequest): until its first change,
 * each read goes alone, as the implicit transaction of its own message, under the request's role
 * and tenant; the first savepoint (each mutation runs in one) or statement that writes or locks
 * begins the transaction, and everything after it runs in that transaction, which commits when
 * the response is ready. Under READ COMMITTED a transaction gives reads no common snapshot, so a
 * read means the same either way; it only saves the messages that begin and end a transaction. A
 * job or script opens its own, transactional from its first statement, through
 * TransactionalConnection.transaction().
 */
export class UnitOfWork {
  private runner: Promise<QueryRunner> | null = null;
  private finished = false;
  private savepoints = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly hooks: Array<() => void | Promise<void>> = [];
  /** Statements sent with COMMIT, in one message (see withCommit). */
  private readonly closing: Array<{ readonly access: DatabaseAccess; readonly statement: string }> =
    [];
  /** The section that runs with other access, and when it ends. */
  private exclusive: {
    readonly owner: { readonly unit: UnitOfWork };
    readonly done: Promise<void>;
  } | null = null;
  /** The access in force now: a section switches it and restores the one around it. */
  private current: DatabaseAccess;
  private changed = false;
  /**
   * Set for a request that is a single mutation: its first top-level savepoint is the whole
   * transaction, since a failure there fails the request, and so goes without SAVEPOINT and
   * RELEASE. `undone` records that such work failed: the transaction may only roll back.
   */
  private bareSavepoint = false;
  private undone = false;
  /** How statements reach the connection, once it is open (see routeStatements()). */
  private route: StatementRoute | null = null;

  /**
   * With `readsAlone`, reads before the first change go without a transaction (a request's
   * unit); without, the first statement begins the transaction (a job's or script's). With
   * `prepare`, such reads and the statement that begins the transaction go as named prepared
   * statements when they are marked to prepare (see prepareStatement()).
   */
  constructor(
    private readonly dataSource: DataSource,
    readonly access: DatabaseAccess,
    private readonly options: {
      readonly readsAlone?: boolean;
      readonly prepare?: boolean;
    } = {},
  ) {
    this.current = access;
  }

  /** Whether the unit holds a connection (a request that never touched the database has none). */
  get started(): boolean {
    return this.runner !== null;
  }

  /**
   * Whether anything may have been written: writes happen inside transaction() (savepoints).
   * A unit that only read may commit after the response has gone.
   */
  get mayHaveWritten(): boolean {
    return this.changed;
  }

  /**
   * Declares that the transaction serves one mutation and nothing else, whose failure fails the
   * request: its first top-level savepoint then needs no statements of its own.
   */
  servesOneMutation(): void {
    if (this.savepoints === 0) this.bareSavepoint = true;
  }

  /** Whether work that ran without its savepoint failed: then the transaction only rolls back. */
  get failed(): boolean {
    return this.undone;
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
   * Sends `statement` in the same message as COMMIT, under the role and tenant in force now:
   * for work that must be part of the transaction but holds a lock others wait for, which it
   * then holds for no client round trip. `$1`, `$2`… in it are replaced by `values` written as
   * SQL literals (see inlineParameters(); objects and arrays become JSON), since a message of
   * several statements carries no parameters. Dropped when its savepoint rolls back; a failure
   * fails the commit, and the transaction rolls back whole.
   */
  withCommit(statement: string, values: readonly unknown[] = []): void {
    const asJson = (value: unknown) =>
      value !== null && typeof value === 'object' && !(value instanceof Date)
        ? JSON.stringify(value)
        : value;
    const inlined = inlineParameters(statement, values.map(asJson));
    if (inlined === null) throw new Error('A statement sent with COMMIT takes text values only');
    this.closing.push({ access: this.current, statement: inlined });
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
    this.changed = true;
    if (this.bareSavepoint && !options.nested && !options.access) {
      this.bareSavepoint = false;
      const bare = async (): Promise<T> => {
        const before = this.mark();
        try {
          return await work();
        } catch (error) {
          this.undone = true;
          this.rewind(before);
          throw error;
        }
      };
      return this.inTurn(bare);
    }
    this.bareSavepoint = false;
    const run = async (): Promise<T> => {
      const runner = await this.begin();
      const name = `assay_sp_${++this.savepoints}`;
      const before = this.mark();
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
        this.rewind(before);
        throw error;
      } finally {
        this.current = around;
      }
    };
    const guarded =
      options.access && sections.getStore()?.unit !== this ? () => this.exclusively(run) : run;
    if (options.nested) return guarded();
    return this.inTurn(guarded);
  }

  /** How much after-commit work and closing statements there is, to rewind a savepoint to. */
  private mark(): { readonly hooks: number; readonly closing: number } {
    return { hooks: this.hooks.length, closing: this.closing.length };
  }

  /** Drops what a savepoint that rolled back registered. */
  private rewind(to: { readonly hooks: number; readonly closing: number }): void {
    this.hooks.length = to.hooks;
    this.closing.length = to.closing;
  }

  /** Runs `work` once everything queued before it on this unit has settled. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `work` while no other async context may use the connection: a section that switches
   * role must not lend it to a query resolving in parallel, which would then read as that role.
   */
  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    await this.waitForExclusive();
    const owner = { unit: this };
    let release!: () => void;
    this.exclusive = { owner, done: new Promise<void>((resolve) => (release = resolve)) };
    try {
      return await sections.run(owner, work);
    } finally {
      this.exclusive = null;
      release();
    }
  }

  private async waitForExclusive(): Promise<void> {
    while (this.exclusive && sections.getStore() !== this.exclusive.owner)
      await this.exclusive.done;
  }

  /**
   * Commits (or rolls back) and returns the connection to the pool, then runs the after-commit
   * work. Does nothing when the transaction never began; a second call does nothing either.
   */
  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const commit = outcome === 'commit' && !this.undone;
    // Statements sent with COMMIT may be all the transaction has: then it begins here.
    if (!this.runner && !(commit && this.closing.length > 0)) return;
    const runner = await this.open();
    const route = this.route!;
    // Statements sent with COMMIT begin the transaction when nothing else has (see routeStatements()).
    const begun = route.begun || (commit && this.closing.length > 0);
    try {
      if (!begun) route.close();
      // A transaction that never began (only reads, or nothing sent) has nothing to end.
      if (begun && !commit) await runner.query('ROLLBACK');
      else if (begun && this.closing.length === 0) await runner.query('COMMIT');
      else if (begun) {
        try {
          await runner.query(commitMessage(this.access, this.closing));
        } catch (error) {
          // A statement before COMMIT failed: the rest of the message was skipped, and the
          // transaction, aborted, is still open on the connection.
          await runner.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
    } finally {
      markTransaction(runner, false);
      await runner.release();
    }
    if (outcome === 'commit' && this.undone)
      throw new Error(
        'Work that failed without a savepoint undid the transaction; nothing committed',
      );
    if (!commit) return;
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
    return this.open();
  }

  private open(): Promise<QueryRunner> {
    this.runner ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      markTransaction(runner, true);
      // A savepoint (every change runs in one) ends the reading: `changed` is set then.
      const readsAlone = this.options.readsAlone ? () => !this.changed : () => false;
      this.route = routeStatements(runner, this.access, readsAlone, this.options.prepare);
      // From here on every statement of the transaction passes the gate, so that none slips
      // into a section that runs with other access (see exclusively()). Past the gate,
      // statements go to the connection one at a time, in the order they came: resolvers
      // running in parallel share it, and pg will not queue a query sent while one is running.
      const query = runner.query.bind(runner);
      let previous: Promise<unknown> = Promise.resolve();
      runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
        await this.waitForExclusive();
        const result = previous.then(() => query(...args));
        previous = result.catch(() => undefined);
        return result;
      }) as QueryRunner['query'];
      return runner;
    })();
    return this.runner;
  }
}

/** How a unit's statements reach its connection (see routeStatements()). */
interface StatementRoute {
  /** Whether a statement has begun the transaction. */
  readonly begun: boolean;
  /** Gives the connection back its own query method, when no transaction began. */
  close(): void;
}

/** A SELECT statement (TypeORM writes them so) ... */
const SELECT = /^\s*SELECT\b/i;
/**
 * ... unless it locks rows, takes a lock, or calls a function whose effect a transaction must
 * keep: a setting, a sequence, a notification or an audit append.
 */
const NEEDS_TRANSACTION =
  /\bFOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b|\b(?:set_config|nextval|setval|pg_advisory_\w+|pg_try_advisory_\w+|pg_notify|audit_append|txid_current|pg_current_xact_id)\s*\(/i;

/** Whether `text` only reads, so that it means the same in a transaction or alone. */
export function readsOnly(text: string): boolean {
  return SELECT.test(text) && !NEEDS_TRANSACTION.test(text);
}

/**
 * Routes the statements sent on `runner`'s connection. While `readsAlone()` holds, a statement
 * that only reads (see readsOnly()) goes with `access` (the role and tenant, set until the end
 * of the transaction) in one message of the simple query protocol, which runs the two as one
 * implicit transaction: the read sees what the tenant may see, and the connection keeps no
 * state after it. The first other statement begins the transaction, with START TRANSACTION and
 * `access` in its own message, and every statement after it goes on the connection as it came.
 * Statements in such a message carry their parameters written in (see inlineParameters()); one
 * whose values cannot be (binary data) begins the transaction, in a message after the
 * beginning. With `prepare`, a statement marked to prepare (see prepareStatement()) goes
 * instead as a named prepared statement behind the same switch, in one pipeline of the extended
 * protocol (runPrepared()): a read alone as one implicit transaction, the statement that begins
 * the transaction after START TRANSACTION, still in one round trip. The connection's results are
 * the statement's own, as TypeORM expects.
 */
function routeStatements(
  runner: QueryRunner,
  access: DatabaseAccess,
  readsAlone: () => boolean,
  prepare = false,
): StatementRoute {
  const client = (runner as unknown as { databaseConnection: pg.PoolClient }).databaseConnection;
  const send = client.query.bind(client) as (text: unknown, values?: unknown[]) => Promise<unknown>;
  const last = (results: unknown) => (results as unknown[]).at(-1);
  const accessText = accessStatement(access);
  const switchValues = accessValues(access);
  let begun = false;
  const restore = () => {
    delete (client as { query?: unknown }).query;
  };
  client.query = ((text: unknown, values?: unknown) => {
    if (typeof text !== 'string' || (values !== undefined && !Array.isArray(values)))
      throw new Error('A statement of a unit of work goes through TypeORM');
    const given = (values ?? []) as unknown[];
    const alone = readsAlone() && readsOnly(text);
    const name = prepare ? preparedName(text) : undefined;
    if (name && alone) return runPrepared(send, name, text, given, switchValues);
    const inlined = name ? null : inlineParameters(text, given);
    if (alone && inlined !== null) return send(`${accessText}; ${inlined}`).then(last);
    // Anything else begins the transaction, and the connection is TypeORM's again after it.
    restore();
    begun = true;
    if (name) return runPrepared(send, name, text, given, switchValues, true);
    const begin = `START TRANSACTION; ${accessText}`;
    if (inlined === null) return send(begin).then(() => send(text, values));
    return send(`${begin}; ${inlined}`).then(last);
  }) as typeof client.query;
  return {
    get begun() {
      return begun;
    },
    close: restore,
  };
}
