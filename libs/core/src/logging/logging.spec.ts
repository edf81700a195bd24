import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { REDACTED_LOG_PATHS, redactUrl } from './logging.module.js';

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
});
