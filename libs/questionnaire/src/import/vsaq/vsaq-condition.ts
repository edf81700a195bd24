/**
 * VSAQ `cond` expressions: ids joined by `&&`, `||`, `!` and parentheses,
 * e.g. `secprog_yes && (!req_sensitive || ^warn_x)`.
 *
 * Semantics follow VSAQ's own evaluator (`vsaq.questionnaire.utils.evalExpression`):
 * `!` binds to the next id or parenthesised group, and `&&` and `||` have
 * EQUAL precedence and apply left to right, so `a || b && c` means
 * `(a || b) && c`, not JavaScript's `a || (b && c)`. A chain that mixes the
 * two without parentheses is flagged so the importer can warn about it.
 *
 * An id may carry VSAQ's prefix `^` (the item is visible) and the suffixes
 * `/yes`, `/no` (yes/no answers) and `/value` (the item's value); see
 * `parseReference`. VSAQ's string functions (`matches`, `contains`) have no
 * counterpart in Assay conditions and are rejected.
 */
export type CondExpr =
  | { readonly kind: 'ref'; readonly name: string; readonly at: number }
  | { readonly kind: 'false'; readonly at: number }
  | { readonly kind: 'not'; readonly operand: CondExpr }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly CondExpr[] };

export type CondParse =
  | {
      readonly ok: true;
      /** Undefined for an empty condition, which VSAQ treats as always true. */
      readonly expression: CondExpr | undefined;
      /** 1-based position of an operator that mixes `&&` and `||` without parentheses. */
      readonly mixedAt?: number;
    }
  | { readonly ok: false; readonly position: number; readonly message: string };

/** What an id in a condition refers to, after VSAQ's prefix and suffix rules. */
export interface Reference {
  readonly id: string;
  /** `^id`: whether the item is shown, rather than its answer. */
  readonly visibility: boolean;
  readonly suffix?: 'yes' | 'no' | 'value';
}

type Token =
  | { readonly kind: '(' | ')' | '!' | '&&' | '||'; readonly at: number }
  | { readonly kind: 'id'; readonly name: string; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };

const SEPARATORS = ' \t\r\n()!&|,"';
/** Far beyond any real condition; keeps a hostile one from exhausting the stack. */
const MAX_NESTING = 64;

/** Parses a VSAQ condition; errors carry a 1-based character position. */
export function parseVsaqCondition(text: string): CondParse {
  try {
    const tokens = tokenize(text);
    const parser = new Parser(tokens);
    return { ok: true, ...parser.condition() };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) {
      return { ok: false, position: error.at + 1, message: error.message };
    }
    throw error;
  }
}

/** Mirrors VSAQ's resolver: strip a leading `^`, then one trailing `/yes`, `/no` or `/value`. */
export function parseReference(name: string): Reference {
  const visibility = name.startsWith('^');
  const bare = visibility ? name.slice(1) : name;
  const suffix = /\/(yes|no|value)$/.exec(bare);
  if (!suffix) return { id: bare, visibility };
  return {
    id: bare.slice(0, suffix.index),
    visibility,
    suffix: suffix[1] as 'yes' | 'no' | 'value',
  };
}

class ConditionSyntaxError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === '!') {
      tokens.push({ kind: ch, at: i });
      i += 1;
    } else if (ch === '&' || ch === '|') {
      if (text[i + 1] !== ch) {
        throw new ConditionSyntaxError(i, `expected "${ch}${ch}" but found a single "${ch}"`);
      }
      tokens.push({ kind: ch === '&' ? '&&' : '||', at: i });
      i += 2;
    } else if (ch === '"') {
      throw new ConditionSyntaxError(
        i,
        'quoted strings (arguments of VSAQ functions such as matches or contains) are not supported',
      );
    } else if (ch === ',') {
      throw new ConditionSyntaxError(i, '"," (VSAQ function arguments) is not supported');
    } else {
      let end = i;
      while (end < text.length && !SEPARATORS.includes(text[end]!) && !/\s/.test(text[end]!)) {
        end += 1;
      }
      const name = text.slice(i, end);
      // Checked here, before the quoted arguments could be reported instead.
      if (/^\s*\(/.test(text.slice(end))) {
        throw new ConditionSyntaxError(
          i,
          `function calls such as "${name}(...)" are not supported`,
        );
      }
      tokens.push({ kind: 'id', name, at: i });
      i = end;
    }
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;
  private mixedAt: number | undefined;

  constructor(private readonly tokens: Token[]) {}

  condition(): { expression: CondExpr | undefined; mixedAt?: number } {
    if (this.peek().kind === 'end') return { expression: undefined };
    const expression = this.chain();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      throw new ConditionSyntaxError(
        rest.at,
        rest.kind === ')'
          ? 'unbalanced ")": no "(" opens it'
          : `expected "&&" or "||" but found ${describe(rest)}`,
      );
    }
    return this.mixedAt === undefined ? { expression } : { expression, mixedAt: this.mixedAt };
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  /** operand (("&&" | "||") operand)*, folded left to right as VSAQ does. */
  private chain(): CondExpr {
    let left = this.operand();
    let previous: '&&' | '||' | undefined;
    for (;;) {
      const token = this.peek();
      if (token.kind !== '&&' && token.kind !== '||') return left;
      this.index += 1;
      if (previous !== undefined && previous !== token.kind && this.mixedAt === undefined) {
        this.mixedAt = token.at + 1;
      }
      previous = token.kind;
      const right = this.operand();
      const kind = token.kind === '&&' ? 'and' : 'or';
      left =
        left.kind === kind
          ? { kind, operands: [...left.operands, right] }
          : { kind, operands: [left, right] };
    }
  }

  private operand(): CondExpr {
    const token = this.tokens[this.index]!;
    if ((token.kind === '!' || token.kind === '(') && this.depth >= MAX_NESTING) {
      throw new ConditionSyntaxError(
        token.at,
        `"!" and "(" nest deeper than ${MAX_NESTING} levels`,
      );
    }
    switch (token.kind) {
      case '!': {
        this.index += 1;
        this.depth += 1;
        const operand = this.operand();
        this.depth -= 1;
        return { kind: 'not', operand };
      }
      case '(': {
        this.index += 1;
        if (this.peek().kind === ')') throw new ConditionSyntaxError(this.peek().at, 'empty "()"');
        this.depth += 1;
        const inner = this.chain();
        this.depth -= 1;
        const close = this.peek();
        if (close.kind !== ')') {
          throw new ConditionSyntaxError(
            close.at,
            close.kind === 'end'
              ? `"(" at character ${token.at + 1} is never closed`
              : `expected ")" but found ${describe(close)}`,
          );
        }
        this.index += 1;
        return inner;
      }
      case 'id': {
        this.index += 1;
        if (token.name === 'false') return { kind: 'false', at: token.at };
        return { kind: 'ref', name: token.name, at: token.at };
      }
      default:
        throw new ConditionSyntaxError(
          token.at,
          `expected an id, "!" or "(" but found ${describe(token)}`,
        );
    }
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the condition';
  if (token.kind === 'id') return `"${token.name}"`;
  return `"${token.kind}"`;
}
