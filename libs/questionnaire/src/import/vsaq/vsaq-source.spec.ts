import { describe, expect, it } from '@jest/globals';
import { parseVsaqSource } from './vsaq-source.js';

function value(text: string): unknown {
  const result = parseVsaqSource(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function errors(text: string) {
  const result = parseVsaqSource(text);
  if (result.ok) throw new Error('parsed unexpectedly');
  return result.errors;
}

describe('parseVsaqSource', () => {
  it('skips // comment lines, also between items and after values', () => {
    const text = [
      '// Copyright header',
      '//',
      '{',
      '  // a comment inside',
      '  "a": 1, // after a value',
      '  "b": [true, false, null, -2.5e3] /* block comment */',
      '}',
    ].join('\n');
    expect(value(text)).toEqual({ a: 1, b: [true, false, null, -2500] });
  });

  it('joins "a" + "b" across whitespace, newlines and comments', () => {
    const text = '{"text": "one, " +\n    "two, "   +   // why\n  "three"}';
    expect(value(text)).toEqual({ text: 'one, two, three' });
  });

  it('never touches // or + inside strings', () => {
    const text =
      '{"url": "See http://example.com/a+b // not a comment" + " + more", "plus": "1 + 1 // 2"}';
    expect(value(text)).toEqual({
      url: 'See http://example.com/a+b // not a comment + more',
      plus: '1 + 1 // 2',
    });
  });

  it('decodes JSON escapes and keeps a "__proto__" key an ordinary property', () => {
    const parsed = value('{"q": "say \\"hi\\"\\n\\u00e9", "__proto__": {"x": 1}}') as Record<
      string,
      unknown
    >;
    expect(parsed.q).toBe('say "hi"\né');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['q', '__proto__']);
  });

  it('reports invalid JSON with line and column', () => {
    const text = '// header\n{\n  "a": 1\n  "b": 2\n}';
    expect(errors(text)).toEqual([
      { location: 'line 4, column 3', message: 'expected "," or "}" but found a string' },
    ]);
    expect(errors('{"a": [1, 2,]}')).toEqual([
      { location: 'line 1, column 13', message: 'trailing comma before "]"' },
    ]);
    expect(errors('{"a": 1')).toEqual([
      {
        location: 'line 1, column 8',
        message: 'expected "," or "}" but found the end of the file',
      },
    ]);
  });

  it('reports an unterminated string concatenation at the "+"', () => {
    const text = '{\n  "text": "first part" +\n}';
    expect(errors(text)).toEqual([
      {
        location: 'line 2, column 24',
        message: 'unterminated string concatenation: "+" must be followed by a string',
      },
    ]);
    expect(errors('{"text": "a" +')[0]).toEqual({
      location: 'line 1, column 14',
      message: 'unterminated string concatenation: the file ends after "+"',
    });
  });

  it('collects every token error instead of stopping at the first', () => {
    const text = '{\n  "a": \'single\',\n  "b": "never closed\n  "c": 1 + 2\n}';
    const found = errors(text);
    expect(found).toEqual([
      {
        location: 'line 2, column 8',
        message: 'strings must be in double quotes, not single quotes',
      },
      {
        location: 'line 2, column 9',
        message: 'unexpected word "single"; text must be in double quotes',
      },
      {
        location: 'line 2, column 15',
        message: 'strings must be in double quotes, not single quotes',
      },
      {
        location: 'line 3, column 8',
        message: 'the string is never closed: a string must end with " on the same line',
      },
      {
        location: 'line 4, column 10',
        message: '"+" joins two strings, and no string comes before it',
      },
    ]);
  });

  it('reports bad escapes, stray characters and unclosed comments where they are', () => {
    expect(errors('{"a": "\\x"}')[0]).toEqual({
      location: 'line 1, column 8',
      message: 'invalid escape "\\x" in a string',
    });
    expect(errors('{"a": 1} #')[0]).toEqual({
      location: 'line 1, column 10',
      message: 'unexpected character "#"',
    });
    expect(errors('{"a": 1} /* open')[0]?.location).toBe('line 1, column 10');
  });

  it('skips a byte order mark', () => {
    expect(value('\ufeff{"a": "b"}')).toEqual({ a: 'b' });
  });
});
