import { describe, expect, it } from '@jest/globals';
import { inlineParameters } from './inline-parameters.js';

describe('inlineParameters', () => {
  it('writes each value as the quoted text pg would send for it', () => {
    const sql = 'SELECT $1, $2, $3, $4, $5, $6, $7, $8';
    expect(
      inlineParameters(sql, [null, undefined, 42, true, "it's", 'a \\ b', ['x', 'y"'], { n: 1 }]),
    ).toBe(`SELECT NULL, NULL, '42', 'true', 'it''s',  E'a \\\\ b',  E'{"x","y\\\\""}', '{"n":1}'`);
  });

  it('replaces every placeholder by its own number, $10 apart from $1', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('a = $1 OR b = $10 OR c = $1', values)).toBe(
      "a = 'v1' OR b = 'v10' OR c = 'v1'",
    );
  });

  it('leaves placeholders alone inside strings, identifiers, dollar quotes and comments', () => {
    const sql = [
      `SELECT '$1', 'it''s $1', E'\\' $1', "col$1", "a""$1"`,
      `$$ $1 $$, $tag$ $1 $$ $tag$`,
      `-- $1`,
      `/* $1 /* $1 */ $1 */ x$1, $1`,
    ].join('\n');
    expect(inlineParameters(sql, ['v'])).toBe(sql.replace(/\$1$/, "'v'"));
  });

  it('gives up on binary values, placeholders without a value and unterminated text', () => {
    expect(inlineParameters('SELECT $1', [Buffer.from('x')])).toBeNull();
    expect(inlineParameters('SELECT $2', ['only one'])).toBeNull();
    expect(inlineParameters('SELECT $0', ['v'])).toBeNull();
    expect(inlineParameters("SELECT 'open, $1", ['v'])).toBeNull();
    expect(inlineParameters('SELECT $q$ open, $1', ['v'])).toBeNull();
  });

  it('returns a statement without parameters as it is', () => {
    expect(inlineParameters("SELECT '$1'", [])).toBe("SELECT '$1'");
  });
});
