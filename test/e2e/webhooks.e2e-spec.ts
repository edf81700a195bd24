import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, JobName, JobRegistry, RequestContext, Role, TransactionalConnection } from '#core';
import { WebhookEventType, WebhookService, WebhookSweepJob } from '#webhook';
import { createAgreement } from '../factories/agreement.factory.js';
import {
  SUBMIT_ASSESSMENT,
  answerAndSubmit,
  publishQuestionnaire,
  sendToVendor,
} from '../factories/assessment.factory.js';
import { minimalPdf } from '../factories/file.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
  signedInAdmin,
  type TestMember,
} from '../factories/identity.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import {
  CREATE_ENDPOINT,
  DELIVERY_FIELDS,
  ENDPOINT_FIELDS,
  createWebhookEndpoint,
  deliveriesOf,
  sendAnAssessment,
  type DeliveryView,
} from '../factories/webhook.factory.js';
import { eventually } from '../utils/eventually.js';
import { bearer, uploadFile } from '../utils/files.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import {
  signatureIsValid,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../utils/webhook-receiver.js';

const rowId = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** Retries in milliseconds, so a dead letter takes a moment: 20, 40, 80, 80, 80 ms. */
const FAST_RETRIES = {
  WEBHOOK_RETRY_BASE_DELAY_MS: '20',
  WEBHOOK_RETRY_MAX_DELAY_MS: '80',
  WEBHOOK_RETRY_WINDOW_MS: '300',
};
const SCHEDULE = [20, 40, 80, 80, 80];

/** tls fails a HIGH knockout when "no" (a finding at submission); mfa is scored. */
const KNOCKOUT_DEFINITION = {
  languages: ['en'],
  sections: [
    {
      key: 'security',
      title: { en: 'Security' },
      questions: [
        {
          key: 'tls',
          type: 'BOOLEAN',
          text: { en: 'Is data encrypted in transit?' },
          required: true,
          points: { yes: 10, no: 0 },
          knockout: { failWhen: { equals: { question: 'tls', value: false } }, severity: 'HIGH' },
        },
        {
          key: 'mfa',
          type: 'BOOLEAN',
          text: { en: 'Do staff sign in with MFA?' },
          required: true,
          points: { yes: 10, no: 0 },
        },
      ],
    },
  ],
};

const REDELIVER = `mutation($id: ID!) { redeliverWebhook(input: { deliveryId: $id }) { delivery { ${DELIVERY_FIELDS} } } }`;

