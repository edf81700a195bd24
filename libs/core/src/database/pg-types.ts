import pg from 'pg';

const TIMESTAMPTZ = 1184;
const parseDate = pg.types.getTypeParser(TIMESTAMPTZ, 'text');

/** The number written by the digits of `text` from `from` to `to`; NaN if any is no digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A timestamptz as PostgreSQL writes it (ISO DateStyle): `2026-12-06 19:29:47.123+00`, with
 * up to six digits of fraction and an offset of hours or hours and minutes. The same Date as
 * pg's own parser (postgres-date), which matches every value with a regular expression that
 * costs a microsecond or two, once per timestamp of every row read; this reads the shape every
 * timestamp of the years 1000 to 9999 has by position. Anything else (other years, BC,
 * infinity, an offset with seconds, another DateStyle) goes to pg's own parser.
 */
export function parseTimestamptz(text: string): unknown {
  const length = text.length;
  if (length < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ') return parseDate(text);
  if (text[13] !== ':' || text[16] !== ':') return parseDate(text);
  // The fraction, if any: up to six digits after the point.
  let at = 19;
  if (text[at] === '.') {
    at++;
    while (at < 26 && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
    if (at === 20) return parseDate(text);
  }
  // The offset: +HH or +HH:MM, to the end.
  const sign = text[at] === '+' ? 1 : text[at] === '-' ? -1 : 0;
  const hoursOnly = length === at + 3;
  if (sign === 0 || (!hoursOnly && (length !== at + 6 || text[at + 3] !== ':')))
    return parseDate(text);
  const year = digits(text, 0, 4);
  const offset = digits(text, at + 1, at + 3) * 60 + (hoursOnly ? 0 : digits(text, at + 4, at + 6));
  const time = Date.UTC(
    year,
    digits(text, 5, 7) - 1,
    digits(text, 8, 10),
    digits(text, 11, 13),
    digits(text, 14, 16),
    digits(text, 17, 19),
    // As postgres-date computes it: Date.UTC drops what is below a millisecond.
    at > 19 ? 1000 * Number(text.slice(19, at)) : 0,
  );
  if (year < 1000 || Number.isNaN(time) || Number.isNaN(offset)) return parseDate(text);
  return new Date(time - sign * offset * 60_000);
}

/**
 * The type parsers of Assay's connections (pg's `types` option): pg's own, but a faster
 * parseTimestamptz() for timestamptz.
 */
export const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === TIMESTAMPTZ && (format ?? 'text') === 'text') return parseTimestamptz;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};
