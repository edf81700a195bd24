import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AssessmentService, FindingService } from '#assessment';
import { RequestContext, Role, TransactionalConnection } from '#core';
import {
  SAVE_ANSWERS,
  SUBMIT_ASSESSMENT,
  addContact,
  answerAndSubmit,
  invitationToken,
  publishQuestionnaire,
  sendToVendor,
} from '../factories/assessment.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { eventually } from '../utils/eventually.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { readMailbox, type ReceivedEmail } from '../utils/mailbox.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/** tls fails a HIGH knockout when "no" (a finding at submission); mfa is scored. */
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
          text: { en: 'Is data encrypted in transit?', 'zh-CN': '传输中的数据是否加密？' },
          required: true,
          points: { yes: 10, no: 0 },
          knockout: { failWhen: { equals: { question: 'tls', value: false } }, severity: 'HIGH' },
        },
        {
          key: 'mfa',
          type: 'BOOLEAN',
          text: {
            en: 'Do all staff sign in with MFA?',
            'zh-CN': '所有员工是否都使用多因素认证登录？',
          },
          required: true,
          points: { yes: 10, no: 0 },
        },
      ],
    },
  ],
};
const QUESTIONNAIRE = 'Lifecycle check';

const EXCHANGE = `mutation($token: String!) { exchangeInvitation(input: { token: $token }) {
  accessToken assessmentId } }`;
const START = `mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status } } }`;
const COMPLETE = `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) {
  assessment { status residualRating } } }`;
const RAISE = `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { id } } }`;
const EMAILS = `{ emailMessages(first: 100) { nodes { recipient template locale } } }`;

const rowId = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** One organization of its own per case, so its email list is that case's. */
interface Organization {
  readonly owner: TestMember;
  readonly admin: GraphqlClient;
  readonly procurement: TestMember;
  readonly procurementClient: GraphqlClient;
  readonly riskOwner: TestMember;
  readonly riskOwnerClient: GraphqlClient;
  /** A viewer who owns vendors on the business side. */
  readonly business: TestMember;
  /** Membership ids by email. */
  readonly memberIds: ReadonlyMap<string, string>;
  readonly versionId: string;
}

