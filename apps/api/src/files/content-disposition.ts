/**
 * `attachment` with the file's name twice: `filename*` in RFC 8187 form (UTF-8, every byte
 * outside the unreserved set percent-encoded), which browsers use, and a plain-ASCII `filename`
 * for the few clients that do not read it. Quotes, backslashes, control and non-ASCII
 * characters never reach the header as they are.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
