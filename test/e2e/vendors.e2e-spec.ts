import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, StatementCounter } from '#core';
import { createAgreement } from '../factories/agreement.factory.js';
import { addMember, signIn, signedInAdmin } from '../factories/identity.factory.js';
import {
  PROFILES,
  VENDOR_FIELDS,
  createVendor,
  type VendorView,
} from '../factories/vendor.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { statementsOf } from '../utils/statements.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const UPDATE = `mutation($input: UpdateVendorInput!) { updateVendor(input: $input) { vendor { ${VENDOR_FIELDS} } } }`;
const OVERRIDE = `mutation($input: OverrideVendorTierInput!) { overrideVendorTier(input: $input) { vendor { ${VENDOR_FIELDS} } } }`;
const VENDOR = `query($id: ID!) { vendor(id: $id) { ${VENDOR_FIELDS} } }`;

describe('vendors', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let viewer: GraphqlClient;
  let organizationId: string;

  /** The length of the organization's audit trail: it grows with every change. */
  const trailLength = async () =>
    (
      await admin.data<{ verifyAuditTrail: { checkedEvents: number } }>(
        '{ verifyAuditTrail { checkedEvents } }',
      )
    ).verifyAuditTrail.checkedEvents;

  const getVendor = async (id: string) =>
    (await viewer.data<{ vendor: VendorView }>(VENDOR, { id })).vendor;

  beforeAll(async () => {
    // The outbox relay polls PostgreSQL on its own; slowly here, so that it stays out of the
    // statement counts below.
    t = await startTestApp({ withWorker: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
    const signedIn = await signedInAdmin(t.app, t.gql);
    admin = signedIn.gql;
    organizationId = signedIn.admin.organizationId;
    procurement = await signIn(t.gql, await addMember(t.app, organizationId, Role.Procurement));
    riskOwner = await signIn(t.gql, await addMember(t.app, organizationId, Role.RiskOwner));
    viewer = await signIn(t.gql, await addMember(t.app, organizationId, Role.Viewer));
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('inherent risk', () => {
    it('scores each profile into a tier, with the reasons that produced it', async () => {
      const health = await createVendor(procurement, {
        name: 'Health call centre',
        dataProfile: PROFILES.healthCallCentre,
      });
      expect(health.inherentRisk).toMatchObject({ score: 90, computedTier: 'TIER_1' });
      expect(health.tier).toBe('TIER_1');
      expect(health.dataProfile.sensitivePersonalInformation).toBe(true);
      expect(health.inherentRisk.reasons.map((r) => [r.factor, r.points])).toEqual([
        ['DATA_CATEGORIES', 30],
        ['VOLUME', 18],
        ['SENSITIVE_DATA', 15],
        ['ACCESS_LEVEL', 15],
        ['CROSS_BORDER', 12],
      ]);
      expect(health.inherentRisk.reasons[0]!.detail).toContain('capped at 30');
      expect(health.inherentRisk.regimes).toEqual(['PIPL', 'GDPR']);
      expect(health.inherentRisk.requirements.map((r) => r.requirement)).toEqual([
        'PIPL_IMPACT_ASSESSMENT',
        'PIPL_ENTRUSTED_PROCESSING_TERMS',
        'GDPR_ART_28_TERMS',
      ]);
      expect(health.inherentRisk.requirements[0]!.citation).toBe('PIPL Art. 55');

      const it = await createVendor(procurement, { dataProfile: PROFILES.itSupport });
      expect(it.inherentRisk).toMatchObject({ score: 44, computedTier: 'TIER_2' });
      expect(it.inherentRisk.regimes).toEqual(['GDPR']);

      const marketing = await createVendor(procurement, { dataProfile: PROFILES.marketingAgency });
      expect(marketing.inherentRisk).toMatchObject({ score: 22, computedTier: 'TIER_3' });
      expect(marketing.inherentRisk.requirements.map((r) => r.requirement)).toEqual([
        'CCPA_SERVICE_PROVIDER_TERMS',
      ]);
      expect(marketing.dataProfile.sensitivePersonalInformation).toBe(false);

      const supplies = await createVendor(procurement, { dataProfile: PROFILES.officeSupplies });
      expect(supplies.inherentRisk).toMatchObject({ score: 0, computedTier: 'TIER_4' });
      expect(supplies.inherentRisk.reasons).toEqual([]);
      expect(supplies.inherentRisk.regimes).toEqual([]);
    });

    it('flags a PIPL impact assessment for data that goes to China, even without sensitive data', async () => {
      const vendor = await createVendor(procurement, {
        dataProfile: {
          categories: ['CONTACT'],
          dataCountries: ['CN'],
          dataSubjectRegions: ['OTHER'],
        },
      });
      expect(vendor.inherentRisk.regimes).toEqual(['PIPL']);
      const assessment = vendor.inherentRisk.requirements.find(
        (r) => r.requirement === 'PIPL_IMPACT_ASSESSMENT',
      );
      expect(assessment).toBeDefined();
    });

    it('rescores when the profile or the sub-processors change', async () => {
      const vendor = await createVendor(procurement, { dataProfile: PROFILES.marketingAgency });
      const updated = (
        await procurement.data<{ updateVendor: { vendor: VendorView } }>(UPDATE, {
          input: {
            vendorId: vendor.id,
            dataProfile: { ...PROFILES.marketingAgency, accessLevel: 'ADMIN' },
          },
        })
      ).updateVendor.vendor;
      expect(updated.inherentRisk.score).toBe(22 + 15);
      expect(updated.version).toBe(vendor.version + 1);

      const withSubs = await procurement.data<{
        setSubProcessors: {
          vendor: VendorView & { subProcessors: Array<{ name: string; country: string }> };
        };
      }>(
        `mutation($input: SetSubProcessorsInput!) { setSubProcessors(input: $input) {
           vendor { ${VENDOR_FIELDS} subProcessors { name country dataCategories } } } }`,
        {
          input: {
            vendorId: vendor.id,
            subProcessors: [
              { name: 'Mail Cloud', country: 'IE', service: 'email', dataCategories: ['CONTACT'] },
              { name: 'Print shop', country: 'US', dataCategories: [] },
            ],
          },
        },
      );
      const scored = withSubs.setSubProcessors.vendor;
      expect(scored.subProcessors.map((s) => s.name)).toEqual(['Mail Cloud', 'Print shop']);
      // Two sub-processors (2 × 2) and data now in two countries (cross-border, 12).
      expect(scored.inherentRisk.score).toBe(37 + 4 + 12);
      expect(scored.inherentRisk.crossBorder).toBe(true);
      expect(
        scored.inherentRisk.reasons.find((r) => r.factor === 'CROSS_BORDER')?.detail,
      ).toContain('IE');
    });

    it('rescores every vendor when an admin changes the rubric', async () => {
      const vendor = await createVendor(procurement, { dataProfile: PROFILES.marketingAgency });
      expect(vendor.tier).toBe('TIER_3');
      const before = await admin.data<{ riskRubric: { version: number } }>(
        '{ riskRubric { version } }',
      );
      const changed = await admin.data<{
        updateRiskRubric: {
          rubric: { version: number; categoryWeights: Array<{ category: string; points: number }> };
        };
      }>(
        `mutation($input: UpdateRiskRubricInput!) { updateRiskRubric(input: $input) {
           rubric { version categoryWeights { category points } } } }`,
        {
          input: {
            categoryWeights: [{ category: 'CONTACT', points: 20 }],
            tierThresholds: { tier1: 80, tier2: 30, tier3: 10 },
          },
        },
      );
      const version = changed.updateRiskRubric.rubric.version;
      expect(version).toBe(before.riskRubric.version + 1);
      expect(
        changed.updateRiskRubric.rubric.categoryWeights.find((w) => w.category === 'CONTACT')
          ?.points,
      ).toBe(20);
      // CONTACT 20 + IDENTIFIERS 6 = 26 (under the cap of 30), volume 12: 38, now TIER_2.
      const rescored = await getVendor(vendor.id);
      expect(rescored.inherentRisk).toMatchObject({
        score: 38,
        computedTier: 'TIER_2',
        rubricVersion: version,
      });
      const list = await viewer.data<{ vendors: { nodes: VendorView[] } }>(
        `{ vendors(first: 100) { nodes { inherentRisk { rubricVersion } } } }`,
      );
      expect(list.vendors.nodes.every((v) => v.inherentRisk.rubricVersion === version)).toBe(true);

      const bad = await admin.request(
        `mutation { updateRiskRubric(input: { tierThresholds: { tier1: 10, tier2: 20, tier3: 5 } }) { rubric { version } } }`,
      );
      expect(bad.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ path: 'input.tierThresholds' })],
      });
      const forbidden = await procurement.request(
        `mutation { updateRiskRubric(input: { categoryCap: 50 }) { rubric { version } } }`,
      );
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // Back to the defaults' thresholds and weight for the tests that follow.
      await admin.data(
        `mutation { updateRiskRubric(input: { categoryWeights: [{ category: CONTACT, points: 4 }], tierThresholds: { tier1: 65, tier2: 40, tier3: 15 } }) { rubric { version } } }`,
      );
      expect((await getVendor(vendor.id)).inherentRisk.score).toBe(22);
    });

    it('lets a risk owner override the tier with a justification, keeping the computed one', async () => {
      const vendor = await createVendor(procurement, { dataProfile: PROFILES.marketingAgency });
      const trail = await trailLength();
      const missing = await riskOwner.request(OVERRIDE, {
        input: { vendorId: vendor.id, tier: 'TIER_1', justification: '   ' },
      });
      expect(missing.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.justification', message: 'must not be empty' }],
      });
      expect(await trailLength()).toBe(trail);
      expect((await getVendor(vendor.id)).version).toBe(vendor.version);

      const byProcurement = await procurement.request(OVERRIDE, {
        input: { vendorId: vendor.id, tier: 'TIER_1', justification: 'because' },
      });
      expect(byProcurement.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const overridden = (
        await riskOwner.data<{ overrideVendorTier: { vendor: VendorView } }>(OVERRIDE, {
          input: {
            vendorId: vendor.id,
            tier: 'TIER_1',
            justification: 'Handles the payment card data of our loyalty programme',
          },
        })
      ).overrideVendorTier.vendor;
      expect(overridden.tier).toBe('TIER_1');
      expect(overridden.inherentRisk).toMatchObject({
        computedTier: 'TIER_3',
        tier: 'TIER_1',
        override: {
          tier: 'TIER_1',
          justification: 'Handles the payment card data of our loyalty programme',
        },
      });
      // A new profile rescores, but the override stays in force.
      const rescored = (
        await procurement.data<{ updateVendor: { vendor: VendorView } }>(UPDATE, {
          input: { vendorId: vendor.id, dataProfile: PROFILES.officeSupplies },
        })
      ).updateVendor.vendor;
      expect(rescored.inherentRisk).toMatchObject({ computedTier: 'TIER_4', tier: 'TIER_1' });

      const lifted = (
        await riskOwner.data<{ overrideVendorTier: { vendor: VendorView } }>(OVERRIDE, {
          input: { vendorId: vendor.id, tier: null, justification: 'Card data moved elsewhere' },
        })
      ).overrideVendorTier.vendor;
      expect(lifted.tier).toBe('TIER_4');
      expect(lifted.inherentRisk.override).toBeNull();
      const events = await admin.data<{ auditEvents: { nodes: Array<{ action: string }> } }>(
        `{ auditEvents(first: 5) { nodes { action } } }`,
      );
      expect(events.auditEvents.nodes.map((e) => e.action)).toContain('vendor.tier_overridden');
    });
  });

  describe('bad input changes nothing', () => {
    const attempts: Array<[string, Record<string, unknown>, string, string | null]> = [
      ['unknown country', { country: 'XX' }, 'BAD_USER_INPUT', 'input.country'],
      ['lower-case country', { country: 'cn' }, 'BAD_USER_INPUT', 'input.country'],
      [
        'unknown data country',
        { dataProfile: { dataCountries: ['CN', 'ZZ'] } },
        'BAD_USER_INPUT',
        'input.dataProfile.dataCountries[1]',
      ],
      ['unknown category', { dataProfile: { categories: ['GENOMES'] } }, 'BAD_USER_INPUT', null],
      [
        'website that is no URL',
        { website: 'javascript:alert(1)' },
        'BAD_USER_INPUT',
        'input.website',
      ],
      ['empty name', { name: '   ' }, 'BAD_USER_INPUT', 'input.name'],
    ];

    it.each(attempts)('%s', async (_what, input, code, path) => {
      const trail = await trailLength();
      const response = await procurement.request(
        `mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } } }`,
        { input: { name: `Bad ${Math.random()}`, ...input } },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      if (path) {
        expect(response.errors?.[0]?.extensions?.fields).toEqual(
          expect.arrayContaining([expect.objectContaining({ path })]),
        );
      }
      expect(await trailLength()).toBe(trail);
    });

    it('refuses a duplicate name, whatever its case, with CONFLICT', async () => {
      await createVendor(procurement, { name: 'Acme Payroll Ltd' });
      const trail = await trailLength();
      const duplicate = await procurement.request(
        `mutation { createVendor(input: { name: "  ACME   payroll ltd " }) { vendor { id } } }`,
      );
      expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const search = await viewer.data<{ vendors: { totalCount: number } }>(
        `{ vendors(filter: { search: "acme payroll" }) { totalCount } }`,
      );
      expect(search.vendors.totalCount).toBe(1);
      expect(await trailLength()).toBe(trail);
    });

    it('undoes only the failing mutation of a document that holds several', async () => {
      const trail = await trailLength();
      const response = await procurement.request(
        `mutation {
          first: createVendor(input: { name: "Harbour Logistics" }) { vendor { id } }
          second: createVendor(input: { name: "HARBOUR logistics" }) { vendor { id } }
        }`,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(response.errors?.[0]?.path).toEqual(['second']);
      // The first ran and stays: mutations run one after the other, each undone on its own.
      const search = await viewer.data<{ vendors: { totalCount: number } }>(
        `{ vendors(filter: { search: "harbour logistics" }) { totalCount } }`,
      );
      expect(search.vendors.totalCount).toBe(1);
      expect(await trailLength()).toBe(trail + 1);
    });

    it('refuses changes from viewers and read-only keys', async () => {
      const response = await viewer.request(
        `mutation { createVendor(input: { name: "Viewer's vendor" }) { vendor { id } } }`,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('lifecycle and concurrent edits', () => {
    it('moves PROSPECT → ACTIVE → OFFBOARDED and refuses everything else with CONFLICT', async () => {
      const vendor = await createVendor(procurement);
      expect(vendor.lifecycle).toBe('PROSPECT');
      const active = (
        await procurement.data<{ updateVendor: { vendor: VendorView } }>(UPDATE, {
          input: { vendorId: vendor.id, lifecycle: 'ACTIVE' },
        })
      ).updateVendor.vendor;
      expect(active.lifecycle).toBe('ACTIVE');
      const back = await procurement.request(UPDATE, {
        input: { vendorId: vendor.id, lifecycle: 'PROSPECT' },
      });
      expect(back.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      const offboarded = await procurement.data<{
        offboardVendor: { vendor: { lifecycle: string; offboardingReason: string } };
      }>(
        `mutation($input: OffboardVendorInput!) { offboardVendor(input: $input) { vendor { lifecycle offboardingReason } } }`,
        { input: { vendorId: vendor.id, reason: 'Contract ended' } },
      );
      expect(offboarded.offboardVendor.vendor).toEqual({
        lifecycle: 'OFFBOARDED',
        offboardingReason: 'Contract ended',
      });
      const trail = await trailLength();
      for (const attempt of [
        procurement.request(UPDATE, { input: { vendorId: vendor.id, services: 'more' } }),
        procurement.request(
          `mutation($input: OffboardVendorInput!) { offboardVendor(input: $input) { vendor { id } } }`,
          { input: { vendorId: vendor.id } },
        ),
        procurement.request(
          `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
          { input: { vendorId: vendor.id, name: 'Late', email: 'late@example.com' } },
        ),
      ]) {
        expect((await attempt).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      }
      expect(await trailLength()).toBe(trail);
    });

    it('answers a stale expectedVersion with CONFLICT', async () => {
      const vendor = await createVendor(procurement);
      await procurement.data(UPDATE, {
        input: { vendorId: vendor.id, expectedVersion: vendor.version, services: 'Payroll' },
      });
      const stale = await procurement.request(UPDATE, {
        input: { vendorId: vendor.id, expectedVersion: vendor.version, services: 'Something else' },
      });
      expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(stale.errors?.[0]?.extensions?.current).toEqual({ version: vendor.version + 1 });
      expect((await getVendor(vendor.id)).version).toBe(vendor.version + 1);
    });

    it('loses no update when several editors change different fields at once', async () => {
      const vendor = await createVendor(procurement);
      const changes = [
        { tags: ['payroll'] },
        { country: 'DE' },
        { legalName: 'Parallel GmbH' },
        { services: 'Payroll processing' },
        { website: 'https://parallel.example' },
      ];
      const responses = await Promise.all(
        changes.map((change) =>
          procurement.request(UPDATE, { input: { vendorId: vendor.id, ...change } }),
        ),
      );
      expect(responses.flatMap((r) => r.errors ?? [])).toEqual([]);
      const after = await viewer.data<{
        vendor: {
          tags: string[];
          country: string;
          legalName: string;
          services: string;
          website: string;
          version: number;
        };
      }>(
        `query($id: ID!) { vendor(id: $id) { tags country legalName services website version } }`,
        {
          id: vendor.id,
        },
      );
      expect(after.vendor).toEqual({
        tags: ['payroll'],
        country: 'DE',
        legalName: 'Parallel GmbH',
        services: 'Payroll processing',
        website: 'https://parallel.example',
        version: vendor.version + changes.length,
      });
    });
  });

  describe('contacts', () => {
    const ADD = `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id name email primary language role } } }`;
    const CONTACTS = `query($id: ID!) { vendor(id: $id) { contacts { id email primary } } }`;

    it('keeps exactly one primary contact, normalizes emails and refuses duplicates', async () => {
      const vendor = await createVendor(procurement);
      const first = await procurement.data<{
        addVendorContact: { contact: { id: string; email: string; primary: boolean } };
      }>(ADD, {
        input: {
          vendorId: vendor.id,
          name: 'Li Wei',
          email: '  Li.Wei@Vendor.EXAMPLE ',
          language: 'ZH_CN',
          role: 'DPO',
        },
      });
      expect(first.addVendorContact.contact).toMatchObject({
        email: 'li.wei@vendor.example',
        primary: true,
        language: 'ZH_CN',
        role: 'DPO',
      });
      const second = await procurement.data<{
        addVendorContact: { contact: { id: string; primary: boolean } };
      }>(ADD, {
        input: { vendorId: vendor.id, name: 'Ann', email: 'ann@vendor.example', primary: true },
      });
      expect(second.addVendorContact.contact.primary).toBe(true);
      const listed = await viewer.data<{
        vendor: { contacts: Array<{ id: string; primary: boolean }> };
      }>(CONTACTS, { id: vendor.id });
      expect(listed.vendor.contacts.map((c) => [c.id, c.primary])).toEqual([
        [second.addVendorContact.contact.id, true],
        [first.addVendorContact.contact.id, false],
      ]);

      const trail = await trailLength();
      const malformed = await procurement.request(ADD, {
        input: { vendorId: vendor.id, name: 'Bad', email: 'not-an-email' },
      });
      expect(malformed.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.email', message: 'must be an email address' }],
      });
      const duplicate = await procurement.request(ADD, {
        input: { vendorId: vendor.id, name: 'Li again', email: 'LI.WEI@vendor.example' },
      });
      expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await trailLength()).toBe(trail);

      await procurement.data(
        `mutation($input: RemoveVendorContactInput!) { removeVendorContact(input: $input) { removedContactId } }`,
        { input: { contactId: second.addVendorContact.contact.id } },
      );
      const after = await viewer.data<{
        vendor: { contacts: Array<{ id: string; primary: boolean }> };
      }>(CONTACTS, { id: vendor.id });
      expect(after.vendor.contacts).toEqual([
        { id: first.addVendorContact.contact.id, email: 'li.wei@vendor.example', primary: true },
      ]);
    });
  });

  describe('lists', () => {
    let members: Array<{ id: string }>;

    beforeAll(async () => {
      members = (
        await admin.data<{ members: { nodes: Array<{ id: string }> } }>(
          '{ members { nodes { id } } }',
        )
      ).members.nodes;
    });

    it('filters by tier, lifecycle, country, regime, owner, tags and name, and orders', async () => {
      const owner = members[0]!.id;
      const tag = `list-${Date.now()}`;
      const a = await createVendor(procurement, {
        name: `Zeta Health ${tag}`,
        country: 'CN',
        tags: [tag, 'Health'],
        riskOwnerId: owner,
        dataProfile: PROFILES.healthCallCentre,
      });
      const b = await createVendor(procurement, {
        name: `Alpha Ads ${tag}`,
        country: 'US',
        tags: [tag],
        dataProfile: PROFILES.marketingAgency,
      });
      const query = `query($filter: VendorFilterInput, $orderBy: VendorOrderInput) {
        vendors(first: 50, filter: $filter, orderBy: $orderBy) { totalCount nodes { id name riskOwner { id } } } }`;
      const ids = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) =>
        (
          await viewer.data<{ vendors: { nodes: Array<{ id: string }> } }>(query, {
            filter: { tags: [tag], ...filter },
            orderBy,
          })
        ).vendors.nodes.map((v) => v.id);

      expect(await ids({})).toEqual([b.id, a.id]);
      expect(await ids({}, { field: 'INHERENT_RISK_SCORE', direction: 'DESC' })).toEqual([
        a.id,
        b.id,
      ]);
      expect(await ids({ tiers: ['TIER_1'] })).toEqual([a.id]);
      expect(await ids({ lifecycles: ['ACTIVE'] })).toEqual([]);
      expect(await ids({ countries: ['US'] })).toEqual([b.id]);
      expect(await ids({ regimes: ['CCPA'] })).toEqual([b.id]);
      expect(await ids({ regimes: ['PIPL', 'CCPA'] })).toEqual([b.id, a.id]);
      expect(await ids({ riskOwnerId: owner })).toEqual([a.id]);
      expect(await ids({ tags: [tag, 'health'] })).toEqual([a.id]);
      expect(await ids({ search: 'ZETA' })).toEqual([a.id]);
      expect(await ids({ search: '%' })).toEqual([]);
    });

    it('pages through every vendor with cursors, each once', async () => {
      const all = await viewer.data<{ vendors: { totalCount: number } }>(
        '{ vendors { totalCount } }',
      );
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          vendors: {
            nodes: Array<{ id: string }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        } = await viewer.data(
          `query($after: String) { vendors(first: 3, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
             nodes { id } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        seen.push(...page.vendors.nodes.map((v) => v.id));
        if (!page.vendors.pageInfo.hasNextPage) break;
        after = page.vendors.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(all.vendors.totalCount);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('runs the same number of SQL statements for a page of 5 and a page of 50', async () => {
      for (let i = 0; i < 50; i++) {
        const vendor = await createVendor(procurement, { dataProfile: PROFILES.itSupport });
        await createAgreement(procurement, { vendorId: vendor.id, type: 'DPA' });
        await procurement.data(
          `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
          { input: { vendorId: vendor.id, name: 'Contact', email: `c${i}@vendor.example` } },
        );
      }
      const counter = t.app.get(StatementCounter);
      const statementsFor = (first: number) =>
        statementsOf(counter, async () => {
          const data = await viewer.data<{ vendors: { nodes: Array<{ contacts: unknown[] }> } }>(
            `query($first: Int) { vendors(first: $first) { nodes { id tier riskOwner { user { email } }
               inherentRisk { score reasons { factor } } contacts { email } subProcessors { name }
               agreements { id status } agreementCoverage { compliant regimes { status missingClauseIds } } } } }`,
            { first },
          );
          expect(data.vendors.nodes).toHaveLength(first);
        });
      const small = await statementsFor(5);
      const large = await statementsFor(50);
      expect(large).toBe(small);
      // The page with its owners, contacts, sub-processors, agreements with their checklists
      // (for the agreements and the coverage): each read alone, with the tenant, and no COMMIT.
      expect(small).toBe(4);

      // Coverage without the agreements reads only what it needs of them, for the whole page in
      // one statement, and tells what each vendor's own coverage tells.
      const COVERAGE =
        'agreementCoverage { compliant dpaInForce regimes { regime status missingClauseIds } }';
      type Covered = { id: string; agreementCoverage: unknown };
      let listed: Covered[] = [];
      const coverageStatements = await statementsOf(counter, async () => {
        listed = (
          await viewer.data<{ vendors: { nodes: Covered[] } }>(
            `{ vendors(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { id ${COVERAGE} } } }`,
          )
        ).vendors.nodes;
      });
      // The page, the coverage inputs.
      expect(coverageStatements).toBe(2);
      expect(listed).toHaveLength(20);
      for (const vendor of listed.slice(0, 5)) {
        const alone = await viewer.data<{ vendor: Covered }>(
          `query($id: ID!) { vendor(id: $id) { id ${COVERAGE} } }`,
          { id: vendor.id },
        );
        expect(vendor).toEqual(alone.vendor);
      }
      expect(
        listed.some((vendor) =>
          JSON.stringify(vendor.agreementCoverage).includes('missingClauseIds":["'),
        ),
      ).toBe(true);

      // A page whose fields need only some columns reads only those; it tells what each
      // vendor, read whole, tells.
      const FIELDS = `id name legalName website country services lifecycle tags tier residualRating
        lastAssessedAt nextAssessmentDueAt impactAssessedOn version createdAt updatedAt
        riskOwner { id } businessOwner { id } contacts { email } openFindingCount ${COVERAGE}`;
      // The newest: personal data under no law's terms, and no DPA, is not compliant.
      const mailer = await createVendor(procurement, {
        name: 'Domestic Mailer',
        dataProfile: { categories: ['CONTACT'], volume: 'UNDER_10K' },
      });
      const narrow = await viewer.data<{ vendors: { nodes: Array<{ id: string }> } }>(
        `{ vendors(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { ${FIELDS} } } }`,
      );
      expect(narrow.vendors.nodes).toHaveLength(10);
      expect(narrow.vendors.nodes[0]).toMatchObject({
        id: mailer.id,
        agreementCoverage: { compliant: false, dpaInForce: false, regimes: [] },
      });
      for (const vendor of narrow.vendors.nodes.slice(0, 4)) {
        const whole = await viewer.data<{ vendor: { id: string } }>(
          `query($id: ID!) { vendor(id: $id) { ${FIELDS} } }`,
          { id: vendor.id },
        );
        expect(vendor).toEqual(whole.vendor);
      }

      // Each owner alone is read alone (the other not joined), and is the one the vendor names.
      const tag = `owners-${Date.now()}`;
      await createVendor(procurement, {
        name: `Owned ${tag}`,
        tags: [tag],
        riskOwnerId: members[0]!.id,
        businessOwnerId: members.at(-1)!.id,
      });
      for (const owner of ['riskOwner', 'businessOwner']) {
        const OWNER = `id ${owner} { id role user { email } }`;
        const [listed] = (
          await viewer.data<{ vendors: { nodes: Array<Record<string, unknown>> } }>(
            `query($tag: String!) { vendors(filter: { tags: [$tag] }) { nodes { ${OWNER} } } }`,
            { tag },
          )
        ).vendors.nodes;
        expect(listed![owner]).toMatchObject({ user: { email: expect.any(String) } });
        const whole = await viewer.data<{ vendor: Record<string, unknown> }>(
          `query($id: ID!) { vendor(id: $id) { ${OWNER} } }`,
          { id: listed!.id },
        );
        expect(listed).toEqual(whole.vendor);
      }
    });
  });
});
