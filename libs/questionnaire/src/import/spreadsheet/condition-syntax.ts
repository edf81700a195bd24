import type { Condition } from '../../definition/condition.js';
import type { QuestionType } from '../../definition/definition.schema.js';

/**
 * A compact text form of conditions for spreadsheet cells, e.g.
 * `tls = yes and (region in (eu, uk) or not (employees > 250))`.
 * It maps one to one onto the JSON grammar in condition.ts: a parenthesized
 * group is its own `all`/`any`, and `all(...)`/`any(...)` write groups of one.
 */

/** The type of a question by key, so that `yes` reads as a boolean for BOOLEAN questions. */
export type QuestionTypeLookup = (questionKey: string) => QuestionType | undefined;

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based character position in the cell. */
    readonly position: number,
  ) {
    super(`${message} (at character ${position})`);
    this.name = 'ConditionSyntaxError';
  }
}

/** A cell holding JSON (starts with `{`) or the compact syntax; throws ConditionSyntaxError. */
export function parseConditionCell(cell: string, typeOf: QuestionTypeLookup): unknown {
  // Positions count from the start of the cell, spaces included.
  if (cell.trimStart().startsWith('{')) {
    try {
      return JSON.parse(cell) as unknown;
    } catch (error) {
      throw new ConditionSyntaxError(
        `not valid JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')}`,
        jsonErrorPosition(error as Error, cell),
      );
    }
  }
  return new ConditionParser(cell, typeOf).parse();
}

/** The compact text form; parsing it with the questions' types gives the same condition back. */
export function formatCondition(condition: Condition): string {
  if ('all' in condition) return group(condition.all, 'all', 'and');
  if ('any' in condition) return group(condition.any, 'any', 'or');
  if ('not' in condition) return `not (${formatCondition(condition.not)})`;
  if ('equals' in condition)
    return `${condition.equals.question} = ${formatValue(condition.equals.value)}`;
  if ('in' in condition)
    return `${condition.in.question} in (${condition.in.values.map(formatValue).join(', ')})`;
  if ('answered' in condition) return `${condition.answered.question} is answered`;
  for (const [operator, symbol] of COMPARISONS) {
    if (operator in condition) {
      const comparison = (
        condition as Record<string, { question: string; value: string | number }>
      )[operator]!;
      return `${comparison.question} ${symbol} ${formatValue(comparison.value)}`;
    }
  }
  throw new Error(`Not a condition: ${JSON.stringify(condition)}`);
}

function group(items: readonly Condition[], name: string, joiner: string): string {
  if (items.length === 1) return `${name}(${formatCondition(items[0]!)})`;
  return items
    .map((item) => {
      const text = formatCondition(item);
      const isGroup =
        ('all' in item && item.all.length > 1) || ('any' in item && item.any.length > 1);
      return isGroup ? `(${text})` : text;
    })
    .join(` ${joiner} `);
}

const COMPARISONS = [
  ['gt', '>'],
  ['gte', '>='],
  ['lt', '<'],
  ['lte', '<='],
] as const;

const WORD = /^[A-Za-z0-9_.:+-]+$/;
const NUMBER_WORD = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'answered',
  'all',
  'any',
  'yes',
  'no',
  'true',
  'false',
]);

function formatValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  const bare = WORD.test(value) && !NUMBER_WORD.test(value) && !RESERVED.has(value.toLowerCase());
  return bare ? value : JSON.stringify(value);
}

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly position: number }
  | { readonly kind: 'string'; readonly text: string; readonly position: number }
  | { readonly kind: 'symbol'; readonly text: string; readonly position: number }
  | { readonly kind: 'end'; readonly text: ''; readonly position: number };

interface Literal {
  readonly text: string;
  readonly quoted: boolean;
}

const OPERATOR_SYMBOLS = ['>=', '<=', '!=', '==', '=', '>', '<', '(', ')', ','];
const MAX_DEPTH = 32;

