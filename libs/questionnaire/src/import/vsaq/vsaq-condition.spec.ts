import { describe, expect, it } from '@jest/globals';
import { parseReference, parseVsaqCondition, type CondExpr } from './vsaq-condition.js';

/** Renders a parsed condition compactly: and(a, not(b)). */
function show(expression: CondExpr | undefined): string {
  if (expression === undefined) return '<empty>';
  switch (expression.kind) {
    case 'ref':
      return expression.name;
    case 'false':
      return 'FALSE';
    case 'not':
      return `not(${show(expression.operand)})`;
    case 'and':
    case 'or':
      return `${expression.kind}(${expression.operands.map(show).join(', ')})`;
  }
}

function parsed(text: string): string {
  const result = parseVsaqCondition(text);
  if (!result.ok) throw new Error(`did not parse: ${result.message} at ${result.position}`);
  return show(result.expression);
}

function failure(text: string): { position: number; message: string } {
  const result = parseVsaqCondition(text);
  if (result.ok) throw new Error(`parsed unexpectedly: ${show(result.expression)}`);
  return { position: result.position, message: result.message };
}

describe('parseVsaqCondition', () => {
  it('reads a single id, negation and chains of one operator', () => {
    expect(parsed('secprog_no')).toBe('secprog_no');
    expect(parsed('!secprog_policies')).toBe('not(secprog_policies)');
    expect(parsed('a && b && c')).toBe('and(a, b, c)');
    expect(parsed('!a || !b || !c')).toBe('or(not(a), not(b), not(c))');
  });

  it('applies && and || left to right with equal precedence, as VSAQ evaluates them', () => {
    // VSAQ folds the token list left to right: (a || b) && !c, not a || (b && !c).
    expect(parsed('a || b && !c')).toBe('and(or(a, b), not(c))');
    expect(parsed('a && b || c')).toBe('or(and(a, b), c)');
  });

  it('flags a chain that mixes && and || without parentheses, with the position', () => {
    const mixed = parseVsaqCondition('a || b && !c');
    expect(mixed).toMatchObject({ ok: true, mixedAt: 8 });
    expect(parseVsaqCondition('a || (b && !c)')).not.toHaveProperty('mixedAt');
  });

  it('groups with parentheses', () => {
    expect(parsed('a || (b && !c)')).toBe('or(a, and(b, not(c)))');
    expect(parsed('!(a || b) && c')).toBe('and(not(or(a, b)), c)');
    expect(parsed('((a))')).toBe('a');
  });

  it('keeps VSAQ prefixes and suffixes inside ids and reads the literal false', () => {
    expect(parsed('x && !^warn_y')).toBe('and(x, not(^warn_y))');
    expect(parsed('q/yes || q/no')).toBe('or(q/yes, q/no)');
    expect(parsed('false')).toBe('FALSE');
  });

  it('treats an empty condition as none', () => {
    expect(parsed('   ')).toBe('<empty>');
  });

  it('reports the position of syntax errors', () => {
    expect(failure('a &&')).toEqual({
      position: 5,
      message: 'expected an id, "!" or "(" but found the end of the condition',
    });
    expect(failure('a & b')).toEqual({
      position: 3,
      message: 'expected "&&" but found a single "&"',
    });
    expect(failure('a b')).toEqual({ position: 3, message: 'expected "&&" or "||" but found "b"' });
    expect(failure('(a || b')).toEqual({
      position: 8,
      message: '"(" at character 1 is never closed',
    });
    expect(failure('a)')).toEqual({ position: 2, message: 'unbalanced ")": no "(" opens it' });
    expect(failure('a && ()')).toMatchObject({ position: 7, message: 'empty "()"' });
    expect(failure('|| a').position).toBe(1);
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    expect(failure(`${'('.repeat(100_000)}a${')'.repeat(100_000)}`)).toEqual({
      position: 65,
      message: '"!" and "(" nest deeper than 64 levels',
    });
    expect(failure(`${'!'.repeat(100_000)}a`).position).toBe(65);
    expect(parsed(`${'('.repeat(64)}a${')'.repeat(64)}`)).toBe('a');
  });

  it('rejects VSAQ string functions, which Assay conditions cannot express', () => {
    expect(failure('matches(q/value, "^a")')).toMatchObject({ position: 1 });
    expect(failure('matches(q/value, "^a")').message).toContain('matches(...)');
    expect(failure('contains(q/value)').message).toContain('not supported');
  });
});

describe('parseReference', () => {
  it('strips a leading ^ and one trailing /yes, /no or /value, like VSAQ', () => {
    expect(parseReference('secprog_no')).toEqual({ id: 'secprog_no', visibility: false });
    expect(parseReference('^warn_x')).toEqual({ id: 'warn_x', visibility: true });
    expect(parseReference('q/no')).toEqual({ id: 'q', visibility: false, suffix: 'no' });
    expect(parseReference('^q/value')).toEqual({ id: 'q', visibility: true, suffix: 'value' });
    expect(parseReference('a/b')).toEqual({ id: 'a/b', visibility: false });
  });
});
