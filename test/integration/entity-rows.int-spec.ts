import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { Agreement, AgreementClause } from '#agreement';
import {
  RequestContext,
  StoredFile,
  TransactionalConnection,
  paginate,
  paginateKept,
  readEntities,
  readEntitiesAndRaw,
  verifyWrittenStatements,
  type Page,
} from '#core';
import { Membership } from '#identity';
import { Vendor } from '#vendor';
import { createAgreement } from '../factories/agreement.factory.js';
import { signedInAdmin, type TestMember } from '../factories/identity.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import { messagesOf } from '../utils/statements.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

describe('reading entities from raw rows', () => {
  let t: TestApp;
  let connection: TransactionalConnection;
  let admin: TestMember;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
    connection = t.app.get(TransactionalConnection);
    const signedIn = await signedInAdmin(t.app, t.gql);
    admin = signedIn.admin;
    const owned = await createVendor(signedIn.gql, { dataProfile: PROFILES.healthCallCentre });
    await createVendor(signedIn.gql, { tags: ['payroll'] });
    await createAgreement(signedIn.gql, {
      vendorId: owned.id,
      type: 'DPA',
      effectiveDate: '2026-01-01',
    });
    await connection.systemTransaction(RequestContext.system('test', 'seed'), async (tx) => {
      const manager = await connection.manager(tx);
      // One vendor with a risk owner, one without; one agreement with a reviewed clause.
      await manager.query(
        `UPDATE vendor SET risk_owner_id = (SELECT id FROM membership WHERE user_id = $1)
          WHERE organization_id = $2 AND 'payroll' <> ALL (tags)`,
        [admin.userId, admin.organizationId],
      );
      await manager.query(
        `INSERT INTO agreement_clause (id, organization_id, agreement_id, clause_id, status)
         SELECT gen_random_uuid(), organization_id, id, 'gdpr.28.3.a', 'PRESENT' FROM agreement
          WHERE organization_id = $1`,
        [admin.organizationId],
      );
      await manager.query(
        `INSERT INTO stored_file (id, organization_id, sha256, size_bytes, media_type, original_name,
           uploaded_by_kind, uploaded_by_id)
         VALUES (gen_random_uuid(), $1, repeat('a', 64), 1234, 'application/pdf', 'a.pdf', 'user', 'u')`,
        [admin.organizationId],
      );
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Runs `build` in the admin's organization. */
  const inOrganization = <T>(build: (ctx: RequestContext) => Promise<T>): Promise<T> =>
    connection.transaction(
      RequestContext.system('test', 'read', admin.organizationId),
      async (tx) => build(tx),
    );

  const sameAsTypeorm = async <T extends ObjectLiteral>(query: SelectQueryBuilder<T>) => {
    const read = await readEntities(query.clone());
    expect(read).toStrictEqual(await query.clone().getMany());
    return read;
  };

  it('reads what getMany() hydrates, relations and conversions included', async () => {
    await inOrganization(async (ctx) => {
      const vendors = await sameAsTypeorm(
        (await connection.repository(ctx, Vendor))
          .createQueryBuilder('vendor')
          .leftJoin('vendor.riskOwner', 'riskOwner')
          .leftJoin('riskOwner.user', 'riskOwnerUser')
          .addSelect(['riskOwner.id', 'riskOwner.role', 'riskOwnerUser.id', 'riskOwnerUser.email'])
          .orderBy('vendor.name_key'),
      );
      expect(vendors).toHaveLength(2);
      expect(vendors.map((vendor) => vendor.riskOwner?.user?.email ?? null).sort()).toEqual([
        admin.email,
        null,
      ]);
      expect(vendors[0]).toBeInstanceOf(Vendor);

      // The whole user, as members lists load it: columns left out of selects stay out.
      const [member] = await sameAsTypeorm(
        (await connection.repository(ctx, Membership))
          .createQueryBuilder('membership')
          .innerJoinAndSelect('membership.user', 'user'),
      );
      expect(member!.user).toBeDefined();

      // A date column and a bigint column with a transformer.
      const [agreement] = await sameAsTypeorm(
        (await connection.repository(ctx, Agreement)).createQueryBuilder('agreement'),
      );
      expect(agreement!.effectiveDate).toBe('2026-01-01');
      const [file] = await sameAsTypeorm(
        (await connection.repository(ctx, StoredFile)).createQueryBuilder('file'),
      );
      expect(file!.sizeBytes).toBe(1234);
    });
  });

  it('returns each entity with its own raw row', async () => {
    await inOrganization(async (ctx) => {
      const { entities, raw } = await readEntitiesAndRaw<Agreement, { clauses: number }>(
        (await connection.repository(ctx, Agreement))
          .createQueryBuilder('agreement')
          .addSelect(
            (sub) =>
              sub
                .select('count(*)::int')
                .from(AgreementClause, 'clause')
                .where('clause.agreement_id = agreement.id'),
            'clauses',
          ),
      );
      expect(entities).toHaveLength(1);
      expect(raw[0]!.clauses).toBe(1);
    });
  });

  it('refuses joins it cannot read row by row', async () => {
    await inOrganization(async (ctx) => {
      await expect(
        readEntities(
          (await connection.repository(ctx, Agreement))
            .createQueryBuilder('agreement')
            .leftJoinAndSelect('agreement.clauses', 'clause'),
        ),
      ).rejects.toThrow(/not a many-to-one relation/);
    });
  });

  /** The statements (with their values) pg sends while `work` runs. */
  const sentDuring = async (work: () => Promise<void>): Promise<Array<[string, unknown[]]>> =>
    (await messagesOf(work))
      .filter((args) => typeof args[0] === 'string')
      .map((args) => [args[0] as string, (args[1] as unknown[] | undefined) ?? []]);

  it('writes a statement once per shape, and gives each query its own values', async () => {
    verifyWrittenStatements(false);
    try {
      const ids = await inOrganization(async (ctx) =>
        (await readEntities((await connection.repository(ctx, Vendor)).createQueryBuilder('v')))
          .map((vendor) => vendor.id)
          .sort(),
      );
      expect(ids).toHaveLength(2);
      const byIds = (ctx: RequestContext, some: string[]) =>
        connection
          .repository(ctx, Vendor)
          .then((vendors) =>
            readEntities(
              vendors
                .createQueryBuilder('vendor')
                .where('vendor.id IN (:...ids) AND vendor.id <> :none', { ids: some, none: ids[0] })
                .orWhere('vendor.id = :none'),
            ),
          )
          .then((vendors) => vendors.map((vendor) => vendor.id).sort());
      let reads: string[][] = [];
      const sent = await sentDuring(() =>
        inOrganization(async (ctx) => {
          // The transaction begins with this one, so that the reads go with their parameters.
          await (await connection.manager(ctx)).query('SELECT 1');
          reads = [
            await byIds(ctx, [ids[1]!]),
            await byIds(ctx, [ids[0]!]),
            await byIds(ctx, [ids[0]!, ids[1]!]),
          ];
        }),
      );
      // Each read found its own rows: the second is not the first's again.
      expect(reads).toEqual([ids, [ids[0]], ids]);
      const reading = sent.filter(([sql]) => sql.includes('FROM "vendor"'));
      expect(reading).toHaveLength(3);
      // One id and two: one statement each shape, a placeholder per array element, and
      // `:none`, used twice, one placeholder.
      expect(reading[1]![0]).toBe(reading[0]![0]);
      expect(reading.map(([, values]) => values)).toEqual([
        [ids[1], ids[0]],
        [ids[0], ids[0]],
        [ids[0], ids[1], ids[0]],
      ]);
      expect(reading[2]![0]).toMatch(
        /IN \(\$1, \$2\) AND "vendor"\."id" <> \$3 OR "vendor"\."id" = \$3$/,
      );
    } finally {
      verifyWrittenStatements(true);
    }
  });

  it('tells apart queries that differ in a condition, an order or a limit but not in values', async () => {
    await inOrganization(async (ctx) => {
      const vendors = await connection.repository(ctx, Vendor);
      const named = (condition: string) =>
        readEntities(
          vendors.createQueryBuilder('vendor').where(condition, { tags: ['payroll'] }),
        ).then((found) => found.length);
      expect(await named(':tags::varchar[] <@ vendor.tags')).toBe(1);
      expect(await named('NOT (:tags::varchar[] <@ vendor.tags)')).toBe(1);
      const names = (direction: 'ASC' | 'DESC', limit: number) =>
        readEntities(
          vendors.createQueryBuilder('vendor').orderBy('vendor.name_key', direction).limit(limit),
        ).then((found) => found.map((vendor) => vendor.name));
      const ascending = await names('ASC', 2);
      expect(await names('DESC', 2)).toEqual([...ascending].reverse());
      expect(await names('ASC', 1)).toEqual(ascending.slice(0, 1));
    });
  });

  it('checks in the tests that a kept statement is the one TypeORM writes', async () => {
    await inOrganization(async (ctx) => {
      const vendors = await connection.repository(ctx, Vendor);
      const query = () =>
        vendors.createQueryBuilder('vendor').where('vendor.tier = :tier', { tier: 'TIER_4' });
      await readEntities(query());
      const other = query();
      other.getQueryAndParameters = () => ['SELECT 1', ['TIER_4']];
      await expect(readEntities(other)).rejects.toThrow(/A kept statement differs/);
    });
  });

  describe('a list query kept by key', () => {
    const byCreation = {
      column: 'vendor.created_at',
      property: 'createdAt',
      direction: 'ASC',
    } as const;

    /** Vendors with one of `tiers`, paged by paginateKept(); counts the times it was built. */
    const keptPage = (ctx: RequestContext, tiers: string[], first: number, after?: string | null) =>
      connection.repository(ctx, Vendor).then(async (vendors) => {
        let built = 0;
        const page = await paginateKept(
          {
            runner: vendors.queryRunner!,
            key: 'vendors by tier',
            parameters: { tiers },
            build: () => {
              built += 1;
              return vendors
                .createQueryBuilder('vendor')
                .where('vendor.tier IN (:...tiers)')
                .setParameters({ tiers });
            },
          },
          { first, after },
          byCreation,
        );
        return { page, built };
      });

    const names = (page: Page<Vendor>) => page.nodes.map((vendor) => vendor.name);

    it('reads the same pages and cursors as paginate(), building the query once per shape', async () => {
      const allTiers = ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'];
      verifyWrittenStatements(false);
      try {
        await inOrganization(async (ctx) => {
          const vendors = await connection.repository(ctx, Vendor);
          const expected = await paginate(
            vendors
              .createQueryBuilder('vendor')
              .where('vendor.tier IN (:...tiers)', { tiers: allTiers }),
            { first: 1 },
            byCreation,
          );
          const first = await keptPage(ctx, allTiers, 1);
          expect(names(first.page)).toEqual(names(expected));
          expect(first.page.nodes).toStrictEqual(expected.nodes);
          expect(first.page.cursor(0)).toBe(expected.cursor(0));
          expect(first.page.hasNextPage).toBe(true);
          expect(first.built).toBe(1);

          // The same shape again: not built; the next page (a cursor) is a shape of its own.
          const again = await keptPage(ctx, allTiers, 1);
          expect(again.built).toBe(0);
          expect(names(again.page)).toEqual(names(first.page));
          const second = await keptPage(ctx, allTiers, 1, first.page.cursor(0));
          const expectedSecond = await paginate(
            vendors
              .createQueryBuilder('vendor')
              .where('vendor.tier IN (:...tiers)', { tiers: allTiers }),
            { first: 1, after: expected.cursor(0) },
            byCreation,
          );
          expect(second.built).toBe(1);
          expect(names(second.page)).toEqual(names(expectedSecond));
          expect(second.page.hasNextPage).toBe(false);
          expect(names(second.page)).not.toEqual(names(first.page));

          // Another length of an array parameter, or another page size, is another statement;
          // the same one with other values reads its own rows.
          const both = await keptPage(ctx, allTiers, 2);
          expect(both.built).toBe(1);
          expect(both.page.nodes).toHaveLength(2);
          const tier = both.page.nodes[1]!.tier;
          const one = await keptPage(ctx, [tier], 2);
          expect(one.built).toBe(1);
          const otherTier = allTiers.find((other) => other !== tier)!;
          const none = await keptPage(ctx, [otherTier], 2);
          expect(none.built).toBe(0);
          expect(names(none.page)).toEqual(
            names(both.page).filter((_, i) => both.page.nodes[i]!.tier === otherTier),
          );
          expect(names(one.page)).toContain(both.page.nodes[1]!.name);
          // Counting builds the query.
          expect(await one.page.totalCount()).toBe(
            both.page.nodes.filter((vendor) => vendor.tier === tier).length,
          );
        });
      } finally {
        verifyWrittenStatements(true);
      }
    });

    it('checks in the tests that a key names the whole statement and its parameters', async () => {
      await inOrganization(async (ctx) => {
        const vendors = await connection.repository(ctx, Vendor);
        const read = (condition: string, parameters: Record<string, unknown>, given = parameters) =>
          paginateKept(
            {
              runner: vendors.queryRunner!,
              key: 'a key that leaves the condition out',
              parameters: given,
              build: () =>
                vendors.createQueryBuilder('vendor').where(condition).setParameters(parameters),
            },
            { first: 5 },
            byCreation,
          );
        await read('vendor.tier = :tier', { tier: 'TIER_4' });
        await expect(read('vendor.tier <> :tier', { tier: 'TIER_4' })).rejects.toThrow(
          /The kept statement of "a key that leaves the condition out.*" differs/,
        );
        await expect(
          read('vendor.tier = :tier', { tier: 'TIER_4' }, { tier: 'TIER_3' }),
        ).rejects.toThrow(/are not the query's own/);
      });
    });
  });
});
