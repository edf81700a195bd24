import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BlobNotFoundError } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under `dir`, hidden partials included. */
async function everything(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('LocalFileStore', () => {
  let root: string;
  let store: LocalFileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'assay-store-'));
    store = new LocalFileStore(join(root, 'files'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores content under its SHA-256, sharded by the first two hex digits, once', async () => {
    const content = Buffer.from('evidence');
    const source = join(root, 'upload');
    await writeFile(source, content);
    const hash = sha256(content);
    expect(await store.exists(hash)).toBe(false);
    await store.put(hash, { path: source });
    await store.put(hash, { path: source });
    expect(await everything(store.root)).toEqual([`${hash.slice(0, 2)}/${hash}`]);
    expect(await readFile(store.pathOf(hash))).toEqual(content);
    expect(await readAll(await store.open(hash))).toEqual(content);
    await store.delete(hash);
    await store.delete(hash);
    expect(await store.exists(hash)).toBe(false);
    await expect(store.open(hash)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('leaves nothing, partial or whole, when the source fails midway', async () => {
    const hash = sha256(Buffer.from('never complete'));
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 0x61));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(store.put(hash, { stream: failing, size: 1_000_000 })).rejects.toThrow(
      'connection lost',
    );
    expect(await everything(store.root)).toEqual([]);
    expect(await store.exists(hash)).toBe(false);
  });

  it('refuses content whose hash is not the name it is stored under, and keeps nothing', async () => {
    const wrong = sha256(Buffer.from('something else'));
    await expect(
      store.put(wrong, { stream: Readable.from([Buffer.from('actual')]), size: 6 }),
    ).rejects.toThrow(/SHA-256/);
    expect(await everything(store.root)).toEqual([]);
  });

  it('lets concurrent writers of the same content end with one whole blob', async () => {
    const content = Buffer.alloc(512 * 1024, 0x62);
    const hash = sha256(content);
    await Promise.all(
      Array.from({ length: 5 }, () =>
        store.put(hash, { stream: Readable.from([content]), size: content.length }),
      ),
    );
    expect(await everything(store.root)).toEqual([`${hash.slice(0, 2)}/${hash}`]);
    expect(sha256(await readFile(store.pathOf(hash)))).toBe(hash);
  });

  it('only names blobs by a lower-case hex SHA-256', async () => {
    await expect(store.exists('../../etc/passwd')).rejects.toThrow(/SHA-256/);
    await expect(store.exists('A'.repeat(64))).rejects.toThrow(/SHA-256/);
  });
});
