import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import {
  SAVE_ANSWERS,
  SUBMIT_ASSESSMENT,
  answerAndSubmit,
  publishQuestionnaire,
  sendToVendor,
} from '../factories/assessment.factory.js';
import { coverageOf } from '../factories/agreement.factory.js';
import { addMember, createOrganization, signIn } from '../factories/identity.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import type { GraphqlClient, GraphqlResponse } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/** tls (a knockout when "no"), its follow-up, an HSM question that may be "not applicable", notes. */
const DEFINITION = {
  languages: ['en', 'zh-CN'],
  sections: [
    {
      key: 'encryption',
      title: { en: 'Encryption', 'zh-CN': '加密' },
      questions: [
        {
          key: 'tls',
          type: 'BOOLEAN',
          text: { en: 'Is data encrypted in transit?', 'zh-CN': '传输中的数据是否加密？' },
          required: true,
          points: { yes: 10, no: 0 },
          knockout: { failWhen: { equals: { question: 'tls', value: false } }, severity: 'HIGH' },
        },
        {
          key: 'tls_version',
          type: 'SINGLE_CHOICE',
          required: true,
          text: { en: 'Lowest TLS version?', 'zh-CN': '最低 TLS 版本？' },
          visibleWhen: { equals: { question: 'tls', value: true } },
          options: [
            { key: 'tls12', label: { en: 'TLS 1.2', 'zh-CN': 'TLS 1.2' }, points: 5 },
            { key: 'tls13', label: { en: 'TLS 1.3', 'zh-CN': 'TLS 1.3' }, points: 10 },
          ],
        },
        {
          key: 'hsm',
          type: 'BOOLEAN',
          required: true,
          allowNotApplicable: true,
          text: { en: 'Are keys kept in an HSM?', 'zh-CN': '密钥是否保存在硬件安全模块中？' },
          points: { yes: 10, no: 0 },
        },
        { key: 'notes', type: 'TEXT', text: { en: 'Anything else?', 'zh-CN': '其他说明？' } },
      ],
    },
  ],
};

const INTERNAL = `query($id: ID!) { assessment(id: $id) {
  status reviewer { id } reviewStartedAt overallScore effectiveScore
  scoreOverride { score justification overriddenBy overriddenAt }
  reopenedQuestionKeys residualRating ratingReasons decision decisionNote completedAt
  coverageException { justification expiresOn gaps grantedBy }
  comments { id questionKey visibility body authorKind authorId }
  vendor { id residualRating lastAssessedAt } } }`;
const VENDOR_VIEW = `query($id: ID!) { vendorAssessment(id: $id) {
  status score reopenedQuestionKeys comments { questionKey body fromVendor }
  sections { questions { key answer { value revision } } } } }`;
const START = `mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status reviewStartedAt reviewer { id } } } }`;
const COMMENT = `mutation($input: AddReviewCommentInput!) { addReviewComment(input: $input) {
  comment { id questionKey visibility body authorKind authorId } } }`;
const REQUEST_CHANGES = `mutation($input: RequestChangesInput!) { requestChanges(input: $input) {
  assessment { status reopenedQuestionKeys } } }`;
const OVERRIDE = `mutation($input: OverrideScoreInput!) { overrideScore(input: $input) {
  assessment { overallScore effectiveScore scoreOverride { score justification } } } }`;
const COMPLETE = `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) {
  assessment { status decision decisionNote residualRating ratingReasons completedAt
    coverageException { justification expiresOn gaps } } } }`;
const MATRIX_FIELDS =
  'version isDefault updatedAt bands { key min max label ratings { tier1 tier2 tier3 tier4 } }';
const RISK_MATRIX = `{ riskMatrix { ${MATRIX_FIELDS} } }`;
const UPDATE_MATRIX = `mutation($input: UpdateRiskMatrixInput!) { updateRiskMatrix(input: $input) { riskMatrix { ${MATRIX_FIELDS} } } }`;
const SHARE_SCORE = `mutation($share: Boolean!) { updateOrganizationSettings(input: { shareScoreWithVendor: $share }) {
  organization { shareScoreWithVendor } } }`;

