import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BlobNotFoundError, S3FileStore, type S3StorageConfig } from '#core';
import { sigV4Signature, startFakeS3, type FakeS3 } from '../utils/fake-s3.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * S3FileStore against a local S3-compatible endpoint that checks AWS Signature V4 and payload
 * hashes (test/utils/fake-s3.ts). No real S3 or MinIO runs here: this proves the requests are
 * signed and shaped as the S3 API specifies, not that a given provider accepts them.
 */
describe('S3FileStore', () => {
  let s3: FakeS3;
  let dir: string;
  let config: S3StorageConfig;

  beforeAll(async () => {
    s3 = await startFakeS3();
    dir = await mkdtemp(join(tmpdir(), 'assay-s3-'));
    config = {
      endpoint: s3.url,
      region: s3.region,
      bucket: s3.bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
    };
  });

  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("verifies signatures the way AWS documents them (the S3 'GET Object' example)", () => {
    // docs.aws.amazon.com, "Signature Calculations for the Authorization Header", example 1.
    expect(
      sigV4Signature({
        method: 'GET',
        path: '/test.txt',
        query: new URLSearchParams(),
        headers: {
          host: 'examplebucket.s3.amazonaws.com',
          range: 'bytes=0-9',
          'x-amz-content-sha256': sha256(''),
          'x-amz-date': '20130524T000000Z',
        },
        signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
        payloadHash: sha256(''),
        amzDate: '20130524T000000Z',
        region: 'us-east-1',
        service: 's3',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      }),
    ).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('puts, finds, reads and deletes blobs, with signed requests', async () => {
    const store = new S3FileStore(config);
    const content = Buffer.from('a signed agreement');
    const hash = sha256(content);
    const source = join(dir, 'upload');
    await writeFile(source, content);

    expect(await store.exists(hash)).toBe(false);
    await store.put(hash, { path: source });
    await store.put(hash, { stream: Readable.from([content]), size: content.length });
    expect(s3.objects.get(`files/${hash.slice(0, 2)}/${hash}`)).toEqual(content);
    expect(s3.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    expect(await store.exists(hash)).toBe(true);
    expect(await readAll(await store.open(hash))).toEqual(content);

    await store.delete(hash);
    await store.delete(hash);
    expect(await store.exists(hash)).toBe(false);
    await expect(store.open(hash)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(s3.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('streams a larger blob both ways', async () => {
    const store = new S3FileStore(config);
    const content = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    const hash = sha256(content);
    await store.put(hash, { stream: Readable.from([content]), size: content.length });
    expect(sha256(await readAll(await store.open(hash)))).toBe(hash);
  });

  it('is refused with credentials the store does not accept, without saying the secret', async () => {
    const store = new S3FileStore({ ...config, secretAccessKey: 'not-the-secret' });
    const hash = sha256('x');
    // HEAD answers carry no body, so no error code; GET's name it.
    await expect(store.exists(hash)).rejects.toThrow(/HEAD .* answered 403/);
    const failure = await store.open(hash).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/GET .* answered 403 \(SignatureDoesNotMatch\)/);
    expect((failure as Error).message).not.toContain('not-the-secret');
    const unknownKey = new S3FileStore({ ...config, accessKeyId: 'AKIAUNKNOWN' });
    await expect(unknownKey.open(hash)).rejects.toThrow(/InvalidAccessKeyId/);
  });

  it('lets the store refuse bytes that do not match their SHA-256, and nothing is stored', async () => {
    const store = new S3FileStore(config);
    const claimed = sha256('what the hash says');
    const before = s3.objects.size;
    await expect(
      store.put(claimed, { stream: Readable.from([Buffer.from('something else')]), size: 14 }),
    ).rejects.toThrow(/400 \(XAmzContentSHA256Mismatch\)/);
    expect(s3.objects.size).toBe(before);
  });

  it('addresses virtual-hosted buckets by default, path-style when asked', () => {
    const hash = sha256('addressing');
    const key = `files/${hash.slice(0, 2)}/${hash}`;
    const aws = {
      ...config,
      endpoint: 'https://s3.eu-west-3.amazonaws.com',
      forcePathStyle: false,
    };
    expect(new S3FileStore(aws).urlOf(hash)).toBe(
      `https://${config.bucket}.s3.eu-west-3.amazonaws.com/${key}`,
    );
    expect(
      new S3FileStore({ ...aws, endpoint: 'http://minio:9000', forcePathStyle: true }).urlOf(hash),
    ).toBe(`http://minio:9000/${config.bucket}/${key}`);
  });
});
