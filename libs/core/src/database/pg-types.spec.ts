import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { PG_TYPES, parseTimestamptz } from './pg-types.js';

const pgParse = pg.types.getTypeParser(1184, 'text');
/** A Date's time, or what else a parser returned (Infinity, null, NaN for an invalid Date). */
const valueOf = (parsed: unknown) => (parsed instanceof Date ? parsed.getTime() : parsed);

const two = (n: number) => String(n).padStart(2, '0');

describe('parseTimestamptz', () => {
  it('reads what PostgreSQL writes as pg’s own parser does', () => {
    const timestamp = fc
      .record({
        year: fc.integer({ min: 1000, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.integer({ min: 0, max: 59 }),
        fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
        sign: fc.constantFrom('+', '-'),
        offsetHours: fc.integer({ min: 0, max: 15 }),
        offsetMinutes: fc.option(fc.constantFrom(0, 30, 45), { nil: undefined }),
      })
      .map(
        (t) =>
          `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}` +
          `${t.fraction === undefined ? '' : `.${t.fraction}`}${t.sign}${two(t.offsetHours)}` +
          `${t.offsetMinutes === undefined ? '' : `:${two(t.offsetMinutes)}`}`,
      );
    fc.assert(
      fc.property(timestamp, (text) => {
        const parsed = parseTimestamptz(text);
        expect(parsed).toBeInstanceOf(Date);
        expect({ text, time: valueOf(parsed) }).toEqual({ text, time: valueOf(pgParse(text)) });
      }),
      { numRuns: 5000 },
    );
    expect(valueOf(parseTimestamptz('2026-12-06 19:29:47.123+00'))).toBe(
      Date.parse('2026-12-06T19:29:47.123Z'),
    );
    expect(valueOf(parseTimestamptz('2026-12-06 01:02:03.999999+05:30'))).toBe(
      Date.parse('2026-12-05T19:32:03.999Z'),
    );
  });

  it('leaves every other shape to pg’s own parser', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0099-01-01 00:00:00+00',
      '0001-01-01 00:00:00+00 BC',
      '12026-01-01 00:00:00+00',
      '2026-12-06 19:29:47.1234567+00',
      '2026-12-06 19:29:47+05:30:15',
      '2026-12-06T19:29:47+00',
      '2026-12-06 19:29:47',
      '2026-1x-06 19:29:47+00',
      '2026-12-06 19:29:47.+00',
    ])
      expect({ text, value: valueOf(parseTimestamptz(text)) }).toEqual({
        text,
        value: valueOf(pgParse(text)),
      });
  });

  it('serves it for timestamptz only, and pg’s own parsers for every other type', () => {
    expect(PG_TYPES.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    for (const oid of [16, 20, 23, 114, 1082, 1114, 1185, 3802])
      expect(PG_TYPES.getTypeParser(oid, 'text')).toBe(pg.types.getTypeParser(oid, 'text'));
  });
});
