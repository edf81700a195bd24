import { createHash } from 'node:crypto';
import pg from 'pg';
import { ACCESS_SQL } from './access.js';

/**
 * Statements that requests send over and over (the kept statements of list pages, see
 * readKeptEntitiesAndRaw(), and the statement that saves a batch of answers) are worth
 * preparing: PostgreSQL then parses, rewrites (row-level security included) and plans them once
 * per connection instead of once per request, which for a page of a list is most of the
 * database's work. This module names such statements and sends them, as named prepared
 * statements, behind the switch of role and tenant in one pipeline of the extended protocol that
 * ends with one Sync: a read alone runs with the switch as one implicit transaction, as the
 * simple protocol's message of two statements does; a statement that begins a transaction goes
 * after START TRANSACTION, and the transaction stays open. Either way, one round trip.
 */

/** Statements to prepare, by text: their name on every connection. */
const names = new Map<string, string>();
const MAX_NAMES = 2_000;

/** Statements prepared on one connection at most; the least recently used is closed first. */
export const MAX_PREPARED_PER_CONNECTION = 100;

/**
 * Marks `text` as a statement to prepare. Its name is derived from the text, so that a name
 * always means the same statement on every connection, whatever was marked before.
 */
export function prepareStatement(text: string): void {
  if (names.has(text)) return;
  if (names.size >= MAX_NAMES) names.clear();
  names.set(text, `assay_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`);
}

/** The name of `text` when it is a statement to prepare. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/** The switch of role and tenant, prepared on each connection under its own name. */
const ACCESS_NAME = 'assay_access';

/** The parts of pg's protocol connection a pipeline uses. */
interface ProtocolConnection {
  /** pg's record of the statements prepared on this connection, by name. */
  parsedStatements: Record<string, string | undefined>;
  parse(message: { name: string; text: string; types: unknown[] }): void;
  bind(message: { statement: string; values: unknown[] }): void;
  execute(message: Record<string, never>): void;
  close(message: { type: 'S'; name: string }): void;
}

/** The parts of pg's Query a pipeline builds on (pg-cursor relies on the same ones). */
interface QueryInternals {
  /** The statement's name. */
  readonly name: string;
  prepare(connection: ProtocolConnection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
  handleError(error: Error, connection: ProtocolConnection): void;
}

const Query = pg.Query as unknown as new (
  config: { text: string; name: string; values: unknown[] },
  values: undefined,
  callback: (error: Error | null, result: pg.QueryResult) => void,
) => QueryInternals;

/** Per connection, the names prepared on it, least recently used first. */
const prepared = new WeakMap<ProtocolConnection, Map<string, true>>();

/**
 * pg's Query for a named statement, preceded in its pipeline by the prepared switch of role and
 * tenant (and, to begin a transaction, by START TRANSACTION), whose results it skips. A
 * statement not yet prepared on the connection is closed first (closing a statement that does
 * not exist is no error), so that a pipeline that failed after preparing it leaves nothing in
 * the way; so is the least recently used one when the connection holds
 * MAX_PREPARED_PER_CONNECTION.
 */
class UnderAccess extends Query {
  /** Results of the statements before this one in the pipeline, still to skip. */
  private skip: number;

  constructor(
    text: string,
    name: string,
    values: unknown[],
    private readonly access: [role: string, organizationId: string],
    private readonly begin: boolean,
    callback: (error: Error | null, result: pg.QueryResult) => void,
  ) {
    super({ text, name, values }, undefined, callback);
    this.skip = begin ? 2 : 1;
  }

  override prepare(connection: ProtocolConnection): void {
    const parsed = connection.parsedStatements;
    const { name } = this;
    let used = prepared.get(connection);
    if (!used) prepared.set(connection, (used = new Map()));
    // Closing comes first, as it cannot fail: whatever fails later, nothing is left half done.
    used.delete(name);
    if (parsed[name] === undefined) {
      connection.close({ type: 'S', name });
      if (used.size >= MAX_PREPARED_PER_CONNECTION) {
        const [oldest] = used.keys();
        used.delete(oldest!);
        delete parsed[oldest!];
        connection.close({ type: 'S', name: oldest! });
      }
    }
    used.set(name, true);
    if (this.begin) {
      connection.parse({ name: '', text: 'START TRANSACTION', types: [] });
      connection.bind({ statement: '', values: [] });
      connection.execute({});
    }
    if (parsed[ACCESS_NAME] === undefined) {
      connection.close({ type: 'S', name: ACCESS_NAME });
      connection.parse({ name: ACCESS_NAME, text: ACCESS_SQL, types: [] });
      parsed[ACCESS_NAME] = ACCESS_SQL;
    }
    connection.bind({ statement: ACCESS_NAME, values: this.access });
    connection.execute({});
    // Parses (when not yet prepared), binds, describes and runs the statement, then Sync.
    super.prepare(connection);
  }

  override handleDataRow(message: unknown): void {
    if (this.skip === 0) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: ProtocolConnection): void {
    if (this.skip === 0) super.handleCommandComplete(message, connection);
    else this.skip -= 1;
  }

  override handleError(error: Error, connection: ProtocolConnection): void {
    // What this pipeline prepared may or may not exist now: the next one prepares it afresh.
    const { name } = this;
    delete connection.parsedStatements[name];
    delete connection.parsedStatements[ACCESS_NAME];
    prepared.get(connection)?.delete(name);
    super.handleError(error, connection);
  }
}

/**
 * What the server answers when a connection no longer holds a statement as pg remembers it: it
 * was deallocated behind pg's back (DISCARD ALL), or a schema change altered its result.
 */
const STALE_STATEMENT = new Set(['26000', '0A000']);

/**
 * Runs the prepared statement `name` (of `text`) with `values` through `submit` (a client's own
 * query method), after switching to `role` and `organizationId`, in one round trip. Alone, the
 * two run as one implicit transaction; with `begin`, START TRANSACTION goes first and the
 * transaction stays open after them, for the statements that follow and their COMMIT. Resolves
 * to the statement's result, as `client.query(text, values)` would. A statement the connection
 * no longer holds is prepared again, once: the failure ended the implicit transaction, or left
 * the begun one aborted, which is rolled back first.
 */
export async function runPrepared(
  submit: (query: pg.Submittable | string) => Promise<unknown>,
  name: string,
  text: string,
  values: unknown[],
  access: [role: string, organizationId: string],
  begin = false,
): Promise<pg.QueryResult> {
  const run = () =>
    new Promise<pg.QueryResult>((resolve, reject) => {
      const query = new UnderAccess(text, name, values, access, begin, (error, result) =>
        error ? reject(error) : resolve(result),
      );
      void submit(query as unknown as pg.Submittable);
    });
  try {
    return await run();
  } catch (error) {
    if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
    if (begin) await submit('ROLLBACK');
    return run();
  }
}