describe('signed webhooks', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let adminMember: TestMember;
  let receiver: WebhookReceiver;
  let organizationId: string;
  let accessToken: string;

  /** Emits an event for the admin's organization in a transaction of its own, committed. */
  const emitCommitted = (summary: Record<string, string> = {}) =>
    t.app
      .get(TransactionalConnection)
      .transaction(RequestContext.system('test', 'webhooks-e2e', rowId(organizationId)), (tx) =>
        t.app.get(WebhookService).emit(tx, {
          type: WebhookEventType.ReassessmentDue,
          objectType: 'Vendor',
          objectId: rowId(organizationId),
          summary,
        }),
      );

  const deliveryOf = async (endpointId: string, status?: string): Promise<DeliveryView> =>
    eventually(
      async () => {
        const [delivery] = await deliveriesOf(admin, endpointId);
        return delivery && (!status || delivery.status === status) ? delivery : undefined;
      },
      { what: `a ${status ?? ''} delivery of ${endpointId}` },
    );

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_TIMEOUT_MS: '3000', ...FAST_RETRIES },
    });
    const signedIn = await signedInAdmin(t.app, t.gql);
    adminMember = signedIn.admin;
    accessToken = await signInToken(t.gql, adminMember);
    admin = t.gql.withToken(accessToken);
    const viewer = await admin.data<{ viewer: { organization: { id: string } } }>(
      '{ viewer { organization { id } } }',
    );
    organizationId = viewer.viewer.organization.id;
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the signing secret once: never in lists, node(id:), the audit trail or the database', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url('/secret-once'),
      eventTypes: ['ASSESSMENT_SENT', 'AGREEMENT_SIGNED'],
      description: 'GRC tool',
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      url: receiver.url('/secret-once'),
      eventTypes: ['ASSESSMENT_SENT', 'AGREEMENT_SIGNED'],
      description: 'GRC tool',
      enabled: true,
      secretRotatedAt: null,
    });
    const listed = await admin.request(
      `{ webhookEndpoints { totalCount nodes { ${ENDPOINT_FIELDS} } } }`,
    );
    const fetched = await admin.request(
      `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { ${ENDPOINT_FIELDS} } } }`,
      { id: endpoint.id },
    );
    const trail = await admin.request(
      '{ auditEvents(first: 50) { nodes { action entityType changes { field before after } } } }',
    );
    expect(JSON.stringify(trail)).toContain('webhook_endpoint.created');
    const connection = t.app.get(TransactionalConnection);
    const [row] = await connection.systemTransaction(
      RequestContext.system('test', 'sealed-secret'),
      async (tx) =>
        (await connection.manager(tx)).query(
          `SELECT sealed_secret FROM webhook_endpoint WHERE id = $1`,
          [rowId(endpoint.id)],
        ) as Promise<Array<{ sealed_secret: string }>>,
    );
    expect(row!.sealed_secret).toMatch(/^v1\./);
    const secretPart = secret.slice('whsec_'.length);
    for (const shown of [listed, fetched, trail, row]) {
      expect(JSON.stringify(shown)).not.toContain(secretPart);
    }
    expect(JSON.stringify(listed)).toContain(endpoint.id);
    expect(JSON.stringify(fetched)).toContain(endpoint.id);

    const rotated = await admin.data<{
      rotateWebhookSecret: { secret: string; endpoint: { secretRotatedAt: string | null } };
    }>(
      `mutation($id: ID!) { rotateWebhookSecret(input: { endpointId: $id }) { secret endpoint { secretRotatedAt } } }`,
      { id: endpoint.id },
    );
    expect(rotated.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.rotateWebhookSecret.secret).not.toBe(secret);
    expect(rotated.rotateWebhookSecret.endpoint.secretRotatedAt).not.toBeNull();
    await admin.data(
      `mutation($id: ID!) { deleteWebhookEndpoint(input: { endpointId: $id }) { deletedEndpointId } }`,
      { id: endpoint.id },
    );
  });

  it('keeps webhooks to admins: other roles and API keys are FORBIDDEN', async () => {
    const procurement = await signIn(
      t.gql,
      await addMember(t.app, adminMember.organizationId, Role.Procurement),
    );
    const key = await admin.data<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { name: "hooks", scopes: [WRITE] }) { key } }',
    );
    const writeKey = new GraphqlClient(t.gql.url, { 'x-api-key': key.createApiKey.key });
    for (const client of [procurement, writeKey]) {
      const created = await client.request(CREATE_ENDPOINT, {
        input: { url: receiver.url('/x'), eventTypes: ['ASSESSMENT_SENT'] },
      });
      expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const listed = await client.request('{ webhookDeliveries { totalCount } }');
      expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses bad endpoints with BAD_USER_INPUT naming the field', async () => {
    const attempts: Array<[Record<string, unknown>, string]> = [
      [{ url: 'ftp://hooks.example/x', eventTypes: ['ASSESSMENT_SENT'] }, 'input.url'],
      [{ url: 'https://user:pw@127.0.0.1/x', eventTypes: ['ASSESSMENT_SENT'] }, 'input.url'],
      [{ url: receiver.url('/x'), eventTypes: [] }, 'input.eventTypes'],
    ];
    for (const [input, path] of attempts) {
      const response = await admin.request(CREATE_ENDPOINT, { input });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(response.errors?.[0]?.extensions?.fields)).toContain(path);
    }
  });

  it('delivers assessment.sent from sendAssessment exactly once, signed with the secret', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url('/sent'),
      eventTypes: ['ASSESSMENT_SENT'],
    });
    const other = await createWebhookEndpoint(admin, {
      url: receiver.url('/agreements-only'),
      eventTypes: ['AGREEMENT_SIGNED'],
    });
    const disabled = await createWebhookEndpoint(admin, {
      url: receiver.url('/disabled'),
      eventTypes: ['ASSESSMENT_SENT'],
    });
    await admin.data(
      `mutation($id: ID!) { updateWebhookEndpoint(input: { endpointId: $id, enabled: false }) { endpoint { enabled } } }`,
      { id: disabled.endpoint.id },
    );

    const assessment = await sendAnAssessment(admin);
    const delivery = await deliveryOf(endpoint.id, 'SUCCEEDED');
    await waitForQueues(t.app);

    const [request, ...more] = receiver.at('/sent');
    expect(more).toEqual([]);
    expect(signatureIsValid(request!, secret)).toBe(true);
    expect(signatureIsValid({ ...request!, body: `${request!.body} ` }, secret)).toBe(false);
    expect(signatureIsValid(request!, other.secret)).toBe(false);
    // A replay more than five minutes later is refused by the same check.
    expect(signatureIsValid(request!, secret, Math.floor(Date.now() / 1000) + 301)).toBe(false);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Assay-Webhooks/1',
      'assay-event-type': 'assessment.sent',
      'assay-event-id': delivery.eventId,
    });
    const payload = JSON.parse(request!.body) as DeliveryView['payload'];
    expect(payload).toEqual({
      id: delivery.eventId,
      type: 'assessment.sent',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      organizationId,
      data: {
        object: { type: 'Assessment', id: assessment.id },
        summary: {
          vendorId: assessment.vendorId,
          vendorName: 'Webhook Vendor Ltd',
          cycle: 'INITIAL',
          dueDate: '2099-12-31',
        },
      },
    });
    expect(delivery).toMatchObject({
      status: 'SUCCEEDED',
      eventType: 'ASSESSMENT_SENT',
      attemptCount: 1,
      lastStatusCode: 200,
      lastError: null,
      payload,
      endpoint: { id: endpoint.id },
    });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ series: 1, attempt: 1, statusCode: 200, nextAttemptAt: null }),
    ]);
    // The object id is one the API answers node(id:) with.
    const node = await admin.data<{ node: { id: string } }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: payload.data.object.id },
    );
    expect(node.node.id).toBe(assessment.id);

    expect(receiver.at('/agreements-only')).toEqual([]);
    expect(receiver.at('/disabled')).toEqual([]);
    expect(await deliveriesOf(admin, disabled.endpoint.id)).toEqual([]);

    // The job of the succeeded delivery running again sends nothing.
    await t.app.get(JobRegistry).dispatch(
      JobName.WebhookDeliver,
      {
        deliveryId: rowId(delivery.id),
        organizationId: rowId(organizationId),
        series: 1,
        attempt: 1,
      },
      {
        id: 'again',
        name: JobName.WebhookDeliver,
        attempt: 2,
        signal: new AbortController().signal,
      },
    );
    await waitForQueues(t.app);
    expect(receiver.at('/sent')).toHaveLength(1);
  });

  it('delivers agreement.signed when an agreement becomes SIGNED', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url('/signed'),
      eventTypes: ['AGREEMENT_SIGNED'],
    });
    const vendor = await createVendor(admin);
    const upload = await uploadFile(t.url, bearer(accessToken), {
      name: 'dpa.pdf',
      content: minimalPdf('signed DPA'),
    });
    const agreement = await createAgreement(admin, {
      vendorId: vendor.id,
      type: 'DPA',
      effectiveDate: '2026-01-01',
      expiryDate: '2099-12-31',
      documentFileId: upload.body.id,
      signatories: [
        { party: 'ORGANIZATION', name: 'Olga Owner', signedAt: '2026-01-02T09:00:00.000Z' },
        { party: 'VENDOR', name: 'Ann Vendor', signedAt: '2026-01-02T10:00:00.000Z' },
      ],
    });
    await admin.data(
      `mutation($id: ID!) { transitionAgreement(input: { agreementId: $id, to: SENT }) { agreement { status } } }`,
      { id: agreement.id },
    );
    await waitForQueues(t.app);
    expect(receiver.at('/signed')).toEqual([]);
    await admin.data(
      `mutation($id: ID!) { transitionAgreement(input: { agreementId: $id, to: SIGNED }) { agreement { status } } }`,
      { id: agreement.id },
    );
    const delivery = await deliveryOf(endpoint.id, 'SUCCEEDED');
    const [request, ...more] = receiver.at('/signed');
    expect(more).toEqual([]);
    expect(signatureIsValid(request!, secret)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      id: delivery.eventId,
      type: 'agreement.signed',
      data: {
        object: { type: 'Agreement', id: agreement.id },
        summary: {
          vendorId: vendor.id,
          agreementType: 'DPA',
          effectiveDate: '2026-01-01',
          expiryDate: '2099-12-31',
        },
      },
    });
  });

  it('sends nothing for a change that rolls back after emitting', async () => {
    const { endpoint } = await createWebhookEndpoint(admin, {
      url: receiver.url('/rollback'),
      eventTypes: ['REASSESSMENT_DUE'],
    });
    const connection = t.app.get(TransactionalConnection);
    const ctx = RequestContext.system('test', 'rollback', rowId(organizationId));
    let emitted = 0;
    await expect(
      connection.transaction(ctx, async (tx) => {
        emitted = await t.app.get(WebhookService).emit(tx, {
          type: WebhookEventType.ReassessmentDue,
          objectType: 'Vendor',
          objectId: rowId(organizationId),
          summary: {},
        });
        throw new Error('validation failed after the event was emitted');
      }),
    ).rejects.toThrow('validation failed');
    expect(emitted).toBe(1);
    await waitForQueues(t.app);
    expect(await deliveriesOf(admin, endpoint.id)).toEqual([]);
    expect(receiver.at('/rollback')).toEqual([]);

    // The same emit, committed, is delivered: the rollback is what stopped it.
    expect(await emitCommitted()).toBe(1);
    await deliveryOf(endpoint.id, 'SUCCEEDED');
    expect(receiver.at('/rollback')).toHaveLength(1);
  });

  it('retries a failing receiver on the schedule, dead-letters it, and redelivers on request', async () => {
    // A still clock: every attempt is recorded at the same instant, so the schedule shows
    // exactly in the recorded times (the queue's delays are real milliseconds).
    const now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(now);
    receiver.answer('/failing', { status: 500, body: 'receiver is down' });
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url('/failing'),
      eventTypes: ['REASSESSMENT_DUE'],
    });
    await emitCommitted({ vendorName: 'Acme' });

    const dead = await deliveryOf(endpoint.id, 'DEAD');
    const requests = receiver.at('/failing');
    expect(requests).toHaveLength(SCHEDULE.length + 1);
    expect(new Set(requests.map((r) => r.headers['assay-event-id']))).toEqual(
      new Set([dead.eventId]),
    );
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(requests.every((r) => signatureIsValid(r, secret))).toBe(true);
    expect(dead).toMatchObject({
      status: 'DEAD',
      series: 1,
      attemptCount: SCHEDULE.length + 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500: receiver is down',
      nextAttemptAt: null,
      finishedAt: now.toISOString(),
    });
    expect(dead.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(dead.attempts.every((a) => a.statusCode === 500)).toBe(true);
    // Growing delays between attempts: 20, 40, 80, 80, 80 ms, then none (dead).
    expect(
      dead.attempts.map((a) =>
        a.nextAttemptAt ? Date.parse(a.nextAttemptAt) - Date.parse(a.attemptedAt) : null,
      ),
    ).toEqual([...SCHEDULE, null]);
    const deadOnly = await admin.data<{ webhookDeliveries: { nodes: Array<{ id: string }> } }>(
      `query($filter: WebhookDeliveryFilterInput) { webhookDeliveries(filter: $filter) { nodes { id } } }`,
      { filter: { endpointId: endpoint.id, statuses: ['DEAD'], eventType: 'REASSESSMENT_DUE' } },
    );
    expect(deadOnly.webhookDeliveries.nodes).toEqual([{ id: dead.id }]);

    // The receiver recovers, but holds its answer: the redelivery is in flight meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    receiver.answer('/failing', (res: ServerResponse) => {
      void held.then(() => res.writeHead(200).end());
    });
    const redelivered = await admin.data<{ redeliverWebhook: { delivery: DeliveryView } }>(
      REDELIVER,
      { id: dead.id },
    );
    expect(redelivered.redeliverWebhook.delivery).toMatchObject({
      status: 'PENDING',
      series: 2,
      attemptCount: 0,
      eventId: dead.eventId,
    });
    await eventually(() => receiver.at('/failing').length === SCHEDULE.length + 2, {
      what: 'the redelivery to arrive',
    });
    const again = await admin.request(REDELIVER, { id: dead.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    release();

    const succeeded = await deliveryOf(endpoint.id, 'SUCCEEDED');
    const last = receiver.at('/failing').at(-1)!;
    expect(last.headers['assay-event-id']).toBe(dead.eventId);
    expect(last.body).toBe(requests[0]!.body);
    expect(signatureIsValid(last, secret)).toBe(true);
    expect(succeeded).toMatchObject({ series: 2, attemptCount: 1, lastStatusCode: 200 });
    expect(succeeded.attempts).toHaveLength(SCHEDULE.length + 2);
    expect(succeeded.attempts.at(-1)).toMatchObject({ series: 2, attempt: 1, statusCode: 200 });

    // A succeeded delivery may be sent again too.
    const replay = await admin.data<{ redeliverWebhook: { delivery: DeliveryView } }>(REDELIVER, {
      id: dead.id,
    });
    expect(replay.redeliverWebhook.delivery).toMatchObject({ status: 'PENDING', series: 3 });
    await deliveryOf(endpoint.id, 'SUCCEEDED');
    expect(receiver.at('/failing')).toHaveLength(SCHEDULE.length + 3);
  });

  it('never follows a redirect: a 3xx is a failed attempt', async () => {
    receiver.answer('/redirect', { status: 302, headers: { location: receiver.url('/target') } });
    const { endpoint } = await createWebhookEndpoint(admin, {
      url: receiver.url('/redirect'),
      eventTypes: ['REASSESSMENT_DUE'],
    });
    await emitCommitted();
    const dead = await deliveryOf(endpoint.id, 'DEAD');
    expect(dead).toMatchObject({
      lastStatusCode: 302,
      lastError: 'Redirect (302) not followed',
      attemptCount: SCHEDULE.length + 1,
    });
    expect(receiver.at('/redirect')).toHaveLength(SCHEDULE.length + 1);
    expect(receiver.at('/target')).toEqual([]);
  });

  it('signs with the rotated secret, stops at a disabled endpoint, and forgets a deleted one', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url('/rotating'),
      eventTypes: ['REASSESSMENT_DUE'],
    });
    const rotated = await admin.data<{ rotateWebhookSecret: { secret: string } }>(
      `mutation($id: ID!) { rotateWebhookSecret(input: { endpointId: $id }) { secret } }`,
      { id: endpoint.id },
    );
    await emitCommitted();
    await deliveryOf(endpoint.id, 'SUCCEEDED');
    const [request] = receiver.at('/rotating');
    expect(signatureIsValid(request!, rotated.rotateWebhookSecret.secret)).toBe(true);
    expect(signatureIsValid(request!, secret)).toBe(false);

    const moved = await admin.data<{
      updateWebhookEndpoint: { endpoint: { url: string; eventTypes: string[]; enabled: boolean } };
    }>(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { url eventTypes enabled } } }`,
      {
        input: {
          endpointId: endpoint.id,
          url: receiver.url('/moved'),
          eventTypes: ['REASSESSMENT_DUE', 'FINDING_RAISED'],
          enabled: false,
        },
      },
    );
    expect(moved.updateWebhookEndpoint.endpoint).toEqual({
      url: receiver.url('/moved'),
      eventTypes: ['FINDING_RAISED', 'REASSESSMENT_DUE'],
      enabled: false,
    });
    const before = (await deliveriesOf(admin, endpoint.id)).length;
    await emitCommitted();
    await waitForQueues(t.app);
    expect(await deliveriesOf(admin, endpoint.id)).toHaveLength(before);
    expect(receiver.at('/moved')).toEqual([]);

    await admin.data(
      `mutation($id: ID!) { deleteWebhookEndpoint(input: { endpointId: $id }) { deletedEndpointId } }`,
      { id: endpoint.id },
    );
    const gone = await admin.request('query($id: ID!) { node(id: $id) { id } }', {
      id: endpoint.id,
    });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await deliveriesOf(admin, endpoint.id)).toEqual([]);
  });

  it('rebuilds an attempt whose job was lost from PostgreSQL', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, {
      url: receiver.url('/lost'),
      eventTypes: ['FINDING_RESOLVED'],
    });
    const connection = t.app.get(TransactionalConnection);
    // The delivery commits, its job does not: as if the queue had lost it.
    await connection.transaction(
      RequestContext.system('test', 'lost-job', rowId(organizationId)),
      async (tx) => {
        await t.app.get(WebhookService).emit(tx, {
          type: WebhookEventType.FindingResolved,
          objectType: 'Finding',
          objectId: rowId(organizationId),
          summary: {},
        });
        await (
          await connection.manager(tx)
        ).query(
          `DELETE FROM outbox_message WHERE job_name = $1 AND payload->>'deliveryId' IN
             (SELECT id::text FROM webhook_delivery WHERE endpoint_id = $2)`,
          [JobName.WebhookDeliver, rowId(endpoint.id)],
        );
      },
    );
    // Earlier tests' retries settle first: then the lost attempt is the only one pending.
    await eventually(
      async () =>
        (
          await admin.data<{ webhookDeliveries: { totalCount: number } }>(
            '{ webhookDeliveries(filter: { statuses: [PENDING, RETRYING] }) { totalCount } }',
          )
        ).webhookDeliveries.totalCount === 1,
      { what: 'every other delivery to finish' },
    );
    const [lost] = await deliveriesOf(admin, endpoint.id);
    expect(lost).toMatchObject({ status: 'PENDING', attemptCount: 0 });
    const sweeper = t.app.get(WebhookSweepJob);
    const ctx = RequestContext.system('test', 'sweep');
    expect(await sweeper.requeueOverdue(ctx)).toBe(0); // not overdue yet
    expect(receiver.at('/lost')).toEqual([]);

    const later = new Date(Date.now() + 6 * 60_000);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(later);
    expect(await sweeper.requeueOverdue(ctx)).toBe(1);
    await deliveryOf(endpoint.id, 'SUCCEEDED');
    const [request, ...more] = receiver.at('/lost');
    expect(more).toEqual([]);
    expect(signatureIsValid(request!, secret, Math.floor(later.getTime() / 1000))).toBe(true);
    expect(await sweeper.requeueOverdue(ctx)).toBe(0);
  });

  it('delivers the lifecycle events of a real flow once each, and nothing nobody subscribed to', async () => {
    // An organization of its own: no endpoint of it subscribes to assessment.sent or
    // agreement.signed, which this flow causes too.
    const owner = await createOrganization(t.app, { name: 'Lifecycle Events Co' });
    const ownerToken = await signInToken(t.gql, owner);
    const org = t.gql.withToken(ownerToken);
    const { endpoint, secret } = await createWebhookEndpoint(org, {
      url: receiver.url('/lifecycle'),
      eventTypes: [
        'ASSESSMENT_SUBMITTED',
        'ASSESSMENT_COMPLETED',
        'FINDING_RAISED',
        'FINDING_RESOLVED',
        'VENDOR_RATING_CHANGED',
        'AGREEMENT_EXPIRED',
      ],
    });
    const resolvedOnly = await createWebhookEndpoint(org, {
      url: receiver.url('/resolved-only'),
      eventTypes: ['FINDING_RESOLVED'],
    });
    const versionId = await publishQuestionnaire(org, KNOCKOUT_DEFINITION, 'Lifecycle check');
    // Nothing personal, no access: TIER_4, and no agreement needed.
    const vendor = await createVendor(org, { name: 'Lifecycle Hosting Ltd' });
    const findingsOf = async (assessmentId: string) =>
      (
        await org.data<{ findings: { nodes: Array<{ id: string }> } }>(
          'query($id: ID!) { findings(filter: { assessmentId: $id }) { nodes { id } } }',
          { id: assessmentId },
        )
      ).findings.nodes.map((finding) => finding.id);
    const review = async (assessmentId: string) => {
      await org.data(
        'mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status } } }',
        { id: assessmentId },
      );
      const completed = await org.data<{
        completeAssessment: { assessment: { residualRating: string } };
      }>(
        `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) {
          assessment { residualRating } } }`,
        { input: { assessmentId, decision: 'REJECTED', note: 'Encrypt data in transit first.' } },
      );
      return completed.completeAssessment.assessment.residualRating;
    };

    // First cycle: sent, answered with a failed knockout, submitted, reviewed, completed.
    const first = await sendToVendor(org, t.gql, t.config, { vendorId: vendor.id, versionId });
    await answerAndSubmit(first.vendor, first.id, [
      { questionKey: 'tls', value: false },
      { questionKey: 'mfa', value: true },
    ]);
    const [knockout, ...moreKnockouts] = await findingsOf(first.id);
    expect(moreKnockouts).toEqual([]);
    // 10 of 20 is WEAK (LOW at TIER_4), but the failed HIGH knockout caps the rating.
    expect(await review(first.id)).toBe('HIGH');

    // A finding raised and resolved by hand.
    const raised = await org.data<{ raiseFinding: { finding: { id: string } } }>(
      `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { id } } }`,
      { input: { vendorId: vendor.id, severity: 'MEDIUM', title: 'No penetration test report' } },
    );
    const manual = raised.raiseFinding.finding.id;
    await org.data(
      `mutation($id: ID!) { resolveFinding(input: { findingId: $id, note: "Report received" }) { finding { status } } }`,
      { id: manual },
    );

    // An agreement signed (agreement.signed: nobody here subscribed) and past its expiry.
    const upload = await uploadFile(t.url, bearer(ownerToken), {
      name: 'old-dpa.pdf',
      content: minimalPdf('expired DPA'),
    });
    const agreement = await createAgreement(org, {
      vendorId: vendor.id,
      type: 'DPA',
      effectiveDate: '2020-01-01',
      expiryDate: '2021-01-01',
      documentFileId: upload.body.id,
      signatories: [
        { party: 'ORGANIZATION', name: 'Olga Owner', signedAt: '2020-01-01T09:00:00.000Z' },
        { party: 'VENDOR', name: 'Ann Vendor', signedAt: '2020-01-01T10:00:00.000Z' },
      ],
    });
    for (const to of ['SIGNED', 'EXPIRED']) {
      await org.data(
        `mutation($id: ID!, $to: AgreementStatus!) { transitionAgreement(input: { agreementId: $id, to: $to }) { agreement { status } } }`,
        { id: agreement.id, to },
      );
    }

    // Second cycle with the same answers: the same rating, so no vendor.rating_changed.
    const second = await sendToVendor(org, t.gql, t.config, { vendorId: vendor.id, versionId });
    await second.vendor.data(
      `mutation($input: ConfirmCarriedOverAnswersInput!) { confirmCarriedOverAnswers(input: $input) { answers { questionKey } } }`,
      { input: { assessmentId: second.id, questionKeys: ['tls', 'mfa'] } },
    );
    const resubmitted = await second.vendor.data<{ submitAssessment: { submitted: boolean } }>(
      SUBMIT_ASSESSMENT,
      { id: second.id },
    );
    expect(resubmitted.submitAssessment.submitted).toBe(true);
    const [secondKnockout] = await findingsOf(second.id);
    expect(await review(second.id)).toBe('HIGH');

    const expected = [
      `assessment.submitted ${first.id}`,
      `finding.raised ${knockout}`,
      `assessment.completed ${first.id}`,
      `vendor.rating_changed ${vendor.id}`,
      `finding.raised ${manual}`,
      `finding.resolved ${manual}`,
      `agreement.expired ${agreement.id}`,
      `assessment.submitted ${second.id}`,
      `finding.raised ${secondKnockout}`,
      `assessment.completed ${second.id}`,
    ];
    await eventually(() => receiver.at('/lifecycle').length >= expected.length, {
      what: 'the lifecycle events',
    });
    await waitForQueues(t.app);
    const received = receiver.at('/lifecycle');
    expect(received.every((request) => signatureIsValid(request, secret))).toBe(true);
    const payloads = received.map((request) => JSON.parse(request.body) as DeliveryView['payload']);
    // Each event once, about the right object, and nothing else (no assessment.sent, no
    // agreement.signed: this endpoint did not subscribe to them).
    expect(payloads.map((p) => `${p.type} ${p.data.object.id}`).sort()).toEqual(expected.sort());
    const payloadOf = (type: string, id: string) =>
      payloads.find((p) => p.type === type && p.data.object.id === id)!;
    expect(payloadOf('assessment.submitted', first.id).data).toEqual({
      object: { type: 'Assessment', id: first.id },
      summary: {
        vendorId: vendor.id,
        vendorName: 'Lifecycle Hosting Ltd',
        cycle: 'INITIAL',
        overallScore: 50,
      },
    });
    expect(payloadOf('finding.raised', knockout).data).toEqual({
      object: { type: 'Finding', id: knockout },
      summary: {
        vendorId: vendor.id,
        assessmentId: first.id,
        source: 'KNOCKOUT',
        severity: 'HIGH',
      },
    });
    expect(payloadOf('finding.raised', manual).data.summary).toEqual({
      vendorId: vendor.id,
      assessmentId: null,
      source: 'MANUAL',
      severity: 'MEDIUM',
    });
    expect(payloadOf('finding.resolved', manual).data.object).toEqual({
      type: 'Finding',
      id: manual,
    });
    expect(payloadOf('assessment.completed', first.id).data.summary).toEqual({
      vendorId: vendor.id,
      vendorName: 'Lifecycle Hosting Ltd',
      cycle: 'INITIAL',
      decision: 'REJECTED',
      residualRating: 'HIGH',
    });
    expect(payloadOf('vendor.rating_changed', vendor.id).data).toEqual({
      object: { type: 'Vendor', id: vendor.id },
      summary: {
        vendorName: 'Lifecycle Hosting Ltd',
        before: null,
        after: 'HIGH',
        assessmentId: first.id,
      },
    });
    expect(payloadOf('agreement.expired', agreement.id).data).toEqual({
      object: { type: 'Agreement', id: agreement.id },
      summary: { vendorId: vendor.id, agreementType: 'DPA', expiryDate: '2021-01-01' },
    });
    // The other endpoint got only the one event it subscribed to.
    const [resolved, ...moreResolved] = receiver.at('/resolved-only');
    expect(moreResolved).toEqual([]);
    expect(signatureIsValid(resolved!, resolvedOnly.secret)).toBe(true);
    expect(JSON.parse(resolved!.body)).toMatchObject({
      type: 'finding.resolved',
      data: { object: { id: manual } },
    });
    // Events nobody subscribed to were not even recorded as deliveries.
    for (const eventType of ['ASSESSMENT_SENT', 'AGREEMENT_SIGNED']) {
      const none = await org.data<{ webhookDeliveries: { totalCount: number } }>(
        'query($type: WebhookEventType) { webhookDeliveries(filter: { eventType: $type }) { totalCount } }',
        { type: eventType },
      );
      expect(none.webhookDeliveries.totalCount).toBe(0);
    }
    expect((await deliveriesOf(org, endpoint.id)).every((d) => d.status === 'SUCCEEDED')).toBe(
      true,
    );
  });

  it("keeps each organization's endpoints and deliveries to itself", async () => {
    const { endpoint } = await createWebhookEndpoint(admin, {
      url: receiver.url('/tenant'),
      eventTypes: ['REASSESSMENT_DUE'],
    });
    await emitCommitted();
    const delivery = await deliveryOf(endpoint.id, 'SUCCEEDED');
    const { gql: other } = await signedInAdmin(t.app, t.gql);
    const lists = await other.data<{
      webhookEndpoints: { totalCount: number };
      webhookDeliveries: { totalCount: number };
    }>('{ webhookEndpoints { totalCount } webhookDeliveries { totalCount } }');
    expect(lists).toEqual({
      webhookEndpoints: { totalCount: 0 },
      webhookDeliveries: { totalCount: 0 },
    });
    const redeliver = await other.request(REDELIVER, { id: delivery.id });
    expect(redeliver.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('webhook endpoints without WEBHOOK_ALLOW_PRIVATE_ADDRESSES', () => {
  let t: TestApp;
  let admin: GraphqlClient;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
    admin = (await signedInAdmin(t.app, t.gql)).gql;
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'must use https://'],
    ['http://hooks.example.com/hook', 'must use https://'],
    ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address'],
    ['https://localhost:8443/hook', 'is a loopback address'],
    ['https://[::1]/hook', '::1 is a loopback address'],
    ['https://[::ffff:127.0.0.1]/hook', 'is a loopback address'],
    ['https://[::ffff:a9fe:a9fe]/latest', 'is a link-local address'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['https://10.0.0.8/hook', '10.0.0.8 is a private address'],
    ['https://192.168.1.20/hook', '192.168.1.20 is a private address'],
    ['https://100.64.1.1/hook', '100.64.1.1 is a carrier-grade NAT address'],
    ['https://[fd00::1]/hook', 'fd00::1 is a unique-local address'],
    ['https://[fe80::1]/hook', 'fe80::1 is a link-local address'],
    ['https://0.0.0.0/hook', '0.0.0.0 is a unspecified address'],
  ])('refuses %s at registration', async (url, reason) => {
    const response = await admin.request(CREATE_ENDPOINT, {
      input: { url, eventTypes: ['ASSESSMENT_SENT'] },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = response.errors?.[0]?.extensions?.fields as Array<{
      path: string;
      message: string;
    }>;
    expect(fields).toHaveLength(1);
    expect(fields[0]!.path).toBe('input.url');
    expect(fields[0]!.message).toContain(reason);
  });

  it('accepts a public address, and refuses moving it to a private one', async () => {
    const { endpoint } = await createWebhookEndpoint(admin, {
      url: 'https://1.1.1.1/assay-hook',
      eventTypes: ['ASSESSMENT_SENT'],
    });
    expect(endpoint.url).toBe('https://1.1.1.1/assay-hook');
    const moved = await admin.request(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { url } } }`,
      { input: { endpointId: endpoint.id, url: 'https://127.0.0.1/hook' } },
    );
    expect(moved.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const listed = await admin.data<{ webhookEndpoints: { nodes: Array<{ url: string }> } }>(
      '{ webhookEndpoints { nodes { url } } }',
    );
    expect(listed.webhookEndpoints.nodes).toEqual([{ url: 'https://1.1.1.1/assay-hook' }]);
  });
});
