import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  JobName,
  QueueBackend,
  QueueName,
  RequestContext,
  TransactionalConnection,
  jobId,
} from '#core';
import { WebhookEventType, WebhookService, deliveryJobKey } from '#webhook';
import { createOrganization, signIn } from '../factories/identity.factory.js';
import {
  createWebhookEndpoint,
  deliveriesOf,
  type DeliveryView,
} from '../factories/webhook.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startProcess, type RunningProcess } from '../utils/processes.js';
import { waitForQueues } from '../utils/queues.js';
import { startSmtpServer, type SmtpMessage, type TestSmtpServer } from '../utils/smtp-server.js';
import { startTestApp, testEnvironment, type TestApp } from '../utils/test-app.js';
import {
  signatureIsValid,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../utils/webhook-receiver.js';

/**
 * A killed worker's job is locked until its lock lapses, then the next stalled check returns it
 * to its queue: within about three times this. BullMQ's 30 s default would take minutes.
 */
const LOCK_MS = 3_000;
/** Long enough for a lapsed lock, a stalled check and a worker's start-up, with room to spare. */
const RECOVERY_TIMEOUT_MS = 45_000;

const EMAILS = `query($first: Int) {
  emailMessages(first: $first) { nodes { id recipient template status attempts lastError sentAt } }
}`;

interface EmailView {
  id: string;
  recipient: string;
  template: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

const rowId = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

describe('a worker killed (kill -9) in the middle of a send', () => {
  let database: TestDatabase;
  let api: TestApp;
  let smtp: TestSmtpServer;
  let receiver: WebhookReceiver;
  let admin: GraphqlClient;
  let organizationId: string;
  let workerEnv: Record<string, string>;
  const workers: RunningProcess[] = [];
  /** How the SMTP server treats a message before answering its DATA; set per test. */
  let holdEmail: ((message: SmtpMessage, clientGone: Promise<void>) => Promise<void>) | undefined;

  beforeAll(async () => {
    smtp = await startSmtpServer({
      beforeAccept: (message, clientGone) => holdEmail?.(message, clientGone),
    });
    receiver = await startWebhookReceiver();
    database = await createTestDatabase();
    const env = {
      SMTP_URL: smtp.url,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // The held request must end with the worker, never by its own timeout.
      WEBHOOK_TIMEOUT_MS: '30000',
      WORKER_LOCK_DURATION_MS: String(LOCK_MS),
    };
    // The API produces; worker processes consume, as in production.
    api = await startTestApp({ database, withWorker: false, env });
    // info, because startWorker waits for the worker's "consuming jobs" line.
    workerEnv = {
      ...testEnvironment('redis', database, { LOG_LEVEL: 'info', ...env }),
      QUEUE_PREFIX: api.env.QUEUE_PREFIX!,
    };
    const owner = await createOrganization(api.app, { name: 'Acme Holdings' });
    organizationId = owner.organizationId;
    admin = await signIn(api.gql, owner);
  });

  afterEach(async () => {
    holdEmail = undefined;
    await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGKILL')));
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
    await receiver?.close();
    await smtp?.close();
  });

  /** Throws, with its output, when the worker has exited: a wait for it would only time out. */
  function running(worker: RunningProcess): void {
    if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
  }

  async function startWorker(): Promise<RunningProcess> {
    const worker = startProcess('node', ['dist/apps/worker/src/main.js'], workerEnv);
    workers.push(worker);
    await eventually(
      () => {
        running(worker);
        return worker.output().includes('consuming jobs');
      },
      { timeoutMs: 30_000, what: 'the worker to start' },
    );
    return worker;
  }

  /** Emits an event as a change does, in a transaction of its own, committed. */
  const emitCommitted = () =>
    api.app
      .get(TransactionalConnection)
      .transaction(RequestContext.system('test', 'worker-crash', organizationId), (tx) =>
        api.app.get(WebhookService).emit(tx, {
          type: WebhookEventType.ReassessmentDue,
          objectType: 'Organization',
          objectId: organizationId,
          summary: { dueInDays: 30 },
        }),
      );

  const jobState = (queue: QueueName, id: string) => api.app.get(QueueBackend).jobState(queue, id);

  it('sends an email whose DATA was never acknowledged again, and the server accepts it once', async () => {
    const recipient = 'crash.invitee@acme.example';
    let held: SmtpMessage | undefined;
    let dropped: Promise<void> | undefined;
    // The first message to the recipient gets no answer until its client is gone.
    holdEmail = async (message, clientGone) => {
      if (held || !message.to.includes(recipient)) return;
      held = message;
      dropped = clientGone;
      await clientGone;
    };

    const first = await startWorker();
    await admin.data(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } } }`,
      { input: { email: recipient, role: 'VIEWER', locale: 'EN' } },
    );
    await eventually(() => (running(first), held), {
      timeoutMs: 20_000,
      what: 'the invitation’s DATA to reach the SMTP server',
    });
    const emailsTo = async () =>
      (
        await admin.data<{ emailMessages: { nodes: EmailView[] } }>(EMAILS, { first: 100 })
      ).emailMessages.nodes.filter((email) => email.recipient === recipient);
    const [inFlight] = await emailsTo();
    expect(inFlight).toMatchObject({ template: 'member-invitation', status: 'PENDING' });
    const emailId = rowId(inFlight!.id);
    const sendJob = jobId(JobName.SendEmail, emailId);
    expect(await jobState(QueueName.Notification, sendJob)).toBe('active');

    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    await dropped;
    await eventually(() => smtp.dropped.length === 1, { what: 'the held message to be dropped' });
    // Nothing accepted at the server, nothing recorded on the email.
    expect(await smtp.parsedFor(recipient)).toHaveLength(0);
    expect((await emailsTo())[0]).toMatchObject({ status: 'PENDING', attempts: 0 });

    const second = await startWorker();
    const [sent] = await eventually(
      async () => {
        running(second);
        const found = await emailsTo();
        return found[0]?.status === 'SENT' && found;
      },
      { timeoutMs: RECOVERY_TIMEOUT_MS, what: 'the next worker to send the email' },
    );
    await waitForQueues(api.app);

    // Exactly one message accepted at the server; the dropped one was the same message.
    const accepted = await smtp.parsedFor(recipient);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.messageId).toBe(`<${emailId}@assay>`);
    expect(accepted[0]!.subject).toBe('You are invited to Acme Holdings on Assay');
    const droppedMessages = smtp.dropped.filter((message) => message.to.includes(recipient));
    expect(droppedMessages).toHaveLength(1);
    expect(droppedMessages[0]!.raw.toString()).toContain(`Message-ID: <${emailId}@assay>`);
    expect(smtp.attemptsFor(recipient)).toBe(2);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(sent!.sentAt).not.toBeNull();
    expect(await jobState(QueueName.Notification, sendJob)).toBe('completed');
  }, 90_000);

  it('sends a webhook again with the same event id and body; one delivery is answered 2xx', async () => {
    const path = '/crash';
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url(path),
      eventTypes: ['REASSESSMENT_DUE'],
    });
    // The first request gets no answer until its client is gone; later ones get 200.
    const outcomes: Array<'dropped' | number> = [];
    let dropped: Promise<void> | undefined;
    receiver.answer(path, (res: ServerResponse) => {
      if (!dropped) {
        dropped = new Promise((resolve) =>
          res.on('close', () => {
            if (!res.writableFinished) outcomes.push('dropped');
            resolve();
          }),
        );
        return;
      }
      res.on('finish', () => outcomes.push(res.statusCode));
      res.writeHead(200).end('ok');
    });

    const first = await startWorker();
    expect(await emitCommitted()).toBe(1);
    await eventually(() => (running(first), receiver.at(path).length === 1), {
      timeoutMs: 20_000,
      what: 'the webhook request to reach the receiver',
    });
    const [inFlight] = await deliveriesOf(admin, endpoint.id);
    expect(inFlight).toMatchObject({ status: 'PENDING', attemptCount: 0, attempts: [] });
    const deliveryJob = jobId(JobName.WebhookDeliver, deliveryJobKey(rowId(inFlight!.id), 1, 1));
    expect(await jobState(QueueName.Webhook, deliveryJob)).toBe('active');

    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    await dropped;
    expect(outcomes).toEqual(['dropped']);

    const second = await startWorker();
    const delivery = await eventually(
      async (): Promise<DeliveryView | undefined> => {
        running(second);
        const [current] = await deliveriesOf(admin, endpoint.id);
        return current?.status === 'SUCCEEDED' ? current : undefined;
      },
      { timeoutMs: RECOVERY_TIMEOUT_MS, what: 'the next worker to deliver the webhook' },
    );
    await waitForQueues(api.app);

    // The receiver got the event twice, identically, and answered 2xx once: deduplicating by
    // Assay-Event-Id leaves one event.
    const requests = receiver.at(path);
    expect(requests).toHaveLength(2);
    expect(outcomes).toEqual(['dropped', 200]);
    const eventIds = new Set(requests.map((request) => request.headers['assay-event-id']));
    expect([...eventIds]).toEqual([delivery.eventId]);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(JSON.parse(requests[0]!.body)).toEqual(delivery.payload);
    expect(delivery.payload.id).toBe(delivery.eventId);
    for (const request of requests) {
      expect(signatureIsValid(request, secret)).toBe(true);
      expect(request.headers['assay-event-type']).toBe(WebhookEventType.ReassessmentDue);
    }
    expect(delivery).toMatchObject({
      status: 'SUCCEEDED',
      series: 1,
      attemptCount: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ series: 1, attempt: 1, statusCode: 200, error: null }),
    ]);
    expect(await jobState(QueueName.Webhook, deliveryJob)).toBe('completed');
  }, 90_000);
});
