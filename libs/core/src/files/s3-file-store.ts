import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { S3StorageConfig } from '../config/app-config.js';
import { BlobNotFoundError, FileStore, blobKey, type BlobSource } from './file-store.js';

/** Where the blobs live in the bucket, so that the bucket may hold other things too. */
const KEY_PREFIX = 'files/';

/** The S3 error code of a failed response (`<Code>NoSuchKey</Code>`), if it says one. */
async function errorCode(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? 'no error code';
}

/**
 * Blobs as objects `files/<first two hex>/<sha256>` of an S3-compatible bucket (AWS S3, MinIO,
 * Ceph, R2, …), over plain HTTPS signed with AWS Signature V4 (aws4fetch). A PUT sends the
 * content's SHA-256 as `x-amz-content-sha256`, so the store itself refuses bytes that do not
 * match, and S3 makes an object visible only once it is whole.
 */
export class S3FileStore extends FileStore {
  readonly kind = 's3' as const;
  private readonly client: AwsClient;

  constructor(private readonly config: S3StorageConfig) {
    super();
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: 's3',
      region: config.region,
      retries: 3,
    });
  }

  /** The object's URL: path-style (`endpoint/bucket/key`) or virtual-hosted (`bucket.endpoint/key`). */
  urlOf(sha256: string): string {
    const key = `${KEY_PREFIX}${blobKey(sha256)}`;
    const endpoint = new URL(this.config.endpoint);
    const base = endpoint.pathname.replace(/\/+$/, '');
    if (this.config.forcePathStyle) {
      return `${endpoint.protocol}//${endpoint.host}${base}/${this.config.bucket}/${key}`;
    }
    return `${endpoint.protocol}//${this.config.bucket}.${endpoint.host}${base}/${key}`;
  }

  async put(sha256: string, source: BlobSource): Promise<void> {
    if (await this.exists(sha256)) {
      if ('stream' in source) source.stream.destroy();
      return;
    }
    const size = 'path' in source ? (await stat(source.path)).size : source.size;
    const body = 'path' in source ? createReadStream(source.path) : source.stream;
    // Signed once and sent once: a stream cannot be replayed, so no retry here.
    const request = await this.client.sign(this.urlOf(sha256), {
      method: 'PUT',
      headers: {
        'content-length': String(size),
        'content-type': 'application/octet-stream',
        'x-amz-content-sha256': sha256,
      },
      body: Readable.toWeb(body) as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      body.destroy();
      throw error;
    }
    if (!response.ok) await this.fail('PUT', sha256, response);
    await response.body?.cancel();
  }

  async open(sha256: string): Promise<Readable> {
    const response = await this.client.fetch(this.urlOf(sha256), { method: 'GET' });
    if (response.status === 404) {
      await response.body?.cancel();
      throw new BlobNotFoundError(sha256);
    }
    if (!response.ok || !response.body) await this.fail('GET', sha256, response);
    return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  }

  async exists(sha256: string): Promise<boolean> {
    const response = await this.client.fetch(this.urlOf(sha256), { method: 'HEAD' });
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) await this.fail('HEAD', sha256, response);
    return true;
  }

  async delete(sha256: string): Promise<void> {
    const response = await this.client.fetch(this.urlOf(sha256), { method: 'DELETE' });
    if (!response.ok && response.status !== 404) await this.fail('DELETE', sha256, response);
    await response.body?.cancel();
  }

  /** Throws with the method, key, status and S3 error code: never a credential or signature. */
  private async fail(method: string, sha256: string, response: Response): Promise<never> {
    throw new Error(
      `S3 ${method} ${KEY_PREFIX}${blobKey(sha256)} in bucket ${this.config.bucket} answered ${response.status} (${await errorCode(response)})`,
    );
  }
}
