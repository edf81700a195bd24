import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { csvCell, neutraliseFormula, restoreFormulaText, xlsxCell } from './cells.js';

describe('formula neutralising', () => {
  it('puts a quote before text a spreadsheet would run as a formula', () => {
    for (const text of [
      '=HYPERLINK("http://evil.example","x")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    }
    for (const text of ['Acme', '', ' =1', 'a=b', '1-2', '深圳']) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });

  it('also before quotes that already precede one, so that it can always be undone', () => {
    expect(neutraliseFormula("'=1")).toBe("''=1");
    expect(neutraliseFormula("'plain")).toBe("'plain");
    fc.assert(
      fc.property(fc.string(), (text) => {
        const guarded = neutraliseFormula(text);
        expect(restoreFormulaText(guarded)).toBe(text);
        expect(guarded).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

describe('CSV cells', () => {
  it('write each type in a stable text form, neutralising text and lists', () => {
    expect(csvCell('text', '=cmd|calc')).toBe("'=cmd|calc");
    expect(csvCell('list', ['-x', 'y'])).toBe("'-x; y");
    expect(csvCell('list', [])).toBe('');
    expect(csvCell('number', -5)).toBe('-5');
    expect(csvCell('number', 66.6667)).toBe('66.6667');
    expect(csvCell('number', Number.NaN)).toBe('');
    expect(csvCell('boolean', true)).toBe('yes');
    expect(csvCell('boolean', false)).toBe('no');
    expect(csvCell('date', '2027-03-31')).toBe('2027-03-31');
    expect(csvCell('datetime', new Date('2027-03-31T08:00:00.123Z'))).toBe(
      '2027-03-31T08:00:00.123Z',
    );
    expect(csvCell('text', null)).toBe('');
    expect(csvCell('datetime', undefined)).toBe('');
  });
});

describe('XLSX cells', () => {
  it('keep types, show days as dates, and leave text as it is (a string cell runs nothing)', () => {
    expect(xlsxCell('text', '=cmd|calc')).toBe('=cmd|calc');
    expect(xlsxCell('number', 42)).toBe(42);
    expect(xlsxCell('boolean', false)).toBe(false);
    expect(xlsxCell('date', '2027-03-31')).toEqual(new Date('2027-03-31T00:00:00.000Z'));
    const at = new Date('2027-03-31T08:00:00Z');
    expect(xlsxCell('datetime', at)).toBe(at);
    expect(xlsxCell('list', ['a', 'b'])).toBe('a; b');
    expect(xlsxCell('number', null)).toBeNull();
  });
});
