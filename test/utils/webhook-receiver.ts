import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, exactly as received. */
  readonly body: string;
}

/** How a path answers: a status (and headers), or by itself (e.g. later, for a gate). */
export type WebhookAnswer =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | ((res: ServerResponse) => void);

/** A webhook receiver on loopback (node:http) that records every request and answers 200. */
export interface WebhookReceiver {
  url(path: string): string;
  /** Every request received, in order. */
  readonly received: ReceivedWebhook[];
  at(path: string): ReceivedWebhook[];
  answer(path: string, answer: WebhookAnswer): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers = new Map<string, WebhookAnswer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.get(path) ?? { status: 200 };
      if (typeof answer === 'function') answer(res);
      else res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path) => received.filter((request) => request.path === path),
    answer: (path, answer) => answers.set(path, answer),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * What a receiver does with `Assay-Signature` (as the README shows): the HMAC of
 * "<t>.<raw body>" under the secret, compared in constant time, and t within five minutes.
 */
export function signatureIsValid(
  request: ReceivedWebhook,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const header = String(request.headers['assay-signature'] ?? '');
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]{64})/.exec(header)?.[1];
  if (!t || !v1 || Math.abs(nowSeconds - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${request.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
