import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { CATALOG_OF_REGIME } from '#agreement';
import { Regime } from '#vendor';
import {
  AGREEMENT_FIELDS,
  coverageOf,
  createAgreement,
  type AgreementView,
} from '../factories/agreement.factory.js';
import { addMember, signIn, signedInAdmin } from '../factories/identity.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const TRANSITION = `mutation($input: TransitionAgreementInput!) { transitionAgreement(input: $input) { agreement { ${AGREEMENT_FIELDS} } } }`;
const SET_CLAUSES = `mutation($input: SetAgreementClausesInput!) { setAgreementClauses(input: $input) { agreement { ${AGREEMENT_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { ${AGREEMENT_FIELDS} } } }`;

const mandatory = (regime: Regime) =>
  CATALOG_OF_REGIME[regime].clauses.filter((c) => c.mandatory).map((c) => c.id);

describe('agreements', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let viewer: GraphqlClient;

  const trailLength = async () =>
    (
      await admin.data<{ verifyAuditTrail: { checkedEvents: number } }>(
        '{ verifyAuditTrail { checkedEvents } }',
      )
    ).verifyAuditTrail.checkedEvents;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
    const signedIn = await signedInAdmin(t.app, t.gql);
    admin = signedIn.gql;
    const organizationId = signedIn.admin.organizationId;
    procurement = await signIn(t.gql, await addMember(t.app, organizationId, Role.Procurement));
    riskOwner = await signIn(t.gql, await addMember(t.app, organizationId, Role.RiskOwner));
    viewer = await signIn(t.gql, await addMember(t.app, organizationId, Role.Viewer));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves the clause catalogs in English and Chinese, with citations', async () => {
    const data = await viewer.data<{
      clauseCatalogs: Array<{
        id: string;
        regime: string;
        clauses: Array<{
          id: string;
          citation: string;
          title: { en: string; zhCN: string };
          mandatory: boolean;
        }>;
      }>;
    }>(`{ clauseCatalogs { id regime clauses { id citation mandatory title { en zhCN } } } }`);
    expect(data.clauseCatalogs.map((c) => c.id)).toEqual([
      'GDPR_ART_28',
      'PIPL_ART_21',
      'CCPA_SERVICE_PROVIDER',
    ]);
    const gdpr = data.clauseCatalogs[0]!;
    // Art. 28(3)(a)-(h) and the five particulars.
    expect(gdpr.clauses.map((c) => c.id)).toEqual(
      expect.arrayContaining(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `gdpr.28.3.${l}`)),
    );
    expect(gdpr.clauses).toHaveLength(13);
    const pipl = data.clauseCatalogs[1]!;
    expect(pipl.clauses.find((c) => c.id === 'pipl.21.no-sub-entrustment')).toMatchObject({
      citation: 'PIPL Art. 21',
      mandatory: true,
      title: { en: 'No sub-entrustment without consent', zhCN: '未经同意不得转委托' },
    });
    for (const catalog of data.clauseCatalogs)
      for (const entry of catalog.clauses) expect(entry.title.zhCN).not.toBe(entry.title.en);
  });

  it('keeps a checklist of the catalogs its type is checked against', async () => {
    const vendor = await createVendor(procurement, { dataProfile: PROFILES.itSupport });
    const dpa = await createAgreement(procurement, { vendorId: vendor.id, type: 'DPA' });
    expect(dpa.status).toBe('DRAFT');
    expect(dpa.regimes).toEqual(['GDPR', 'PIPL', 'CCPA']);
    expect(new Set(dpa.checklist.map((i) => i.catalog))).toEqual(
      new Set(['GDPR_ART_28', 'PIPL_ART_21', 'CCPA_SERVICE_PROVIDER']),
    );
    expect(dpa.checklist.every((i) => i.status === 'MISSING' && !i.reviewed)).toBe(true);
    const nda = await createAgreement(procurement, { vendorId: vendor.id, type: 'NDA' });
    expect(nda.checklist).toEqual([]);

    const reviewed = (
      await riskOwner.data<{ setAgreementClauses: { agreement: AgreementView } }>(SET_CLAUSES, {
        input: {
          agreementId: dpa.id,
          clauses: [
            { clauseId: 'gdpr.28.3.a', status: 'PRESENT', note: 'Clause 4.1' },
            { clauseId: 'pipl.21.purpose', status: 'NOT_APPLICABLE', note: 'No data in China' },
          ],
        },
      })
    ).setAgreementClauses.agreement;
    expect(reviewed.checklist.find((i) => i.clause.id === 'gdpr.28.3.a')).toMatchObject({
      status: 'PRESENT',
      reviewed: true,
      note: 'Clause 4.1',
    });
    expect(reviewed.version).toBe(dpa.version + 1);

    const trail = await trailLength();
    for (const clauses of [
      [{ clauseId: 'gdpr.28.3.z', status: 'PRESENT' }],
      [
        { clauseId: 'gdpr.28.3.b', status: 'PRESENT' },
        { clauseId: 'gdpr.28.3.b', status: 'MISSING' },
      ],
    ]) {
      const bad = await riskOwner.request(SET_CLAUSES, { input: { agreementId: dpa.id, clauses } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const wrongCatalog = await riskOwner.request(SET_CLAUSES, {
      input: { agreementId: nda.id, clauses: [{ clauseId: 'gdpr.28.3.a', status: 'PRESENT' }] },
    });
    expect(wrongCatalog.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.clauses[0].clauseId', message: expect.stringContaining('NDA') }],
    });
    const byViewer = await viewer.request(SET_CLAUSES, {
      input: { agreementId: dpa.id, clauses: [{ clauseId: 'gdpr.28.3.b', status: 'PRESENT' }] },
    });
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await trailLength()).toBe(trail);
  });

  it('refuses bad dates and keeps nothing', async () => {
    const vendor = await createVendor(procurement);
    const trail = await trailLength();
    const backwards = await procurement.request(
      `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          type: 'DPA',
          title: 'Backwards',
          effectiveDate: '2026-06-01',
          expiryDate: '2026-05-31',
        },
      },
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.expiryDate', message: 'must not be before the effective date' }],
    });
    const notADay = await procurement.request(
      `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } } }`,
      { input: { vendorId: vendor.id, type: 'DPA', title: 'x', effectiveDate: '2026-02-30' } },
    );
    expect(notADay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badSignatory = await procurement.request(
      `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          type: 'DPA',
          title: 'x',
          signatories: [{ party: 'VENDOR', name: 'Ann', email: 'not an email' }],
        },
      },
    );
    expect(badSignatory.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.signatories[0].email', message: 'must be an email address' }],
    });
    expect(await trailLength()).toBe(trail);
    const list = await viewer.data<{ agreements: { totalCount: number } }>(
      `query($id: ID) { agreements(filter: { vendorId: $id }) { totalCount } }`,
      { id: vendor.id },
    );
    expect(list.agreements.totalCount).toBe(0);
  });

  it('enforces the status machine and the conditions of signing, changing nothing when refused', async () => {
    const vendor = await createVendor(procurement);
    const draft = await createAgreement(procurement, {
      vendorId: vendor.id,
      type: 'DPA',
      signatories: [{ party: 'VENDOR', name: 'Ann Vendor', email: 'ann@vendor.example' }],
    });
    const trail = await trailLength();
    for (const to of ['EXPIRED', 'TERMINATED', 'SUPERSEDED', 'DRAFT']) {
      const illegal = await procurement.request(TRANSITION, {
        input: { agreementId: draft.id, to },
      });
      expect([to, illegal.errors?.[0]?.extensions?.code]).toEqual([to, 'CONFLICT']);
    }
    // Signing needs both parties' signatures, an effective date and the signed document.
    const unsigned = await procurement.request(TRANSITION, {
      input: { agreementId: draft.id, to: 'SIGNED' },
    });
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(unsigned.errors?.[0]?.message).toContain('needs a signatory of the organization');
    expect(unsigned.errors?.[0]?.message).toContain('needs the signed document');
    expect(await trailLength()).toBe(trail);

    const sent = (
      await procurement.data<{ transitionAgreement: { agreement: AgreementView } }>(TRANSITION, {
        input: { agreementId: draft.id, to: 'SENT' },
      })
    ).transitionAgreement.agreement;
    expect(sent.status).toBe('SENT');
    const stale = await procurement.request(UPDATE, {
      input: { agreementId: draft.id, expectedVersion: draft.version, title: 'Renamed' },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('reports what each law still needs, from no agreement to an unsigned one', async () => {
    const vendor = await createVendor(procurement, { dataProfile: PROFILES.healthCallCentre });
    const none = await coverageOf(viewer, vendor.id);
    expect(none.compliant).toBe(false);
    expect(none.dpaInForce).toBe(false);
    expect(none.regimes.map((r) => [r.regime, r.status])).toEqual([
      ['PIPL', 'NO_AGREEMENT'],
      ['GDPR', 'NO_AGREEMENT'],
    ]);
    expect(none.regimes[1]!.missingClauseIds).toEqual(mandatory(Regime.Gdpr));

    await createAgreement(procurement, { vendorId: vendor.id, type: 'DPA' });
    const drafted = await coverageOf(viewer, vendor.id);
    expect(drafted.regimes.map((r) => r.status)).toEqual(['NOT_SIGNED', 'NOT_SIGNED']);

    const supplies = await createVendor(procurement, { dataProfile: PROFILES.officeSupplies });
    const nothingNeeded = await coverageOf(viewer, supplies.id);
    expect(nothingNeeded).toMatchObject({ compliant: true, regimes: [] });
  });
});