interface Internal {
  status: string;
  reviewer: { id: string } | null;
  reviewStartedAt: string | null;
  overallScore: number | null;
  effectiveScore: number | null;
  scoreOverride: { score: number; justification: string; overriddenBy: string | null } | null;
  reopenedQuestionKeys: string[];
  residualRating: string | null;
  ratingReasons: string[];
  decision: string | null;
  decisionNote: string | null;
  completedAt: string | null;
  coverageException: { justification: string; expiresOn: string; gaps: string[] } | null;
  comments: Array<{
    questionKey: string | null;
    visibility: string;
    body: string;
    authorKind: string;
    authorId: string | null;
  }>;
  vendor: { id: string; residualRating: string | null; lastAssessedAt: string | null };
}

interface VendorView {
  status: string;
  score: number | null;
  reopenedQuestionKeys: string[];
  comments: Array<{ questionKey: string | null; body: string; fromVendor: boolean }>;
  sections: Array<{
    questions: Array<{ key: string; answer: { value: unknown; revision: number } | null }>;
  }>;
}

const codeOf = (response: GraphqlResponse<unknown>) => response.errors?.[0]?.extensions?.code;

/** A band row of the matrix input: the same rating at every tier unless given. */
const band = (
  key: string,
  min: number,
  max: number,
  rating: string,
  ratings: Record<string, string> = {},
) => ({
  key,
  min,
  max,
  ratings: { tier1: rating, tier2: rating, tier3: rating, tier4: rating, ...ratings },
});

