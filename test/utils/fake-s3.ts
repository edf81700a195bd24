import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible HTTP endpoint for tests (no real S3 runs here): path-style
 * PUT/GET/HEAD/DELETE of objects in one bucket, kept in memory. Every request must carry a
 * valid AWS Signature V4 for the configured credentials and region, computed here from the
 * specification independently of the client library, and a PUT's body must match its signed
 * `x-amz-content-sha256`, as S3 itself checks. Loopback only.
 */
export interface FakeS3 {
  readonly url: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Stored objects by key. */
  readonly objects: Map<string, Buffer>;
  /** Every request: method, path and the status answered. */
  readonly requests: Array<{ method: string; path: string; status: number }>;
  /** When set, PUTs answer 500 InternalError (a store that fails mid-upload). */
  failPuts: boolean;
  close(): Promise<void>;
}

export interface SignatureInput {
  readonly method: string;
  /** The path as sent (already URI-encoded), e.g. `/bucket/files/ab/ab…`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names and their values. */
  readonly headers: Record<string, string>;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  readonly amzDate: string;
  readonly region: string;
  readonly service: string;
  readonly secretAccessKey: string;
}

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** The SigV4 signature of a request, per the AWS specification (S3: the path is not re-encoded). */
export function sigV4Signature(input: SignatureInput): string {
  const query = [...input.query.entries()]
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = input.signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    input.method,
    input.path,
    query,
    canonicalHeaders,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
  const date = input.amzDate.slice(0, 8);
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    input.amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, date), input.region), input.service),
    'aws4_request',
  );
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function amzDateToTime(amzDate: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeS3(
  options: {
    bucket?: string;
    region?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
  } = {},
): Promise<FakeS3> {
  const bucket = options.bucket ?? 'assay-test';
  const region = options.region ?? 'eu-west-3';
  const accessKeyId = options.accessKeyId ?? 'AKIATESTASSAY';
  const secretAccessKey = options.secretAccessKey ?? 'test-secret/with+special=characters';
  const objects = new Map<string, Buffer>();
  const requests: FakeS3['requests'] = [];

  const state = { failPuts: false };

  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code?: string,
    body?: Buffer,
  ) {
    requests.push({ method: req.method ?? '', path: req.url ?? '', status });
    if (code) {
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(
        req.method === 'HEAD'
          ? undefined
          : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
      );
      return;
    }
    res.writeHead(status, body ? { 'content-length': String(body.length) } : {});
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** The error code of a request whose signature is not right, or null. */
  function authenticate(req: IncomingMessage, url: URL): string | null {
    const match = AUTHORIZATION.exec(String(req.headers.authorization ?? ''));
    if (!match) return 'AccessDenied';
    const [, keyId, date, signedRegion, service, signedHeaderList, signature] = match;
    if (keyId !== accessKeyId) return 'InvalidAccessKeyId';
    if (signedRegion !== region || service !== 's3') return 'AuthorizationHeaderMalformed';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(date!)) return 'AuthorizationHeaderMalformed';
    if (!(Math.abs(Date.now() - amzDateToTime(amzDate)) < 15 * 60_000)) {
      return 'RequestTimeTooSkewed';
    }
    const signedHeaders = signedHeaderList!.split(';');
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date') || !payloadHash) {
      return 'AccessDenied';
    }
    const expected = sigV4Signature({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(',') : String(value ?? ''),
        ]),
      ),
      signedHeaders,
      payloadHash,
      amzDate,
      region,
      service: 's3',
      secretAccessKey,
    });
    const same =
      expected.length === signature!.length &&
      timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
    return same ? null : 'SignatureDoesNotMatch';
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readBody(req);
      const refused = authenticate(req, url);
      if (refused) return answer(req, res, 403, refused);
      const [, requestBucket, ...keyParts] = url.pathname.split('/');
      if (requestBucket !== bucket) return answer(req, res, 404, 'NoSuchBucket');
      const key = decodeURIComponent(keyParts.join('/'));
      switch (req.method) {
        case 'PUT': {
          if (state.failPuts) return answer(req, res, 500, 'InternalError');
          const declared = String(req.headers['x-amz-content-sha256']);
          if (
            declared !== 'UNSIGNED-PAYLOAD' &&
            createHash('sha256').update(body).digest('hex') !== declared
          ) {
            return answer(req, res, 400, 'XAmzContentSHA256Mismatch');
          }
          if (Number(req.headers['content-length']) !== body.length) {
            return answer(req, res, 400, 'IncompleteBody');
          }
          objects.set(key, body);
          return answer(req, res, 200);
        }
        case 'GET':
        case 'HEAD': {
          const object = objects.get(key);
          return object
            ? answer(req, res, 200, undefined, object)
            : answer(req, res, 404, 'NoSuchKey');
        }
        case 'DELETE':
          objects.delete(key);
          return answer(req, res, 204);
        default:
          return answer(req, res, 405, 'MethodNotAllowed');
      }
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    get failPuts() {
      return state.failPuts;
    },
    set failPuts(value: boolean) {
      state.failPuts = value;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
