import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { signedInAdmin } from '../factories/identity.factory.js';
import {
  DELIVERY_FIELDS,
  ENDPOINT_FIELDS,
  createWebhookEndpoint,
  sendAnAssessment,
} from '../factories/webhook.factory.js';
import { eventually } from '../utils/eventually.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import {
  signatureIsValid,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../utils/webhook-receiver.js';

/**
 * Its own file: nestjs-pino makes its logger once per module registry, and the capture must be
 * in place before that (pino writes through process.stdout only when it finds it replaced).
 */
describe('webhook secrets and the logs', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  /** Everything written to stdout and stderr meanwhile. */
  const written: string[] = [];

  beforeAll(async () => {
    // pino writes through process.stdout (not straight to the file descriptor) when
    // process.stdout.write has been replaced before the logger is made, as here.
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
        written.push(
          typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(),
        );
        return true;
      }) as typeof stream.write);
    }
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      env: { LOG_LEVEL: 'trace', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' },
    });
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    jest.restoreAllMocks();
  });

  it('never writes a secret to the log, even at trace level', async () => {
    const { gql } = await signedInAdmin(t.app, t.gql);
    const { endpoint, secret } = await createWebhookEndpoint(gql, {
      url: receiver.url('/logged'),
      eventTypes: ['ASSESSMENT_SENT'],
    });
    const rotated = await gql.data<{ rotateWebhookSecret: { secret: string } }>(
      `mutation($id: ID!) { rotateWebhookSecret(input: { endpointId: $id }) { secret } }`,
      { id: endpoint.id },
    );
    await sendAnAssessment(gql);
    await eventually(() => receiver.at('/logged').length === 1, { what: 'the delivery' });
    expect(signatureIsValid(receiver.at('/logged')[0]!, rotated.rotateWebhookSecret.secret)).toBe(
      true,
    );
    await gql.data(`{ webhookEndpoints { nodes { ${ENDPOINT_FIELDS} } } }`);
    await gql.data(`{ webhookDeliveries { nodes { ${DELIVERY_FIELDS} } } }`);
    await waitForQueues(t.app);

    const log = written.join('');
    // Trace logging was on all along the way: requests, and the delivery's own SQL.
    expect(log).toContain('"url":"/graphql"');
    expect(log).toMatch(/UPDATE \\"webhook_delivery\\"/);
    for (const shown of [secret, rotated.rotateWebhookSecret.secret]) {
      expect(log).not.toContain(shown.slice('whsec_'.length));
    }
  });
});
