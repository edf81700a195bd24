import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, JobName, QueueBackend, Role, jobId } from '#core';
import { createAgreement } from '../factories/agreement.factory.js';
import { invitationToken, publishQuestionnaire } from '../factories/assessment.factory.js';
import { minimalPdf } from '../factories/file.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
  type TestMember,
} from '../factories/identity.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { eventually } from '../utils/eventually.js';
import { bearer, uploadFile } from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { readMailbox, type ReceivedEmail } from '../utils/mailbox.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const DAY_MS = 86_400_000;
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
        },
      ],
    },
  ],
};
const EXCHANGE = `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`;
const day = (offset: number, from = Date.now()) =>
  new Date(from + offset * DAY_MS).toISOString().slice(0, 10);

describe('reminders, escalation and expiry, each sent once', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let procurementToken: string;
  let procurement: GraphqlClient;
  let procurementEmail: string;
  let members: { riskOwner: TestMember; businessOwner: TestMember };
  let memberIds: { riskOwner: string; businessOwner: string };
  let versionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganization(t.app, { name: 'Acme Holdings' });
    admin = t.gql.withToken(await signInToken(t.gql, owner));
    const procurementMember = await addMember(t.app, owner.organizationId, Role.Procurement);
    procurementToken = await signInToken(t.gql, procurementMember);
    procurementEmail = procurementMember.email;
    procurement = t.gql.withToken(procurementToken);
    members = {
      riskOwner: await addMember(t.app, owner.organizationId, Role.RiskOwner),
      businessOwner: await addMember(t.app, owner.organizationId, Role.Viewer),
    };
    const listed = await admin.data<{
      members: { nodes: Array<{ id: string; user: { email: string } }> };
    }>('{ members { nodes { id user { email } } } }');
    const idOf = (email: string) => listed.members.nodes.find((m) => m.user.email === email)!.id;
    memberIds = {
      riskOwner: idOf(members.riskOwner.email),
      businessOwner: idOf(members.businessOwner.email),
    };
    versionId = await publishQuestionnaire(admin, DEFINITION);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t?.close();
  });

  const sweepAt = async (iso: number) => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(iso));
    await t.app.get(QueueBackend).add([
      {
        name: JobName.SweepReminders,
        data: {},
        jobId: jobId(JobName.SweepReminders, `test-${iso}-${Math.random()}`),
      },
    ]);
    await waitForQueues(t.app);
  };

  const mailTo = async (email: string): Promise<ReceivedEmail[]> =>
    (await readMailbox(t.config)).filter((mail) => mail.to === email);

  it('reminds the contact before the due date, then after it, then escalates to the risk owner, once per occasion', async () => {
    const vendor = await createVendor(procurement, {
      name: 'Call Centre Ltd',
      riskOwnerId: memberIds.riskOwner,
    });
    const email = 'dpo@callcentre.example';
    const contact = await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId: vendor.id, name: '王芳', email, language: 'ZH_CN', primary: true } },
    );
    const dueDate = day(20);
    const dueAt = Date.parse(`${dueDate}T12:00:00Z`);
    await procurement.data(
      `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          templateVersionId: versionId,
          contactId: contact.addVendorContact.contact.id,
          dueDate,
        },
      },
    );
    const invitation = await invitationToken(t.config, email);

    // Fifteen days before: nothing yet.
    await sweepAt(dueAt - 15 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(1);

    // Fourteen days before: one reminder, in Chinese, with a fresh link; the old one stops working.
    await sweepAt(dueAt - 14 * DAY_MS);
    await sweepAt(dueAt - 13 * DAY_MS);
    const reminded = await mailTo(email);
    expect(reminded).toHaveLength(2);
    const reminder = reminded.find((mail) => !mail.text.includes(invitation))!;
    expect(reminder.subject).toContain('提醒');
    const fresh = /invitation=([A-Za-z0-9_-]{43})/.exec(reminder.text)![1]!;
    jest.restoreAllMocks();
    expect(
      (await t.gql.request(EXCHANGE, { token: invitation })).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (
        await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(EXCHANGE, {
          token: fresh,
        })
      ).exchangeInvitation.accessToken,
    ).toEqual(expect.any(String));

    // Three days before, and on the day: the three-day reminder, once.
    await sweepAt(dueAt - 2 * DAY_MS);
    await sweepAt(dueAt);
    expect(await mailTo(email)).toHaveLength(3);

    // A day late: the contact is told; a week late: again, and the risk owner hears of it.
    await sweepAt(dueAt + 1 * DAY_MS);
    await sweepAt(dueAt + 2 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(4);
    expect(await mailTo(members.riskOwner.email)).toHaveLength(0);
    await sweepAt(dueAt + 8 * DAY_MS);
    await sweepAt(dueAt + 9 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(5);
    const escalations = await mailTo(members.riskOwner.email);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.text).toContain('Call Centre Ltd');
    expect(escalations[0]!.text).toContain(email);

    // Two weeks after the due date the link has expired unanswered: the sender is told, once.
    await sweepAt(dueAt + 16 * DAY_MS);
    await sweepAt(dueAt + 17 * DAY_MS);
    const expired = (await mailTo(procurementEmail)).filter((mail) =>
      mail.subject.includes('invitation has expired'),
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]!.text).toContain('Call Centre Ltd');
    expect(await mailTo(email)).toHaveLength(5);
  });

  it('tells the risk owner before an accepted risk runs out, and when it has, once each', async () => {
    const vendor = await createVendor(procurement, {
      name: 'Archive Co',
      riskOwnerId: memberIds.riskOwner,
    });
    const riskOwner = await signIn(t.gql, members.riskOwner);
    const raised = await riskOwner.data<{ raiseFinding: { finding: { id: string } } }>(
      'mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { id } } }',
      { input: { vendorId: vendor.id, severity: 'MEDIUM', title: 'Backups are not encrypted' } },
    );
    const expiresOn = day(40);
    await riskOwner.data(
      'mutation($input: AcceptFindingRiskInput!) { acceptFindingRisk(input: $input) { finding { status } } }',
      {
        input: {
          findingId: raised.raiseFinding.finding.id,
          justification: 'Encrypted backups arrive with the new storage next quarter',
          expiresOn,
        },
      },
    );
    const lastDay = Date.parse(`${expiresOn}T12:00:00Z`);
    const notices = async () =>
      (await mailTo(members.riskOwner.email)).filter(
        (mail) =>
          mail.subject.includes('accepted risk') && mail.text.includes('Backups are not encrypted'),
      );
    await sweepAt(lastDay - 15 * DAY_MS);
    expect(await notices()).toHaveLength(0);
    await sweepAt(lastDay - 14 * DAY_MS);
    await sweepAt(lastDay - 3 * DAY_MS);
    const soon = await notices();
    expect(soon).toHaveLength(1);
    expect(soon[0]!.subject).toContain('accepted risk runs out in 14 days');
    await sweepAt(lastDay + DAY_MS);
    await sweepAt(lastDay + 2 * DAY_MS);
    const after = await notices();
    expect(after).toHaveLength(2);
    expect(after.map((mail) => mail.subject)).toContainEqual(
      expect.stringContaining('accepted risk has run out'),
    );
  });

  it('tells the business owner before an agreement expires, and expires it the day after its last day', async () => {
    const vendor = await createVendor(procurement, {
      name: 'Payroll Co',
      businessOwnerId: memberIds.businessOwner,
    });
    const upload = await uploadFile(t.url, bearer(procurementToken), {
      name: 'signed-dpa.pdf',
      content: minimalPdf('Payroll DPA'),
    });
    const expiryDate = day(90);
    const expiresAt = Date.parse(`${expiryDate}T12:00:00Z`);
    const dpa = await createAgreement(procurement, {
      vendorId: vendor.id,
      type: 'DPA',
      effectiveDate: day(-300),
      expiryDate,
      documentFileId: (upload.body as { id: string }).id,
      signatories: [
        {
          party: 'ORGANIZATION',
          name: 'Olga Owner',
          signedAt: new Date(Date.now() - 300 * DAY_MS).toISOString(),
        },
        {
          party: 'VENDOR',
          name: 'Ann Vendor',
          email: 'ann@payroll.example',
          signedAt: new Date(Date.now() - 300 * DAY_MS).toISOString(),
        },
      ],
    });
    await procurement.data(
      `mutation($input: TransitionAgreementInput!) { transitionAgreement(input: $input) { agreement { status } } }`,
      { input: { agreementId: dpa.id, to: 'SIGNED' } },
    );
    const owner = members.businessOwner.email;

    await sweepAt(expiresAt - 61 * DAY_MS);
    expect(await mailTo(owner)).toHaveLength(0);
    for (const daysLeft of [60, 45, 30, 29, 7, 1, 0]) await sweepAt(expiresAt - daysLeft * DAY_MS);
    const notices = await mailTo(owner);
    expect(notices).toHaveLength(3);
    expect(notices.every((mail) => mail.text.includes('Payroll Co'))).toBe(true);

    const statusOf = async () => {
      const viewer = await signIn(t.gql, members.businessOwner);
      return (
        await viewer.data<{ agreement: { status: string } }>(
          `query($id: ID!) { agreement(id: $id) { status } }`,
          { id: dpa.id },
        )
      ).agreement.status;
    };
    expect(await statusOf()).toBe('SIGNED');
    await sweepAt(expiresAt + DAY_MS);
    await sweepAt(expiresAt + 2 * DAY_MS);
    expect(await statusOf()).toBe('EXPIRED');
    await eventually(async () => (await mailTo(owner)).length === 4, {
      what: 'the expiry notice',
    });
    await waitForQueues(t.app);
    expect(await mailTo(owner)).toHaveLength(4);
  });

  it("follows the organization's own reminder offsets", async () => {
    const { reassessmentPolicy } = await admin.data<{
      reassessmentPolicy: {
        version: number;
        reminders: { beforeDueDays: number[]; afterDueDays: number[] };
        tiers: Array<Record<string, unknown>>;
      };
    }>(
      '{ reassessmentPolicy { version reminders { beforeDueDays afterDueDays } tiers { tier intervalMonths templateId duePeriodDays mode } } }',
    );
    expect(reassessmentPolicy.reminders).toEqual({ beforeDueDays: [14, 3], afterDueDays: [1, 7] });
    const UPDATE = `mutation($input: UpdateReassessmentPolicyInput!) { updateReassessmentPolicy(input: $input) {
      policy { reminders { beforeDueDays afterDueDays } } } }`;
    const tiers = reassessmentPolicy.tiers;
    const invalid = await admin.request(UPDATE, {
      input: {
        tiers,
        reminders: { beforeDueDays: [5, 5], afterDueDays: [] },
        expectedVersion: reassessmentPolicy.version,
      },
    });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (invalid.errors?.[0]?.extensions?.fields as Array<{ path: string }>)
        .map((f) => f.path)
        .sort(),
    ).toEqual(['input.reminders.afterDueDays', 'input.reminders.beforeDueDays']);
    const updated = await admin.data<{
      updateReassessmentPolicy: { policy: { reminders: unknown } };
    }>(UPDATE, {
      input: {
        tiers,
        reminders: { beforeDueDays: [1, 5], afterDueDays: [2] },
        expectedVersion: reassessmentPolicy.version,
      },
    });
    expect(updated.updateReassessmentPolicy.policy.reminders).toEqual({
      beforeDueDays: [5, 1],
      afterDueDays: [2],
    });

    const vendor = await createVendor(procurement, {
      name: 'Print Shop',
      riskOwnerId: memberIds.riskOwner,
    });
    const email = 'office@printshop.example';
    const contact = await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId: vendor.id, name: 'Pat', email, language: 'EN', primary: true } },
    );
    const dueDate = day(20);
    const dueAt = Date.parse(`${dueDate}T12:00:00Z`);
    await procurement.data(
      `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          templateVersionId: versionId,
          contactId: contact.addVendorContact.contact.id,
          dueDate,
        },
      },
    );
    await invitationToken(t.config, email);
    const escalated = async () =>
      (await mailTo(members.riskOwner.email)).filter((mail) => mail.text.includes('Print Shop'));

    await sweepAt(dueAt - 14 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(1);
    await sweepAt(dueAt - 5 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(2);
    await sweepAt(dueAt - 3 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(2);
    await sweepAt(dueAt);
    expect(await mailTo(email)).toHaveLength(3);
    await sweepAt(dueAt + DAY_MS);
    expect(await mailTo(email)).toHaveLength(3);
    expect(await escalated()).toHaveLength(0);
    // The only overdue offset is the last one: it escalates.
    await sweepAt(dueAt + 2 * DAY_MS);
    expect(await mailTo(email)).toHaveLength(4);
    expect(await escalated()).toHaveLength(1);
  });
});
