/**
 * VSAQ texts are HTML fragments rendered as-is; Assay texts are plain. This
 * turns a fragment into readable plain text: block tags become line breaks,
 * list items become "- " lines, links keep their address, entities are decoded.
 */
export interface PlainText {
  readonly text: string;
  /** Whether tags were removed, so formatting may have been lost. */
  readonly hadMarkup: boolean;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  bull: '\u2022',
  middot: '\u00b7',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  times: '\u00d7',
  euro: '\u20ac',
  sect: '\u00a7',
  para: '\u00b6',
  shy: '',
};

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'ul',
  'ol',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'hr',
]);

// No "<" inside a tag, so a tag that never closes costs one scan to the next "<".
const TAG = /<\/?([A-Za-z][A-Za-z0-9]*)((?:[^<>"']|"[^<>"]*"|'[^<>']*')*)>/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

export function htmlToText(source: string): PlainText {
  // Comments are dropped; a stray "<" that starts no tag stays text.
  const html = source.replace(/<!--[\s\S]*?-->/g, '');
  let hadMarkup = html !== source;
  let out = '';
  let last = 0;
  // Links are rendered as "label (address)" so the address survives.
  const links: { href: string; start: number }[] = [];
  for (const match of html.matchAll(TAG)) {
    hadMarkup = true;
    out += html.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1]!.toLowerCase();
    const closing = match[0].startsWith('</');
    if (name === 'li') {
      if (!closing) out += '\n- ';
    } else if (name === 'a') {
      if (!closing) {
        const href = HREF.exec(match[2] ?? '');
        links.push({ href: (href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim(), start: out.length });
        continue;
      }
      const link = links.pop();
      if (!link || link.href === '' || link.href.startsWith('#')) continue;
      const label = decodeEntities(out.slice(link.start)).trim();
      if (label !== decodeEntities(link.href)) out += ` (${link.href})`;
    } else if (BLOCK_TAGS.has(name)) {
      out += '\n';
    } else if (name === 'td' || name === 'th') {
      out += ' ';
    }
  }
  out += html.slice(last);
  const text = decodeEntities(out);
  return { text: tidy(text), hadMarkup };
}

/** Decodes named, decimal and hexadecimal character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body) => {
    const ref = body as string;
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
