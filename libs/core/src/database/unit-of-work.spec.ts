import { describe, expect, it } from '@jest/globals';
import { sqlLiteral } from './unit-of-work.js';

describe('sqlLiteral', () => {
  it('writes each kind of value as PostgreSQL reads it back', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(-1.5)).toBe('-1.5');
    expect(sqlLiteral(10n)).toBe('10');
    expect(sqlLiteral(true)).toBe('TRUE');
    expect(sqlLiteral(false)).toBe('FALSE');
    expect(sqlLiteral(new Date('2026-12-06T01:02:03.456Z'))).toBe("'2026-12-06T01:02:03.456Z'");
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a \\ b')).toBe(" E'a \\\\ b'");
    expect(sqlLiteral({ note: "it's" })).toBe(`'{"note":"it''s"}'`);
  });

  it('refuses numbers that are not finite', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow('finite');
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow('finite');
  });
});
