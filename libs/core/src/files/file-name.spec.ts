import { describe, expect, it } from '@jest/globals';
import { MAX_FILE_NAME_BYTES, extensionOf, sanitizeFileName } from './file-name.js';

describe('sanitizeFileName', () => {
  it.each([
    ['contract.pdf', 'contract.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Desktop\\report.docx', 'report.docx'],
    ['a/b\\c.txt', 'c.txt'],
    ['Q3 "final" <draft>|v2?.pdf', 'Q3 _final_ _draft__v2_.pdf'],
    ['tab\tand\nnewline.pdf', 'tabandnewline.pdf'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['zero\u200bwidth\ufeff.pdf', 'zerowidth.pdf'],
    ['  spaced   out  .pdf  ', 'spaced out .pdf'],
    ['trailing dots...', 'trailing dots'],
    ['.hidden', 'hidden'],
    ['', 'file'],
    ['...', 'file'],
    ['/', 'file'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['Déclaration 個人情報.pdf', 'Déclaration 個人情報.pdf'],
  ])('%j becomes %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('normalizes to NFC, so the same name is stored the same way', () => {
    expect(sanitizeFileName('Cafe\u0301.pdf')).toBe('Caf\u00e9.pdf');
  });

  it('keeps at most 255 UTF-8 bytes, the extension included, without splitting a character', () => {
    const long = `${'数'.repeat(200)}.PDF`;
    const sanitized = sanitizeFileName(long);
    expect(Buffer.byteLength(sanitized)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(sanitized.endsWith('.PDF')).toBe(true);
    expect(sanitized).toMatch(/^数+\.PDF$/);
    expect(sanitizeFileName('a'.repeat(400))).toHaveLength(MAX_FILE_NAME_BYTES);
  });
});

describe('extensionOf', () => {
  it.each([
    ['report.PDF', '.pdf'],
    ['archive.tar.gz', '.gz'],
    ['README', ''],
    ['.bashrc', ''],
    ['dot.', ''],
  ])('%j has %j', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});
