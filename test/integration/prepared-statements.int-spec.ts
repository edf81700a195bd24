import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  MAX_PREPARED_PER_CONNECTION,
  RequestContext,
  TransactionalConnection,
  paginateKept,
  prepareStatement,
  preparedName,
  runPrepared,
} from '#core';
import { Vendor } from '#vendor';
import { signedInAdmin, type TestMember } from '../factories/identity.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { messagesOf } from '../utils/statements.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

describe('prepared statements', () => {
  let t: TestApp;
  let connection: TransactionalConnection;
  /** Two organizations, each with its vendors' names, sorted. */
  const tenants: Array<{ admin: TestMember; names: string[] }> = [];

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
    connection = t.app.get(TransactionalConnection);
    for (const vendors of [2, 3]) {
      const { admin, gql } = await signedInAdmin(t.app, t.gql);
      const names: string[] = [];
      for (let i = 0; i < vendors; i++) names.push((await createVendor(gql)).name);
      tenants.push({ admin, names: names.sort() });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A request's context in `organizationId`, with its unit of work (a request's, by default). */
  const requestContext = (organizationId: string, unitOfWork?: RequestContext['unitOfWork']) =>
    RequestContext.create({
      requestId: 'r',
      actor: { kind: 'anonymous' },
      organizationId,
      unitOfWork: unitOfWork ?? connection.beginRequest(organizationId),
    });

  const byCreation = {
    column: 'vendor.created_at',
    property: 'createdAt',
    direction: 'ASC',
  } as const;

  /** The names of the vendors created after `since`, read as a kept list page. */
  const vendorNames = async (ctx: RequestContext, since = '2000-01-01T00:00:00Z') => {
    const vendors = await connection.repository(ctx, Vendor);
    const page = await paginateKept(
      {
        runner: vendors.queryRunner!,
        key: 'prepared reads: vendors since',
        parameters: { since },
        build: () =>
          vendors.createQueryBuilder('vendor').where('vendor.created_at > :since', { since }),
      },
      { first: 10 },
      byCreation,
    );
    return page.nodes.map((vendor) => vendor.name).sort();
  };

  /** Runs `work` on a connection of its own, with the client's own query method to submit with. */
  const onOwnConnection = async (
    work: (
      client: pg.Client,
      submit: (query: pg.Submittable | string) => Promise<unknown>,
    ) => Promise<void>,
  ) => {
    const client = new pg.Client({ connectionString: t.database!.url });
    await client.connect();
    try {
      await work(
        client,
        client.query.bind(client) as (query: pg.Submittable | string) => Promise<unknown>,
      );
    } finally {
      await client.end();
    }
  };

  /** What a read of the request's own connection gives. */
  const readOnConnection = async <T>(ctx: RequestContext, sql: string): Promise<T[]> =>
    (await (await ctx.unitOfWork!.manager()).query(sql)) as T[];

  it('reads a kept page as a prepared statement behind the tenant, in one round trip', async () => {
    const [own] = tenants;
    const ctx = requestContext(own!.admin.organizationId);
    let names: string[] = [];
    const sent = await messagesOf(async () => {
      names = await vendorNames(ctx);
    });
    expect(names).toEqual(own!.names);
    // One query() call, a named statement: the switch of role and tenant rides in its pipeline.
    expect(sent).toHaveLength(1);
    const [query] = sent[0] as [{ name: string; text: string }];
    expect(query.name).toMatch(/^assay_[\w-]{32}$/);
    expect(query.text).toContain('FROM "vendor" "vendor"');
    // The server holds both statements prepared on this very connection.
    const prepared = await readOnConnection<{ name: string; statement: string }>(
      ctx,
      `SELECT name, statement FROM pg_prepared_statements ORDER BY name`,
    );
    expect(prepared).toEqual(
      expect.arrayContaining([
        {
          name: 'assay_access',
          statement: expect.stringContaining("set_config('role', $1, true)"),
        },
        { name: query.name, statement: query.text },
      ]),
    );
    await ctx.unitOfWork!.finish('commit');
  });

  it('goes on preparing a kept read after the marks of statements to prepare were dropped', async () => {
    const [own] = tenants;
    const first = requestContext(own!.admin.organizationId);
    expect(await vendorNames(first)).toEqual(own!.names);
    await first.unitOfWork!.finish('commit');
    // More statements marked than are kept: the marks start over, the kept read stays kept.
    for (let i = 0; i <= 2_000; i++) prepareStatement(`SELECT ${i} AS filler`);
    const ctx = requestContext(own!.admin.organizationId);
    const sent = await messagesOf(async () => {
      expect(await vendorNames(ctx)).toEqual(own!.names);
    });
    expect(sent).toEqual([[expect.objectContaining({ name: expect.stringMatching(/^assay_/) })]]);
    await ctx.unitOfWork!.finish('commit');
  });

  it('keeps each tenant to its own rows on a connection that holds the statement prepared', async () => {
    const servedBy = new Map<number, Set<string>>();
    for (let round = 0; round < 3; round++) {
      for (const tenant of tenants) {
        const ctx = requestContext(tenant.admin.organizationId);
        expect(await vendorNames(ctx)).toEqual(tenant.names);
        const [{ pid }] = (await readOnConnection<{ pid: number }>(
          ctx,
          `SELECT pg_backend_pid() AS pid`,
        )) as [{ pid: number }];
        await ctx.unitOfWork!.finish('commit');
        servedBy.set(pid, (servedBy.get(pid) ?? new Set()).add(tenant.admin.organizationId));
      }
    }
    // The pool hands the idle connection back: one connection served both tenants in turn.
    expect([...servedBy.values()].some((organizations) => organizations.size === 2)).toBe(true);
  });

  it('goes on reading on a connection whose pipeline failed', async () => {
    const [own] = tenants;
    const ctx = requestContext(own!.admin.organizationId);
    expect(await vendorNames(ctx)).toEqual(own!.names);
    // The value fails at Bind, after the statement was prepared (and known to pg as such).
    await expect(vendorNames(ctx, 'not a timestamp')).rejects.toThrow(/invalid input syntax/);
    expect(await vendorNames(ctx)).toEqual(own!.names);
    expect(await vendorNames(ctx, '2999-01-01T00:00:00Z')).toEqual([]);
    await ctx.unitOfWork!.finish('commit');
  });

  it('leaves neither role nor tenant on the connection, and holds a bounded number of statements', async () => {
    const [own] = tenants;
    await onOwnConnection(async (client, submit) => {
      const read = async (k: number) => {
        const text = `SELECT $1::int + ${k} AS n, current_setting('app.organization_id') AS tenant, current_user AS role`;
        prepareStatement(text);
        return (
          await runPrepared(
            submit,
            preparedName(text)!,
            text,
            [1],
            ['assay_app', own!.admin.organizationId],
          )
        ).rows;
      };
      expect(await read(0)).toEqual([
        { n: 1, tenant: own!.admin.organizationId, role: 'assay_app' },
      ]);
      const after = await client.query(
        `SELECT current_setting('app.organization_id', true) AS tenant, current_user = session_user AS own_role`,
      );
      expect(after.rows).toEqual([{ tenant: '', own_role: true }]);

      for (let k = 1; k <= MAX_PREPARED_PER_CONNECTION; k++) await read(k);
      const names = async () =>
        (await client.query<{ name: string }>(`SELECT name FROM pg_prepared_statements`)).rows.map(
          (row) => row.name,
        );
      const first = preparedName(
        `SELECT $1::int + 0 AS n, current_setting('app.organization_id') AS tenant, current_user AS role`,
      )!;
      // The access statement and the last MAX_PREPARED_PER_CONNECTION: the first was closed.
      expect(await names()).toHaveLength(MAX_PREPARED_PER_CONNECTION + 1);
      expect(await names()).not.toContain(first);
      expect((await read(0))[0]).toMatchObject({ n: 1 });
      expect(await names()).toContain(first);
      expect(await names()).toHaveLength(MAX_PREPARED_PER_CONNECTION + 1);
    });
  });

  it('prepares afresh what a failed pipeline may have left half done', async () => {
    await onOwnConnection(async (_client, submit) => {
      const text = `SELECT $1::int * 2 AS n`;
      prepareStatement(text);
      const read = (role: string) =>
        runPrepared(submit, preparedName(text)!, text, [21], [role, '']);
      // The switch fails first, so PostgreSQL skips preparing the statement behind it.
      await expect(read('no_such_role')).rejects.toThrow(/no_such_role/);
      expect((await read('assay_system')).rows).toEqual([{ n: 42 }]);
      expect((await read('assay_system')).rows).toEqual([{ n: 42 }]);
    });
  });

  it('prepares again a statement the connection lost, or whose result a schema change altered', async () => {
    const [own] = tenants;
    await onOwnConnection(async (client, submit) => {
      await client.query(`CREATE TEMPORARY TABLE shifting (id int, label text)`);
      await client.query(`INSERT INTO shifting VALUES (1, 'one')`);
      await client.query(`GRANT SELECT ON shifting TO assay_app`);
      const text = `SELECT * FROM shifting`;
      prepareStatement(text);
      const read = async () =>
        (
          await runPrepared(
            submit,
            preparedName(text)!,
            text,
            [],
            ['assay_app', own!.admin.organizationId],
          )
        ).rows;
      expect(await read()).toEqual([{ id: 1, label: 'one' }]);
      // Gone behind pg's back, as a pooler's DISCARD ALL would leave it.
      await client.query(`DEALLOCATE ALL`);
      expect(await read()).toEqual([{ id: 1, label: 'one' }]);
      // A column added: the prepared statement's result would change.
      await client.query(`ALTER TABLE shifting ADD COLUMN extra int DEFAULT 7`);
      expect(await read()).toEqual([{ id: 1, label: 'one', extra: 7 }]);
    });
  });

  it('begins a transaction with a statement marked to prepare, in one round trip', async () => {
    const [own, other] = tenants;
    const text = `UPDATE vendor SET name = $1 WHERE name = $2 RETURNING name`;
    prepareStatement(text);
    const original = own!.names[0]!;
    const namesNow = async (organizationId: string) => {
      const ctx = requestContext(organizationId);
      const names = await vendorNames(ctx);
      await ctx.unitOfWork!.finish('commit');
      return names;
    };
    /** Renames a vendor as the first statement of a unit's transaction, then ends the unit. */
    const rename = async (
      organizationId: string,
      from: string,
      to: string,
      end: 'commit' | 'rollback',
    ) => {
      const ctx = requestContext(organizationId);
      // A request of one mutation, as unitOfWorkPlugin declares it: no savepoint goes first.
      ctx.unitOfWork!.servesOneMutation();
      let renamed: unknown[] = [];
      let open: unknown[] = [];
      const sent = await messagesOf(() =>
        connection.transaction(ctx, async (tx) => {
          const manager = await connection.manager(tx);
          renamed = (await manager.query(text, [to, from])) as unknown[];
          open = (await manager.query(
            `SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS written,
                    current_setting('app.organization_id') AS tenant`,
          )) as unknown[];
        }),
      );
      await ctx.unitOfWork!.finish(end);
      return { sent, renamed, open };
    };

    const rolledBack = await rename(own!.admin.organizationId, original, 'Renamed', 'rollback');
    // One query() call for the write, a named statement whose pipeline began the transaction,
    // which the next statement still sees, under the tenant.
    const [write] = rolledBack.sent[0] as [{ name: string; text: string }];
    expect(write.name).toMatch(/^assay_[\w-]{32}$/);
    expect(write.text).toBe(text);
    // TypeORM answers an UPDATE with its rows and how many it changed.
    expect(rolledBack.renamed).toEqual([[{ name: 'Renamed' }], 1]);
    expect(rolledBack.open).toEqual([{ written: true, tenant: own!.admin.organizationId }]);
    expect(await namesNow(own!.admin.organizationId)).toEqual(own!.names);

    // Another tenant's vendor is out of its reach, prepared or not.
    const across = await rename(other!.admin.organizationId, original, 'Stolen', 'commit');
    expect(across.renamed).toEqual([[], 0]);

    const committed = await rename(own!.admin.organizationId, original, 'Renamed', 'commit');
    expect(committed.renamed).toEqual([[{ name: 'Renamed' }], 1]);
    expect(await namesNow(own!.admin.organizationId)).toContain('Renamed');
    await rename(own!.admin.organizationId, 'Renamed', original, 'commit');
    expect(await namesNow(own!.admin.organizationId)).toEqual(own!.names);
  });

  it('recovers a transaction a prepared statement began, when it failed or was no longer held', async () => {
    const [own] = tenants;
    await onOwnConnection(async (client, submit) => {
      await client.query(`CREATE TEMPORARY TABLE tally (n int)`);
      await client.query(`INSERT INTO tally VALUES (0)`);
      await client.query(`GRANT SELECT, UPDATE ON tally TO assay_app`);
      const text = `UPDATE tally SET n = n + $1::int RETURNING n`;
      prepareStatement(text);
      const add = async (value: unknown) =>
        (
          await runPrepared(
            submit,
            preparedName(text)!,
            text,
            [value],
            ['assay_app', own!.admin.organizationId],
            true,
          )
        ).rows;
      const state = async () =>
        (
          await client.query(
            `SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS written,
                    current_user = session_user AS own_role`,
          )
        ).rows;
      const tally = async () => (await client.query(`SELECT n FROM tally`)).rows;

      expect(await add(1)).toEqual([{ n: 1 }]);
      // The transaction stays open, under the role the switch set, until it ends.
      expect(await state()).toEqual([{ written: true, own_role: false }]);
      await client.query('ROLLBACK');
      expect(await tally()).toEqual([{ n: 0 }]);
      expect(await state()).toEqual([{ written: false, own_role: true }]);

      // A value that fails at Bind leaves the begun transaction aborted, for its owner to end.
      await expect(add('many')).rejects.toThrow(/invalid input syntax/);
      await client.query('ROLLBACK');
      expect(await add(2)).toEqual([{ n: 2 }]);
      await client.query('COMMIT');
      expect(await tally()).toEqual([{ n: 2 }]);

      // Statements gone behind pg's back: the aborted attempt is rolled back and run again.
      await client.query('DEALLOCATE ALL');
      expect(await add(3)).toEqual([{ n: 5 }]);
      await client.query('COMMIT');
      expect(await tally()).toEqual([{ n: 5 }]);
    });
  });

  it('reads and begins transactions through the simple protocol with DATABASE_PREPARED_STATEMENTS=false', async () => {
    const [own] = tenants;
    const unprepared = await startTestApp({
      withWorker: false,
      database: t.database!,
      env: { OUTBOX_POLL_INTERVAL_MS: '60000', DATABASE_PREPARED_STATEMENTS: 'false' },
    });
    try {
      const organizationId = own!.admin.organizationId;
      const ctx = requestContext(
        organizationId,
        unprepared.app.get(TransactionalConnection).beginRequest(organizationId),
      );
      let names: string[] = [];
      const sent = await messagesOf(async () => {
        names = await vendorNames(ctx);
      });
      expect(names).toEqual(own!.names);
      // The other app's own start-up work (its outbox relay) may send statements meanwhile.
      const reads = sent.filter(([query]) => typeof query !== 'string' || query.includes('vendor'));
      expect(reads).toEqual([
        [expect.stringMatching(/^SELECT set_config.*; SELECT .*FROM "vendor"/s)],
      ]);
      await ctx.unitOfWork!.finish('commit');

      // A statement marked to prepare that begins the transaction goes with it, written in.
      const text = `UPDATE vendor SET name = name WHERE name = $1 RETURNING name`;
      prepareStatement(text);
      const connectionOff = unprepared.app.get(TransactionalConnection);
      const write = requestContext(organizationId, connectionOff.beginRequest(organizationId));
      write.unitOfWork!.servesOneMutation();
      let renamed: unknown;
      const written = await messagesOf(() =>
        connectionOff.transaction(write, async (tx) => {
          renamed = await (await connectionOff.manager(tx)).query(text, [own!.names[0]]);
        }),
      );
      await write.unitOfWork!.finish('rollback');
      expect(renamed).toEqual([[{ name: own!.names[0] }], 1]);
      expect(
        written.filter(([query]) => typeof query !== 'string' || query.includes('vendor')),
      ).toEqual([
        [expect.stringMatching(/^START TRANSACTION; SELECT set_config.*; UPDATE vendor SET name/s)],
      ]);
    } finally {
      await unprepared.close();
    }
  });
});

describe('prepared statements in embedded mode (PGlite)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ backend: 'inline' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pages through the same prepared statement request after request', async () => {
    const { gql } = await signedInAdmin(t.app, t.gql);
    const vendor = await createVendor(gql);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await messagesOf(async () => {
        const data = await gql.data<{ vendors: { nodes: Array<{ name: string }> } }>(
          `{ vendors(first: 5) { nodes { name } } assessments(first: 5) { nodes { id } } }`,
        );
        expect(data.vendors.nodes).toEqual([{ name: vendor.name }]);
      });
      names.push(
        ...sent
          .map(([query]) => (query as { name?: unknown }).name)
          .filter((name): name is string => typeof name === 'string'),
      );
    }
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(1);
  });
});
