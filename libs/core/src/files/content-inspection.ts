import { createReadStream } from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import { DomainException } from '../errors/domain.exception.js';
import { extensionOf } from './file-name.js';
import { TEXT_EXTENSIONS, describeMediaType, extensionsFor } from './media-types.js';

/** What the bytes of a file are, whatever its name or the client says. */
export type SniffedContent =
  | { readonly kind: 'binary'; readonly mediaType: string; readonly extension: string }
  | { readonly kind: 'text' }
  | { readonly kind: 'unknown' };

export type ContentDecision =
  | { readonly ok: true; readonly mediaType: string }
  | { readonly ok: false; readonly problem: string };

/** C0 controls other than tab, line feed, form feed and carriage return; and DEL. */
function hasControlBytes(chunk: Buffer): boolean {
  for (const byte of chunk) {
    if (byte === 0x7f) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
      return true;
    }
  }
  return false;
}

/**
 * Whether the whole file is text: valid UTF-8 (a BOM allowed) with no NUL or other control
 * byte except tab, line breaks and form feed. UTF-16 (full of NULs) and binaries are not.
 */
export async function isUtf8Text(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (hasControlBytes(chunk)) return false;
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      return false;
    }
  }
  try {
    decoder.decode();
  } catch {
    return false;
  }
  return true;
}

/**
 * Sniffs a file: its magic number (file-type, which also looks inside ZIP containers to tell a
 * DOCX from an XLSX or a plain ZIP), else text when the whole file is UTF-8 text.
 */
export async function sniffFile(path: string): Promise<SniffedContent> {
  const detected = await fileTypeFromFile(path);
  if (detected) {
    return { kind: 'binary', mediaType: detected.mime.toLowerCase(), extension: detected.ext };
  }
  return (await isUtf8Text(path)) ? { kind: 'text' } : { kind: 'unknown' };
}

/**
 * The media type to store for sniffed content named `fileName`, or why it is refused. Binary
 * content has the type its magic number says; it must be allowed, and a name with an extension
 * must use one of that type's (an executable or a PNG named `.pdf` is refused). Text has no
 * magic number: `.csv` makes it text/csv, `.txt` or no extension text/plain, any other
 * extension is refused.
 */
export function decideMediaType(
  sniffed: SniffedContent,
  fileName: string,
  allowed: readonly string[],
): ContentDecision {
  const extension = extensionOf(fileName);
  const allowedList = `allowed: ${allowed.join(', ')}`;
  switch (sniffed.kind) {
    case 'binary': {
      const described = describeMediaType(sniffed.mediaType);
      if (!allowed.includes(sniffed.mediaType)) {
        return {
          ok: false,
          problem: `the content is ${described}, which is not allowed (${allowedList})`,
        };
      }
      const fitting = extensionsFor(sniffed.mediaType, sniffed.extension);
      if (extension && !fitting.includes(extension)) {
        return {
          ok: false,
          problem: `the name ends in ${extension} but the content is ${described}: name it ${fitting.join(' or ')}`,
        };
      }
      return { ok: true, mediaType: sniffed.mediaType };
    }
    case 'text': {
      const mediaType = extension ? TEXT_EXTENSIONS[extension] : TEXT_EXTENSIONS['.txt'];
      if (!mediaType) {
        return {
          ok: false,
          problem: `the name ends in ${extension} but the content is plain text: text is accepted as .txt or .csv`,
        };
      }
      if (!allowed.includes(mediaType)) {
        return {
          ok: false,
          problem: `the content is ${describeMediaType(mediaType)}, which is not allowed (${allowedList})`,
        };
      }
      return { ok: true, mediaType };
    }
    case 'unknown':
      return {
        ok: false,
        problem: `the type of the content could not be recognised (${allowedList})`,
      };
  }
}

/** The sniffed media type of the file at `path`; BAD_USER_INPUT on `file` when it is refused. */
export async function inspectContent(
  path: string,
  fileName: string,
  allowed: readonly string[],
): Promise<string> {
  const decision = decideMediaType(await sniffFile(path), fileName, allowed);
  if (!decision.ok) {
    throw DomainException.badUserInput(`The file was refused: ${decision.problem}`, [
      { path: 'file', message: decision.problem },
    ]);
  }
  return decision.mediaType;
}
