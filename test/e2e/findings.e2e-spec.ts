import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, RequestContext, Role, TransactionalConnection } from '#core';
import { minimalPdf } from '../factories/file.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
  type TestMember,
} from '../factories/identity.factory.js';
import { PUBLISH, UPDATE_DRAFT, createTemplate } from '../factories/questionnaire.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { eventually } from '../utils/eventually.js';
import { bearer, uploadFile } from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { readMailbox } from '../utils/mailbox.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/**
 * Two knockouts: one with finding text, one without (its title is then the question); and a
 * question with both a flag (over 24 hours) and a knockout (over 72 hours).
 */
const DEFINITION = {
  languages: ['en', 'zh-CN'],
  sections: [
    {
      key: 'security',
      title: { en: 'Security', 'zh-CN': '安全' },
      questions: [
        {
          key: 'tls',
          type: 'BOOLEAN',
          required: true,
          text: { en: 'Is data encrypted in transit?', 'zh-CN': '传输中的数据是否加密？' },
          points: { yes: 10, no: 0 },
          knockout: {
            failWhen: { equals: { question: 'tls', value: false } },
            severity: 'HIGH',
            finding: { en: 'No encryption in transit', 'zh-CN': '传输未加密' },
          },
        },
        {
          key: 'mfa',
          type: 'BOOLEAN',
          required: true,
          text: { en: 'Do administrators use MFA?', 'zh-CN': '管理员是否使用多因素认证？' },
          points: { yes: 10, no: 0 },
          knockout: {
            failWhen: { equals: { question: 'mfa', value: false } },
            severity: 'CRITICAL',
          },
        },
        {
          key: 'breach_hours',
          type: 'NUMBER',
          min: 0,
          text: { en: 'Hours to notify us of a breach', 'zh-CN': '通知我方泄露事件的时限（小时）' },
          knockout: {
            failWhen: { gt: { question: 'breach_hours', value: 72 } },
            severity: 'CRITICAL',
          },
          flag: {
            when: { gt: { question: 'breach_hours', value: 24 } },
            severity: 'MEDIUM',
            finding: { en: 'Breach notice slower than a day', 'zh-CN': '泄露通知慢于一天' },
          },
        },
        {
          key: 'notes',
          type: 'TEXT',
          text: { en: 'Anything else?', 'zh-CN': '其他说明？' },
        },
      ],
    },
  ],
};

const FINDING_FIELDS = `id source severity title description status open questionKey dueDate overdue version
  resolvedAt vendor { id } assessment { id } owner { id }
  vendorResponse { plan targetDate evidenceFileIds respondedAt }
  riskAcceptance { justification expiresOn expired }`;
