import { describe, expect, it } from '@jest/globals';
import type { QuestionType } from '../../definition/definition.schema.js';
import { ConditionSyntaxError, formatCondition, parseConditionCell } from './condition-syntax.js';

const TYPES: Record<string, QuestionType> = {
  tls: 'BOOLEAN',
  region: 'SINGLE_CHOICE',
  certs: 'MULTI_CHOICE',
  employees: 'NUMBER',
  audited: 'DATE',
  notes: 'TEXT',
  not: 'BOOLEAN',
  in: 'SINGLE_CHOICE',
  and: 'TEXT',
};
const parse = (text: string) => parseConditionCell(text, (key) => TYPES[key]);

function syntaxError(text: string): ConditionSyntaxError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseConditionCell', () => {
  it('reads leaves with values typed by the question they test', () => {
    expect(parse('tls = yes')).toEqual({ equals: { question: 'tls', value: true } });
    expect(parse('tls == FALSE')).toEqual({ equals: { question: 'tls', value: false } });
    expect(parse('notes = yes')).toEqual({ equals: { question: 'notes', value: 'yes' } });
    expect(parse('region = 10')).toEqual({ equals: { question: 'region', value: '10' } });
    expect(parse('employees >= 1e3')).toEqual({ gte: { question: 'employees', value: 1000 } });
    expect(parse('employees < -2.5')).toEqual({ lt: { question: 'employees', value: -2.5 } });
    expect(parse('audited > 2024-01-31')).toEqual({
      gt: { question: 'audited', value: '2024-01-31' },
    });
    expect(parse('certs in (iso, "soc 2")')).toEqual({
      in: { question: 'certs', values: ['iso', 'soc 2'] },
    });
    expect(parse('notes is answered')).toEqual({ answered: { question: 'notes' } });
  });

  it('keeps a quoted value a string, with JSON escapes', () => {
    expect(parse('employees = "5"')).toEqual({ equals: { question: 'employees', value: '5' } });
    expect(parse('notes = "a \\"b\\", c\\nd"')).toEqual({
      equals: { question: 'notes', value: 'a "b", c\nd' },
    });
    expect(parse('notes = “smart quotes”')).toEqual({
      equals: { question: 'notes', value: 'smart quotes' },
    });
  });

  it('binds not tighter than and, and and tighter than or', () => {
    expect(parse('tls = yes or not employees > 5 and notes is answered')).toEqual({
      any: [
        { equals: { question: 'tls', value: true } },
        {
          all: [
            { not: { gt: { question: 'employees', value: 5 } } },
            { answered: { question: 'notes' } },
          ],
        },
      ],
    });
  });

  it('keeps parenthesized groups as their own all/any, and writes groups of one as all(...)', () => {
    expect(parse('(tls = yes and notes is answered) and employees > 1')).toEqual({
      all: [
        {
          all: [{ equals: { question: 'tls', value: true } }, { answered: { question: 'notes' } }],
        },
        { gt: { question: 'employees', value: 1 } },
      ],
    });
    expect(parse('any(tls = no)')).toEqual({
      any: [{ equals: { question: 'tls', value: false } }],
    });
    expect(parse('ALL(tls = no, notes is answered)')).toEqual({
      all: [{ equals: { question: 'tls', value: false } }, { answered: { question: 'notes' } }],
    });
  });

  it('reads the shorthand forms !=, not in and is not answered', () => {
    expect(parse('tls != yes')).toEqual({ not: { equals: { question: 'tls', value: true } } });
    expect(parse('region not in (eu)')).toEqual({
      not: { in: { question: 'region', values: ['eu'] } },
    });
    expect(parse('notes is not answered')).toEqual({ not: { answered: { question: 'notes' } } });
  });

  it('tells keys that look like keywords from the keywords', () => {
    expect(parse('not = yes')).toEqual({ equals: { question: 'not', value: true } });
    expect(parse('in in (a)')).toEqual({ in: { question: 'in', values: ['a'] } });
    expect(parse('not (and is answered) and not = no')).toEqual({
      all: [
        { not: { answered: { question: 'and' } } },
        { equals: { question: 'not', value: false } },
      ],
    });
  });

  it('reads a cell that starts with { as JSON', () => {
    expect(parse(' {"equals": {"question": "tls", "value": "yes"}} ')).toEqual({
      equals: { question: 'tls', value: 'yes' },
    });
  });

  it('reports what it expected and where', () => {
    expect(syntaxError('tls = ').message).toBe('expected a value, found the end (at character 7)');
    expect(syntaxError('tls ~ yes').message).toBe('unexpected "~" (at character 5)');
    expect(syntaxError('(tls = yes').message).toBe('expected ")", found the end (at character 11)');
    expect(syntaxError('tls yes').message).toBe(
      'expected =, !=, <, <=, >, >=, "in" or "is answered" after "tls", found "yes" (at character 5)',
    );
    expect(syntaxError('tls = yes notes = 1').message).toBe(
      'expected "and", "or" or the end, found "notes" (at character 11)',
    );
    expect(syntaxError('notes = "open').message).toMatch(/^a quoted value is not closed/);
    expect(syntaxError('{"equals": {').message).toMatch(/^not valid JSON: /);
    expect(syntaxError('   ').message).toBe('the condition is empty (at character 1)');
  });
});

describe('formatCondition', () => {
  it('writes the compact form, quoting values that would read otherwise', () => {
    expect(
      formatCondition({
        all: [
          { equals: { question: 'tls', value: true } },
          {
            any: [
              { in: { question: 'region', values: ['eu', 'uk', 'and', '10'] } },
              { not: { lte: { question: 'employees', value: 250 } } },
            ],
          },
          { any: [{ equals: { question: 'notes', value: 'a, "b"' } }] },
        ],
      }),
    ).toBe(
      'tls = yes and (region in (eu, uk, "and", "10") or not (employees <= 250)) and any(notes = "a, \\"b\\"")',
    );
  });

  it('is read back to the same condition', () => {
    const condition = {
      any: [
        {
          all: [
            { answered: { question: 'in' } },
            { gt: { question: 'audited', value: '2020-02-29' } },
          ],
        },
        { not: { not: { equals: { question: 'not', value: false } } } },
        { equals: { question: 'notes', value: 'yes' } },
      ],
    };
    expect(parse(formatCondition(condition))).toEqual(condition);
  });
});