class ConditionParser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(
    source: string,
    private readonly typeOf: QuestionTypeLookup,
  ) {
    this.tokens = tokenize(source);
  }

  parse(): unknown {
    if (this.peek().kind === 'end') throw new ConditionSyntaxError('the condition is empty', 1);
    const condition = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next, '"and", "or" or the end');
    return condition;
  }

  private parseOr(): Condition {
    return this.chain('or', 'any', () => this.parseAnd());
  }

  private parseAnd(): Condition {
    return this.chain('and', 'all', () => this.parseUnary());
  }

  private chain(word: string, operator: 'all' | 'any', next: () => Condition): Condition {
    const items = [next()];
    while (this.isWord(this.peek(), word)) {
      this.index += 1;
      items.push(next());
    }
    if (items.length === 1) return items[0]!;
    return operator === 'all' ? { all: items } : { any: items };
  }

  private parseUnary(): Condition {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      throw new ConditionSyntaxError(
        `conditions nest at most ${MAX_DEPTH} deep`,
        this.peek().position,
      );
    }
    try {
      const token = this.peek();
      const after = this.peek(1);
      if (this.isWord(token, 'not') && !this.startsComparison(after)) {
        this.index += 1;
        return { not: this.parseUnary() };
      }
      if ((this.isWord(token, 'all') || this.isWord(token, 'any')) && this.isSymbol(after, '(')) {
        this.index += 2;
        const items = [this.parseOr()];
        while (this.isSymbol(this.peek(), ',')) {
          this.index += 1;
          items.push(this.parseOr());
        }
        this.expectSymbol(')');
        return token.text.toLowerCase() === 'all' ? { all: items } : { any: items };
      }
      if (this.isSymbol(token, '(')) {
        this.index += 1;
        const inner = this.parseOr();
        this.expectSymbol(')');
        return inner;
      }
      return this.parseLeaf();
    } finally {
      this.depth -= 1;
    }
  }

  private parseLeaf(): Condition {
    const keyToken = this.next();
    if (keyToken.kind !== 'word') throw this.unexpected(keyToken, 'a question key');
    const question = keyToken.text;
    const type = this.typeOf(question);
    const operator = this.next();
    if (operator.kind === 'symbol') {
      switch (operator.text) {
        case '=':
        case '==':
          return { equals: { question, value: this.equalsValue(type) } };
        case '!=':
          return { not: { equals: { question, value: this.equalsValue(type) } } };
        case '>':
          return { gt: { question, value: this.comparisonValue(type) } };
        case '>=':
          return { gte: { question, value: this.comparisonValue(type) } };
        case '<':
          return { lt: { question, value: this.comparisonValue(type) } };
        case '<=':
          return { lte: { question, value: this.comparisonValue(type) } };
      }
    }
    if (this.isWord(operator, 'in')) return { in: { question, values: this.valueList() } };
    if (this.isWord(operator, 'not') && this.isWord(this.peek(), 'in')) {
      this.index += 1;
      return { not: { in: { question, values: this.valueList() } } };
    }
    if (this.isWord(operator, 'is')) {
      const negated = this.isWord(this.peek(), 'not');
      if (negated) this.index += 1;
      const answered = this.next();
      if (!this.isWord(answered, 'answered')) throw this.unexpected(answered, '"answered"');
      const leaf: Condition = { answered: { question } };
      return negated ? { not: leaf } : leaf;
    }
    throw this.unexpected(
      operator,
      `=, !=, <, <=, >, >=, "in" or "is answered" after "${question}"`,
    );
  }

  private valueList(): string[] {
    this.expectSymbol('(');
    const values = [this.literal().text];
    while (this.isSymbol(this.peek(), ',')) {
      this.index += 1;
      values.push(this.literal().text);
    }
    this.expectSymbol(')');
    return values;
  }

  /** Bare words take the type of the question they are compared with. */
  private equalsValue(type: QuestionType | undefined): string | number | boolean {
    const literal = this.literal();
    if (literal.quoted) return literal.text;
    const word = literal.text.toLowerCase();
    switch (type) {
      case 'BOOLEAN':
        if (word === 'yes' || word === 'true') return true;
        if (word === 'no' || word === 'false') return false;
        return literal.text;
      case 'NUMBER':
        return numberOf(literal.text) ?? literal.text;
      case undefined:
        if (word === 'true') return true;
        if (word === 'false') return false;
        return numberOf(literal.text) ?? literal.text;
      default:
        return literal.text;
    }
  }

  private comparisonValue(type: QuestionType | undefined): string | number {
    const literal = this.literal();
    if (literal.quoted || type === 'DATE') return literal.text;
    return numberOf(literal.text) ?? literal.text;
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'word' || token.kind === 'string') {
      return { text: token.text, quoted: token.kind === 'string' };
    }
    throw this.unexpected(token, 'a value');
  }

  private startsComparison(token: Token): boolean {
    if (token.kind === 'symbol') return !['(', ')', ','].includes(token.text);
    return this.isWord(token, 'in') || this.isWord(token, 'is');
  }

  private expectSymbol(symbol: string): void {
    const token = this.next();
    if (!this.isSymbol(token, symbol)) throw this.unexpected(token, `"${symbol}"`);
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private isSymbol(token: Token, symbol: string): boolean {
    return token.kind === 'symbol' && token.text === symbol;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private unexpected(token: Token, expected: string): ConditionSyntaxError {
    const found = token.kind === 'end' ? 'the end' : `"${token.text}"`;
    return new ConditionSyntaxError(`expected ${expected}, found ${found}`, token.position);
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const position = i + 1;
    if (char === '"') {
      const end = closingQuote(source, i);
      if (end < 0) throw new ConditionSyntaxError('a quoted value is not closed', position);
      try {
        tokens.push({
          kind: 'string',
          text: JSON.parse(source.slice(i, end + 1)) as string,
          position,
        });
      } catch {
        throw new ConditionSyntaxError('a quoted value has a bad escape', position);
      }
      i = end + 1;
      continue;
    }
    // Word processors turn "x" into “x”; accept those as quotes, without escapes.
    if (char === '\u201c') {
      const end = source.indexOf('\u201d', i + 1);
      if (end < 0) throw new ConditionSyntaxError('a quoted value is not closed', position);
      tokens.push({ kind: 'string', text: source.slice(i + 1, end), position });
      i = end + 1;
      continue;
    }
    const symbol = OPERATOR_SYMBOLS.find((candidate) => source.startsWith(candidate, i));
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol, position });
      i += symbol.length;
      continue;
    }
    const word = /^[A-Za-z0-9_.:+-]+/.exec(source.slice(i))?.[0];
    if (word === undefined) throw new ConditionSyntaxError(`unexpected "${char}"`, position);
    tokens.push({ kind: 'word', text: word, position });
    i += word.length;
  }
  tokens.push({ kind: 'end', text: '', position: source.length + 1 });
  return tokens;
}

function closingQuote(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === '"') return i;
  }
  return -1;
}

function numberOf(text: string): number | undefined {
  if (!NUMBER_WORD.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** 1-based position of a JSON.parse error, from the engine's message when it gives one. */
function jsonErrorPosition(error: Error, text: string): number {
  const position = /position (\d+)/.exec(error.message);
  return position ? Number(position[1]) + 1 : text.length + 1;
}