const SEND = `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`;
const EXCHANGE = `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`;
const SAVE = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) { assessment { status } } }`;
const SUBMIT = `mutation($id: ID!) { submitAssessment(input: { assessmentId: $id }) { submitted assessment { status } } }`;
const RAISE = `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { ${FINDING_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateFindingInput!) { updateFinding(input: $input) { finding { ${FINDING_FIELDS} } } }`;
const RESOLVE = `mutation($input: ResolveFindingInput!) { resolveFinding(input: $input) { finding { ${FINDING_FIELDS} } } }`;
const ACCEPT = `mutation($input: AcceptFindingRiskInput!) { acceptFindingRisk(input: $input) { finding { ${FINDING_FIELDS} } } }`;
const FINDING = `query($id: ID!) { finding(id: $id) { ${FINDING_FIELDS} } }`;
const RESPOND = `mutation($input: RespondToFindingInput!) { respondToFinding(input: $input) {
  finding { id status raisedInThisAssessment response { plan targetDate evidenceFileIds } } } }`;
const VENDOR_FINDINGS = `query($id: ID!) { vendorAssessment(id: $id) { findings {
  id questionKey severity title description status dueDate raisedInThisAssessment
  response { plan targetDate evidenceFileIds } } } }`;

interface FindingView {
  id: string;
  source: string;
  severity: string;
  title: string;
  description: string | null;
  status: string;
  open: boolean;
  questionKey: string | null;
  dueDate: string | null;
  overdue: boolean;
  version: number;
  resolvedAt: string | null;
  vendor: { id: string };
  assessment: { id: string } | null;
  owner: { id: string } | null;
  vendorResponse: { plan: string; targetDate: string | null; evidenceFileIds: string[] } | null;
  riskAcceptance: { justification: string; expiresOn: string; expired: boolean } | null;
}

interface VendorFindingView {
  id: string;
  questionKey: string | null;
  severity: string;
  title: string;
  status: string;
  raisedInThisAssessment: boolean;
  response: { plan: string; targetDate: string | null; evidenceFileIds: string[] } | null;
}

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('findings: raised at submission and by hand, worked to closure, answered by the vendor', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let riskOwnerMember: TestMember;
  let viewer: GraphqlClient;
  let riskOwnerMemberId: string;
  let versionId: string;
  let vendorId: string;
  let contactId: string;
  let otherVendorId: string;
  const contactEmail = 'security@payroll.example';

  /** State the cases build on, in order. */
  let firstAssessmentId: string;
  let firstVendor: GraphqlClient;
  let firstVendorToken: string;
  let tlsFindingId: string;
  let mfaFindingId: string;
  let manualFindingId: string;
  let otherVendorFindingId: string;

  const seenTokens = new Set<string>();
  const nextToken = () =>
    eventually(
      async () => {
        const fresh = (await readMailbox(t.config))
          .filter((email) => email.to === contactEmail)
          .map((email) => /invitation=([A-Za-z0-9_-]{43})/.exec(email.text)?.[1])
          .filter((token): token is string => Boolean(token) && !seenTokens.has(token!));
        if (fresh.length !== 1) return undefined;
        seenTokens.add(fresh[0]!);
        return fresh[0]!;
      },
      { what: 'a new invitation email' },
    );

  /** Sends the questionnaire to the vendor's contact and opens it as the contact. */
  const sendAndOpen = async () => {
    const sent = await procurement.data<{ sendAssessment: { assessment: { id: string } } }>(SEND, {
      input: { vendorId, templateVersionId: versionId, contactId, dueDate: '2099-12-31' },
    });
    const token = await nextToken();
    const exchanged = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(EXCHANGE, {
      token,
    });
    return {
      id: sent.sendAssessment.assessment.id,
      accessToken: exchanged.exchangeInvitation.accessToken,
      vendor: t.gql.withToken(exchanged.exchangeInvitation.accessToken),
    };
  };

  const findingsOf = async (filter: Record<string, unknown>) =>
    (
      await riskOwner.data<{
        findings: { totalCount: number; nodes: Array<{ id: string; title: string }> };
      }>(
        'query($filter: FindingFilterInput) { findings(first: 100, filter: $filter) { totalCount nodes { id title } } }',
        { filter },
      )
    ).findings;

  const finding = async (id: string) =>
    (await riskOwner.data<{ finding: FindingView }>(FINDING, { id })).finding;

  /** Moves an assessment to CHANGES_REQUESTED with `keys` reopened, as a reviewer's request does. */
  const requestChanges = async (assessmentGlobalId: string, keys: string[]) => {
    const rowId = Buffer.from(assessmentGlobalId, 'base64url').toString().split(':')[1]!;
    const connection = t.app.get(TransactionalConnection);
    await connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) => {
      await (
        await connection.manager(tx)
      ).query(
        `UPDATE assessment SET status = 'CHANGES_REQUESTED', reopened_question_keys = $2 WHERE id = $1`,
        [rowId, keys],
      );
    });
  };

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganization(t.app, { name: 'Acme Holdings' });
    admin = t.gql.withToken(await signInToken(t.gql, owner));
    procurement = await signIn(
      t.gql,
      await addMember(t.app, owner.organizationId, Role.Procurement),
    );
    riskOwnerMember = await addMember(t.app, owner.organizationId, Role.RiskOwner);
    riskOwner = await signIn(t.gql, riskOwnerMember);
    viewer = await signIn(t.gql, await addMember(t.app, owner.organizationId, Role.Viewer));
    const members = await admin.data<{
      members: { nodes: Array<{ id: string; user: { email: string } }> };
    }>('{ members { nodes { id user { email } } } }');
    riskOwnerMemberId = members.members.nodes.find(
      (member) => member.user.email === riskOwnerMember.email,
    )!.id;

    const { version } = await createTemplate(admin, { name: 'Security basics' });
    const updated = await admin.data<{ updateDraftDefinition: { version: { revision: number } } }>(
      UPDATE_DRAFT,
      {
        input: {
          versionId: version.id,
          definition: DEFINITION,
          expectedRevision: version.revision,
        },
      },
    );
    await admin.data(PUBLISH, {
      input: {
        versionId: version.id,
        expectedRevision: updated.updateDraftDefinition.version.revision,
      },
    });
    versionId = version.id;
    vendorId = (await createVendor(procurement, { name: 'Payroll Co' })).id;
    otherVendorId = (await createVendor(procurement, { name: 'Other Co' })).id;
    const contact = await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId, name: '李娜', email: contactEmail, language: 'ZH_CN', primary: true } },
    );
    contactId = contact.addVendorContact.contact.id;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it('raises exactly one finding per failed knockout at submission, and none twice on resubmission', async () => {
    const opened = await sendAndOpen();
    firstAssessmentId = opened.id;
    firstVendor = opened.vendor;
    firstVendorToken = opened.accessToken;
    await firstVendor.data(SAVE, {
      input: {
        assessmentId: firstAssessmentId,
        answers: [
          { questionKey: 'tls', value: false, expectedRevision: 0 },
          { questionKey: 'mfa', value: true, expectedRevision: 0 },
        ],
      },
    });
    expect(
      (
        await firstVendor.data<{ submitAssessment: { submitted: boolean } }>(SUBMIT, {
          id: firstAssessmentId,
        })
      ).submitAssessment.submitted,
    ).toBe(true);

    const raised = await riskOwner.data<{ assessment: { findings: FindingView[] } }>(
      `query($id: ID!) { assessment(id: $id) { findings { ${FINDING_FIELDS} } } }`,
      { id: firstAssessmentId },
    );
    expect(raised.assessment.findings).toHaveLength(1);
    const [tls] = raised.assessment.findings;
    // In the assessment's language (the contact's, zh-CN), from the knockout's finding text.
    expect(tls).toMatchObject({
      source: 'KNOCKOUT',
      severity: 'HIGH',
      title: '传输未加密',
      description: '传输中的数据是否加密？',
      questionKey: 'tls',
      status: 'OPEN',
      open: true,
      vendor: { id: vendorId },
      assessment: { id: firstAssessmentId },
      owner: null,
      vendorResponse: null,
      riskAcceptance: null,
    });
    tlsFindingId = tls!.id;

    // Changes requested: the vendor now fails MFA too, tls stays failed. Resubmitting raises the
    // new knockout once and leaves the one already raised alone.
    await requestChanges(firstAssessmentId, ['mfa', 'notes']);
    await firstVendor.data(SAVE, {
      input: {
        assessmentId: firstAssessmentId,
        answers: [{ questionKey: 'mfa', value: false, expectedRevision: 1 }],
      },
    });
    expect(
      (
        await firstVendor.data<{ submitAssessment: { submitted: boolean } }>(SUBMIT, {
          id: firstAssessmentId,
        })
      ).submitAssessment.submitted,
    ).toBe(true);
    const after = await riskOwner.data<{ assessment: { findings: FindingView[] } }>(
      `query($id: ID!) { assessment(id: $id) { findings { ${FINDING_FIELDS} } } }`,
      { id: firstAssessmentId },
    );
    expect(after.assessment.findings.map((f) => [f.questionKey, f.severity, f.title])).toEqual([
      ['tls', 'HIGH', '传输未加密'],
      // No finding text: the title is the question, in the assessment's language.
      ['mfa', 'CRITICAL', '管理员是否使用多因素认证？'],
    ]);
    expect(after.assessment.findings[0]!.id).toBe(tlsFindingId);
    mfaFindingId = after.assessment.findings[1]!.id;

    // A third submission with both knockouts still failing raises nothing new.
    await requestChanges(firstAssessmentId, ['notes']);
    await firstVendor.data(SAVE, {
      input: {
        assessmentId: firstAssessmentId,
        answers: [{ questionKey: 'notes', value: 'working on it', expectedRevision: 0 }],
      },
    });
    await firstVendor.data(SUBMIT, { id: firstAssessmentId });
    expect((await findingsOf({ assessmentId: firstAssessmentId })).totalCount).toBe(2);
  });

  it('raises a finding by hand, checking its fields, its assessment and its owner', async () => {
    const input = {
      vendorId,
      assessmentId: firstAssessmentId,
      questionKey: 'notes',
      severity: 'MEDIUM',
      title: 'Sub-processor list is out of date',
      description: 'Two sub-processors are missing from the list.',
      ownerId: riskOwnerMemberId,
      dueDate: '2099-03-31',
    };
    const raised = await riskOwner.data<{ raiseFinding: { finding: FindingView } }>(RAISE, {
      input,
    });
    expect(raised.raiseFinding.finding).toMatchObject({
      source: 'MANUAL',
      severity: 'MEDIUM',
      title: 'Sub-processor list is out of date',
      status: 'OPEN',
      questionKey: 'notes',
      dueDate: '2099-03-31',
      overdue: false,
      owner: { id: riskOwnerMemberId },
      assessment: { id: firstAssessmentId },
      vendor: { id: vendorId },
    });
    manualFindingId = raised.raiseFinding.finding.id;

    const blank = await riskOwner.request(RAISE, {
      input: { vendorId, severity: 'LOW', title: '  ', questionKey: 'notes', dueDate: day(-1) },
    });
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0]?.extensions?.fields).toEqual(
      expect.arrayContaining([
        { path: 'input.title', message: 'must not be empty' },
        { path: 'input.dueDate', message: 'must not be in the past' },
        { path: 'input.questionKey', message: 'needs the assessment it belongs to' },
      ]),
    );
    const unknownQuestion = await riskOwner.request(RAISE, {
      input: { ...input, questionKey: 'nope' },
    });
    expect(unknownQuestion.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.questionKey' }],
    });
    const wrongVendor = await riskOwner.request(RAISE, {
      input: { ...input, vendorId: otherVendorId },
    });
    expect(wrongVendor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.assessmentId', message: 'is an assessment of another vendor' }],
    });
    const procurementRaise = await procurement.request(RAISE, { input });
    expect(procurementRaise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await findingsOf({ vendorId })).totalCount).toBe(3);

    const other = await riskOwner.data<{ raiseFinding: { finding: FindingView } }>(RAISE, {
      input: { vendorId: otherVendorId, severity: 'LOW', title: 'Privacy notice is vague' },
    });
    expect(other.raiseFinding.finding).toMatchObject({ assessment: null, owner: null });
    otherVendorFindingId = other.raiseFinding.finding.id;
  });

  it('moves findings only as the status machine allows; an illegal move is CONFLICT and changes nothing', async () => {
    const start = await finding(manualFindingId);
    const started = await riskOwner.data<{ updateFinding: { finding: FindingView } }>(UPDATE, {
      input: {
        findingId: manualFindingId,
        status: 'IN_REMEDIATION',
        severity: 'HIGH',
        expectedVersion: start.version,
      },
    });
    expect(started.updateFinding.finding).toMatchObject({
      status: 'IN_REMEDIATION',
      severity: 'HIGH',
      open: true,
    });
    expect(started.updateFinding.finding.version).toBeGreaterThan(start.version);

    // A stale version: CONFLICT with the current one, and nothing changes.
    const stale = await riskOwner.request(UPDATE, {
      input: { findingId: manualFindingId, title: 'Lost update', expectedVersion: start.version },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { version: started.updateFinding.finding.version },
    });
    // Closing goes through its own operations.
    const closeByUpdate = await riskOwner.request(UPDATE, {
      input: { findingId: manualFindingId, status: 'RESOLVED' },
    });
    expect(closeByUpdate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await finding(manualFindingId)).toEqual(started.updateFinding.finding);

    const back = await riskOwner.data<{ updateFinding: { finding: FindingView } }>(UPDATE, {
      input: { findingId: manualFindingId, status: 'OPEN' },
    });
    expect(back.updateFinding.finding.status).toBe('OPEN');
    const resolved = await riskOwner.data<{ resolveFinding: { finding: FindingView } }>(RESOLVE, {
      input: { findingId: manualFindingId, note: 'List updated and checked.' },
    });
    expect(resolved.resolveFinding.finding).toMatchObject({ status: 'RESOLVED', open: false });
    expect(resolved.resolveFinding.finding.resolvedAt).not.toBeNull();

    // RESOLVED is final.
    for (const [query, input] of [
      [UPDATE, { findingId: manualFindingId, status: 'OPEN' }],
      [UPDATE, { findingId: manualFindingId, title: 'Edited after closing' }],
      [RESOLVE, { findingId: manualFindingId }],
      [ACCEPT, { findingId: manualFindingId, justification: 'x', expiresOn: day(30) }],
    ] as const) {
      const refused = await riskOwner.request(query, { input });
      expect([refused.errors?.[0]?.extensions?.code, refused.data]).toEqual(['CONFLICT', null]);
    }
    expect(await finding(manualFindingId)).toEqual(resolved.resolveFinding.finding);
  });

  it('accepts a risk only with a justification and a future expiry, and reopens it once expired', async () => {
    const raised = await riskOwner.data<{ raiseFinding: { finding: FindingView } }>(RAISE, {
      input: { vendorId, severity: 'LOW', title: 'Retention policy not published' },
    });
    const id = raised.raiseFinding.finding.id;
    const refused = await riskOwner.request(ACCEPT, {
      input: { findingId: id, justification: '   ', expiresOn: day(0) },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'input.justification', message: 'must say why the risk is accepted' },
        { path: 'input.expiresOn', message: 'must be in the future' },
      ],
    });
    const past = await riskOwner.request(ACCEPT, {
      input: { findingId: id, justification: 'Low exposure', expiresOn: '2020-01-01' },
    });
    expect(past.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.expiresOn', message: 'must be in the future' },
    ]);
    expect((await finding(id)).status).toBe('OPEN');
    // A person's judgement: not procurement's.
    expect(
      (
        await procurement.request(ACCEPT, {
          input: { findingId: id, justification: 'Low exposure', expiresOn: day(1) },
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');

    const accepted = await riskOwner.data<{ acceptFindingRisk: { finding: FindingView } }>(ACCEPT, {
      input: {
        findingId: id,
        justification: 'Low exposure; revisit next cycle',
        expiresOn: day(1),
      },
    });
    expect(accepted.acceptFindingRisk.finding).toMatchObject({
      status: 'RISK_ACCEPTED',
      open: false,
      riskAcceptance: {
        justification: 'Low exposure; revisit next cycle',
        expiresOn: day(1),
        expired: false,
      },
    });
    // While the acceptance holds, the finding stays closed.
    const early = await riskOwner.request(UPDATE, { input: { findingId: id, status: 'OPEN' } });
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await finding(id)).status).toBe('RISK_ACCEPTED');

    // Two days later the acceptance has lapsed: the finding may be reopened (and only to OPEN).
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 2 * 86_400_000));
    try {
      const later = await signIn(t.gql, riskOwnerMember);
      const lapsed = (await later.data<{ finding: FindingView }>(FINDING, { id })).finding;
      expect(lapsed.riskAcceptance).toMatchObject({ expired: true });
      const toRemediation = await later.request(UPDATE, {
        input: { findingId: id, status: 'IN_REMEDIATION' },
      });
      expect(toRemediation.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const reopened = await later.data<{ updateFinding: { finding: FindingView } }>(UPDATE, {
        input: { findingId: id, status: 'OPEN' },
      });
      expect(reopened.updateFinding.finding).toMatchObject({ status: 'OPEN', open: true });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('lets the vendor answer its findings with a plan and evidence, never another vendor’s', async () => {
    const view = await firstVendor.data<{ vendorAssessment: { findings: VendorFindingView[] } }>(
      VENDOR_FINDINGS,
      { id: firstAssessmentId },
    );
    // Open findings only (the manual one was resolved), oldest first.
    expect(view.vendorAssessment.findings.map((f) => [f.id, f.status])).toEqual([
      [tlsFindingId, 'OPEN'],
      [mfaFindingId, 'OPEN'],
      [expect.any(String), 'OPEN'], // reopened after its risk acceptance lapsed
    ]);
    expect(view.vendorAssessment.findings[0]).toMatchObject({
      title: '传输未加密',
      severity: 'HIGH',
      questionKey: 'tls',
      raisedInThisAssessment: true,
      response: null,
    });
    // The internal owner is not part of what the vendor sees.
    const owner = await firstVendor.request(
      'query($id: ID!) { vendorAssessment(id: $id) { findings { owner { id } } } }',
      { id: firstAssessmentId },
    );
    expect(owner.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);

    const upload = await uploadFile(t.url, bearer(firstVendorToken), {
      name: 'tls-plan.pdf',
      content: minimalPdf('tls plan'),
    });
    expect(upload.status).toBe(201);
    const responded = await firstVendor.data<{
      respondToFinding: { finding: VendorFindingView };
    }>(RESPOND, {
      input: {
        findingId: tlsFindingId,
        plan: '在所有外部接口上启用 TLS 1.2 及以上版本',
        targetDate: '2099-06-30',
        evidenceFileIds: [upload.body.id],
      },
    });
    expect(responded.respondToFinding.finding).toMatchObject({
      id: tlsFindingId,
      status: 'OPEN',
      raisedInThisAssessment: true,
      response: {
        plan: '在所有外部接口上启用 TLS 1.2 及以上版本',
        targetDate: '2099-06-30',
        evidenceFileIds: [upload.body.id],
      },
    });
    // The organization sees the response; the status is still the reviewer's to move.
    expect(await finding(tlsFindingId)).toMatchObject({
      status: 'OPEN',
      vendorResponse: {
        plan: '在所有外部接口上启用 TLS 1.2 及以上版本',
        targetDate: '2099-06-30',
        evidenceFileIds: [upload.body.id],
      },
    });

    const missingPlan = await firstVendor.request(RESPOND, {
      input: { findingId: tlsFindingId, plan: ' ', targetDate: '2000-01-01' },
    });
    expect(missingPlan.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'input.plan', message: 'must describe the remediation' },
        { path: 'input.targetDate', message: 'must not be in the past' },
      ],
    });
    // Another vendor's finding answers exactly like one that does not exist, and is untouched.
    const aimed = await firstVendor.request(RESPOND, {
      input: { findingId: otherVendorFindingId, plan: 'Taking over' },
    });
    const random = await firstVendor.request(RESPOND, {
      input: {
        findingId: Buffer.from('Finding:01900000-0000-7000-8000-000000000000').toString(
          'base64url',
        ),
        plan: 'Taking over',
      },
    });
    expect(aimed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect([aimed.errors?.[0]?.message, aimed.data]).toEqual([random.errors?.[0]?.message, null]);
    expect((await finding(otherVendorFindingId)).vendorResponse).toBeNull();
    // A closed finding needs no response.
    const closed = await firstVendor.request(RESPOND, {
      input: { findingId: manualFindingId, plan: 'Too late' },
    });
    expect(closed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Members cannot answer for the vendor, nor read the vendor's view.
    const member = await riskOwner.request(RESPOND, {
      input: { findingId: tlsFindingId, plan: 'Pretending' },
    });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows the vendor its open findings again in the next assessment', async () => {
    const next = await sendAndOpen();
    expect(next.id).not.toBe(firstAssessmentId);
    const view = await next.vendor.data<{ vendorAssessment: { findings: VendorFindingView[] } }>(
      VENDOR_FINDINGS,
      { id: next.id },
    );
    const tls = view.vendorAssessment.findings.find((f) => f.id === tlsFindingId);
    expect(tls).toMatchObject({
      raisedInThisAssessment: false,
      response: { plan: '在所有外部接口上启用 TLS 1.2 及以上版本', targetDate: '2099-06-30' },
    });
    expect(view.vendorAssessment.findings.map((f) => f.id)).toContain(mfaFindingId);
    expect(view.vendorAssessment.findings.map((f) => f.id)).not.toContain(manualFindingId);
    expect(view.vendorAssessment.findings.map((f) => f.id)).not.toContain(otherVendorFindingId);
    // The new session may answer a finding raised in the earlier cycle.
    const responded = await next.vendor.data<{ respondToFinding: { finding: VendorFindingView } }>(
      RESPOND,
      { input: { findingId: mfaFindingId, plan: '本季度内为所有管理员启用多因素认证' } },
    );
    expect(responded.respondToFinding.finding).toMatchObject({
      raisedInThisAssessment: false,
      response: { plan: '本季度内为所有管理员启用多因素认证', targetDate: null },
    });
  });

  it('filters findings by vendor, assessment, status, severity and openness', async () => {
    const titles = async (filter: Record<string, unknown>) =>
      (await findingsOf(filter)).nodes.map((node) => node.title).sort();
    expect(await titles({ vendorId })).toEqual(
      [
        '传输未加密',
        '管理员是否使用多因素认证？',
        'Sub-processor list is out of date',
        'Retention policy not published',
      ].sort(),
    );
    expect(await titles({ vendorId: otherVendorId })).toEqual(['Privacy notice is vague']);
    expect(await titles({ assessmentId: firstAssessmentId })).toEqual(
      ['传输未加密', '管理员是否使用多因素认证？', 'Sub-processor list is out of date'].sort(),
    );
    expect(await titles({ statuses: ['RESOLVED'] })).toEqual(['Sub-processor list is out of date']);
    expect(await titles({ severities: ['CRITICAL', 'HIGH'] })).toEqual(
      ['传输未加密', '管理员是否使用多因素认证？', 'Sub-processor list is out of date'].sort(),
    );
    expect(await titles({ vendorId, openOnly: true })).toEqual(
      ['传输未加密', '管理员是否使用多因素认证？', 'Retention policy not published'].sort(),
    );
    expect(await titles({ vendorId, severities: ['LOW'], openOnly: true })).toEqual([
      'Retention policy not published',
    ]);
    // Newest first, paged.
    const page = await riskOwner.data<{
      findings: { nodes: Array<{ title: string }>; pageInfo: { hasNextPage: boolean } };
    }>('{ findings(first: 1) { nodes { title } pageInfo { hasNextPage } } }');
    expect(page.findings).toEqual({
      nodes: [{ title: 'Retention policy not published' }],
      pageInfo: { hasNextPage: true },
    });

    // Viewers read them, and the vendor carries its own.
    const vendor = await viewer.data<{
      vendor: { openFindingCount: number; findings: Array<{ id: string; status: string }> };
    }>('query($id: ID!) { vendor(id: $id) { openFindingCount findings { id status } } }', {
      id: vendorId,
    });
    expect(vendor.vendor.openFindingCount).toBe(3);
    expect(vendor.vendor.findings).toHaveLength(4);
    // A page of assessments reads their open finding counts and their vendors in its own
    // statement (here through edges and a fragment), and only the columns its fields need; each
    // tells what the assessment, read whole, tells alone.
    const FIELDS = `openFindingCount vendor { id name } status cycle language dueDate overdue
      sentAt submittedAt cancelledAt overallScore version createdAt`;
    type Listed = { id: string; openFindingCount: number; vendor: { id: string; name: string } };
    const listed = await viewer.data<{ assessments: { edges: Array<{ node: Listed }> } }>(
      `query($vendorId: ID!) { assessments(first: 20, filter: { vendorId: $vendorId }) {
        edges { node { ...Listed } } } }
      fragment Listed on Assessment { id ${FIELDS} }`,
      { vendorId },
    );
    const nodes = listed.assessments.edges.map((edge) => edge.node);
    expect(nodes.find((node) => node.id === firstAssessmentId)!.openFindingCount).toBe(2);
    for (const node of nodes) {
      const alone = await viewer.data<{ assessment: Omit<Listed, 'id'> }>(
        `query($id: ID!) { assessment(id: $id) { ${FIELDS} } }`,
        { id: node.id },
      );
      expect(node).toEqual({ id: node.id, ...alone.assessment });
      expect(node.vendor.id).toBe(vendorId);
    }
    const node = await viewer.data<{ node: { id: string; title: string } }>(
      'query($id: ID!) { node(id: $id) { id ... on Finding { title } } }',
      { id: tlsFindingId },
    );
    expect(node.node).toEqual({ id: tlsFindingId, title: '传输未加密' });
    const changeAsViewer = await viewer.request(UPDATE, {
      input: { findingId: tlsFindingId, title: 'Viewer edit' },
    });
    expect(changeAsViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('raises a finding for a flagged answer, and the knockout instead once the answer fails it', async () => {
    const archiveId = (await createVendor(procurement, { name: 'Archive Co' })).id;
    const email = 'privacy@archive.example';
    const contact = await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId: archiveId, name: 'Ada Park', email, language: 'EN', primary: true } },
    );
    const sent = await procurement.data<{ sendAssessment: { assessment: { id: string } } }>(SEND, {
      input: {
        vendorId: archiveId,
        templateVersionId: versionId,
        contactId: contact.addVendorContact.contact.id,
        dueDate: '2099-12-31',
      },
    });
    const id = sent.sendAssessment.assessment.id;
    const token = await eventually(
      async () =>
        (await readMailbox(t.config))
          .filter((mail) => mail.to === email)
          .map((mail) => /invitation=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1])
          .find(Boolean),
      { what: 'the invitation email' },
    );
    const exchanged = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(EXCHANGE, {
      token,
    });
    const vendor = t.gql.withToken(exchanged.exchangeInvitation.accessToken);
    await vendor.data(SAVE, {
      input: {
        assessmentId: id,
        answers: [
          { questionKey: 'tls', value: true, expectedRevision: 0 },
          { questionKey: 'mfa', value: true, expectedRevision: 0 },
          { questionKey: 'breach_hours', value: 48, expectedRevision: 0 },
        ],
      },
    });
    await vendor.data(SUBMIT, { id });

    const SCORED = `query($id: ID!) { assessment(id: $id) {
      score { failedKnockouts { questionKey } flaggedAnswers { questionKey sectionKey severity finding } }
      findings { ${FINDING_FIELDS} } } }`;
    type Scored = {
      assessment: {
        score: {
          failedKnockouts: Array<{ questionKey: string }>;
          flaggedAnswers: Array<Record<string, unknown>>;
        };
        findings: FindingView[];
      };
    };
    const first = (await riskOwner.data<Scored>(SCORED, { id })).assessment;
    expect(first.score.failedKnockouts).toEqual([]);
    expect(first.score.flaggedAnswers).toEqual([
      {
        questionKey: 'breach_hours',
        sectionKey: 'security',
        severity: 'MEDIUM',
        finding: { en: 'Breach notice slower than a day', 'zh-CN': '泄露通知慢于一天' },
      },
    ]);
    expect(first.findings).toHaveLength(1);
    expect(first.findings[0]).toMatchObject({
      source: 'FLAGGED_ANSWER',
      severity: 'MEDIUM',
      // In the assessment's language (the contact's, en).
      title: 'Breach notice slower than a day',
      description: 'Hours to notify us of a breach',
      questionKey: 'breach_hours',
      status: 'OPEN',
      vendor: { id: archiveId },
      assessment: { id },
    });

    // Changes requested: 96 hours fails the knockout, which replaces the flag in the score; the
    // flagged answer's finding stays, and is not raised again.
    await requestChanges(id, ['breach_hours']);
    await vendor.data(SAVE, {
      input: {
        assessmentId: id,
        answers: [{ questionKey: 'breach_hours', value: 96, expectedRevision: 1 }],
      },
    });
    await vendor.data(SUBMIT, { id });
    const second = (await riskOwner.data<Scored>(SCORED, { id })).assessment;
    expect(second.score.failedKnockouts).toEqual([{ questionKey: 'breach_hours' }]);
    expect(second.score.flaggedAnswers).toEqual([]);
    expect(second.findings.map((f) => [f.source, f.severity, f.id])).toEqual([
      ['FLAGGED_ANSWER', 'MEDIUM', first.findings[0]!.id],
      ['KNOCKOUT', 'CRITICAL', expect.any(String)],
    ]);
  });
});
