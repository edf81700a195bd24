import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { REDACTED_LOG_PATHS, httpLogOptions, redactUrl } from './logging.module.js';

describe('log redaction', () => {
  it('never writes credentials, tokens or passwords', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      req: {
        headers: {
          authorization: 'Bearer sk_live_secret',
          cookie: 'sid=abc',
          'x-api-key': 'ak_123',
        },
      },
      input: { password: 'hunter22', token: 'inv_tok', refreshToken: 'rt', secret: 'whsec' },
    });
    const line = lines.join('');
    for (const secret of ['sk_live_secret', 'sid=abc', 'ak_123', 'hunter22', 'inv_tok', 'whsec']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });

  it('keeps the path and parameter names of a URL, not the values', () => {
    expect(redactUrl('/invitations/accept?token=abc123&lang=en')).toBe(
      '/invitations/accept?token=[redacted]&lang=[redacted]',
    );
    expect(redactUrl('/graphql')).toBe('/graphql');
  });

  it('logs a request as its id, method, redacted URL, status and time: no header of either side', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pinoHttp({ ...httpLogOptions({ logLevel: 'info' }), stream: sink });
    const server = createServer((req, res) => {
      log(req, res);
      res.setHeader('set-cookie', 'refresh=rt_secret; HttpOnly');
      res.setHeader('x-custom', 'response header');
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/invitations?token=inv_secret`, {
        headers: { authorization: 'Bearer sk_live_secret', cookie: 'sid=abc' },
      });
      await response.text();
      for (let i = 0; i < 50 && lines.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const line = JSON.parse(lines.join('')) as Record<string, unknown>;
    expect(line.req).toEqual({
      id: expect.any(String),
      method: 'GET',
      url: '/invitations?token=[redacted]',
      remoteAddress: '127.0.0.1',
    });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(typeof line.responseTime).toBe('number');
    for (const secret of ['inv_secret', 'sk_live_secret', 'sid=abc', 'rt_secret', 'x-custom']) {
      expect(lines.join('')).not.toContain(secret);
    }
  });
});
