import type { ImportMessage } from '../import-types.js';

/**
 * Reads a VSAQ questionnaire file. VSAQ files are JSON written as JavaScript:
 * they open with a `//` licence header and join long strings with
 * `"..." + "..."`. Both are handled at the token level, so text inside
 * strings (URLs with `//`, a literal `+`) is never touched. Everything else
 * is strict JSON, and every syntax error names its line and column.
 */
export type SourceResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly errors: readonly ImportMessage[] };

type Punctuation = '{' | '}' | '[' | ']' | ':' | ',';
type Token =
  | { readonly kind: 'punct'; readonly value: Punctuation; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'literal'; readonly value: boolean | null; readonly at: number }
  | { readonly kind: 'plus'; readonly at: number }
  | { readonly kind: 'eof'; readonly at: number };

const MAX_ERRORS = 50;
const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function parseVsaqSource(text: string): SourceResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const positions = new Positions(source);
  const errors: ImportMessage[] = [];
  const fail = (at: number, message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push({ location: positions.of(at), message });
  };
  const tokens = joinStrings(tokenize(source, fail), fail);
  if (errors.length > 0) return { ok: false, errors };
  try {
    const value = new Parser(tokens).document();
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SyntaxFailure) {
      return { ok: false, errors: [{ location: positions.of(error.at), message: error.message }] };
    }
    throw error;
  }
}

/** Line and column (1-based) of an offset. */
class Positions {
  private readonly lineStarts: number[] = [0];

  constructor(source: string) {
    for (let i = 0; i < source.length; i += 1) {
      if (source[i] === '\n') this.lineStarts.push(i + 1);
    }
  }

  of(offset: number): string {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return `line ${low + 1}, column ${offset - this.lineStarts[low]! + 1}`;
  }
}

type Fail = (at: number, message: string) => void;

function tokenize(source: string, fail: Fail): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
    } else if (ch === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) {
        fail(i, 'the comment is never closed with "*/"');
        break;
      }
      i = end + 2;
    } else if (ch === '"') {
      const string = readString(source, i, fail);
      if (string.value !== undefined) tokens.push({ kind: 'string', value: string.value, at: i });
      i = string.end;
    } else if ('{}[]:,'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch as Punctuation, at: i });
      i += 1;
    } else if (ch === '+') {
      tokens.push({ kind: 'plus', at: i });
      i += 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      if (!match) {
        fail(i, `unexpected "${ch}"`);
        i += 1;
      } else {
        tokens.push({ kind: 'number', value: Number(match[0]), at: i });
        i += match[0].length;
      }
    } else if (/[A-Za-z_$]/.test(ch)) {
      WORD.lastIndex = i;
      const word = WORD.exec(source)![0];
      if (word === 'true' || word === 'false' || word === 'null') {
        tokens.push({ kind: 'literal', value: word === 'null' ? null : word === 'true', at: i });
      } else {
        fail(i, `unexpected word "${word}"; text must be in double quotes`);
      }
      i += word.length;
    } else if (ch === "'") {
      fail(i, 'strings must be in double quotes, not single quotes');
      i += 1;
    } else {
      fail(i, `unexpected character "${ch}"`);
      i += 1;
    }
  }
  tokens.push({ kind: 'eof', at: source.length });
  return tokens;
}

/** Reads the string starting at `start`; on an error it resumes at the end of the line. */
function readString(
  source: string,
  start: number,
  fail: Fail,
): { value: string | undefined; end: number } {
  let i = start + 1;
  let valid = true;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"') {
      // JSON.parse decodes the escapes checked below.
      return {
        value: valid ? (JSON.parse(source.slice(start, i + 1)) as string) : undefined,
        end: i + 1,
      };
    }
    if (ch === '\n' || ch === '\r') break;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(source.slice(i + 2, i + 6))) {
          fail(i, 'invalid escape: "\\u" needs four hexadecimal digits');
          valid = false;
        }
        i += 2;
        continue;
      }
      if (next === undefined || next === '\n' || next === '\r') break;
      if (!ESCAPES.has(next)) {
        fail(i, `invalid escape "\\${next}" in a string`);
        valid = false;
      }
      i += 2;
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) {
      fail(i, 'control character in a string; write it as an escape such as "\\t"');
      valid = false;
    }
    i += 1;
  }
  fail(start, 'the string is never closed: a string must end with " on the same line');
  return { value: undefined, end: i };
}

