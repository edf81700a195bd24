import { Agent, request } from 'undici';
import {
  AddressRefusedError,
  guardedLookup,
  resolveAllowed,
  systemResolver,
  withResolveTimeout,
  type AddressPolicy,
  type HostResolver,
} from './address-guard.js';
import { parseWebhookUrl } from './webhook-url.js';

/** Most of a response body that is read (and kept, shortened, for the attempt's error). */
export const MAX_RESPONSE_BYTES = 4_096;

export interface WebhookRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface WebhookResponse {
  /** A 2xx answer. */
  readonly ok: boolean;
  /** Null when no response came (refused address, connection error, timeout). */
  readonly statusCode: number | null;
  /** Why it failed, in words safe to show an admin; null on success. */
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookSenderOptions {
  readonly timeoutMs: number;
  readonly policy: AddressPolicy;
  readonly resolve?: HostResolver;
}

const ERROR_LENGTH = 500;

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof AddressRefusedError) return `Refused: ${error.message}`;
  const failure = error as { name?: string; code?: string; message?: string; cause?: unknown };
  if (
    failure.name === 'TimeoutError' ||
    failure.code === 'UND_ERR_CONNECT_TIMEOUT' ||
    failure.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    failure.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `Timed out after ${timeoutMs} ms`;
  }
  if (failure.cause instanceof AddressRefusedError) return `Refused: ${failure.cause.message}`;
  const code = failure.code ? `${failure.code}: ` : '';
  return `${code}${failure.message ?? String(error)}`;
}

/** Reads at most `limit` bytes of a body and drops the rest (closing the connection). */
async function readAtMost(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/**
 * POSTs webhook requests: a short timeout, redirects never followed (a 3xx is a failure), at
 * most MAX_RESPONSE_BYTES of the answer read, and only to addresses the policy allows. The host
 * is checked before the request and again by the socket's own lookup, so the address connected
 * to is one that was checked.
 */
export class WebhookSender {
  private readonly agent: Agent;
  private readonly resolve: HostResolver;

  constructor(private readonly options: WebhookSenderOptions) {
    this.resolve = withResolveTimeout(options.resolve ?? systemResolver, options.timeoutMs);
    this.agent = new Agent({
      connect: { timeout: options.timeoutMs, lookup: guardedLookup(options.policy, this.resolve) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 4_000,
      connections: 20,
    });
  }

  async send(webhook: WebhookRequest, signal?: AbortSignal): Promise<WebhookResponse> {
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null): WebhookResponse => ({
      ok: error === null,
      statusCode,
      error: error === null ? null : error.slice(0, ERROR_LENGTH),
      durationMs: Math.round(performance.now() - started),
    });
    const parsed = parseWebhookUrl(webhook.url, this.options.policy);
    if (parsed.problem !== undefined) return done(null, `Refused: the URL ${parsed.problem}`);
    try {
      await resolveAllowed(parsed.url.hostname, this.options.policy, this.resolve);
      const timeout = AbortSignal.timeout(this.options.timeoutMs);
      const response = await request(parsed.url, {
        method: 'POST',
        headers: webhook.headers,
        body: webhook.body,
        dispatcher: this.agent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const excerpt = (await readAtMost(response.body, MAX_RESPONSE_BYTES))
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
      const status = response.statusCode;
      if (status >= 200 && status < 300) return done(status, null);
      if (status >= 300 && status < 400) return done(status, `Redirect (${status}) not followed`);
      return done(status, `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`);
    } catch (error) {
      return done(null, describeFailure(error, this.options.timeoutMs));
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
