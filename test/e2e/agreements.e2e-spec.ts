import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, Role } from '#core';
import { CATALOG_OF_REGIME } from '#agreement';
import { Regime } from '#vendor';
import {
  AGREEMENT_FIELDS,
  COVERAGE_FIELDS,
  coverageOf,
  createAgreement,
  type AgreementView,
  type CoverageView,
} from '../factories/agreement.factory.js';
import { minimalPdf } from '../factories/file.factory.js';
import {
  addMember,
  signIn,
  signInToken,
  signedInAdmin,
  type TestMember,
} from '../factories/identity.factory.js';
import { bearer, uploadFile } from '../utils/files.js';
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
  let procurementToken: string;
  let members: { procurement: TestMember; riskOwner: TestMember; viewer: TestMember };

  /**
   * Moves the application's clock to `iso`, and signs everyone in again at that time (access
   * tokens are judged by the same clock).
   */
  const signInEveryone = async () => {
    procurement = await signIn(t.gql, members.procurement);
    riskOwner = await signIn(t.gql, members.riskOwner);
    viewer = await signIn(t.gql, members.viewer);
  };
  const travelTo = async (iso: string) => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(iso));
    await signInEveryone();
  };

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
    members = {
      procurement: await addMember(t.app, organizationId, Role.Procurement),
      riskOwner: await addMember(t.app, organizationId, Role.RiskOwner),
      viewer: await addMember(t.app, organizationId, Role.Viewer),
    };
    procurementToken = await signInToken(t.gql, members.procurement);
    procurement = t.gql.withToken(procurementToken);
    riskOwner = await signIn(t.gql, members.riskOwner);
    viewer = await signIn(t.gql, members.viewer);
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(async () => {
    if (jest.isMockFunction(t.app.get(Clock).now)) {
      jest.restoreAllMocks();
      await signInEveryone();
    }
  });

  /** Uploads a PDF as procurement and returns its File id. */
  const uploadPdf = async (text: string) => {
    const upload = await uploadFile(t.url, bearer(procurementToken), {
      name: 'signed-dpa.pdf',
      content: minimalPdf(text),
    });
    expect(upload.status).toBe(201);
    return upload.body as { id: string; sha256: string };
  };

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

  it('covers a law once a signed DPA holds every mandatory clause, until the day after it expires', async () => {
    const vendor = await createVendor(procurement, { dataProfile: PROFILES.itSupport });
    const document = await uploadPdf(`DPA with ${vendor.id}`);
    const dpa = await createAgreement(procurement, {
      vendorId: vendor.id,
      type: 'DPA',
      effectiveDate: '2026-01-01',
      expiryDate: '2026-12-31',
      documentFileId: document.id,
      signatories: [
        { party: 'ORGANIZATION', name: 'Olga Owner', signedAt: '2026-01-02T09:00:00.000Z' },
        {
          party: 'VENDOR',
          name: 'Ann Vendor',
          email: 'ann@vendor.example',
          signedAt: '2026-01-02T10:00:00.000Z',
        },
      ],
    });
    expect(dpa.documentSha256).toBe(document.sha256);
    const attached = await viewer.data<{ agreement: { document: { id: string; sha256: string } } }>(
      `query($id: ID!) { agreement(id: $id) { document { id sha256 } } }`,
      { id: dpa.id },
    );
    expect(attached.agreement.document).toEqual({ id: document.id, sha256: document.sha256 });

    await travelTo('2026-06-01T12:00:00Z');
    const signed = (
      await procurement.data<{ transitionAgreement: { agreement: AgreementView } }>(TRANSITION, {
        input: { agreementId: dpa.id, to: 'SIGNED' },
      })
    ).transitionAgreement.agreement;
    expect(signed).toMatchObject({ status: 'SIGNED', inForce: true });

    // Signed, but the checklist is not reviewed yet: every mandatory clause is missing.
    const unreviewed = await coverageOf(viewer, vendor.id);
    expect(unreviewed).toMatchObject({ compliant: false, dpaInForce: true });
    expect(unreviewed.regimes[0]).toMatchObject({
      regime: 'GDPR',
      status: 'MISSING_CLAUSES',
      missingClauseIds: mandatory(Regime.Gdpr),
      agreement: { id: dpa.id },
    });

    const allButOne = mandatory(Regime.Gdpr).filter((id) => id !== 'gdpr.28.3.h');
    await riskOwner.data(SET_CLAUSES, {
      input: {
        agreementId: dpa.id,
        clauses: allButOne.map((clauseId) => ({ clauseId, status: 'PRESENT' })),
      },
    });
    expect((await coverageOf(viewer, vendor.id)).regimes[0]!.missingClauseIds).toEqual([
      'gdpr.28.3.h',
    ]);
    // A page of vendors judges the coverage of all of them from one read of their agreements'
    // types, dates and clauses; it tells what the vendor's own coverage tells.
    const listedCoverage = async () =>
      (
        await viewer.data<{
          vendors: { nodes: Array<{ id: string; agreementCoverage: CoverageView }> };
        }>(`{ vendors(first: 50) { nodes { id agreementCoverage { ${COVERAGE_FIELDS} } } } }`)
      ).vendors.nodes.find((node) => node.id === vendor.id)!.agreementCoverage;
    expect(await listedCoverage()).toEqual(await coverageOf(viewer, vendor.id));
    await riskOwner.data(SET_CLAUSES, {
      input: { agreementId: dpa.id, clauses: [{ clauseId: 'gdpr.28.3.h', status: 'PRESENT' }] },
    });
    const covered = await coverageOf(viewer, vendor.id);
    expect(covered).toMatchObject({ compliant: true, dpaInForce: true, asOf: '2026-06-01' });
    expect(covered.regimes[0]).toMatchObject({
      status: 'COVERED',
      covered: true,
      missingClauseIds: [],
    });

    // Signed terms are final: a new expiry date would need a new agreement.
    const changeTerms = await procurement.request(UPDATE, {
      input: { agreementId: dpa.id, expiryDate: '2027-12-31' },
    });
    expect(changeTerms.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const tooEarly = await procurement.request(TRANSITION, {
      input: { agreementId: dpa.id, to: 'EXPIRED' },
    });
    expect(tooEarly.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // Still in force on its expiry date; not the day after.
    await travelTo('2026-12-31T23:00:00Z');
    expect((await coverageOf(viewer, vendor.id)).compliant).toBe(true);
    await travelTo('2027-01-01T00:30:00Z');
    const lapsed = await coverageOf(viewer, vendor.id);
    expect(lapsed).toMatchObject({ compliant: false, dpaInForce: false, asOf: '2027-01-01' });
    expect(lapsed.regimes[0]).toMatchObject({ status: 'EXPIRED', agreement: null });
    expect(await listedCoverage()).toEqual(lapsed);
    const expired = (
      await procurement.data<{ transitionAgreement: { agreement: AgreementView } }>(TRANSITION, {
        input: { agreementId: dpa.id, to: 'EXPIRED' },
      })
    ).transitionAgreement.agreement;
    expect(expired).toMatchObject({ status: 'EXPIRED', inForce: false });
    const frozen = await riskOwner.request(SET_CLAUSES, {
      input: { agreementId: dpa.id, clauses: [{ clauseId: 'gdpr.28.3.h', status: 'MISSING' }] },
    });
    expect(frozen.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('supersedes a signed agreement only with another of the same vendor', async () => {
    const vendor = await createVendor(procurement);
    const other = await createVendor(procurement);
    const sign = async (vendorId: string) => {
      const document = await uploadPdf(`signed ${vendorId} ${Math.random()}`);
      const agreement = await createAgreement(procurement, {
        vendorId,
        type: 'DPA',
        effectiveDate: '2026-01-01',
        documentFileId: document.id,
        signatories: [
          { party: 'ORGANIZATION', name: 'Olga', signedAt: '2026-01-01T09:00:00.000Z' },
          { party: 'VENDOR', name: 'Ann', signedAt: '2026-01-01T09:00:00.000Z' },
        ],
      });
      await procurement.data(TRANSITION, { input: { agreementId: agreement.id, to: 'SIGNED' } });
      return agreement;
    };
    const [old, renewal, elsewhere] = [
      await sign(vendor.id),
      await sign(vendor.id),
      await sign(other.id),
    ];
    const wrongVendor = await procurement.request(TRANSITION, {
      input: { agreementId: old.id, to: 'SUPERSEDED', supersededByAgreementId: elsewhere.id },
    });
    expect(wrongVendor.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const superseded = await procurement.data<{
      transitionAgreement: { agreement: { status: string; supersededBy: { id: string } } };
    }>(
      `mutation($input: TransitionAgreementInput!) { transitionAgreement(input: $input) { agreement { status supersededBy { id } } } }`,
      { input: { agreementId: old.id, to: 'SUPERSEDED', supersededByAgreementId: renewal.id } },
    );
    expect(superseded.transitionAgreement.agreement).toEqual({
      status: 'SUPERSEDED',
      supersededBy: { id: renewal.id },
    });
  });

  it("refuses another organization's file as the signed document, like a file that does not exist", async () => {
    const vendor = await createVendor(procurement);
    const stranger = await signedInAdmin(t.app, t.gql);
    const token = await signInToken(t.gql, stranger.admin);
    const theirs = await uploadFile(t.url, bearer(token), {
      name: 'theirs.pdf',
      content: minimalPdf('not yours'),
    });
    const attempt = await procurement.request(
      `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } } }`,
      { input: { vendorId: vendor.id, type: 'DPA', title: 'x', documentFileId: theirs.body.id } },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
