import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  newWebhookSecret,
  signatureHeader,
  verifyWebhookSignature,
  webhookSignature,
} from './webhook-signature.js';

const body = '{"id":"3f1c","type":"assessment.sent"}';
const secret = 'whsec_test-secret';
const t = 1_800_000_000;

describe('webhook signatures', () => {
  it('makes 32-byte secrets with the whsec_ prefix, a new one each time', () => {
    const first = newWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.slice(6), 'base64url')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(first);
  });

  it('is the hex HMAC-SHA256 of "<t>.<body>" keyed with the whole secret', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(webhookSignature(secret, t, body)).toBe(expected);
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies an authentic, fresh request', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t })).toBe(true);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 300 })).toBe(true);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t - 300 })).toBe(true);
  });

  it('refuses a replay older than five minutes, or a timestamp from the future', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 301 })).toBe(false);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t - 301 })).toBe(false);
  });

  it('refuses another body, another secret, a moved timestamp and malformed headers', () => {
    const header = signatureHeader(secret, t, body);
    const check = { body, secret, nowSeconds: t };
    expect(verifyWebhookSignature({ ...check, header, body: `${body} ` })).toBe(false);
    expect(verifyWebhookSignature({ ...check, header, secret: newWebhookSecret() })).toBe(false);
    expect(
      verifyWebhookSignature({ ...check, header: header.replace(`t=${t}`, `t=${t + 1}`) }),
    ).toBe(false);
    for (const bad of [null, '', 'v1=abc', `t=${t}`, `t=x,v1=${'0'.repeat(64)}`, 'garbage']) {
      expect(verifyWebhookSignature({ ...check, header: bad })).toBe(false);
    }
  });

  it('accepts the header when any of several v1 signatures matches', () => {
    const valid = webhookSignature(secret, t, body);
    const header = `t=${t},v1=${'a'.repeat(64)},v1=${valid}`;
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t })).toBe(true);
  });
});
