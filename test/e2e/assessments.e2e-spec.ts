import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { Clock, Role } from '#core';
import { minimalPdf } from '../factories/file.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
} from '../factories/identity.factory.js';
import { PUBLISH, UPDATE_DRAFT, createTemplate } from '../factories/questionnaire.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { bearer, uploadFile } from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { eventually } from '../utils/eventually.js';
import { readMailbox, waitForEmail } from '../utils/mailbox.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/** Encryption questions with a follow-up, a not-applicable question and required evidence. */
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
          evidence: 'REQUIRED',
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
        {
          key: 'notes',
          type: 'TEXT',
          text: { en: 'Anything else?', 'zh-CN': '其他说明？' },
        },
      ],
    },
  ],
};

const SEND = `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment {
  id status language dueDate overdue invitation { sendCount revoked expiresAt } } } }`;
const EXCHANGE = `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken assessmentId expiresAt } }`;
const VIEW = `query($id: ID!) { vendorAssessment(id: $id) { id status language questionnaireName
  progress { answered required }
  sections { key title questions { key type text required allowNotApplicable evidence options { key label }
    answer { questionKey value notApplicable revision evidenceFileIds } } } } }`;
const SAVE = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) {
  answers { questionKey value notApplicable revision }
  assessment { status progress { answered required } sections { questions { key } } } } }`;
const SUBMIT = `mutation($id: ID!) { submitAssessment(input: { assessmentId: $id }) { submitted
  missing { questionKey sectionKey reason } assessment { status } } }`;

interface VendorView {
  id: string;
  status: string;
  language: string;
  questionnaireName: string;
  progress: { answered: number; required: number };
  sections: Array<{
    key: string;
    title: string;
    questions: Array<{
      key: string;
      text: string;
      answer: { revision: number; value: unknown } | null;
    }>;
  }>;
}

const questionKeys = (view: { sections: Array<{ questions: Array<{ key: string }> }> }) =>
  view.sections.flatMap((section) => section.questions.map((question) => question.key));

describe('assessments: sending, the invitation, answering and submitting', () => {
  let t: TestApp;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let versionId: string;
  let vendorId: string;
  let contactId: string;
  const contactEmail = 'dpo@payroll.example';

  const seenTokens = new Set<string>();
  /** The token of the invitation email sent last: the one not seen before. */
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
  const exchange = (token: string) =>
    t.gql.request<{ exchangeInvitation: { accessToken: string; assessmentId: string } }>(EXCHANGE, {
      token,
    });
  const send = (input: Record<string, unknown> = {}) =>
    procurement.request<{
      sendAssessment: { assessment: { id: string; status: string; language: string } };
    }>(SEND, {
      input: { vendorId, templateVersionId: versionId, contactId, dueDate: '2099-12-31', ...input },
    });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createOrganization(t.app, { name: 'Acme Holdings' });
    const adminGql = t.gql.withToken(await signInToken(t.gql, admin));
    procurement = await signIn(
      t.gql,
      await addMember(t.app, admin.organizationId, Role.Procurement),
    );
    riskOwner = await signIn(t.gql, await addMember(t.app, admin.organizationId, Role.RiskOwner));
    const { version } = await createTemplate(adminGql, { name: 'Encryption check' });
    const updated = await adminGql.data<{
      updateDraftDefinition: { version: { revision: number } };
    }>(UPDATE_DRAFT, {
      input: { versionId: version.id, definition: DEFINITION, expectedRevision: version.revision },
    });
    await adminGql.data(PUBLISH, {
      input: {
        versionId: version.id,
        expectedRevision: updated.updateDraftDefinition.version.revision,
      },
    });
    versionId = version.id;
    vendorId = (await createVendor(procurement, { name: 'Payroll Co' })).id;
    const contact = await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId, name: '王芳', email: contactEmail, language: 'ZH_CN', primary: true } },
    );
    contactId = contact.addVendorContact.contact.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses bad sends and changes nothing', async () => {
    const past = await send({ dueDate: '2000-01-01' });
    expect(past.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.dueDate', message: 'must not be in the past' }],
    });
    const language = await send({ language: 'fr' });
    expect(language.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const other = await createVendor(procurement);
    const wrongVendor = await send({ vendorId: other.id });
    expect(wrongVendor.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await procurement.data<{ assessments: { totalCount: number } }>(
      '{ assessments { totalCount } }',
    );
    expect(list.assessments.totalCount).toBe(0);
  });

  it('runs the vendor loop: invitation email, exchange, answers in Chinese, conditions, evidence, submission', async () => {
    const sent = await send();
    expect(sent.errors).toBeUndefined();
    const assessment = sent.data!.sendAssessment.assessment;
    expect(assessment).toMatchObject({ status: 'SENT', language: 'zh-CN' });

    const email = await waitForEmail(t.config, contactEmail, /Payroll Co/);
    expect(email.subject).toContain('Acme Holdings');
    expect(email.text).toContain('Encryption check');
    const token = await nextToken();

    const exchanged = await exchange(token);
    expect(exchanged.errors).toBeUndefined();
    expect(exchanged.data!.exchangeInvitation.assessmentId).toBe(assessment.id);
    const vendor = t.gql.withToken(exchanged.data!.exchangeInvitation.accessToken);
    const vendorToken = exchanged.data!.exchangeInvitation.accessToken;

    const first = (await vendor.data<{ vendorAssessment: VendorView }>(VIEW, { id: assessment.id }))
      .vendorAssessment;
    expect(first).toMatchObject({
      status: 'SENT',
      language: 'zh-CN',
      questionnaireName: 'Encryption check',
    });
    expect(first.sections[0]!.title).toBe('加密');
    expect(first.sections[0]!.questions[0]!.text).toBe('传输中的数据是否加密？');
    // The follow-up stays hidden until its condition holds.
    expect(questionKeys(first)).toEqual(['tls', 'hsm', 'notes']);
    expect(first.progress).toEqual({ answered: 0, required: 2 });

    const invalid = await vendor.request(SAVE, {
      input: {
        assessmentId: assessment.id,
        answers: [{ questionKey: 'tls', value: 'yes', expectedRevision: 0 }],
      },
    });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.answers[0].value', message: '"yes" is not yes/no' }],
    });

    const saved = await vendor.data<{
      saveAnswers: {
        answers: Array<{ revision: number }>;
        assessment: {
          status: string;
          progress: unknown;
          sections: Array<{ questions: Array<{ key: string }> }>;
        };
      };
    }>(SAVE, {
      input: {
        assessmentId: assessment.id,
        answers: [
          { questionKey: 'tls', value: true, expectedRevision: 0 },
          { questionKey: 'hsm', notApplicable: true, expectedRevision: 0 },
        ],
      },
    });
    expect(saved.saveAnswers.assessment.status).toBe('IN_PROGRESS');
    expect(questionKeys(saved.saveAnswers.assessment)).toEqual([
      'tls',
      'tls_version',
      'hsm',
      'notes',
    ]);
    expect(saved.saveAnswers.assessment.progress).toEqual({ answered: 2, required: 3 });

    const stale = await vendor.request(SAVE, {
      input: {
        assessmentId: assessment.id,
        answers: [{ questionKey: 'tls', value: false, expectedRevision: 0 }],
      },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { questionKey: 'tls', revision: 1, value: true, notApplicable: false },
    });

    // A batch with one stale answer writes none of it, the fresh ones included.
    const mixed = await vendor.request(SAVE, {
      input: {
        assessmentId: assessment.id,
        answers: [
          { questionKey: 'hsm', value: true, comment: 'Keys in an HSM', expectedRevision: 1 },
          { questionKey: 'tls_version', value: 'tls12', expectedRevision: 2 },
        ],
      },
    });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { questionKey: 'tls_version', revision: 0, value: null, notApplicable: false },
      fields: [{ path: 'input.answers[1].expectedRevision', message: 'is stale' }],
    });
    const answerOf = async (key: string) =>
      (
        await vendor.data<{ vendorAssessment: VendorView }>(VIEW, { id: assessment.id })
      ).vendorAssessment.sections
        .flatMap((section) => section.questions)
        .find((question) => question.key === key)?.answer;
    expect(await answerOf('hsm')).toMatchObject({ notApplicable: true, revision: 1 });
    expect(await answerOf('tls_version')).toBeNull();

    // A comment given replaces the saved one (trimmed); left out, it stays.
    const SAVE_COMMENT = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) {
      answers { questionKey comment revision } } }`;
    const saveHsm = async (answer: Record<string, unknown>) =>
      (
        await vendor.data<{ saveAnswers: { answers: unknown[] } }>(SAVE_COMMENT, {
          input: {
            assessmentId: assessment.id,
            answers: [{ questionKey: 'hsm', notApplicable: true, ...answer }],
          },
        })
      ).saveAnswers.answers;
    expect(await saveHsm({ comment: ' No keys held ', expectedRevision: 1 })).toEqual([
      { questionKey: 'hsm', comment: 'No keys held', revision: 2 },
    ]);
    expect(await saveHsm({ expectedRevision: 2 })).toEqual([
      { questionKey: 'hsm', comment: 'No keys held', revision: 3 },
    ]);

    const incomplete = await vendor.data<{
      submitAssessment: { submitted: boolean; missing: unknown[]; assessment: { status: string } };
    }>(SUBMIT, { id: assessment.id });
    expect(incomplete.submitAssessment).toEqual({
      submitted: false,
      missing: [
        { questionKey: 'tls', sectionKey: 'encryption', reason: 'EVIDENCE' },
        { questionKey: 'tls_version', sectionKey: 'encryption', reason: 'ANSWER' },
      ],
      assessment: { status: 'IN_PROGRESS' },
    });

    const upload = await uploadFile(t.url, bearer(vendorToken), {
      name: 'tls.pdf',
      content: minimalPdf('tls'),
    });
    expect(upload.status).toBe(201);
    await vendor.data(SAVE, {
      input: {
        assessmentId: assessment.id,
        answers: [
          {
            questionKey: 'tls',
            value: true,
            evidenceFileIds: [upload.body.id],
            expectedRevision: 1,
          },
          { questionKey: 'tls_version', value: 'tls12', expectedRevision: 0 },
        ],
      },
    });
    const preview = await riskOwner.data<{ scorePreview: { score: number } }>(
      'query($id: ID!) { scorePreview(assessmentId: $id) { score } }',
      { id: assessment.id },
    );
    // tls 10/10, tls_version 5/10, hsm not applicable: 15 of 20.
    expect(preview.scorePreview.score).toBe(75);

    const done = await vendor.data<{
      submitAssessment: { submitted: boolean; assessment: { status: string } };
    }>(SUBMIT, { id: assessment.id });
    expect(done.submitAssessment).toMatchObject({
      submitted: true,
      assessment: { status: 'SUBMITTED' },
    });
    const internal = await riskOwner.data<{
      assessment: {
        status: string;
        overallScore: number;
        score: {
          algorithm: string;
          sections: Array<{ questions: Array<{ key: string; status: string; reason: string }> }>;
        };
        answers: Array<{ questionKey: string; evidenceFileIds: string[] }>;
      };
    }>(
      `query($id: ID!) { assessment(id: $id) { status overallScore score { algorithm sections { questions { key status reason } } }
        answers { questionKey evidenceFileIds } } }`,
      { id: assessment.id },
    );
    expect(internal.assessment).toMatchObject({ status: 'SUBMITTED', overallScore: 75 });
    expect(internal.assessment.score.algorithm).toBe('assay-score/1');
    expect(internal.assessment.score.sections[0]!.questions.map((q) => [q.key, q.status])).toEqual([
      ['tls', 'SCORED'],
      ['tls_version', 'SCORED'],
      ['hsm', 'NOT_APPLICABLE'],
      ['notes', 'UNANSWERED'],
    ]);
    expect(
      internal.assessment.answers.find((a) => a.questionKey === 'tls')!.evidenceFileIds,
    ).toEqual([upload.body.id]);
    // A page reads its assessments without their scores; a score asked for there is the same.
    const page = await riskOwner.data<{
      assessments: { nodes: Array<{ id: string; score: unknown }> };
    }>(
      `{ assessments(first: 50) { nodes { id score { algorithm sections { questions { key status reason } } } } } }`,
    );
    expect(page.assessments.nodes.find((node) => node.id === assessment.id)!.score).toEqual(
      internal.assessment.score,
    );

    // A vendor asked for its register fields only is read as a summary; asked for more (here
    // through a fragment), whole. Both tell the same.
    const vendors = await riskOwner.data<{
      assessments: { nodes: Array<{ summary: object; whole: Record<string, unknown> }> };
    }>(`{ assessments(first: 10) { nodes {
      summary: vendor { __typename id name lifecycle tier country tags version openFindingCount }
      whole: vendor { ...Whole } } } }
      fragment Whole on Vendor { __typename id name lifecycle tier country tags version
        openFindingCount inherentRisk { score } }`);
    for (const { summary, whole } of vendors.assessments.nodes) {
      const { inherentRisk, ...rest } = whole;
      expect(summary).toEqual(rest);
      expect(typeof (inherentRisk as { score: unknown }).score).toBe('number');
    }

    // Submitted answers no longer change.
    const late = await vendor.request(SAVE, {
      input: {
        assessmentId: assessment.id,
        answers: [{ questionKey: 'notes', value: 'late', expectedRevision: 0 }],
      },
    });
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses expired, rotated, revoked and random tokens identically', async () => {
    const sent = (await send()).data!.sendAssessment.assessment;
    const firstToken = await nextToken();
    expect((await exchange(firstToken)).errors).toBeUndefined();
    await procurement.data(
      `mutation($id: ID!) { resendInvitation(input: { assessmentId: $id }) { assessment { invitation { sendCount } } } }`,
      { id: sent.id },
    );
    const secondToken = await nextToken();

    const refusal = async (token: string) => {
      const response = await exchange(token);
      return {
        code: response.errors?.[0]?.extensions?.code,
        message: response.errors?.[0]?.message,
        data: response.data,
      };
    };
    const random = await refusal('x'.repeat(43));
    expect(random.code).toBe('UNAUTHENTICATED');
    expect(await refusal(firstToken)).toEqual(random);
    expect((await exchange(secondToken)).errors).toBeUndefined();

    await procurement.data(
      `mutation($id: ID!) { revokeInvitation(input: { assessmentId: $id }) { assessment { id } } }`,
      { id: sent.id },
    );
    expect(await refusal(secondToken)).toEqual(random);

    await send({ dueDate: '2099-12-31' });
    const thirdToken = await nextToken();
    // Valid through the due date and a grace period of 14 days, refused after.
    const clock = jest.spyOn(t.app.get(Clock), 'now');
    clock.mockReturnValue(new Date('2100-01-14T12:00:00Z'));
    expect((await exchange(thirdToken)).errors).toBeUndefined();
    clock.mockReturnValue(new Date('2100-01-15T00:00:01Z'));
    expect(await refusal(thirdToken)).toEqual(random);
    clock.mockRestore();
  });

  it('pages through assessments by cursor, newest first, whatever the nodes ask for', async () => {
    for (let i = 0; i < 3; i++) {
      await send();
      await nextToken(); // each invitation email is taken, as the other tests expect
    }
    const all = await riskOwner.data<{
      assessments: { nodes: Array<{ id: string; createdAt: string }> };
    }>(`{ assessments(first: 100) { nodes { id createdAt } } }`);
    const ids = all.assessments.nodes.map((node) => node.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const times = all.assessments.nodes.map((node) => node.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    // Nodes that ask for their ids only, and the page info's cursors.
    type Page = {
      assessments: {
        nodes: Array<{ id: string }>;
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const PAGE = `query($after: String) { assessments(first: 2, after: $after) {
      nodes { id } pageInfo { endCursor hasNextPage } } }`;
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await riskOwner.data<Page>(PAGE, { after });
      walked.push(...page.assessments.nodes.map((node) => node.id));
      if (!page.assessments.pageInfo.hasNextPage) break;
      after = page.assessments.pageInfo.endCursor;
    }
    expect(walked).toEqual(ids);

    // The edges' cursors are the same, whether or not the nodes ask for their creation time.
    const edges = (fields: string) =>
      riskOwner
        .data<{ assessments: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
          `{ assessments(first: 3) { edges { cursor node { ${fields} } } } }`,
        )
        .then((page) => page.assessments.edges);
    const bare = await edges('id');
    expect(await edges('id createdAt')).toEqual(
      bare.map((edge, i) => ({ ...edge, node: { ...edge.node, createdAt: times[i] } })),
    );
    const next = await riskOwner.data<{ assessments: { nodes: Array<{ id: string }> } }>(
      `query($after: String) { assessments(first: 1, after: $after) { nodes { id } } }`,
      { after: bare[1]!.cursor },
    );
    expect(next.assessments.nodes.map((node) => node.id)).toEqual([ids[2]]);
    for (const [args, path] of [
      [{ first: 101 }, 'first'],
      [{ first: 2, after: 'not-a-cursor' }, 'after'],
    ] as const) {
      const refused = await riskOwner.request(
        `query($first: Int, $after: String) { assessments(first: $first, after: $after) { nodes { id } } }`,
        args,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path }],
      });
    }
  });

  it('keeps a vendor contact to its own assessment', async () => {
    const mine = (await send()).data!.sendAssessment.assessment;
    const token = await nextToken();
    const other = (await send()).data!.sendAssessment.assessment;
    await nextToken();
    const session = (await exchange(token)).data!.exchangeInvitation;
    const vendor = t.gql.withToken(session.accessToken);
    expect(session.assessmentId).toBe(mine.id);
    const otherId = other.id;
    const response = await vendor.request(VIEW, { id: otherId });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const internal = await vendor.request('query($id: ID!) { assessment(id: $id) { id } }', {
      id: session.assessmentId,
    });
    expect(internal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('never loses an applied save among 50 concurrent ones from two sessions', async () => {
    const sent = (await send()).data!.sendAssessment.assessment;
    const token = await nextToken();
    const sessions = await Promise.all(
      [1, 2].map(async () =>
        t.gql.withToken((await exchange(token)).data!.exchangeInvitation.accessToken),
      ),
    );
    const applied: Array<{ value: string; revision: number }> = [];
    let conflicts = 0;
    await Promise.all(
      sessions.map(async (session, s) => {
        let known = 0;
        const pending = [];
        for (let i = 0; i < 25; i += 1) {
          const value = `session ${s} save ${i}`;
          pending.push(
            session
              .request<{ saveAnswers: { answers: Array<{ revision: number }> } }>(SAVE, {
                input: {
                  assessmentId: sent.id,
                  answers: [{ questionKey: 'notes', value, expectedRevision: known }],
                },
              })
              .then((response) => {
                if (response.errors) {
                  expect(response.errors[0]!.extensions?.code).toBe('CONFLICT');
                  conflicts += 1;
                  known = (response.errors[0]!.extensions?.current as { revision: number })
                    .revision;
                } else {
                  const revision = response.data!.saveAnswers.answers[0]!.revision;
                  applied.push({ value, revision });
                  known = revision;
                }
              }),
          );
          if (i % 5 === 4) await Promise.all(pending.splice(0));
        }
        await Promise.all(pending);
      }),
    );
    expect(applied.length + conflicts).toBe(50);
    expect(applied.length).toBeGreaterThan(0);
    const final = (await sessions[0]!.data<{ vendorAssessment: VendorView }>(VIEW, { id: sent.id }))
      .vendorAssessment;
    const notes = final.sections[0]!.questions.find(
      (question) => question.key === 'notes',
    )!.answer!;
    // Every applied save made exactly one revision, and the last one's value is what is stored.
    expect(notes.revision).toBe(applied.length);
    expect(new Set(applied.map((save) => save.revision)).size).toBe(applied.length);
    const last = applied.reduce((a, b) => (a.revision > b.revision ? a : b));
    expect(notes.value).toBe(last.value);
  });

  it('judges a save that waited on the assessment by the status its holder committed', async () => {
    const sent = (await send()).data!.sendAssessment.assessment;
    const session = t.gql.withToken(
      (await exchange(await nextToken())).data!.exchangeInvitation.accessToken,
    );
    const save = (value: string, expectedRevision: number) =>
      session.request<{ saveAnswers: { answers: Array<{ revision: number }> } }>(SAVE, {
        input: {
          assessmentId: sent.id,
          answers: [{ questionKey: 'notes', value, expectedRevision }],
        },
      });
    expect((await save('first', 0)).errors).toBeUndefined();
    const owner = new pg.Client({ connectionString: t.database!.url });
    await owner.connect();
    try {
      // Another transaction holds the assessment and moves it on while the save waits for it.
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('role', 'assay_system', true)`);
      const id = Buffer.from(sent.id, 'base64url').toString().split(':')[1];
      await owner.query('SELECT 1 FROM assessment WHERE id = $1 FOR UPDATE', [id]);
      await owner.query(`UPDATE assessment SET status = 'SUBMITTED' WHERE id = $1`, [id]);
      const waiting = save('second', 1);
      await eventually(async () => {
        const { rows } = await owner.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks l
           JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE NOT l.granted AND a.datname = current_database()`,
        );
        return rows[0]!.waiting > 0;
      });
      await owner.query('COMMIT');
      const late = await waiting;
      expect(late.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        current: { status: 'SUBMITTED' },
      });
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('role', 'assay_system', true)`);
      const { rows } = await owner.query<{ value: unknown; revision: number }>(
        `SELECT value, revision FROM answer WHERE assessment_id = $1 AND question_key = 'notes'`,
        [id],
      );
      await owner.query('COMMIT');
      expect(rows).toEqual([{ value: 'first', revision: 1 }]);
    } finally {
      await owner.end();
    }
  });
});
