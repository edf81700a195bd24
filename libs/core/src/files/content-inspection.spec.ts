import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainException } from '../errors/domain.exception.js';
import {
  decideMediaType,
  inspectContent,
  isUtf8Text,
  sniffFile,
  type SniffedContent,
} from './content-inspection.js';
import { CSV, DEFAULT_ALLOWED_MEDIA_TYPES, PDF, PLAIN_TEXT, PNG } from './media-types.js';

const EXE = 'application/x-msdownload';
const binary = (mediaType: string, extension: string): SniffedContent => ({
  kind: 'binary',
  mediaType,
  extension,
});
const allowed = DEFAULT_ALLOWED_MEDIA_TYPES;

describe('decideMediaType', () => {
  it('takes the sniffed type of allowed content whose name fits it, or has no extension', () => {
    expect(decideMediaType(binary(PDF, 'pdf'), 'contract.pdf', allowed)).toEqual({
      ok: true,
      mediaType: PDF,
    });
    expect(decideMediaType(binary(PDF, 'pdf'), 'CONTRACT.PDF', allowed)).toMatchObject({
      ok: true,
    });
    expect(decideMediaType(binary(PDF, 'pdf'), 'contract', allowed)).toMatchObject({ ok: true });
    expect(decideMediaType(binary('image/jpeg', 'jpg'), 'photo.jpeg', allowed)).toMatchObject({
      ok: true,
    });
  });

  it('refuses an executable, whatever it is named', () => {
    for (const name of ['invoice.pdf', 'invoice.exe', 'invoice']) {
      expect(decideMediaType(binary(EXE, 'exe'), name, allowed)).toEqual({
        ok: false,
        problem: expect.stringMatching(
          /^the content is a Windows executable \(application\/x-msdownload\), which is not allowed/,
        ),
      });
    }
  });

  it('refuses allowed content whose name claims another type', () => {
    expect(decideMediaType(binary(PNG, 'png'), 'scan.pdf', allowed)).toEqual({
      ok: false,
      problem: 'the name ends in .pdf but the content is a PNG image (image/png): name it .png',
    });
  });

  it('names text by its extension: .csv, .txt or none; refuses any other', () => {
    const text: SniffedContent = { kind: 'text' };
    expect(decideMediaType(text, 'vendors.csv', allowed)).toEqual({ ok: true, mediaType: CSV });
    expect(decideMediaType(text, 'notes.TXT', allowed)).toEqual({
      ok: true,
      mediaType: PLAIN_TEXT,
    });
    expect(decideMediaType(text, 'notes', allowed)).toEqual({ ok: true, mediaType: PLAIN_TEXT });
    for (const name of ['notes.pdf', 'page.html', 'run.sh']) {
      expect(decideMediaType(text, name, allowed)).toMatchObject({ ok: false });
    }
    expect(decideMediaType(text, 'vendors.csv', [PDF])).toEqual({
      ok: false,
      problem: expect.stringMatching(
        /CSV text \(text\/csv\), which is not allowed \(allowed: application\/pdf\)/,
      ),
    });
  });

  it('refuses content it cannot recognise, and types the configuration does not allow', () => {
    expect(decideMediaType({ kind: 'unknown' }, 'blob.pdf', allowed)).toMatchObject({ ok: false });
    expect(decideMediaType(binary(PNG, 'png'), 'logo.png', [PDF])).toMatchObject({ ok: false });
  });

  it('lets configuration allow another recognised type, named by its own extension', () => {
    const zip = binary('application/zip', 'zip');
    expect(decideMediaType(zip, 'bundle.zip', ['application/zip'])).toMatchObject({ ok: true });
    expect(decideMediaType(zip, 'bundle.pdf', ['application/zip'])).toMatchObject({ ok: false });
  });
});

describe('sniffing files', () => {
  let dir: string;
  const file = async (name: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'assay-sniff-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('recognises binaries by their magic number, not their name', async () => {
    const pe = Buffer.alloc(256);
    pe.write('MZ');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(100)]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000', 'hex');
    expect(await sniffFile(await file('a.pdf', pe))).toEqual(binary(EXE, 'exe'));
    expect(await sniffFile(await file('b.pdf', elf))).toEqual(binary('application/x-elf', 'elf'));
    expect(await sniffFile(await file('c.pdf', png))).toEqual(binary(PNG, 'png'));
    expect(await sniffFile(await file('d.png', '%PDF-1.4\n%%EOF\n'))).toEqual(binary(PDF, 'pdf'));
  });

  it('calls text only what is UTF-8 without control characters, through the whole file', async () => {
    expect(await isUtf8Text(await file('t1', 'name;country\r\nÉlodie;FR\n\tindented\f'))).toBe(
      true,
    );
    expect(await isUtf8Text(await file('t2', '\ufeffwith a BOM'))).toBe(true);
    expect(await isUtf8Text(await file('t3', Buffer.from('a\u0000b')))).toBe(false);
    expect(await isUtf8Text(await file('t4', Buffer.from('ok \x1b[31m red')))).toBe(false);
    expect(await isUtf8Text(await file('t5', Buffer.from([0x61, 0xc3, 0x28])))).toBe(false);
    expect(await isUtf8Text(await file('t6', Buffer.from('\ufeffUTF-16', 'utf16le')))).toBe(false);
    // A binary byte far past the first chunk still counts.
    const late = Buffer.concat([Buffer.alloc(200_000, 0x61), Buffer.from([0x00])]);
    expect(await isUtf8Text(await file('t7', late))).toBe(false);
    // A multi-byte character split across chunks does not.
    const split = Buffer.concat([Buffer.alloc(65_535, 0x61), Buffer.from('é中')]);
    expect(await isUtf8Text(await file('t8', split))).toBe(true);
  });

  it('refuses with BAD_USER_INPUT on the field `file`', async () => {
    const pe = Buffer.alloc(64);
    pe.write('MZ');
    const refusal = await inspectContent(await file('x.pdf', pe), 'x.pdf', allowed).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DomainException);
    expect(refusal).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { fields: [{ path: 'file', message: expect.stringMatching(/Windows executable/) }] },
    });
    expect(await inspectContent(await file('y.csv', 'a,b\n1,2\n'), 'y.csv', allowed)).toBe(CSV);
  });
});
