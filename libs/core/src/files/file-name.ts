/** Longest stored name, in UTF-8 bytes: what most file systems accept. */
export const MAX_FILE_NAME_BYTES = 255;

const FALLBACK_NAME = 'file';

// Control characters (C0, DEL, C1), bidirectional overrides and isolates (which make
// `invoice‮fdp.exe` read as `invoiceexe.pdf`), zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Characters that no common file system or header takes in a name.
const RESERVED = /[/\\:*?"<>|]/g;
// Names Windows refuses, whatever their extension.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Cuts `value` to at most `bytes` UTF-8 bytes without splitting a character. */
function truncateUtf8(value: string, bytes: number): string {
  let result = '';
  for (const character of value) {
    if (utf8Length(result + character) > bytes) break;
    result += character;
  }
  return result;
}

/** The extension of `name`, lower-case with its dot (`.pdf`), or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot).toLowerCase();
}

/**
 * A client's file name made safe to store and to send back in a header: the last path segment
 * only, NFC-normalized, without control or invisible characters, with characters file systems
 * reserve replaced by `_`, trimmed of spaces and dots, at most 255 UTF-8 bytes (the extension
 * kept), and never empty or a Windows device name.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) return FALLBACK_NAME;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if (utf8Length(name) > MAX_FILE_NAME_BYTES) {
    const extension = extensionOf(name);
    const keep =
      extension && utf8Length(extension) <= 16 ? name.slice(name.length - extension.length) : '';
    const stem = name.slice(0, name.length - keep.length);
    name = truncateUtf8(stem, MAX_FILE_NAME_BYTES - utf8Length(keep)).replace(/[\s.]+$/, '') + keep;
  }
  return name || FALLBACK_NAME;
}
