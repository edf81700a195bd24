import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { HostResolver } from './address-guard.js';
import { WebhookSender } from './webhook-sender.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

describe('WebhookSender (against a loopback receiver)', () => {
  let server: Server;
  let base: string;
  let port: number;
  const received: Received[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const senders: WebhookSender[] = [];
  const sender = (options: ConstructorParameters<typeof WebhookSender>[0]) => {
    const made = new WebhookSender(options);
    senders.push(made);
    return made;
  };
  const loopback = { allowPrivate: true, allowed: [] };
  const request = (path = '/hook') => ({
    url: `${base}${path}`,
    body: '{"id":"e1"}',
    headers: { 'content-type': 'application/json', 'assay-event-id': 'e1' },
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        answer(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    received.length = 0;
    answer = (_req, res) => res.end();
    await Promise.all(senders.splice(0).map((made) => made.close()));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the body and headers as given; a 2xx is a success', async () => {
    answer = (_req, res) => res.writeHead(204).end();
    const response = await sender({ timeoutMs: 2_000, policy: loopback }).send(request());
    expect(response).toMatchObject({ ok: true, statusCode: 204, error: null });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hook', body: '{"id":"e1"}' });
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'assay-event-id': 'e1',
    });
  });

  it('reports another status as a failure with the start of the answer', async () => {
    answer = (_req, res) => res.writeHead(500).end('database   down\n');
    const response = await sender({ timeoutMs: 2_000, policy: loopback }).send(request());
    expect(response).toMatchObject({
      ok: false,
      statusCode: 500,
      error: 'HTTP 500: database down',
    });
  });

  it('never follows a redirect', async () => {
    answer = (req, res) =>
      req.url === '/hook' ? res.writeHead(302, { location: '/elsewhere' }).end() : res.end();
    const response = await sender({ timeoutMs: 2_000, policy: loopback }).send(request());
    expect(response).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'Redirect (302) not followed',
    });
    expect(received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('gives up after the timeout', async () => {
    answer = () => {}; // never answers
    const response = await sender({ timeoutMs: 200, policy: loopback }).send(request());
    expect(response).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'Timed out after 200 ms',
    });
  });

  it('reads at most a few KB of a large answer', async () => {
    answer = (_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(5_000_000, 'x'));
    };
    const response = await sender({ timeoutMs: 2_000, policy: loopback }).send(request());
    expect(response).toMatchObject({ ok: true, statusCode: 200 });
  });

  it('refuses a loopback receiver, and plain http, unless private addresses are allowed', async () => {
    const strict = sender({ timeoutMs: 2_000, policy: { allowPrivate: false, allowed: [] } });
    expect(await strict.send(request())).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'Refused: the URL must use https://',
    });
    const https = await strict.send({ ...request(), url: `https://127.0.0.1:${port}/hook` });
    expect(https.error).toBe('Refused: 127.0.0.1 is a loopback address');
    const mapped = await strict.send({ ...request(), url: `https://[::ffff:127.0.0.1]:${port}/` });
    expect(mapped.error).toBe('Refused: ::ffff:7f00:1 is a loopback address');
    expect(received).toEqual([]);
  });

  it('connects only to the address it checked, even when the name changes in between', async () => {
    // The first lookup (the check) answers a public address, the socket's own lookup answers
    // loopback: a DNS rebinding attempt. The socket's lookup refuses it.
    let lookups = 0;
    const rebinding: HostResolver = async () =>
      lookups++ === 0
        ? [{ address: '93.184.215.14', family: 4 }]
        : [{ address: '127.0.0.1', family: 4 }];
    const strict = sender({
      timeoutMs: 2_000,
      policy: { allowPrivate: false, allowed: [] },
      resolve: rebinding,
    });
    const response = await strict.send({ ...request(), url: `https://rebind.test:${port}/hook` });
    expect(lookups).toBe(2);
    expect(response).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'Refused: 127.0.0.1 is a loopback address',
    });
    expect(received).toEqual([]);
  });
});
