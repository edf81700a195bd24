import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newWebhookSecret, signatureHeader } from './webhook-signature.js';

type Verify = (rawBody: string, header: string, secret: string) => boolean;

describe("the README's verification example", () => {
  let dir: string;
  let verify: Verify;

  beforeAll(async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const code = readme
      .split('```js\n')
      .slice(1)
      .map((block) => block.slice(0, block.indexOf('\n```')))
      .find((block) => block.includes('verifyAssayWebhook'));
    expect(code).toBeDefined();
    dir = await mkdtemp(join(tmpdir(), 'assay-readme-'));
    const file = join(dir, 'verify.mjs');
    await writeFile(file, code!);
    ({ verifyAssayWebhook: verify } = (await import(pathToFileURL(file).href)) as {
      verifyAssayWebhook: Verify;
    });
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepts what Assay signs and refuses tampering, other secrets and replays', () => {
    const secret = newWebhookSecret();
    const body = '{"id":"e1","type":"agreement.signed"}';
    const now = Math.floor(Date.now() / 1000);
    expect(verify(body, signatureHeader(secret, now, body), secret)).toBe(true);
    expect(verify(`${body} `, signatureHeader(secret, now, body), secret)).toBe(false);
    expect(verify(body, signatureHeader(newWebhookSecret(), now, body), secret)).toBe(false);
    expect(verify(body, signatureHeader(secret, now - 301, body), secret)).toBe(false);
    expect(verify(body, 'garbage', secret)).toBe(false);
  });
});
