import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Finding, FindingSource, FindingStatus } from '#assessment';
import { RequestContext, Role, StatementCounter, TransactionalConnection } from '#core';
import { VendorContactTokens } from '#identity';
import { minimalPdf } from '../factories/file.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
  type TestMember,
} from '../factories/identity.factory.js';
import {
  PUBLISH,
  UPDATE_DRAFT,
  VERSION_FIELDS,
  createTemplate,
} from '../factories/questionnaire.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import { bearer, uploadFile } from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { statementsOf } from '../utils/statements.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const boolean = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  type: 'BOOLEAN',
  text: { en: `${key}?`, 'zh-CN': `${key}？` },
  required: true,
  points: { yes: 10, no: 0 },
  ...extra,
});
const tlsVersion = {
  key: 'tls_version',
  type: 'SINGLE_CHOICE',
  required: true,
  text: { en: 'Lowest TLS version?', 'zh-CN': '最低 TLS 版本？' },
  visibleWhen: { equals: { question: 'tls', value: true } },
  options: [
    { key: 'tls12', label: { en: 'TLS 1.2', 'zh-CN': 'TLS 1.2' }, points: 5 },
    { key: 'tls13', label: { en: 'TLS 1.3', 'zh-CN': 'TLS 1.3' }, points: 10 },
  ],
};
const retention = (max: number) => ({
  key: 'retention_days',
  type: 'NUMBER',
  required: true,
  max,
  text: { en: 'Retention in days?', 'zh-CN': '保留天数？' },
});

/** The first cycle's questionnaire. */
const V1 = {
  languages: ['en', 'zh-CN'],
  sections: [
    {
      key: 'encryption',
      title: { en: 'Encryption', 'zh-CN': '加密' },
      questions: [
        boolean('tls', { evidence: 'OPTIONAL' }),
        tlsVersion,
        boolean('hsm', { allowNotApplicable: true }),
        retention(365),
      ],
    },
    {
      key: 'access',
      title: { en: 'Access', 'zh-CN': '访问' },
      questions: [
        boolean('mfa'),
        { key: 'notes', type: 'TEXT', text: { en: 'Notes?', 'zh-CN': '说明？' } },
      ],
    },
  ],
};

/**
 * The second version: `hsm` may no longer be "not applicable", retention is capped at 90 days,
 * `notes` is gone and `sso` is new. tls, tls_version and mfa answers stay valid.
 */
const V2 = {
  languages: ['en', 'zh-CN'],
  sections: [
    {
      key: 'encryption',
      title: { en: 'Encryption', 'zh-CN': '加密' },
      questions: [
        boolean('tls', { evidence: 'OPTIONAL' }),
        tlsVersion,
        boolean('hsm'),
        retention(90),
      ],
    },
    {
      key: 'access',
      title: { en: 'Access', 'zh-CN': '访问' },
      questions: [boolean('mfa'), boolean('sso')],
    },
  ],
};