describe('assessments: review, changes requested, overrides, the decision and the risk matrix', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let riskOwnerMemberId: string;
  let versionId: string;

  const internal = async (id: string) =>
    (await riskOwner.data<{ assessment: Internal }>(INTERNAL, { id })).assessment;
  const vendorView = async (vendor: GraphqlClient, id: string) =>
    (await vendor.data<{ vendorAssessment: VendorView }>(VENDOR_VIEW, { id })).vendorAssessment;
  const trailLength = async () =>
    (
      await admin.data<{ verifyAuditTrail: { checkedEvents: number } }>(
        '{ verifyAuditTrail { checkedEvents } }',
      )
    ).verifyAuditTrail.checkedEvents;
  const submitted = async (dataProfile: unknown, answers: Array<Record<string, unknown>>) => {
    const vendor = await createVendor(procurement, { dataProfile });
    const sent = await sendToVendor(procurement, t.gql, t.config, {
      vendorId: vendor.id,
      versionId,
    });
    await answerAndSubmit(sent.vendor, sent.id, answers);
    return { ...sent, vendorId: vendor.id };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganization(t.app, { name: 'Review Holdings' });
    admin = await signIn(t.gql, owner);
    procurement = await signIn(
      t.gql,
      await addMember(t.app, owner.organizationId, Role.Procurement),
    );
    const reviewer = await addMember(t.app, owner.organizationId, Role.RiskOwner);
    riskOwner = await signIn(t.gql, reviewer);
    const members = await admin.data<{
      members: { nodes: Array<{ id: string; user: { email: string } }> };
    }>('{ members { nodes { id user { email } } } }');
    riskOwnerMemberId = members.members.nodes.find((m) => m.user.email === reviewer.email)!.id;
    versionId = await publishQuestionnaire(admin, DEFINITION, 'Encryption review');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('runs the review loop: comments, changes on one question, resubmission, override, and approval with a coverage exception', async () => {
    // IT support with contact data and credentials of EU residents, and no agreement at all.
    const { id, vendor, vendorId } = await submitted(PROFILES.itSupport, [
      { questionKey: 'tls', value: true },
      { questionKey: 'tls_version', value: 'tls12' },
      { questionKey: 'hsm', notApplicable: true },
    ]);
    // tls 10/10, tls_version 5/10, hsm not applicable: 15 of 20.
    expect(await internal(id)).toMatchObject({ status: 'SUBMITTED', overallScore: 75 });
    expect(await vendorView(vendor, id)).toMatchObject({
      status: 'SUBMITTED',
      score: null,
      comments: [],
    });

    // Moves the machine does not make: CONFLICT, and nothing changes.
    const before = await trailLength();
    for (const [query, input] of [
      [REQUEST_CHANGES, { assessmentId: id, questionKeys: ['tls'] }],
      [OVERRIDE, { assessmentId: id, score: 50, justification: 'too early' }],
      [COMPLETE, { assessmentId: id, decision: 'REJECTED', note: 'too early' }],
    ] as const) {
      expect(codeOf(await riskOwner.request(query, { input }))).toBe('CONFLICT');
    }
    expect(await trailLength()).toBe(before);
    expect((await internal(id)).status).toBe('SUBMITTED');

    // Procurement sends assessments but does not review them.
    expect(codeOf(await procurement.request(START, { id }))).toBe('FORBIDDEN');
    const started = await riskOwner.data<{
      startReview: {
        assessment: { status: string; reviewStartedAt: string; reviewer: { id: string } };
      };
    }>(START, { id });
    expect(started.startReview.assessment).toMatchObject({
      status: 'IN_REVIEW',
      reviewer: { id: riskOwnerMemberId },
    });
    expect(started.startReview.assessment.reviewStartedAt).toEqual(expect.any(String));
    expect(codeOf(await riskOwner.request(START, { id }))).toBe('CONFLICT');

    // Internal and vendor-visible comments; the vendor contact answers.
    const internalNote = await riskOwner.data<{
      addReviewComment: { comment: Internal['comments'][0] };
    }>(COMMENT, {
      input: { assessmentId: id, questionKey: 'tls_version', body: 'TLS 1.2 is weak for us.' },
    });
    expect(internalNote.addReviewComment.comment).toMatchObject({
      visibility: 'INTERNAL',
      authorKind: 'MEMBER',
      questionKey: 'tls_version',
    });
    await riskOwner.data(COMMENT, {
      input: {
        assessmentId: id,
        questionKey: 'hsm',
        visibility: 'VENDOR',
        body: 'Why is an HSM not applicable?',
      },
    });
    const unknownQuestion = await riskOwner.request(COMMENT, {
      input: { assessmentId: id, questionKey: 'nope', body: 'x' },
    });
    expect(unknownQuestion.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'input.questionKey', message: '"nope" is not a question of this assessment' },
      ],
    });
    const emptyBody = await riskOwner.request(COMMENT, { input: { assessmentId: id, body: '  ' } });
    expect(emptyBody.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.body', message: 'must not be empty' }],
    });
    const reply = await vendor.data<{ addReviewComment: { comment: Internal['comments'][0] } }>(
      COMMENT,
      { input: { assessmentId: id, questionKey: 'hsm', body: 'Keys live in a cloud KMS.' } },
    );
    expect(reply.addReviewComment.comment).toMatchObject({
      visibility: 'VENDOR',
      authorKind: 'VENDOR_CONTACT',
    });
    const hiddenByVendor = await vendor.request(COMMENT, {
      input: { assessmentId: id, body: 'Only for you', visibility: 'INTERNAL' },
    });
    expect(hiddenByVendor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.visibility', message: expect.any(String) }],
    });
    expect((await vendorView(vendor, id)).comments).toEqual([
      { questionKey: 'hsm', body: 'Why is an HSM not applicable?', fromVendor: false },
      { questionKey: 'hsm', body: 'Keys live in a cloud KMS.', fromVendor: true },
    ]);
    expect((await internal(id)).comments.map((c) => [c.visibility, c.authorKind, c.body])).toEqual([
      ['INTERNAL', 'MEMBER', 'TLS 1.2 is weak for us.'],
      ['VENDOR', 'MEMBER', 'Why is an HSM not applicable?'],
      ['VENDOR', 'VENDOR_CONTACT', 'Keys live in a cloud KMS.'],
    ]);
    // The vendor contact reviews nothing.
    expect(codeOf(await vendor.request(START, { id }))).toBe('FORBIDDEN');

    // Changes on one question, named by keys of the questionnaire.
    const unknownKeys = await riskOwner.request(REQUEST_CHANGES, {
      input: { assessmentId: id, questionKeys: ['tls_version', 'nope'] },
    });
    expect(unknownKeys.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.questionKeys[1]', message: expect.stringContaining('"nope"') }],
    });
    const requested = await riskOwner.data<{
      requestChanges: { assessment: { status: string; reopenedQuestionKeys: string[] } };
    }>(REQUEST_CHANGES, {
      input: {
        assessmentId: id,
        questionKeys: ['tls_version'],
        comment: 'Please move to TLS 1.3.',
      },
    });
    expect(requested.requestChanges.assessment).toEqual({
      status: 'CHANGES_REQUESTED',
      reopenedQuestionKeys: ['tls_version'],
    });
    const reopened = await vendorView(vendor, id);
    expect(reopened).toMatchObject({
      status: 'CHANGES_REQUESTED',
      reopenedQuestionKeys: ['tls_version'],
    });
    expect(reopened.comments.at(-1)).toEqual({
      questionKey: null,
      body: 'Please move to TLS 1.3.',
      fromVendor: false,
    });

    // Only the reopened question may change.
    const answerOf = (view: VendorView, key: string) =>
      view.sections.flatMap((s) => s.questions).find((q) => q.key === key)!.answer!;
    const hsmBefore = answerOf(reopened, 'hsm');
    const locked = await vendor.request(SAVE_ANSWERS, {
      input: {
        assessmentId: id,
        answers: [{ questionKey: 'hsm', value: true, expectedRevision: hsmBefore.revision }],
      },
    });
    expect(locked.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { reopenedQuestionKeys: ['tls_version'] },
    });
    const stillLocked = await vendorView(vendor, id);
    expect(stillLocked.status).toBe('CHANGES_REQUESTED');
    expect(answerOf(stillLocked, 'hsm')).toEqual(hsmBefore);

    const changed = await vendor.data<{ saveAnswers: { assessment: { status: string } } }>(
      SAVE_ANSWERS,
      {
        input: {
          assessmentId: id,
          answers: [
            {
              questionKey: 'tls_version',
              value: 'tls13',
              expectedRevision: answerOf(reopened, 'tls_version').revision,
            },
          ],
        },
      },
    );
    expect(changed.saveAnswers.assessment.status).toBe('IN_PROGRESS');
    const notes = await vendor.request(SAVE_ANSWERS, {
      input: {
        assessmentId: id,
        answers: [{ questionKey: 'notes', value: 'x', expectedRevision: 0 }],
      },
    });
    expect(codeOf(notes)).toBe('CONFLICT');

    const resubmitted = await vendor.data<{ submitAssessment: { submitted: boolean } }>(
      SUBMIT_ASSESSMENT,
      { id },
    );
    expect(resubmitted.submitAssessment.submitted).toBe(true);
    // tls 10/10, tls_version 10/10: the score is fixed again at resubmission.
    expect(await internal(id)).toMatchObject({
      status: 'SUBMITTED',
      overallScore: 100,
      reopenedQuestionKeys: [],
    });
    expect((await vendorView(vendor, id)).reopenedQuestionKeys).toEqual([]);
    await riskOwner.data(START, { id });

    // A reviewer's score needs a justification and a score within 0-100.
    const unjustified = await riskOwner.request(OVERRIDE, {
      input: { assessmentId: id, score: 80, justification: ' ' },
    });
    expect(unjustified.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.justification', message: 'must not be empty' }],
    });
    const outOfRange = await riskOwner.request(OVERRIDE, {
      input: { assessmentId: id, score: 120, justification: 'x' },
    });
    expect(outOfRange.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.score', message: 'must be between 0 and 100' }],
    });
    const overridden = await riskOwner.data<{
      overrideScore: {
        assessment: Pick<Internal, 'overallScore' | 'effectiveScore' | 'scoreOverride'>;
      };
    }>(OVERRIDE, {
      input: { assessmentId: id, score: 80, justification: 'Key management is unproven.' },
    });
    expect(overridden.overrideScore.assessment).toEqual({
      overallScore: 100,
      effectiveScore: 80,
      scoreOverride: { score: 80, justification: 'Key management is unproven.' },
    });

    // Approving a vendor whose agreements leave gaps: CONFLICT naming them, nothing changes.
    const coverage = await coverageOf(riskOwner, vendorId);
    expect(coverage).toMatchObject({ compliant: false, dpaInForce: false });
    const gaps = [
      ...coverage.regimes.map((regime) => `${regime.regime} ${regime.status}`),
      'NO_DPA_IN_FORCE',
    ];
    expect(gaps).toContain('GDPR NO_AGREEMENT');
    const trail = await trailLength();
    const refused = await riskOwner.request(COMPLETE, {
      input: { assessmentId: id, decision: 'APPROVED' },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { gaps },
    });
    for (const gap of gaps) expect(refused.errors?.[0]?.message).toContain(gap);
    const conditional = await riskOwner.request(COMPLETE, {
      input: { assessmentId: id, decision: 'APPROVED_WITH_CONDITIONS', note: 'Sign the DPA' },
    });
    expect(codeOf(conditional)).toBe('CONFLICT');
    const expired = await riskOwner.request(COMPLETE, {
      input: {
        assessmentId: id,
        decision: 'APPROVED',
        coverageException: { justification: 'DPA in negotiation', expiresOn: '2020-01-01' },
      },
    });
    expect(expired.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.coverageException.expiresOn', message: expect.any(String) }],
    });
    expect(await trailLength()).toBe(trail);
    expect(await internal(id)).toMatchObject({
      status: 'IN_REVIEW',
      decision: null,
      residualRating: null,
      vendor: { residualRating: null, lastAssessedAt: null },
    });

    const completed = await riskOwner.data<{
      completeAssessment: {
        assessment: {
          status: string;
          decision: string;
          residualRating: string;
          ratingReasons: string[];
          completedAt: string;
          coverageException: { justification: string; expiresOn: string; gaps: string[] };
        };
      };
    }>(COMPLETE, {
      input: {
        assessmentId: id,
        decision: 'APPROVED',
        note: 'Approved while the DPA is signed.',
        coverageException: { justification: 'DPA in negotiation', expiresOn: '2099-01-01' },
      },
    });
    const done = completed.completeAssessment.assessment;
    // TIER_2 at the reviewer's 80 is in the default ADEQUATE band: MEDIUM.
    expect(done).toMatchObject({
      status: 'COMPLETED',
      decision: 'APPROVED',
      residualRating: 'MEDIUM',
      coverageException: { justification: 'DPA in negotiation', expiresOn: '2099-01-01', gaps },
    });
    expect(done.ratingReasons.join('\n')).toContain(
      "reviewer's score 80 instead of the computed 100",
    );
    expect(done.ratingReasons.join('\n')).toContain('TIER_2 × ADEQUATE is MEDIUM');
    const final = await internal(id);
    expect(final.vendor).toEqual({
      id: vendorId,
      residualRating: 'MEDIUM',
      lastAssessedAt: done.completedAt,
    });
    expect(final.decisionNote).toBe('Approved while the DPA is signed.');

    // Completed is final.
    const settled = await trailLength();
    for (const [query, input] of [
      [START, undefined],
      [REQUEST_CHANGES, { assessmentId: id, questionKeys: ['tls'] }],
      [OVERRIDE, { assessmentId: id, score: null, justification: 'lift' }],
      [COMPLETE, { assessmentId: id, decision: 'REJECTED', note: 'again' }],
      [COMMENT, { assessmentId: id, body: 'late' }],
    ] as const) {
      const response = await riskOwner.request(query, input ? { input } : { id });
      expect(codeOf(response)).toBe('CONFLICT');
    }
    expect(
      codeOf(await vendor.request(COMMENT, { input: { assessmentId: id, body: 'late' } })),
    ).toBe('CONFLICT');
    expect(await trailLength()).toBe(settled);
    expect((await internal(id)).status).toBe('COMPLETED');
  });

  it('shows the vendor its score only when the organization shares it, once submitted', async () => {
    const { id, vendor } = await submitted(PROFILES.officeSupplies, [
      { questionKey: 'tls', value: true },
      { questionKey: 'tls_version', value: 'tls12' },
      { questionKey: 'hsm', value: true },
    ]);
    const open = await sendToVendor(procurement, t.gql, t.config, {
      vendorId: (await createVendor(procurement)).id,
      versionId,
    });
    expect((await vendorView(vendor, id)).score).toBeNull();
    // Another assessment's contact comments on nothing it was not invited to.
    const elsewhere = await open.vendor.request(COMMENT, {
      input: { assessmentId: id, body: 'Hello?' },
    });
    expect(codeOf(elsewhere)).toBe('NOT_FOUND');
    // Only admins change the organization's settings.
    expect(codeOf(await riskOwner.request(SHARE_SCORE, { share: true }))).toBe('FORBIDDEN');
    const shared = await admin.data<{
      updateOrganizationSettings: { organization: { shareScoreWithVendor: boolean } };
    }>(SHARE_SCORE, { share: true });
    expect(shared.updateOrganizationSettings.organization.shareScoreWithVendor).toBe(true);
    // tls 10, tls_version 5, hsm 10: 25 of 30.
    expect((await vendorView(vendor, id)).score).toBe(83.33);
    expect((await vendorView(open.vendor, open.id)).score).toBeNull();
    await admin.data(SHARE_SCORE, { share: false });
    expect((await vendorView(vendor, id)).score).toBeNull();
  });

  it('rates from the risk matrix, capped by a failed knockout, and follows a changed matrix', async () => {
    // Office supplies: no personal information, TIER_4, nothing for agreements to cover.
    const knockedOut = await submitted(PROFILES.officeSupplies, [
      { questionKey: 'tls', value: false },
      { questionKey: 'hsm', value: true },
    ]);
    await riskOwner.data(START, { id: knockedOut.id });
    await riskOwner.data(OVERRIDE, {
      input: { assessmentId: knockedOut.id, score: 95, justification: 'Strong otherwise' },
    });
    const capped = await riskOwner.data<{
      completeAssessment: {
        assessment: { residualRating: string; ratingReasons: string[]; coverageException: null };
      };
    }>(COMPLETE, { input: { assessmentId: knockedOut.id, decision: 'APPROVED' } });
    // TIER_4 × STRONG is LOW, but the failed HIGH knockout on tls caps it at HIGH.
    expect(capped.completeAssessment.assessment).toMatchObject({
      residualRating: 'HIGH',
      coverageException: null,
    });
    expect(capped.completeAssessment.assessment.ratingReasons.join('\n')).toContain(
      'knockout on "tls" failed (HIGH): raised from LOW to HIGH',
    );
    expect((await internal(knockedOut.id)).vendor.residualRating).toBe('HIGH');

    const strong = await submitted(PROFILES.officeSupplies, [
      { questionKey: 'tls', value: true },
      { questionKey: 'tls_version', value: 'tls13' },
      { questionKey: 'hsm', value: true },
    ]);
    await riskOwner.data(START, { id: strong.id });
    // The default would rate TIER_4 × STRONG as LOW; this matrix says MEDIUM.
    const updated = await admin.data<{ updateRiskMatrix: { riskMatrix: { version: number } } }>(
      UPDATE_MATRIX,
      {
        input: {
          expectedVersion: 0,
          matrix: {
            bands: [
              band('TOP', 90, 100, 'MEDIUM', { tier1: 'HIGH' }),
              band('REST', 0, 90, 'CRITICAL'),
            ],
          },
        },
      },
    );
    expect(updated.updateRiskMatrix.riskMatrix.version).toBe(1);
    const rejected = await riskOwner.data<{
      completeAssessment: {
        assessment: { decision: string; residualRating: string; ratingReasons: string[] };
      };
    }>(COMPLETE, {
      input: { assessmentId: strong.id, decision: 'REJECTED', note: 'Not needed after all' },
    });
    expect(rejected.completeAssessment.assessment).toMatchObject({
      decision: 'REJECTED',
      residualRating: 'MEDIUM',
    });
    expect(rejected.completeAssessment.assessment.ratingReasons.join('\n')).toContain(
      'risk matrix version 1',
    );
    expect((await internal(strong.id)).vendor.residualRating).toBe('MEDIUM');
  });

  it('keeps the risk matrix complete and versioned', async () => {
    const current = await riskOwner.data<{
      riskMatrix: {
        version: number;
        isDefault: boolean;
        bands: Array<{ key: string; min: number; max: number; ratings: Record<string, string> }>;
      };
    }>(RISK_MATRIX);
    const before = current.riskMatrix.version;
    const trail = await trailLength();

    const invalid = await admin.request(UPDATE_MATRIX, {
      input: {
        matrix: {
          bands: [
            band('HIGH', 80, 100, 'LOW'),
            band('MIDDLE', 40, 70, 'MEDIUM'),
            band('HIGH', 0, 45, 'HIGH'),
            band('bad key!', 50, 50, 'HIGH'),
          ],
        },
      },
    });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (invalid.errors?.[0]?.extensions?.fields as Array<{ path: string }>).map(
      (field) => field.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['input.matrix.bands[3].key']));
    const structural = await admin.request(UPDATE_MATRIX, {
      input: {
        matrix: {
          bands: [
            band('HIGH', 80, 100, 'LOW'),
            band('MIDDLE', 40, 70, 'MEDIUM'),
            band('HIGH', 0, 45, 'HIGH'),
            band('EMPTY', 75, 75, 'HIGH'),
          ],
        },
      },
    });
    expect(structural.errors?.[0]?.extensions?.fields).toEqual(
      expect.arrayContaining([
        { path: 'input.matrix.bands[2].key', message: expect.stringContaining('already used') },
        { path: 'input.matrix.bands[3].max', message: 'must be above min (75)' },
        { path: 'input.matrix.bands[1].min', message: expect.stringContaining('overlap') },
        { path: 'input.matrix.bands[0].min', message: expect.stringContaining('gap') },
      ]),
    );
    const outOfRange = await admin.request(UPDATE_MATRIX, {
      input: { matrix: { bands: [band('ALL', 0, 120, 'LOW')] } },
    });
    expect(outOfRange.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.matrix.bands[0].max', message: expect.any(String) }],
    });
    // Risk owners read the matrix; only admins change it.
    const byRiskOwner = await riskOwner.request(UPDATE_MATRIX, {
      input: { matrix: { bands: [band('ALL', 0, 100, 'LOW')] } },
    });
    expect(codeOf(byRiskOwner)).toBe('FORBIDDEN');
    const stale = await admin.request(UPDATE_MATRIX, {
      input: { expectedVersion: before + 5, matrix: { bands: [band('ALL', 0, 100, 'LOW')] } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { version: before },
    });
    expect(await trailLength()).toBe(trail);
    expect(
      (await riskOwner.data<{ riskMatrix: { version: number } }>(RISK_MATRIX)).riskMatrix.version,
    ).toBe(before);

    const saved = await admin.data<{
      updateRiskMatrix: { riskMatrix: { version: number; isDefault: boolean; bands: unknown[] } };
    }>(UPDATE_MATRIX, {
      input: {
        expectedVersion: before,
        matrix: {
          bands: [
            { ...band('LOWER', 0, 60, 'HIGH'), label: 'under 60' },
            band('UPPER', 60, 100, 'LOW', { tier1: 'MEDIUM' }),
          ],
        },
      },
    });
    expect(saved.updateRiskMatrix.riskMatrix).toEqual({
      version: before + 1,
      isDefault: false,
      updatedAt: expect.any(String),
      bands: [
        {
          key: 'UPPER',
          min: 60,
          max: 100,
          label: null,
          ratings: { tier1: 'MEDIUM', tier2: 'LOW', tier3: 'LOW', tier4: 'LOW' },
        },
        {
          key: 'LOWER',
          min: 0,
          max: 60,
          label: 'under 60',
          ratings: { tier1: 'HIGH', tier2: 'HIGH', tier3: 'HIGH', tier4: 'HIGH' },
        },
      ],
    });
    const events = await admin.data<{ auditEvents: { nodes: Array<{ action: string }> } }>(
      '{ auditEvents(first: 1) { nodes { action } } }',
    );
    expect(events.auditEvents.nodes[0]!.action).toBe('risk_matrix.updated');
  });

  it('starts from the built-in matrix at version 0', async () => {
    const fresh = await createOrganization(t.app);
    const viewer = await signIn(t.gql, await addMember(t.app, fresh.organizationId, Role.Viewer));
    const matrix = await viewer.data<{
      riskMatrix: {
        version: number;
        isDefault: boolean;
        bands: Array<{ key: string; ratings: unknown }>;
      };
    }>(RISK_MATRIX);
    expect(matrix.riskMatrix).toMatchObject({ version: 0, isDefault: true });
    expect(matrix.riskMatrix.bands.map((b) => b.key)).toEqual([
      'STRONG',
      'ADEQUATE',
      'WEAK',
      'POOR',
    ]);
    expect(matrix.riskMatrix.bands[0]!.ratings).toEqual({
      tier1: 'MEDIUM',
      tier2: 'LOW',
      tier3: 'LOW',
      tier4: 'LOW',
    });
  });
});