describe('lifecycle emails: submitted, changes requested, decision, findings', () => {
  let t: TestApp;

  const setUp = async (name: string): Promise<Organization> => {
    const owner = await createOrganization(t.app, { name });
    const admin = await signIn(t.gql, owner);
    const procurement = await addMember(t.app, owner.organizationId, Role.Procurement);
    const riskOwner = await addMember(t.app, owner.organizationId, Role.RiskOwner);
    const business = await addMember(t.app, owner.organizationId, Role.Viewer);
    const members = await admin.data<{
      members: { nodes: Array<{ id: string; user: { email: string } }> };
    }>('{ members { nodes { id user { email } } } }');
    return {
      owner,
      admin,
      procurement,
      procurementClient: await signIn(t.gql, procurement),
      riskOwner,
      riskOwnerClient: await signIn(t.gql, riskOwner),
      business,
      memberIds: new Map(members.members.nodes.map((node) => [node.user.email, node.id])),
      versionId: await publishQuestionnaire(admin, DEFINITION, QUESTIONNAIRE),
    };
  };

  /** The organization's emails as `template recipient locale`, sorted; invitations left out. */
  const queued = async (org: Organization) =>
    (
      await org.admin.data<{
        emailMessages: { nodes: Array<{ recipient: string; template: string; locale: string }> };
      }>(EMAILS)
    ).emailMessages.nodes
      .filter((email) => email.template !== 'assessment-invitation')
      .map((email) => `${email.template} ${email.recipient} ${email.locale}`)
      .sort();

  /** The one delivered email to `to` whose subject matches; fails on none or two. */
  const theEmail = async (to: string, subject: RegExp): Promise<ReceivedEmail> => {
    const matching = async () =>
      (await readMailbox(t.config)).filter(
        (email) => email.to === to && subject.test(email.subject),
      );
    await eventually(async () => (await matching()).length > 0, {
      what: `an email to ${to} about ${String(subject)}`,
    });
    // Whatever else was queued has been sent by now: a second one would show.
    await waitForQueues(t.app);
    const found = await matching();
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  const review = async (org: Organization, id: string, input: Record<string, unknown>) => {
    await org.riskOwnerClient.data(START, { id });
    return org.riskOwnerClient.data<{
      completeAssessment: { assessment: { status: string; residualRating: string } };
    }>(COMPLETE, { input: { assessmentId: id, ...input } });
  };

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('emails the sender and the risk owner at submission, and each finding to its owner or else the risk owner', async () => {
    const org = await setUp('Submission Co');
    const { procurement, riskOwner, business } = org;
    const vendor = await createVendor(org.procurementClient, {
      name: 'Submit Hosting Ltd',
      riskOwnerId: org.memberIds.get(riskOwner.email),
      businessOwnerId: org.memberIds.get(business.email),
    });
    const sent = await sendToVendor(org.procurementClient, t.gql, t.config, {
      vendorId: vendor.id,
      versionId: org.versionId,
    });
    await answerAndSubmit(sent.vendor, sent.id, [
      { questionKey: 'tls', value: false },
      { questionKey: 'mfa', value: true },
    ]);
    const knockout = await org.riskOwnerClient.data<{ findings: { nodes: Array<{ id: string }> } }>(
      'query($id: ID!) { findings(filter: { assessmentId: $id }) { nodes { id } } }',
      { id: sent.id },
    );
    expect(knockout.findings.nodes).toHaveLength(1);

    // By hand: one owned by the business owner, one without an owner.
    const owned = await org.riskOwnerClient.data<{ raiseFinding: { finding: { id: string } } }>(
      RAISE,
      {
        input: {
          vendorId: vendor.id,
          severity: 'MEDIUM',
          title: 'No penetration test report',
          ownerId: org.memberIds.get(business.email),
          dueDate: '2099-06-30',
        },
      },
    );
    await org.riskOwnerClient.data(RAISE, {
      input: { vendorId: vendor.id, severity: 'LOW', title: 'Privacy notice out of date' },
    });

    expect(await queued(org)).toEqual(
      [
        `assessment-submitted ${procurement.email} EN`,
        `assessment-submitted ${riskOwner.email} EN`,
        `finding-raised ${riskOwner.email} EN`,
        `finding-raised ${business.email} EN`,
        `finding-raised ${riskOwner.email} EN`,
      ].sort(),
    );

    const subject = /^Submit Hosting Ltd submitted "Lifecycle check"$/;
    for (const to of [procurement.email, riskOwner.email]) {
      const email = await theEmail(to, subject);
      expect(email.language).toBe('en');
      expect(email.text).toContain(`${t.config.publicUrl}/assessments/${rowId(sent.id)}`);
      expect(email.text).toContain('Submission Co');
    }
    const knockoutEmail = await theEmail(
      riskOwner.email,
      /^New high-severity finding for Submit Hosting Ltd: Is data encrypted in transit\?$/,
    );
    expect(knockoutEmail.text).toContain(
      `${t.config.publicUrl}/findings/${rowId(knockout.findings.nodes[0]!.id)}`,
    );
    const ownedEmail = await theEmail(
      business.email,
      /^New medium-severity finding for Submit Hosting Ltd: No penetration test report$/,
    );
    expect(ownedEmail.text).toContain(
      `${t.config.publicUrl}/findings/${rowId(owned.raiseFinding.finding.id)}`,
    );
    expect(ownedEmail.text).toContain('June 30, 2099');
    await theEmail(riskOwner.email, /finding for Submit Hosting Ltd: Privacy notice out of date$/);
  });

  it('asks the contact for changes in their language with a fresh link; the old link stops working', async () => {
    const org = await setUp('Changes Co');
    const vendor = await createVendor(org.procurementClient, { name: '上海数据有限公司' });
    const contact = await addContact(org.procurementClient, vendor.id, 'ZH_CN');
    const sent = await org.procurementClient.data<{
      sendAssessment: { assessment: { id: string } };
    }>(
      `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          templateVersionId: org.versionId,
          contactId: contact.id,
          dueDate: '2099-12-31',
        },
      },
    );
    const id = sent.sendAssessment.assessment.id;
    const oldToken = await invitationToken(t.config, contact.email);
    const opened = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(EXCHANGE, {
      token: oldToken,
    });
    await answerAndSubmit(t.gql.withToken(opened.exchangeInvitation.accessToken), id, [
      { questionKey: 'tls', value: true },
      { questionKey: 'mfa', value: false },
    ]);

    await org.riskOwnerClient.data(START, { id });
    await org.riskOwnerClient.data(
      `mutation($input: RequestChangesInput!) { requestChanges(input: $input) { assessment { status } } }`,
      {
        input: { assessmentId: id, questionKeys: ['mfa'], comment: '请为所有员工启用多因素认证。' },
      },
    );

    const email = await theEmail(contact.email, /^「Changes Co」请上海数据有限公司修改部分答案$/);
    expect(email.language).toBe('zh-CN');
    expect(email.text).toContain('所有员工是否都使用多因素认证登录？');
    expect(email.text).not.toContain('传输中的数据是否加密？');
    expect(email.text).toContain('请为所有员工启用多因素认证。');
    const token = /invitation=([A-Za-z0-9_-]{43})/.exec(email.text)?.[1];
    expect(token).toBeDefined();
    expect(token).not.toBe(oldToken);
    // The contact's one email since the invitation; the sender heard of the submission.
    expect(await queued(org)).toEqual(
      [
        `assessment-changes-requested ${contact.email} ZH_CN`,
        `assessment-submitted ${org.procurement.email} EN`,
      ].sort(),
    );

    // The old link is refused exactly like a resent one; the new one opens the assessment.
    const refused = await t.gql.request(EXCHANGE, { token: oldToken });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reopened = await t.gql.data<{
      exchangeInvitation: { accessToken: string; assessmentId: string };
    }>(EXCHANGE, { token: token! });
    expect(reopened.exchangeInvitation.assessmentId).toBe(id);
    const invitation = await org.admin.data<{
      assessment: { invitation: { sendCount: number; revoked: boolean } };
    }>('query($id: ID!) { assessment(id: $id) { invitation { sendCount revoked } } }', { id });
    expect(invitation.assessment.invitation).toEqual({ sendCount: 2, revoked: false });

    // With it the contact changes the reopened answer and submits again.
    const vendorSession = t.gql.withToken(reopened.exchangeInvitation.accessToken);
    await vendorSession.data(SAVE_ANSWERS, {
      input: {
        assessmentId: id,
        answers: [{ questionKey: 'mfa', value: true, expectedRevision: 1 }],
      },
    });
    const resubmitted = await vendorSession.data<{ submitAssessment: { submitted: boolean } }>(
      SUBMIT_ASSESSMENT,
      { id },
    );
    expect(resubmitted.submitAssessment.submitted).toBe(true);
  });

  it('tells the sender, the business owner and the risk owner the decision, each once', async () => {
    const org = await setUp('Decision Co');
    const { procurement, riskOwner, business, owner } = org;
    const vendor = await createVendor(org.procurementClient, {
      name: 'Decided Supplies Ltd',
      riskOwnerId: org.memberIds.get(riskOwner.email),
      businessOwnerId: org.memberIds.get(business.email),
    });
    const sent = await sendToVendor(org.procurementClient, t.gql, t.config, {
      vendorId: vendor.id,
      versionId: org.versionId,
    });
    await answerAndSubmit(sent.vendor, sent.id, [
      { questionKey: 'tls', value: true },
      { questionKey: 'mfa', value: true },
    ]);
    const completed = await review(org, sent.id, {
      decision: 'APPROVED_WITH_CONDITIONS',
      note: 'Review MFA coverage every year.',
    });
    expect(completed.completeAssessment.assessment).toEqual({
      status: 'COMPLETED',
      residualRating: 'LOW',
    });
    for (const to of [procurement.email, business.email, riskOwner.email]) {
      const email = await theEmail(
        to,
        /^Decided Supplies Ltd: assessment approved with conditions$/,
      );
      expect(email.language).toBe('en');
      expect(email.text).toContain('Residual risk: low.');
      expect(email.text).toContain('Conditions:\nReview MFA coverage every year.');
      expect(email.text).toContain(`${t.config.publicUrl}/assessments/${rowId(sent.id)}`);
    }

    // The admin sends, owns the vendor on both sides, and gets one email of each kind.
    const adminMember = org.memberIds.get(owner.email);
    const own = await createVendor(org.admin, {
      name: 'Own Supplies Ltd',
      riskOwnerId: adminMember,
      businessOwnerId: adminMember,
    });
    const ownSent = await sendToVendor(org.admin, t.gql, t.config, {
      vendorId: own.id,
      versionId: org.versionId,
    });
    await answerAndSubmit(ownSent.vendor, ownSent.id, [
      { questionKey: 'tls', value: true },
      { questionKey: 'mfa', value: true },
    ]);
    await review(org, ownSent.id, { decision: 'REJECTED', note: 'Not needed any more.' });
    await theEmail(owner.email, /^Own Supplies Ltd: assessment rejected$/);
    await theEmail(owner.email, /^Own Supplies Ltd submitted "Lifecycle check"$/);

    expect(await queued(org)).toEqual(
      [
        `assessment-submitted ${procurement.email} EN`,
        `assessment-submitted ${riskOwner.email} EN`,
        `assessment-decision ${procurement.email} EN`,
        `assessment-decision ${business.email} EN`,
        `assessment-decision ${riskOwner.email} EN`,
        `assessment-submitted ${owner.email} EN`,
        `assessment-decision ${owner.email} EN`,
      ].sort(),
    );
  });

  it('skips whoever cannot be reached: a system or API key sender, a vendor without a risk owner', async () => {
    const org = await setUp('Unowned Co');
    // Sent by the platform itself (as the reassessment scheduler does): its actor id is a name.
    const unowned = await createVendor(org.admin, { name: 'Unowned Ltd' });
    const contact = await addContact(org.admin, unowned.id);
    await t.app
      .get(AssessmentService)
      .send(RequestContext.system('reassessment', 'lifecycle-e2e', org.owner.organizationId), {
        vendorId: rowId(unowned.id),
        templateVersionId: rowId(org.versionId),
        contactId: rowId(contact.id),
        dueDate: '2099-12-31',
      });
    const opened = await t.gql.data<{
      exchangeInvitation: { accessToken: string; assessmentId: string };
    }>(EXCHANGE, { token: await invitationToken(t.config, contact.email) });
    const systemSent = opened.exchangeInvitation.assessmentId;
    // A failed knockout raises a finding nobody owns: submitting still works.
    await answerAndSubmit(t.gql.withToken(opened.exchangeInvitation.accessToken), systemSent, [
      { questionKey: 'tls', value: false },
      { questionKey: 'mfa', value: true },
    ]);
    const rejected = await review(org, systemSent, { decision: 'REJECTED', note: 'No TLS.' });
    expect(rejected.completeAssessment.assessment.status).toBe('COMPLETED');

    // Sent with an API key, to a vendor whose risk owner is reachable.
    const key = await org.admin.data<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { name: "sync", scopes: [WRITE] }) { key } }',
    );
    const withKey = new GraphqlClient(t.gql.url, { 'x-api-key': key.createApiKey.key });
    const owned = await createVendor(org.admin, {
      name: 'Keyed Ltd',
      riskOwnerId: org.memberIds.get(org.riskOwner.email),
    });
    const keySent = await sendToVendor(withKey, t.gql, t.config, {
      vendorId: owned.id,
      versionId: org.versionId,
    });
    await answerAndSubmit(keySent.vendor, keySent.id, [
      { questionKey: 'tls', value: true },
      { questionKey: 'mfa', value: true },
    ]);
    await waitForQueues(t.app);

    expect(await queued(org)).toEqual([`assessment-submitted ${org.riskOwner.email} EN`]);
    const mail = await readMailbox(t.config);
    expect(mail.filter((email) => /Unowned Ltd/.test(email.subject))).toEqual([
      expect.objectContaining({ to: contact.email }),
    ]);
  });

  it('sends nothing for a change that rolls back after queuing its email', async () => {
    const org = await setUp('Rollback Co');
    const vendor = await createVendor(org.admin, {
      name: 'Rollback Ltd',
      riskOwnerId: org.memberIds.get(org.riskOwner.email),
    });
    const connection = t.app.get(TransactionalConnection);
    const findings = t.app.get(FindingService);
    const ctx = RequestContext.system('test', 'lifecycle-rollback', org.owner.organizationId);
    const raise = (tx: RequestContext) =>
      findings.raise(tx, { vendorId: rowId(vendor.id), severity: 'LOW', title: 'Rolled back' });
    let queuedInside = 0;
    await expect(
      connection.transaction(ctx, async (tx) => {
        await raise(tx);
        const [row] = (await (
          await connection.manager(tx)
        ).query(
          `SELECT count(*)::int AS n FROM email_message WHERE template = 'finding-raised'`,
        )) as Array<{
          n: number;
        }>;
        queuedInside = row!.n;
        throw new Error('a later step of the change failed');
      }),
    ).rejects.toThrow('a later step of the change failed');
    // The email was queued in the change, and went with it.
    expect(queuedInside).toBe(1);
    await waitForQueues(t.app);
    expect(await queued(org)).toEqual([]);
    expect(
      (await readMailbox(t.config)).filter((email) => email.to === org.riskOwner.email),
    ).toEqual([]);

    // The same change, committed, is emailed: the rollback is what stopped it.
    await connection.transaction(ctx, raise);
    await theEmail(org.riskOwner.email, /finding for Rollback Ltd: Rolled back$/);
    expect(await queued(org)).toEqual([`finding-raised ${org.riskOwner.email} EN`]);
  });
});