const SEND = `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`;
const SAVE = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) { answers { questionKey revision } } }`;
const SUBMIT = `mutation($id: ID!) { submitAssessment(input: { assessmentId: $id }) { submitted
  missing { questionKey sectionKey reason } } }`;
const CONFIRM = `mutation($input: ConfirmCarriedOverAnswersInput!) { confirmCarriedOverAnswers(input: $input) {
  answers { questionKey value carriedOver confirmed revision }
  assessment { status progress { answered required } } } }`;
const VIEW = `query($id: ID!) { vendorAssessment(id: $id) { sections { questions { key
  answer { value notApplicable carriedOver confirmed revision evidenceFileIds } } } } }`;
const INTERNAL = `query($id: ID!) { assessment(id: $id) { id submittedAt overallScore
  score { score sections { key score } }
  answers { questionKey value notApplicable carriedOver confirmed evidenceFileIds } } }`;
const COMPARE = `query($fromId: ID!, $toId: ID!) { assessmentComparison(fromId: $fromId, toId: $toId) {
  from { id } to { id }
  answers { questionKey change before { value notApplicable } after { value notApplicable } }
  overall { before after delta } sections { sectionKey before after delta }
  findingsOpened { id title status } findingsClosed { id title status } } }`;
const LIST = `query($filter: AssessmentFilterInput, $first: Int) { assessments(filter: $filter, first: $first) {
  totalCount nodes { id } } }`;

interface VendorAnswer {
  value: unknown;
  notApplicable: boolean;
  carriedOver: boolean;
  confirmed: boolean;
  revision: number;
  evidenceFileIds: string[];
}

const rowId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

describe('assessment cycles: carry-over, what changed, the reviewer lists', () => {
  let t: TestApp;
  let admin: TestMember;
  let procurement: GraphqlClient;
  let viewer: GraphqlClient;
  let riskOwner: TestMember;
  let v1: string;
  let v2: string;
  let vendorId: string;
  let contactId: string;
  const cycles: string[] = [];

  const addContact = async (vendor: string, email: string) =>
    (
      await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
        `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
        { input: { vendorId: vendor, name: 'DPO', email, language: 'EN' } },
      )
    ).addVendorContact.contact.id;

  const send = async (input: Record<string, unknown>) =>
    (
      await procurement.data<{ sendAssessment: { assessment: { id: string } } }>(SEND, {
        input: { dueDate: '2099-12-31', ...input },
      })
    ).sendAssessment.assessment.id;

  /** A vendor-contact session for one assessment, as the invitation exchange issues it. */
  const vendorSession = async (assessmentId: string, vendor = vendorId, contact = contactId) => {
    const token = await t.app.get(VendorContactTokens).issue(
      {
        organizationId: admin.organizationId,
        vendorId: rowId(vendor),
        contactId: rowId(contact),
        assessmentIds: [rowId(assessmentId)],
      },
      3_600,
    );
    return { gql: t.gql.withToken(token.token), token: token.token };
  };

  const vendorAnswers = async (gql: GraphqlClient, id: string) => {
    const view = await gql.data<{
      vendorAssessment: {
        sections: Array<{ questions: Array<{ key: string; answer: VendorAnswer | null }> }>;
      };
    }>(VIEW, { id });
    return Object.fromEntries(
      view.vendorAssessment.sections
        .flatMap((section) => section.questions)
        .map((question) => [question.key, question.answer]),
    );
  };

  /** Runs SQL as the platform: the review columns have no mutation of this part to set them. */
  const sql = async (query: string, parameters: unknown[]) => {
    const connection = t.app.get(TransactionalConnection);
    await connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) => {
      await (await connection.manager(tx)).query(query, parameters);
    });
  };

  const publish = async (adminGql: GraphqlClient, versionId: string, definition: unknown) => {
    const updated = await adminGql.data<{
      updateDraftDefinition: { version: { revision: number } };
    }>(UPDATE_DRAFT, { input: { versionId, definition, expectedRevision: 1 } });
    await adminGql.data(PUBLISH, {
      input: { versionId, expectedRevision: updated.updateDraftDefinition.version.revision },
    });
  };

  beforeAll(async () => {
    // No worker, and a slow outbox relay, so that nothing else runs SQL while statements count.
    t = await startTestApp({ withWorker: false, env: { OUTBOX_POLL_INTERVAL_MS: '60000' } });
    admin = await createOrganization(t.app, { name: 'Cycle Holdings' });
    const adminGql = t.gql.withToken(await signInToken(t.gql, admin));
    procurement = await signIn(
      t.gql,
      await addMember(t.app, admin.organizationId, Role.Procurement),
    );
    viewer = await signIn(t.gql, await addMember(t.app, admin.organizationId, Role.Viewer));
    riskOwner = await addMember(t.app, admin.organizationId, Role.RiskOwner);
    const { template, version } = await createTemplate(adminGql, { name: 'Security baseline' });
    await publish(adminGql, version.id, V1);
    v1 = version.id;
    const draft = await adminGql.data<{ createDraftVersion: { version: { id: string } } }>(
      `mutation($input: CreateDraftVersionInput!) { createDraftVersion(input: $input) { version { ${VERSION_FIELDS} } } }`,
      { input: { templateId: template.id } },
    );
    v2 = draft.createDraftVersion.version.id;
    await publish(adminGql, v2, V2);
    vendorId = (
      await createVendor(procurement, {
        name: 'Payroll Co',
        dataProfile: PROFILES.healthCallCentre,
      })
    ).id;
    contactId = await addContact(vendorId, 'dpo@payroll.example');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pre-fills the second cycle with the still-valid answers of the first, to confirm or change before submitting', async () => {
    const first = await send({ vendorId, templateVersionId: v1, contactId });
    cycles.push(first);
    const vendor1 = await vendorSession(first);
    // Nothing to carry into a vendor's first assessment.
    expect(Object.values(await vendorAnswers(vendor1.gql, first)).every((a) => a === null)).toBe(
      true,
    );
    const upload = await uploadFile(t.url, bearer(vendor1.token), {
      name: 'tls.pdf',
      content: minimalPdf('tls'),
    });
    expect(upload.status).toBe(201);
    const answered = await vendor1.gql.request(SAVE, {
      input: {
        assessmentId: first,
        answers: [
          {
            questionKey: 'tls',
            value: true,
            evidenceFileIds: [upload.body.id],
            expectedRevision: 0,
          },
          { questionKey: 'tls_version', value: 'tls12', expectedRevision: 0 },
          { questionKey: 'hsm', notApplicable: true, expectedRevision: 0 },
          { questionKey: 'retention_days', value: 180, expectedRevision: 0 },
          { questionKey: 'mfa', value: false, expectedRevision: 0 },
          { questionKey: 'notes', value: 'Keys rotate yearly', expectedRevision: 0 },
        ],
      },
    });
    expect(answered.errors).toBeUndefined();
    const submitted = await vendor1.gql.data<{ submitAssessment: { submitted: boolean } }>(SUBMIT, {
      id: first,
    });
    expect(submitted.submitAssessment.submitted).toBe(true);

    // The second cycle, on the second version.
    const second = await send({ vendorId, templateVersionId: v2, contactId, cycle: 'PERIODIC' });
    cycles.push(second);
    const vendor2 = await vendorSession(second);
    const carried = await vendorAnswers(vendor2.gql, second);
    expect(carried).toEqual({
      tls: {
        value: true,
        notApplicable: false,
        carriedOver: true,
        confirmed: false,
        revision: 1,
        evidenceFileIds: [upload.body.id],
      },
      tls_version: expect.objectContaining({ value: 'tls12', carriedOver: true, confirmed: false }),
      // "Not applicable" is no longer allowed; 180 days is above the new maximum.
      hsm: null,
      retention_days: null,
      mfa: expect.objectContaining({ value: false, carriedOver: true, confirmed: false }),
      sso: null,
    });
    // The organization sees the same, and nothing of the removed `notes` question.
    const internal = await viewer.data<{
      assessment: {
        answers: Array<{ questionKey: string; carriedOver: boolean; confirmed: boolean }>;
      };
    }>(INTERNAL, { id: second });
    expect(
      internal.assessment.answers.map((a) => [a.questionKey, a.carriedOver, a.confirmed]),
    ).toEqual([
      ['mfa', true, false],
      ['tls', true, false],
      ['tls_version', true, false],
    ]);

    const early = await vendor2.gql.data<{
      submitAssessment: { submitted: boolean; missing: unknown[] };
    }>(SUBMIT, { id: second });
    expect(early.submitAssessment).toEqual({
      submitted: false,
      missing: [
        { questionKey: 'tls', sectionKey: 'encryption', reason: 'CONFIRMATION' },
        { questionKey: 'tls_version', sectionKey: 'encryption', reason: 'CONFIRMATION' },
        { questionKey: 'hsm', sectionKey: 'encryption', reason: 'ANSWER' },
        { questionKey: 'retention_days', sectionKey: 'encryption', reason: 'ANSWER' },
        { questionKey: 'mfa', sectionKey: 'access', reason: 'CONFIRMATION' },
        { questionKey: 'sso', sectionKey: 'access', reason: 'ANSWER' },
      ],
    });

    // Only carried-over answers can be confirmed; a bad key changes nothing.
    const wrong = await vendor2.gql.request(CONFIRM, {
      input: { assessmentId: second, questionKeys: ['tls', 'sso'] },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          path: 'input.questionKeys[1]',
          message: '"sso" is not a carried-over answer of this assessment',
        },
      ],
    });
    expect((await vendorAnswers(vendor2.gql, second)).tls?.confirmed).toBe(false);

    // A member cannot confirm for the vendor.
    const asMember = await viewer.request(CONFIRM, {
      input: { assessmentId: second, questionKeys: ['tls'] },
    });
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const confirmed = await vendor2.gql.data<{
      confirmCarriedOverAnswers: {
        answers: Array<Record<string, unknown>>;
        assessment: { status: string };
      };
    }>(CONFIRM, { input: { assessmentId: second, questionKeys: ['tls', 'mfa'] } });
    expect(confirmed.confirmCarriedOverAnswers.answers).toEqual([
      { questionKey: 'tls', value: true, carriedOver: true, confirmed: true, revision: 2 },
      { questionKey: 'mfa', value: false, carriedOver: true, confirmed: true, revision: 2 },
    ]);
    expect(confirmed.confirmCarriedOverAnswers.assessment.status).toBe('IN_PROGRESS');

    // Changing a carried-over answer confirms it too.
    const changed = await vendor2.gql.request(SAVE, {
      input: {
        assessmentId: second,
        answers: [
          { questionKey: 'tls_version', value: 'tls13', expectedRevision: 1 },
          { questionKey: 'hsm', value: true, expectedRevision: 0 },
          { questionKey: 'retention_days', value: 60, expectedRevision: 0 },
          { questionKey: 'sso', value: true, expectedRevision: 0 },
        ],
      },
    });
    expect(changed.errors).toBeUndefined();
    const done = await vendor2.gql.data<{ submitAssessment: { submitted: boolean } }>(SUBMIT, {
      id: second,
    });
    expect(done.submitAssessment.submitted).toBe(true);
    const after = await vendorAnswers(vendor2.gql, second);
    expect(after.tls_version).toMatchObject({ value: 'tls13', carriedOver: true, confirmed: true });
  });

  it('compares two cycles: answers changed, score deltas, findings opened and closed', async () => {
    const [first, second] = cycles as [string, string];
    const read = async (id: string) =>
      (
        await viewer.data<{
          assessment: {
            submittedAt: string;
            score: { score: number; sections: Array<{ key: string; score: number | null }> };
          };
        }>(INTERNAL, { id })
      ).assessment;
    const [then, now] = [await read(first), await read(second)];
    const organizationId = admin.organizationId;
    const finding = (fields: Partial<Finding>) => ({
      organizationId,
      vendorId: rowId(vendorId),
      source: FindingSource.Manual,
      severity: 'HIGH',
      status: FindingStatus.Open,
      ...fields,
    });
    const submittedFirst = new Date(then.submittedAt).getTime();
    const connection = t.app.get(TransactionalConnection);
    await connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) => {
      const findings = await connection.repository(tx, Finding);
      await findings.insert([
        findings.create(finding({ assessmentId: rowId(second), title: 'No SSO enforcement' })),
        findings.create(
          finding({
            assessmentId: rowId(first),
            title: 'MFA missing',
            status: FindingStatus.Resolved,
            resolvedAt: new Date(submittedFirst + 1),
          }),
        ),
        findings.create(
          finding({
            assessmentId: rowId(first),
            title: 'Old risk accepted before the first submission',
            status: FindingStatus.RiskAccepted,
            riskAcceptance: {
              justification: 'x',
              expiresOn: '2099-01-01',
              acceptedBy: null,
              acceptedAt: new Date(submittedFirst - 86_400_000).toISOString(),
            },
          }),
        ),
        findings.create(
          finding({ assessmentId: rowId(first), title: 'Still open from cycle one' }),
        ),
      ]);
    });

    const comparison = await viewer.data<{
      assessmentComparison: {
        answers: unknown[];
        overall: { before: number; after: number; delta: number };
        sections: Array<{ sectionKey: string; before: number; after: number; delta: number }>;
        findingsOpened: Array<{ title: string }>;
        findingsClosed: Array<{ title: string; status: string }>;
      };
    }>(COMPARE, { fromId: first, toId: second });
    const result = comparison.assessmentComparison;
    expect(result.answers).toEqual([
      {
        questionKey: 'hsm',
        change: 'CHANGED',
        before: { value: null, notApplicable: true },
        after: { value: true, notApplicable: false },
      },
      {
        questionKey: 'notes',
        change: 'REMOVED',
        before: { value: 'Keys rotate yearly', notApplicable: false },
        after: null,
      },
      {
        questionKey: 'retention_days',
        change: 'CHANGED',
        before: { value: 180, notApplicable: false },
        after: { value: 60, notApplicable: false },
      },
      {
        questionKey: 'sso',
        change: 'ADDED',
        before: null,
        after: { value: true, notApplicable: false },
      },
      {
        questionKey: 'tls_version',
        change: 'CHANGED',
        before: { value: 'tls12', notApplicable: false },
        after: { value: 'tls13', notApplicable: false },
      },
    ]);
    // Encryption went from 15 of 20 to 30 of 30, access from 0 of 10 to 10 of 20.
    expect(then.score.sections).toEqual([
      { key: 'encryption', score: 75 },
      { key: 'access', score: 0 },
    ]);
    expect(result.sections).toEqual([
      { sectionKey: 'encryption', before: 75, after: 100, delta: 25 },
      { sectionKey: 'access', before: 0, after: 50, delta: 50 },
    ]);
    expect(result.overall).toEqual({
      before: then.score.score,
      after: now.score.score,
      delta: Math.round((now.score.score - then.score.score) * 100) / 100,
    });
    expect(result.overall.delta).toBeGreaterThan(0);
    expect(result.findingsOpened.map((f) => f.title)).toEqual(['No SSO enforcement']);
    expect(result.findingsClosed).toEqual([
      expect.objectContaining({ title: 'MFA missing', status: 'RESOLVED' }),
    ]);

    // A cycle not scored yet: the deltas are null, not zero.
    const third = await send({ vendorId, templateVersionId: v2, contactId });
    cycles.push(third);
    const unscored = await viewer.data<{
      assessmentComparison: { overall: unknown; sections: Array<{ delta: number | null }> };
    }>(COMPARE, { fromId: second, toId: third });
    expect(unscored.assessmentComparison.overall).toEqual({
      before: now.score.score,
      after: null,
      delta: null,
    });
    expect(unscored.assessmentComparison.sections.every((s) => s.delta === null)).toBe(true);

    // Two vendors, an unknown id, the same assessment twice.
    const other = await createVendor(procurement, {
      name: 'Other Co',
      dataProfile: PROFILES.itSupport,
    });
    const otherAssessment = await send({
      vendorId: other.id,
      templateVersionId: v2,
      contactId: await addContact(other.id, 'dpo@other.example'),
    });
    cycles.push(otherAssessment);
    const mixed = await viewer.request(COMPARE, { fromId: first, toId: otherAssessment });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'toId' }],
    });
    const unknown = await viewer.request(COMPARE, {
      fromId: first,
      toId: Buffer.from(`Assessment:${randomUUID()}`).toString('base64url'),
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const same = await viewer.request(COMPARE, { fromId: first, toId: first });
    expect(same.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("filters the reviewer's list by tier, rating, due dates, reviewer and version, with constant statements", async () => {
    const supplies = await createVendor(procurement, {
      name: 'Office Supplies',
      dataProfile: PROFILES.officeSupplies,
    });
    const suppliesContact = await addContact(supplies.id, 'orders@supplies.example');
    const early = await send({
      vendorId: supplies.id,
      templateVersionId: v1,
      contactId: suppliesContact,
      dueDate: '2090-01-15',
    });
    const late = await send({
      vendorId: supplies.id,
      templateVersionId: v2,
      contactId: suppliesContact,
      dueDate: '2095-06-30',
    });
    const [first, second, third, other] = cycles as [string, string, string, string];
    await sql(`UPDATE assessment SET residual_rating = 'HIGH', reviewer_id = $2 WHERE id = $1`, [
      rowId(second),
      riskOwner.userId,
    ]);
    await sql(`UPDATE assessment SET residual_rating = 'LOW' WHERE id = $1`, [rowId(early)]);
    const members = await viewer.data<{ members: { nodes: Array<{ id: string; role: string }> } }>(
      '{ members { nodes { id role } } }',
    );
    const reviewerId = members.members.nodes.find((m) => m.role === 'RISK_OWNER')!.id;

    const ids = async (filter: Record<string, unknown>) => {
      const response = await viewer.request<{ assessments: { nodes: Array<{ id: string }> } }>(
        LIST,
        { filter },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.assessments.nodes.map((node) => node.id).sort();
    };
    const sorted = (...values: string[]) => [...values].sort();
    expect(await ids({ tiers: ['TIER_4'] })).toEqual(sorted(early, late));
    expect(await ids({ tiers: ['TIER_1', 'TIER_4'] })).toEqual(
      sorted(first, second, third, early, late),
    );
    expect(await ids({ residualRatings: ['HIGH'] })).toEqual([second]);
    expect(await ids({ residualRatings: ['HIGH', 'LOW'] })).toEqual(sorted(second, early));
    expect(await ids({ dueOnOrBefore: '2095-06-30' })).toEqual(sorted(early, late));
    expect(await ids({ dueOnOrAfter: '2091-01-01', dueOnOrBefore: '2095-06-30' })).toEqual([late]);
    expect(await ids({ reviewerId })).toEqual([second]);
    expect(await ids({ templateVersionId: v1 })).toEqual(sorted(first, early));
    expect(await ids({ templateVersionId: v2, tiers: ['TIER_4'] })).toEqual([late]);
    const badDay = await viewer.request(LIST, { filter: { dueOnOrAfter: '2090-13-45' } });
    expect(badDay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other).toBeDefined();

    const counter = t.app.get(StatementCounter);
    const statementsFor = (first: number) =>
      statementsOf(counter, async () => {
        const data = await viewer.data<{ assessments: { nodes: unknown[] } }>(
          `query($first: Int) { assessments(first: $first) { nodes { id overallScore openFindingCount
             vendor { name tier } templateVersion { number } invitation { sendCount }
             answers { questionKey carriedOver confirmed } } } }`,
          { first },
        );
        expect(data.assessments.nodes).toHaveLength(first);
      });
    const small = await statementsFor(2);
    const large = await statementsFor(6);
    expect(large).toBe(small);
    // The page (with each vendor's summary and open finding count), then one each for versions,
    // invitations and answers: each read alone, with the tenant, and no transaction to end.
    expect(small).toBe(4);
  });
});
