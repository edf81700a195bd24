import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  PG_TYPES,
  PipelineCheckService,
  RequestContext,
  TransactionalConnection,
  inlineParameters,
} from '#core';
import { createOrganization } from '../factories/identity.factory.js';
import { messagesOf } from '../utils/statements.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

describe('unit of work', () => {
  let t: TestApp;
  let connection: TransactionalConnection;
  let checks: PipelineCheckService;
  let committed: (id: string) => Promise<boolean>;

  beforeAll(async () => {
    // No worker and no polling: nothing else touches the rows under test.
    t = await startTestApp({ withWorker: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
    connection = t.app.get(TransactionalConnection);
    checks = t.app.get(PipelineCheckService);
    const pool = t.app.get(DataSource);
    committed = async (id) =>
      (await pool.query(`SELECT 1 FROM pipeline_check WHERE id = $1`, [id])).length === 1;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A request's context, in the unit of work of `organizationId` (none by default). */
  const requestContext = (organizationId: string | null = null) =>
    RequestContext.create({
      requestId: 'r',
      actor: { kind: 'anonymous' },
      organizationId,
      unitOfWork: connection.beginRequest(organizationId),
    });

  it('keeps a request in one transaction that commits at the end, mutation by mutation', async () => {
    const ctx = requestContext();
    const hooks: string[] = [];

    const first = await connection.transaction(ctx, async (tx) => {
      connection.afterCommit(tx, () => void hooks.push('first'));
      return checks.request(tx, {});
    });
    let second = '';
    await expect(
      connection.transaction(ctx, async (tx) => {
        connection.afterCommit(tx, () => void hooks.push('second'));
        second = (await checks.request(tx, {})).id;
        throw new Error('the second mutation fails after writing');
      }),
    ).rejects.toThrow('the second mutation fails');

    // Inside the request its own writes are visible; nobody else sees them yet.
    expect(await checks.findByIds(ctx, [first.id, second])).toHaveLength(1);
    expect(await committed(first.id)).toBe(false);
    expect(hooks).toEqual([]);

    await ctx.unitOfWork!.finish('commit');
    expect(await committed(first.id)).toBe(true);
    expect(await committed(second)).toBe(false);
    expect(hooks).toEqual(['first']);
  });

  it('runs the one mutation of a request without a savepoint, and undoes it all when it fails', async () => {
    /** The statements one write sends on its request's connection, one mutation or not. */
    const statementsOfOneWrite = async (oneMutation: boolean) => {
      const ctx = requestContext();
      if (oneMutation) ctx.unitOfWork!.servesOneMutation();
      const runner = (await ctx.unitOfWork!.manager()).queryRunner!;
      const sent: string[] = [];
      const query = runner.query.bind(runner);
      runner.query = ((text: string, ...rest: never[]) => {
        sent.push(text.split(' ')[0]!);
        return query(text, ...rest);
      }) as typeof runner.query;
      const check = await connection.transaction(ctx, (tx) => checks.request(tx, {}));
      await ctx.unitOfWork!.finish('commit');
      expect(await committed(check.id)).toBe(true);
      return sent;
    };
    const bare = await statementsOfOneWrite(true);
    expect(bare).not.toContain('SAVEPOINT');
    expect(await statementsOfOneWrite(false)).toEqual([
      'SAVEPOINT',
      ...bare.slice(0, -1),
      'RELEASE',
      'COMMIT',
    ]);

    const ctx = requestContext();
    ctx.unitOfWork!.servesOneMutation();
    const hooks: string[] = [];
    let written = '';
    await expect(
      connection.transaction(ctx, async (tx) => {
        connection.afterCommit(tx, () => void hooks.push('failed'));
        written = (await checks.request(tx, {})).id;
        throw new Error('the mutation fails after writing');
      }),
    ).rejects.toThrow('the mutation fails');
    expect(ctx.unitOfWork!.failed).toBe(true);
    // Committing what failed without its savepoint is refused: it rolls back instead.
    await expect(ctx.unitOfWork!.finish('commit')).rejects.toThrow(/nothing committed/);
    expect(await committed(written)).toBe(false);
    expect(hooks).toEqual([]);
  });

  it('gives every later mutation of a one-mutation request its savepoint', async () => {
    const ctx = requestContext();
    ctx.unitOfWork!.servesOneMutation();
    const first = await connection.transaction(ctx, (tx) => checks.request(tx, {}));
    let second = '';
    await expect(
      connection.transaction(ctx, async (tx) => {
        second = (await checks.request(tx, {})).id;
        throw new Error('a second change fails');
      }),
    ).rejects.toThrow();
    expect(ctx.unitOfWork!.failed).toBe(false);
    await ctx.unitOfWork!.finish('commit');
    expect(await committed(first.id)).toBe(true);
    expect(await committed(second)).toBe(false);
  });

  it('joins nested transactions into the enclosing one', async () => {
    const ctx = requestContext();
    let inner = '';
    await expect(
      connection.transaction(ctx, async (tx) => {
        inner = (await checks.request(tx, {})).id;
        throw new Error('the outer change fails after the inner one wrote');
      }),
    ).rejects.toThrow();
    await ctx.unitOfWork!.finish('commit');
    expect(await committed(inner)).toBe(false);
  });

  it('begins nothing for a request that never touches the database', async () => {
    const ctx = requestContext();
    await ctx.unitOfWork!.finish('commit');
    expect(ctx.unitOfWork!.started).toBe(false);
  });

  /** The text of each message, without those of `committed()`, which looks from outside. */
  const textsOf = (sent: unknown[][]) =>
    sent.map((args) => String(args[0])).filter((text) => !text.includes('FROM pipeline_check'));

  it('sends each read of a request alone, in one message under the tenant, with nothing to end', async () => {
    const own = await createOrganization(t.app);
    const other = await createOrganization(t.app);
    const ctx = requestContext(own.organizationId);
    let seen: unknown[] = [];
    let settings: unknown[] = [];
    const sent = await messagesOf(async () => {
      const manager = await ctx.unitOfWork!.manager();
      seen = (await manager.query(
        `SELECT id FROM organization WHERE id = ANY($1::uuid[]) AND name <> $2`,
        [[own.organizationId, other.organizationId], "it's $1"],
      )) as unknown[];
      // A transaction begun with an earlier message would have begun before this statement.
      settings = (await manager.query(
        `SELECT current_setting('role') AS role, current_setting('app.organization_id') AS tenant,
          now() = statement_timestamp() AS alone`,
      )) as unknown[];
      await ctx.unitOfWork!.finish('commit');
    });
    // Row-level security let the tenant's own organization through, and only it.
    expect(seen).toEqual([{ id: own.organizationId }]);
    expect(settings).toEqual([{ role: 'assay_app', tenant: own.organizationId, alone: true }]);
    expect(sent.every((args) => args.length === 1)).toBe(true);
    expect(sent.map((args) => args[0])).toEqual([
      expect.stringMatching(
        /^SELECT set_config.*; SELECT id FROM organization WHERE id = ANY\('\{.*\}'::uuid\[\]\) AND name <> 'it''s \$1'$/s,
      ),
      expect.stringMatching(/^SELECT set_config.*; SELECT current_setting\('role'\)/s),
    ]);
    // Nothing of the tenant stays on the connection: the pool's next user starts clean.
    const pool = t.app.get(DataSource);
    expect(
      await pool.query(`SELECT current_setting('app.organization_id', true) AS tenant`),
    ).toEqual([{ tenant: '' }]);
  });

  it('begins the transaction with the first change, and reads after it inside the transaction', async () => {
    const ctx = requestContext();
    let id = '';
    const sent = await messagesOf(async () => {
      const manager = await ctx.unitOfWork!.manager();
      await manager.query('SELECT 1 AS one');
      id = (await connection.transaction(ctx, (tx) => checks.request(tx, {}))).id;
      // The request reads its own change, which nobody else sees before the commit.
      expect(await checks.findByIds(ctx, [id])).toHaveLength(1);
      expect(await committed(id)).toBe(false);
      expect(await manager.query(`SELECT now() = statement_timestamp() AS alone`)).toEqual([
        { alone: false },
      ]);
      await ctx.unitOfWork!.finish('commit');
    });
    expect(await committed(id)).toBe(true);
    const texts = textsOf(sent);
    expect(texts[0]).toMatch(/^SELECT set_config.*; SELECT 1 AS one$/s);
    expect(texts[1]).toMatch(/^START TRANSACTION; SELECT set_config.*; SAVEPOINT assay_sp_1$/s);
    expect(texts.slice(2).some((text) => text.includes('set_config'))).toBe(false);
    expect(texts.at(-1)).toBe('COMMIT');
  });

  it('begins the transaction for a read that locks, and a job’s with its first statement', async () => {
    const own = await createOrganization(t.app);
    const ctx = requestContext(own.organizationId);
    const sent = await messagesOf(async () => {
      const manager = await ctx.unitOfWork!.manager();
      await manager.query(`SELECT id FROM organization WHERE id = $1 FOR UPDATE`, [
        own.organizationId,
      ]);
      await ctx.unitOfWork!.finish('commit');
      await connection.transaction(RequestContext.system('test', 'job'), async (tx) => {
        await (await connection.manager(tx)).query('SELECT 2 AS two');
      });
    });
    expect(textsOf(sent)).toEqual([
      expect.stringMatching(
        /^START TRANSACTION; SELECT set_config.*; SELECT id FROM organization WHERE id = '.*' FOR UPDATE$/s,
      ),
      'COMMIT',
      expect.stringMatching(
        /^START TRANSACTION; SELECT set_config\('role', 'assay_system'.*; SELECT 2 AS two$/s,
      ),
      'COMMIT',
    ]);
  });

  it('sends a first statement with binary values after the beginning, in a message of its own', async () => {
    const ctx = requestContext();
    let rows: Array<{ bytes: Buffer; role: string }> = [];
    const sent = await messagesOf(async () => {
      const manager = await ctx.unitOfWork!.manager();
      rows = (await manager.query(`SELECT $1::bytea AS bytes, current_setting('role') AS role`, [
        Buffer.from([0, 1, 2]),
      ])) as typeof rows;
      await ctx.unitOfWork!.finish('commit');
    });
    expect(rows).toEqual([{ bytes: Buffer.from([0, 1, 2]), role: 'assay_app' }]);
    expect(sent.map((args) => args[0])).toEqual([
      expect.stringMatching(/^START TRANSACTION; SELECT set_config/),
      `SELECT $1::bytea AS bytes, current_setting('role') AS role`,
      'COMMIT',
    ]);
  });

  it('ends a transaction that never sent a statement without a word to the server', async () => {
    const ctx = requestContext();
    const sent = await messagesOf(async () => {
      await ctx.unitOfWork!.manager();
      await ctx.unitOfWork!.finish('commit');
    });
    expect(sent).toEqual([]);
    // Its connection is back in the pool, and the next transaction on it begins as it should.
    const next = requestContext();
    const manager = await next.unitOfWork!.manager();
    expect(await manager.query(`SELECT current_setting('role') AS role`)).toEqual([
      { role: 'assay_app' },
    ]);
    await next.unitOfWork!.finish('commit');
  });

  it('writes parameters into SQL text so that it means what it meant with them', async () => {
    const pool = t.app.get(DataSource);
    const statement = `SELECT $1::text AS text, $2::int AS number, $3::boolean AS flag,
      $4::timestamptz AS at, $5::varchar[] AS list, $6::jsonb AS document, $7::text IS NULL AS none,
      $8 AS untyped, $1 = $1 AS same`;
    const values = [
      "it's \\ a 'test' $1 -- ; \n 中文 \u{1F600}",
      -42,
      false,
      new Date('2026-12-06T01:02:03.456Z'),
      ['a,b', 'q"uote', 'back\\slash', null],
      { note: "it's", nested: [1, '\\'] },
      null,
      'plain',
    ];
    const inlined = inlineParameters(statement, values);
    expect(inlined).not.toBeNull();
    expect(await pool.query(inlined!)).toEqual(await pool.query(statement, values));
  });

  it('reads timestamps on the application’s connections with its own parser', async () => {
    const pool = t.app.get(DataSource);
    const driver = pool.driver as unknown as { master: { options: { types?: unknown } } };
    expect(driver.master.options.types).toBe(PG_TYPES);
    const [row] = (await pool.query(
      `SELECT '2026-12-06 19:29:47.123+05:30'::timestamptz AS at, NULL::timestamptz AS none`,
    )) as Array<{ at: Date; none: null }>;
    expect(row!.at).toEqual(new Date('2026-12-06T13:59:47.123Z'));
    expect(row!.none).toBeNull();
  });

  it('keeps reads running in parallel out of a cross-tenant section of the same request', async () => {
    const own = await createOrganization(t.app);
    await createOrganization(t.app);
    const ctx = requestContext(own.organizationId);
    const organizations = async (scope: RequestContext) =>
      (await (await connection.manager(scope)).query(`SELECT id FROM organization`)) as Array<{
        id: string;
      }>;

    const [seenBySection, ...seenByReads] = await Promise.all([
      connection.systemTransaction(ctx, async (tx) => {
        await (await connection.manager(tx)).query(`SELECT pg_sleep(0.2)`);
        return organizations(tx);
      }),
      // Issued while the section runs as assay_system: they must wait, then read as the tenant.
      ...[20, 60, 100, 140].map(async (delay) => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        return organizations(ctx);
      }),
    ]);
    await ctx.unitOfWork!.finish('commit');

    expect(seenBySection.length).toBeGreaterThanOrEqual(2);
    for (const rows of seenByReads) expect(rows).toEqual([{ id: own.organizationId }]);
  });

  it('restores the access around a nested cross-tenant section, then the tenant’s', async () => {
    const own = await createOrganization(t.app);
    await createOrganization(t.app);
    const ctx = requestContext(own.organizationId);
    const count = async (scope: RequestContext) =>
      (
        (await (
          await connection.manager(scope)
        ).query(`SELECT count(*)::int AS n FROM organization`)) as Array<{ n: number }>
      )[0]!.n;
    const seen = await connection.systemTransaction(ctx, async (outer) => {
      const inner = await connection.systemTransaction(outer, (nested) => count(nested));
      return { inner, afterInner: await count(outer) };
    });
    expect(seen.inner).toBeGreaterThanOrEqual(2);
    expect(seen.afterInner).toBe(seen.inner);
    expect(await count(ctx)).toBe(1);
    await ctx.unitOfWork!.finish('commit');
  });

  it('sends statements with COMMIT in one message, values as literals, without those of a savepoint that rolled back', async () => {
    const ctx = requestContext();
    const runner = (await ctx.unitOfWork!.manager()).queryRunner!;
    const sent: string[] = [];
    const query = runner.query.bind(runner);
    runner.query = ((text: string, ...rest: never[]) => {
      sent.push(text);
      return query(text, ...rest);
    }) as typeof runner.query;
    const insert = `INSERT INTO pipeline_check (id, run_at, hold_ms) VALUES ($1, now(), length($2))`;
    const text = "it's \\ 'quoted'; DROP TABLE pipeline_check; --";
    const [kept, dropped] = [randomUUID(), randomUUID()];

    await connection.transaction(ctx, async (tx) =>
      connection.withCommit(tx, insert, [kept, text]),
    );
    await expect(
      connection.transaction(ctx, async (tx) => {
        connection.withCommit(tx, insert, [dropped, text]);
        throw new Error('the second mutation fails after registering its statement');
      }),
    ).rejects.toThrow('the second mutation fails');
    expect(await committed(kept)).toBe(false);
    const before = sent.length;
    await ctx.unitOfWork!.finish('commit');

    expect(sent.slice(before)).toHaveLength(1);
    expect(sent.at(-1)).toMatch(/^INSERT INTO pipeline_check .*; COMMIT$/s);
    expect(await committed(kept)).toBe(true);
    expect(await committed(dropped)).toBe(false);
    const pool = t.app.get(DataSource);
    const [row] = (await pool.query(`SELECT hold_ms FROM pipeline_check WHERE id = $1`, [
      kept,
    ])) as Array<{ hold_ms: number }>;
    expect(row!.hold_ms).toBe(text.length);
  });

  it('sends each statement with COMMIT under the role and tenant it was given with', async () => {
    const own = await createOrganization(t.app);
    const ctx = requestContext(own.organizationId);
    // Each fails (division by zero) unless it runs with the access it expects.
    const expect$ = `SELECT 1 / (current_setting('role') = $1 AND current_setting('app.organization_id') = $2)::int`;
    await connection.transaction(ctx, async (tx) => {
      connection.withCommit(tx, expect$, ['assay_app', own.organizationId]);
      await connection.systemTransaction(tx, async (system) =>
        connection.withCommit(system, expect$, ['assay_system', '']),
      );
      connection.withCommit(tx, expect$, ['assay_app', own.organizationId]);
    });
    await expect(ctx.unitOfWork!.finish('commit')).resolves.toBeUndefined();

    const wrong = requestContext(own.organizationId);
    await connection.transaction(wrong, async (tx) =>
      connection.withCommit(tx, expect$, ['assay_system', '']),
    );
    await expect(wrong.unitOfWork!.finish('commit')).rejects.toThrow(/division by zero/);
  });

  it('rolls back whole when a statement sent with COMMIT fails, and returns a clean connection', async () => {
    const ctx = requestContext();
    const check = await connection.transaction(ctx, async (tx) => {
      connection.withCommit(tx, `SELECT 1 / $1`, [0]);
      return checks.request(tx, {});
    });
    const runner = (await ctx.unitOfWork!.manager()).queryRunner!;
    await expect(ctx.unitOfWork!.finish('commit')).rejects.toThrow(/division by zero/);
    expect(await committed(check.id)).toBe(false);
    // The connection went back to the pool outside any transaction.
    expect(runner.isReleased).toBe(true);
    const pool = t.app.get(DataSource);
    const aborted = (await pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    )) as Array<{ n: number }>;
    expect(aborted[0]!.n).toBe(0);
  });

  it('begins a transaction for statements sent with COMMIT when nothing else ran', async () => {
    const ctx = requestContext();
    ctx.unitOfWork!.servesOneMutation(); // no SAVEPOINT, so nothing sent before the commit
    const id = randomUUID();
    await connection.transaction(ctx, async (tx) =>
      connection.withCommit(
        tx,
        `INSERT INTO pipeline_check (id, run_at, hold_ms) VALUES ($1, now(), $2)`,
        [id, 3],
      ),
    );
    expect(ctx.unitOfWork!.started).toBe(false);
    await ctx.unitOfWork!.finish('commit');
    expect(await committed(id)).toBe(true);
  });

  it('refuses database access outside a unit of work instead of seeing nothing', async () => {
    await expect(checks.findByIds(RequestContext.system('test', 'no-unit'), ['x'])).rejects.toThrow(
      /unit of work/,
    );
  });
});
