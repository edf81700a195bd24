import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_JOB_ATTEMPTS,
  JobName,
  QueueBackend,
  QueueName,
  RequestContext,
  Role,
  TransactionalConnection,
  jobId,
} from '#core';
import { EmailService, type EmailTemplateName } from '#notification';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
} from '../factories/identity.factory.js';
import { createTemplate } from '../factories/questionnaire.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { eventually } from '../utils/eventually.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { waitForQueues } from '../utils/queues.js';
import { startSmtpServer, type TestSmtpServer } from '../utils/smtp-server.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const PUBLIC_URL = 'https://assay.example.test';
const SMTP_PASSWORD = 'smtp secret 7Kq!';

/** Addresses the SMTP server treats specially. */
const GONE = 'gone@rejects.example';
const FLAKY = 'flaky@greylists.example';
const DOWN = 'down@greylists.example';

const EMAILS = `query($filter: EmailMessageFilterInput, $first: Int) {
  emailMessages(filter: $filter, first: $first) {
    totalCount
    nodes { id recipient template locale status attempts lastError createdAt sentAt }
  }
}`;

interface EmailView {
  id: string;
  recipient: string;
  template: string;
  locale: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const rowId = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

describe('email for real: SMTP delivery, failures and what admins see', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: GraphqlClient;
  let organizationId: string;

  const emailsTo = async (recipient: string, statuses?: string[]) =>
    (
      await admin.data<{ emailMessages: { nodes: EmailView[] } }>(EMAILS, {
        first: 100,
        filter: statuses ? { statuses } : null,
      })
    ).emailMessages.nodes.filter((email) => email.recipient === recipient);

  const inviteMember = (email: string) =>
    admin.data(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } } }`,
      { input: { email, role: 'VIEWER', locale: 'EN' } },
    );

  beforeAll(async () => {
    smtp = await startSmtpServer({
      user: 'assay-mailer',
      password: SMTP_PASSWORD,
      rcpt: (address, attempt) => {
        if (address === GONE)
          return { code: 550, text: '5.1.1 <gone@rejects.example>: no mailbox' };
        if (address === FLAKY && attempt === 1) return { code: 451, text: '4.7.1 Greylisted' };
        if (address === DOWN) return { code: 421, text: '4.3.2 Service shutting down' };
        return null;
      },
    });
    t = await startTestApp({
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        MAIL_FROM: 'Assay Notifications <notify@assay.example.test>',
      },
    });
    const member = await createOrganization(t.app, { name: 'Acme Holdings' });
    organizationId = member.organizationId;
    admin = t.gql.withToken(await signInToken(t.gql, member));
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends a vendor contact’s invitation over SMTP, in Chinese, with a working link in both parts', async () => {
    const { version } = await createTemplate(admin, {
      name: 'Breach readiness',
      fromLibrary: 'breach-readiness-quick-check',
    });
    const vendor = await createVendor(admin, { name: 'Payroll Co' });
    const contactEmail = 'wang.fang@payroll.example';
    const contact = await admin.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          name: '王芳',
          email: contactEmail,
          language: 'ZH_CN',
          primary: true,
        },
      },
    );
    await admin.data(
      `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          templateVersionId: version.id,
          contactId: contact.addVendorContact.contact.id,
          dueDate: '2099-12-31',
        },
      },
    );

    const [email] = await eventually(
      async () => {
        const parsed = await smtp.parsedFor(contactEmail);
        return parsed.length > 0 ? parsed : undefined;
      },
      { what: 'the invitation at the SMTP server' },
    );
    const received = smtp.messages.find((message) => message.to.includes(contactEmail))!;
    expect(received.user).toBe('assay-mailer');
    expect(email!.from?.value[0]).toMatchObject({
      name: 'Assay Notifications',
      address: 'notify@assay.example.test',
    });
    expect(email!.subject).toBe('「Acme Holdings」邀请Payroll Co填写隐私与安全问卷');
    expect(email!.headers.get('content-language')).toBe('zh-CN');
    expect(email!.text).toContain('2099年12月31日');
    const link = /https:\/\/\S+#invitation=([A-Za-z0-9_-]{43})/.exec(email!.text ?? '');
    expect(link?.[0].startsWith(`${PUBLIC_URL}/vendor/assessment#invitation=`)).toBe(true);
    expect(typeof email!.html).toBe('string');
    const html = email!.html as string;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<a href="${link![0]}">`);
    expect(html).toContain('「Acme Holdings」邀请Payroll Co填写问卷');

    // The token in the link is the real one: it opens the assessment.
    const exchanged = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(
      `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`,
      { token: link![1] },
    );
    expect(exchanged.exchangeInvitation.accessToken).toBeTruthy();

    const [message] = await eventually(
      async () => {
        const found = await emailsTo(contactEmail, ['SENT']);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the invitation to show as SENT' },
    );
    expect(message).toMatchObject({
      template: 'assessment-invitation',
      locale: 'ZH_CN',
      status: 'SENT',
      attempts: 1,
      lastError: null,
    });
    expect(message!.sentAt).not.toBeNull();
    expect(email!.messageId).toBe(`<${rowId(message!.id)}@assay>`);
  });

  it('marks an email the server refuses for good (550) FAILED after one attempt, with the answer for admins', async () => {
    await inviteMember(GONE);
    const [failed] = await eventually(
      async () => {
        const found = await emailsTo(GONE, ['FAILED']);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the refused email to show as FAILED' },
    );
    expect(failed).toMatchObject({ template: 'member-invitation', status: 'FAILED', attempts: 1 });
    expect(failed!.lastError).toContain('550');
    expect(failed!.lastError).toContain('no mailbox');
    expect(failed!.lastError).toContain(`127.0.0.1:${smtp.port}`);
    expect(failed!.lastError).not.toContain(SMTP_PASSWORD);
    expect(failed!.lastError).not.toContain(encodeURIComponent(SMTP_PASSWORD));
    expect(failed!.sentAt).toBeNull();

    // Not retried: the job ends, and the server was asked once.
    const backend = t.app.get(QueueBackend);
    await eventually(
      async () =>
        (await backend.jobState(
          QueueName.Notification,
          jobId(JobName.SendEmail, rowId(failed!.id)),
        )) === 'completed',
      { what: 'the send job to end' },
    );
    await waitForQueues(t.app);
    expect(smtp.attemptsFor(GONE)).toBe(1);
    expect(await smtp.parsedFor(GONE)).toHaveLength(0);
  });

  it('retries a temporary refusal (451) with backoff and delivers once', async () => {
    await inviteMember(FLAKY);
    const [sent] = await eventually(
      async () => {
        const found = await emailsTo(FLAKY, ['SENT']);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the greylisted email to be delivered on retry' },
    );
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    await waitForQueues(t.app);
    expect(smtp.attemptsFor(FLAKY)).toBe(2);
    const delivered = await smtp.parsedFor(FLAKY);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.subject).toBe('You are invited to Acme Holdings on Assay');
    expect(delivered[0]!.text).toBeTruthy();
    expect(delivered[0]!.html).toBeTruthy();
  });

  it('gives up on a temporary failure at the last attempt, and later deliveries send nothing', async () => {
    await inviteMember(DOWN);
    const [pending] = await eventually(
      async () => {
        const found = await emailsTo(DOWN);
        return found[0]?.lastError ? found : undefined;
      },
      { what: 'the first failed attempt to be recorded' },
    );
    expect(pending).toMatchObject({ status: 'PENDING' });
    expect(pending!.lastError).toContain('421');

    // The queue's last delivery of the job, run as the queue runs it (the real backoff would
    // take minutes to get there).
    const emailId = rowId(pending!.id);
    const before = smtp.attemptsFor(DOWN);
    await expect(
      t.app.get(EmailService).deliver(
        RequestContext.system('test', 'test'),
        { emailId },
        {
          id: jobId(JobName.SendEmail, emailId),
          name: JobName.SendEmail,
          attempt: DEFAULT_JOB_ATTEMPTS,
          signal: new AbortController().signal,
        },
      ),
    ).rejects.toThrow(/421/);
    expect(smtp.attemptsFor(DOWN)).toBe(before + 1);
    const [failed] = await emailsTo(DOWN, ['FAILED']);
    expect(failed).toMatchObject({ status: 'FAILED' });
    expect(failed!.attempts).toBeGreaterThanOrEqual(2);
    expect(failed!.lastError).toContain('421');

    // The queue's own retries still arrive, find the email FAILED and send nothing.
    const attemptsAtFailure = smtp.attemptsFor(DOWN);
    await eventually(
      async () =>
        (await t.app
          .get(QueueBackend)
          .jobState(QueueName.Notification, jobId(JobName.SendEmail, emailId))) === 'completed',
      { what: 'the retried job to end without sending', timeoutMs: 20_000 },
    );
    expect(smtp.attemptsFor(DOWN)).toBe(attemptsAtFailure);
    expect((await emailsTo(DOWN))[0]).toMatchObject({
      status: 'FAILED',
      attempts: failed!.attempts,
    });
  });

  it('fails an email that cannot be rendered at once, without contacting the server', async () => {
    const broken = 'broken@vendor.example';
    const ctx = RequestContext.system('test', 'test');
    const connection = t.app.get(TransactionalConnection);
    await connection.systemTransaction(ctx, (tx) =>
      t.app.get(EmailService).send(tx, {
        to: broken,
        // A template name this version does not know (e.g. written by a newer one).
        template: 'no-such-template' as EmailTemplateName,
        locale: 'en',
        organizationId,
        params: {} as never,
      }),
    );
    const [failed] = await eventually(
      async () => {
        const found = await emailsTo(broken, ['FAILED']);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the unrenderable email to show as FAILED' },
    );
    expect(failed).toMatchObject({ template: 'no-such-template', attempts: 1 });
    expect(failed!.lastError).toContain('Cannot render');
    expect(smtp.attemptsFor(broken)).toBe(0);
  });

  it('lists only to admins, only the organization’s own emails, and never their parameters', async () => {
    const mine = await admin.data<{ emailMessages: { totalCount: number; nodes: EmailView[] } }>(
      EMAILS,
      { first: 100 },
    );
    expect(mine.emailMessages.totalCount).toBeGreaterThanOrEqual(4);
    const failedOnly = await admin.data<{ emailMessages: { nodes: EmailView[] } }>(EMAILS, {
      filter: { statuses: ['FAILED'] },
    });
    expect(failedOnly.emailMessages.nodes.map((email) => email.recipient).sort()).toEqual(
      [DOWN, GONE, 'broken@vendor.example'].sort(),
    );
    // Newest first.
    const times = mine.emailMessages.nodes.map((email) => Date.parse(email.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // node(id:) refetches one, for the admin.
    const one = mine.emailMessages.nodes[0]!;
    const refetched = await admin.data<{ node: { id: string; recipient: string } }>(
      'query($id: ID!) { node(id: $id) { id ... on EmailMessage { recipient status } } }',
      { id: one.id },
    );
    expect(refetched.node).toMatchObject({ id: one.id, recipient: one.recipient });

    // The stored parameters (tokens, links) are not part of the API at all.
    const params = await admin.request('{ emailMessages { nodes { id params sealedParams } } }');
    expect(params.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Members in other roles, API keys and anonymous callers are refused.
    for (const role of [Role.Procurement, Role.RiskOwner, Role.Viewer]) {
      const member = await signIn(t.gql, await addMember(t.app, organizationId, role));
      const refused = await member.request(EMAILS);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data?.emailMessages ?? null).toBeNull();
      const byNode = await member.request('query($id: ID!) { node(id: $id) { id } }', {
        id: one.id,
      });
      expect(byNode.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const key = await admin.data<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { name: "reporting", scopes: [READ, WRITE] }) { key } }',
    );
    const withKey = new GraphqlClient(t.gql.url, { 'x-api-key': key.createApiKey.key });
    expect((await withKey.request(EMAILS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql.request(EMAILS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Another organization's admin sees none of them, not even by id.
    const other = t.gql.withToken(
      await signInToken(t.gql, await createOrganization(t.app, { name: 'Other Org' })),
    );
    const theirs = await other.data<{ emailMessages: { totalCount: number } }>(EMAILS);
    expect(theirs.emailMessages.totalCount).toBe(0);
    const aimed = await other.request('query($id: ID!) { node(id: $id) { id } }', { id: one.id });
    expect(aimed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