/** Joins `"a" + "b"` into one string token. */
function joinStrings(tokens: Token[], fail: Fail): Token[] {
  const joined: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind === 'plus') {
      fail(token.at, '"+" joins two strings, and no string comes before it');
      continue;
    }
    if (token.kind !== 'string' || tokens[i + 1]?.kind !== 'plus') {
      joined.push(token);
      continue;
    }
    let value = token.value;
    while (tokens[i + 1]?.kind === 'plus') {
      const plus = tokens[i + 1]!;
      const next = tokens[i + 2]!;
      if (next.kind !== 'string') {
        fail(
          plus.at,
          next.kind === 'eof'
            ? 'unterminated string concatenation: the file ends after "+"'
            : 'unterminated string concatenation: "+" must be followed by a string',
        );
        i += 1;
        break;
      }
      value += next.value;
      i += 2;
    }
    joined.push({ kind: 'string', value, at: token.at });
  }
  return joined;
}

class SyntaxFailure extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  document(): unknown {
    const value = this.value(0);
    const rest = this.peek();
    if (rest.kind !== 'eof')
      throw new SyntaxFailure(
        rest.at,
        `unexpected ${describe(rest)} after the end of the document`,
      );
    return value;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  private value(depth: number): unknown {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number' || token.kind === 'literal')
      return token.value;
    if (token.kind === 'punct' && (token.value === '{' || token.value === '[')) {
      if (depth >= MAX_DEPTH)
        throw new SyntaxFailure(token.at, `nesting deeper than ${MAX_DEPTH} levels`);
      return token.value === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    throw new SyntaxFailure(token.at, `expected a value but found ${describe(token)}`);
  }

  private object(depth: number): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    if (this.isPunct('}')) {
      this.next();
      return object;
    }
    for (;;) {
      const key = this.next();
      if (key.kind !== 'string') {
        throw new SyntaxFailure(
          key.at,
          key.kind === 'punct' && key.value === '}'
            ? 'trailing comma before "}"'
            : `expected a property name in double quotes but found ${describe(key)}`,
        );
      }
      this.expect(':', `expected ":" after the property name "${key.value}"`);
      // defineProperty, so a "__proto__" key stays an ordinary property.
      Object.defineProperty(object, key.value, {
        value: this.value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      const separator = this.next();
      if (separator.kind === 'punct' && separator.value === '}') return object;
      if (!(separator.kind === 'punct' && separator.value === ',')) {
        throw new SyntaxFailure(
          separator.at,
          `expected "," or "}" but found ${describe(separator)}`,
        );
      }
    }
  }

  private array(depth: number): unknown[] {
    const array: unknown[] = [];
    if (this.isPunct(']')) {
      this.next();
      return array;
    }
    for (;;) {
      if (this.isPunct(']')) throw new SyntaxFailure(this.peek().at, 'trailing comma before "]"');
      array.push(this.value(depth));
      const separator = this.next();
      if (separator.kind === 'punct' && separator.value === ']') return array;
      if (!(separator.kind === 'punct' && separator.value === ',')) {
        throw new SyntaxFailure(
          separator.at,
          `expected "," or "]" but found ${describe(separator)}`,
        );
      }
    }
  }

  private isPunct(value: Punctuation): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private expect(value: Punctuation, message: string): void {
    const token = this.next();
    if (!(token.kind === 'punct' && token.value === value)) {
      throw new SyntaxFailure(token.at, `${message}, found ${describe(token)}`);
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the file';
    case 'punct':
      return `"${token.value}"`;
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${token.value}`;
    case 'literal':
      return String(token.value);
    case 'plus':
      return '"+"';
  }
}
