import { randomUUID, createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, FileStore, blobKey, type BlobSource } from './file-store.js';

/** A Transform that passes bytes on and hashes them on the way. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

/**
 * Blobs as files under `<ASSAY_DATA_DIR>/files/<first two hex>/<sha256>`. A blob is written to
 * a hidden partial file beside its final name, checked, flushed to disk, then renamed into
 * place: a crash leaves at most a `.partial` file, never a truncated blob under a real name.
 */
export class LocalFileStore extends FileStore {
  readonly kind = 'local' as const;

  constructor(readonly root: string) {
    super();
  }

  /** The blob's path on disk. */
  pathOf(sha256: string): string {
    return join(this.root, blobKey(sha256));
  }

  async put(sha256: string, source: BlobSource): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.exists(sha256)) {
      if ('stream' in source) source.stream.destroy();
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    const partial = join(dirname(target), `.${sha256}.${randomUUID()}.partial`);
    try {
      const hash = createHash('sha256');
      const input: Readable = 'path' in source ? createReadStream(source.path) : source.stream;
      await pipeline(input, hashing(hash), createWriteStream(partial, { flags: 'wx' }));
      const actual = hash.digest('hex');
      if (actual !== sha256) {
        throw new Error(`The content's SHA-256 is ${actual}, not the expected ${sha256}`);
      }
      const handle = await open(partial, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Atomic on one file system; a concurrent writer of the same content renames the same bytes.
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(sha256), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw error;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
