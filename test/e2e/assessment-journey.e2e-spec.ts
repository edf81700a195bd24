import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { libraryTemplate, validateDefinition, type TemplateDefinition } from '#questionnaire';
import { addContact, invitationToken } from '../factories/assessment.factory.js';
import { minimalPdf } from '../factories/file.factory.js';
import { addMember, createOrganization, signIn } from '../factories/identity.factory.js';
import { createTemplate } from '../factories/questionnaire.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import { bearer, uploadFile } from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { waitForEmail } from '../utils/mailbox.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

interface Question {
  key: string;
  type: string;
  text: string;
  required: boolean;
  evidence: string;
  allowNotApplicable: boolean;
  options: Array<{ key: string }>;
  min: number | null;
  answer: { revision: number; carriedOver: boolean; confirmed: boolean; value: unknown } | null;
}
interface View {
  status: string;
  sections: Array<{ title: string; questions: Question[] }>;
}

const VIEW = `query($id: ID!) { vendorAssessment(id: $id) { status sections { title questions {
  key type text required evidence allowNotApplicable min options { key }
  answer { revision carriedOver confirmed value } } } } }`;
const SAVE = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) { answers { questionKey revision } } }`;
const SUBMIT = `mutation($id: ID!) { submitAssessment(input: { assessmentId: $id }) { submitted missing { questionKey reason } } }`;

const questionsOf = (view: View) => view.sections.flatMap((section) => section.questions);

/** A plausible answer of the question's type. */
function answerFor(question: Question): unknown {
  switch (question.type) {
    case 'BOOLEAN':
      return true;
    case 'SINGLE_CHOICE':
      return question.options[0]!.key;
    case 'MULTI_CHOICE':
      return [question.options[0]!.key];
    case 'NUMBER':
      return question.min ?? 1;
    case 'DATE':
      return '2026-06-01';
    default:
      return '已按要求执行，详见附件。';
  }
}

/**
 * The journey the product exists for, over HTTP: procurement sends the built-in baseline to a
 * vendor's Chinese-speaking contact, who answers it through the invitation link; a risk owner
 * reviews, asks for one change, and approves; the vendor's next cycle starts from these answers.
 */
describe('an assessment from invitation to approval, with the built-in baseline', () => {
  let t: TestApp;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let definition: TemplateDefinition;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createOrganization(t.app, { name: 'Acme Holdings' });
    procurement = await signIn(
      t.gql,
      await addMember(t.app, admin.organizationId, Role.Procurement),
    );
    riskOwner = await signIn(t.gql, await addMember(t.app, admin.organizationId, Role.RiskOwner));
    definition = validateDefinition(
      libraryTemplate('vendor-privacy-baseline')!.definition,
      'publish',
    ).definition!;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('runs the whole loop', async () => {
    const { version } = await createTemplate(riskOwner, {
      name: 'Privacy baseline',
      fromLibrary: 'vendor-privacy-baseline',
    });
    const vendor = await createVendor(procurement, {
      name: 'Shanghai Payroll Ltd',
      dataProfile: PROFILES.healthCallCentre,
    });
    const contact = await addContact(procurement, vendor.id, 'ZH_CN');
    const send = () =>
      procurement.data<{ sendAssessment: { assessment: { id: string; language: string } } }>(
        `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id language } } }`,
        {
          input: {
            vendorId: vendor.id,
            templateVersionId: version.id,
            contactId: contact.id,
            dueDate: '2099-06-30',
          },
        },
      );
    const first = (await send()).sendAssessment.assessment;
    expect(first.language).toBe('zh-CN');

    // The contact reads the invitation email, in Chinese, and exchanges its token.
    const email = await waitForEmail(t.config, contact.email, /Shanghai Payroll Ltd/);
    expect(email.subject).toContain('问卷');
    const token = await invitationToken(t.config, contact.email);
    const session = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(
      `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`,
      { token },
    );
    const vendorToken = session.exchangeInvitation.accessToken;
    const asVendor = t.gql.withToken(vendorToken);
    const view = async () =>
      (await asVendor.data<{ vendorAssessment: View }>(VIEW, { id: first.id })).vendorAssessment;
    const save = (answers: Array<Record<string, unknown>>) =>
      asVendor.data(SAVE, { input: { assessmentId: first.id, answers } });

    let current = await view();
    expect(current.sections[0]!.title).toMatch(/[\u4e00-\u9fff]/);
    const gate = questionsOf(current).find(
      (question) => question.key === 'processes_sensitive_pi',
    )!;
    expect(gate.text).toMatch(/[\u4e00-\u9fff]/);
    const followUps = definition.sections
      .flatMap((section) => section.questions)
      .filter((question) =>
        JSON.stringify(question.visibleWhen ?? {}).includes('"processes_sensitive_pi"'),
      )
      .map((question) => question.key);
    expect(followUps.length).toBeGreaterThan(0);
    const shown = () => questionsOf(current).map((question) => question.key);
    expect(shown()).not.toEqual(expect.arrayContaining([followUps[0]]));

    // Conditional questions appear and disappear with the answers.
    await save([{ questionKey: 'processes_sensitive_pi', value: true, expectedRevision: 0 }]);
    current = await view();
    expect(shown()).toEqual(expect.arrayContaining(followUps));
    await save([{ questionKey: 'processes_sensitive_pi', value: false, expectedRevision: 1 }]);
    current = await view();
    for (const key of followUps) expect(shown()).not.toContain(key);

    // An incomplete submission says what is missing and changes nothing.
    const early = await asVendor.data<{
      submitAssessment: { submitted: boolean; missing: Array<{ reason: string }> };
    }>(SUBMIT, { id: first.id });
    expect(early.submitAssessment.submitted).toBe(false);
    expect(early.submitAssessment.missing.length).toBeGreaterThan(10);
    expect(new Set(early.submitAssessment.missing.map((item) => item.reason))).toEqual(
      new Set(['ANSWER']),
    );

    // Answer every visible question, attaching evidence where it is required, until none is left.
    const evidence = await uploadFile(t.url, bearer(vendorToken), {
      name: '证明.pdf',
      content: minimalPdf('evidence'),
    });
    expect(evidence.status).toBe(201);
    for (let round = 0; round < 6; round += 1) {
      current = await view();
      const open = questionsOf(current).filter(
        (question) =>
          !question.answer || (question.evidence === 'REQUIRED' && question.answer.value === null),
      );
      if (open.length === 0) break;
      await save(
        open.map((question) => ({
          questionKey: question.key,
          value: answerFor(question),
          expectedRevision: question.answer?.revision ?? 0,
          ...(question.evidence === 'REQUIRED' ? { evidenceFileIds: [evidence.body.id] } : {}),
        })),
      );
    }
    const submitted = await asVendor.data<{
      submitAssessment: { submitted: boolean; missing: unknown[] };
    }>(SUBMIT, {
      id: first.id,
    });
    expect(submitted.submitAssessment).toEqual({ submitted: true, missing: [] });

    // The risk owner reviews and reopens one question that nothing depends on.
    const REVIEW = `mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status } } }`;
    await riskOwner.data(REVIEW, { id: first.id });
    const readsOf = new Set(
      definition.sections.flatMap((section) =>
        section.questions.map((question) => JSON.stringify(question.visibleWhen ?? {})),
      ),
    );
    const leaf = questionsOf(current).find(
      (question) =>
        question.type === 'TEXT' &&
        ![...readsOf].some((reads) => reads.includes(`"${question.key}"`)),
    )!;
    await riskOwner.data(
      `mutation($input: RequestChangesInput!) { requestChanges(input: $input) { assessment { status } } }`,
      { input: { assessmentId: first.id, questionKeys: [leaf.key], comment: '请补充说明。' } },
    );
    current = await view();
    expect(current.status).toBe('CHANGES_REQUESTED');
    const other = questionsOf(current).find(
      (question) => question.key !== leaf.key && question.answer,
    )!;
    const refused = await asVendor.request(SAVE, {
      input: {
        assessmentId: first.id,
        answers: [
          {
            questionKey: other.key,
            value: answerFor(other),
            expectedRevision: other.answer!.revision,
          },
        ],
      },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const reopened = questionsOf(current).find((question) => question.key === leaf.key)!;
    await save([
      {
        questionKey: leaf.key,
        value: '补充：已完成年度审计。',
        expectedRevision: reopened.answer!.revision,
      },
    ]);
    expect(
      (await asVendor.data<{ submitAssessment: { submitted: boolean } }>(SUBMIT, { id: first.id }))
        .submitAssessment.submitted,
    ).toBe(true);

    // Approval needs an exception while the vendor has no data-protection agreement.
    await riskOwner.data(REVIEW, { id: first.id });
    const COMPLETE = `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) {
      assessment { status decision residualRating } } }`;
    const gaps = await riskOwner.request(COMPLETE, {
      input: { assessmentId: first.id, decision: 'APPROVED' },
    });
    expect(gaps.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const approved = await riskOwner.data<{
      completeAssessment: {
        assessment: { status: string; decision: string; residualRating: string };
      };
    }>(COMPLETE, {
      input: {
        assessmentId: first.id,
        decision: 'APPROVED',
        coverageException: { justification: 'DPA in signature', expiresOn: '2099-01-31' },
      },
    });
    expect(approved.completeAssessment.assessment).toMatchObject({
      status: 'COMPLETED',
      decision: 'APPROVED',
    });
    const rated = await riskOwner.data<{
      vendor: { residualRating: string; lastAssessedAt: string };
    }>('query($id: ID!) { vendor(id: $id) { residualRating lastAssessedAt } }', { id: vendor.id });
    expect(rated.vendor.residualRating).toBe(approved.completeAssessment.assessment.residualRating);
    expect(rated.vendor.lastAssessedAt).not.toBeNull();

    // The next cycle starts from these answers, which the vendor confirms or changes.
    const second = (await send()).sendAssessment.assessment;
    const next = await riskOwner.data<{
      assessment: {
        answers: Array<{ questionKey: string; carriedOver: boolean; confirmed: boolean }>;
      };
    }>(
      'query($id: ID!) { assessment(id: $id) { answers { questionKey carriedOver confirmed } } }',
      { id: second.id },
    );
    expect(next.assessment.answers.length).toBeGreaterThan(40);
    expect(next.assessment.answers.every((answer) => answer.carriedOver && !answer.confirmed)).toBe(
      true,
    );
  });
});
