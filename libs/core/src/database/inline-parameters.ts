import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';

/** pg's conversion of a parameter value to what it sends: text, a Buffer for binary data, or null. */
const { prepareValue } = pgUtils;

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;
const DOLLAR_TAG = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u;

/**
 * The literal that stands for `value` where a parameter would: what pg sends for it, quoted.
 * PostgreSQL types an untyped quoted literal as it types a parameter sent without a type (pg
 * sends them all so), so the statement means the same. Null for binary data, which has no text.
 */
function literal(value: unknown): string | null {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (typeof prepared !== 'string') return null;
  return pg.escapeLiteral(prepared);
}

/** The index just past the quoted text (string or identifier) that opens at `start`. */
function endOfQuoted(sql: string, start: number, quote: string, backslashes: boolean): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (backslashes && sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return -1;
}

/** The index just past the block comment that opens at `start` (they nest). */
function endOfComment(sql: string, start: number): number {
  let depth = 0;
  for (let i = start; i < sql.length - 1; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i++;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * `sql` with its parameters `$1`, `$2`… written in as literals (see literal()), for a message of
 * several statements, which the simple query protocol sends without parameters. Placeholders
 * inside quoted strings, quoted identifiers, dollar quotes and comments are left alone. Null when
 * a value is binary or a placeholder has no value: then the statement must go with parameters.
 */
export function inlineParameters(sql: string, values: readonly unknown[]): string | null {
  if (values.length === 0) return sql;
  const literals = new Map<number, string>();
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const previous = i > 0 ? sql[i - 1]! : ' ';
    let next = i + 1;
    if (char === "'") {
      const escapes =
        (previous === 'E' || previous === 'e') && !IDENTIFIER_CHAR.test(sql[i - 2] ?? ' ');
      next = endOfQuoted(sql, i, "'", escapes);
    } else if (char === '"') {
      next = endOfQuoted(sql, i, '"', false);
    } else if (char === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      next = newline === -1 ? sql.length : newline + 1;
    } else if (char === '/' && sql[i + 1] === '*') {
      next = endOfComment(sql, i);
    } else if (char === '$' && !IDENTIFIER_CHAR.test(previous)) {
      const digits = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (digits) {
        const index = Number(digits[1]);
        if (index < 1 || index > values.length) return null;
        let text = literals.get(index);
        if (text === undefined) {
          const written = literal(values[index - 1]);
          if (written === null) return null;
          literals.set(index, (text = written));
        }
        out += sql.slice(copied, i) + text;
        i += digits[0].length;
        copied = i;
        continue;
      }
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        next = close === -1 ? -1 : close + tag[0].length;
      }
    }
    if (next === -1) return null;
    i = next;
  }
  return out + sql.slice(copied);
}
