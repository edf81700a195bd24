import { describe, expect, it } from '@jest/globals';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('names the file in plain ASCII and, exactly, in RFC 8187 UTF-8', () => {
    expect(contentDisposition('contract.pdf')).toBe(
      `attachment; filename="contract.pdf"; filename*=UTF-8''contract.pdf`,
    );
    expect(contentDisposition('Déclaration 個人情報.pdf')).toBe(
      `attachment; filename="D_claration ____.pdf"; filename*=UTF-8''D%C3%A9claration%20%E5%80%8B%E4%BA%BA%E6%83%85%E5%A0%B1.pdf`,
    );
  });

  it('lets no quote, backslash, semicolon or line break end the parameter early', () => {
    const header = contentDisposition(`a"; filename="evil.exe\\\r\nX-Injected: 1;(it's)*.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
    const [, ascii, encoded] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(
      header,
    )!;
    expect(ascii).not.toMatch(/["\\]/);
    expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(encoded!)).toBe(
      `a"; filename="evil.exe\\\r\nX-Injected: 1;(it's)*.pdf`,
    );
  });
});
