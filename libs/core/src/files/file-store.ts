import type { Readable } from 'node:stream';

/** Content to store: a file on local disk, or a stream of known length. */
export type BlobSource =
  { readonly path: string } | { readonly stream: Readable; readonly size: number };

/** The store has no blob of that name (a bug or lost data: rows always name stored blobs). */
export class BlobNotFoundError extends Error {
  constructor(sha256: string) {
    super(`No stored content with SHA-256 ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `ab/abcdef…`: the blob's name in a store, sharded by its first two hex digits. */
export function blobKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('A blob is named by a lower-case hex SHA-256');
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * Where file content lives, content-addressed: a blob is named by the SHA-256 of its bytes, so
 * the same content is stored once however often it is uploaded. The local directory by
 * default, an S3-compatible bucket when FILE_STORAGE=s3.
 */
export abstract class FileStore {
  abstract readonly kind: 'local' | 's3';

  /**
   * Stores `source` as the blob `sha256`, atomically: a failure leaves neither a partial nor a
   * whole blob. Content whose hash is not `sha256` is refused. Storing a blob that is already
   * there changes nothing.
   */
  abstract put(sha256: string, source: BlobSource): Promise<void>;

  /** The blob's content; BlobNotFoundError when there is none. */
  abstract open(sha256: string): Promise<Readable>;

  abstract exists(sha256: string): Promise<boolean>;

  /** Removes the blob; removing one that is not there is no error. */
  abstract delete(sha256: string): Promise<void>;
}
