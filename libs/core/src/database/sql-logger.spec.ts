import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { SqlLogger, StatementCounter, withoutLiterals } from './sql-logger.js';

describe('withoutLiterals', () => {
  it('blanks every string literal of a statement, escaped quotes and backslashes included', () => {
    const secret = "it's \\ a 'secret'; SELECT 1";
    const query = `SELECT set_config('app.organization_id', '0190-uuid', true); SELECT audit_append('x'::uuid, ${pg.escapeLiteral(secret)}::jsonb); COMMIT`;
    const logged = withoutLiterals(query);
    expect(logged).toBe(
      "SELECT set_config('…', '…', true); SELECT audit_append('…'::uuid,  E'…'::jsonb); COMMIT",
    );
    expect(logged).not.toContain('secret');
  });

  it('leaves a statement with parameters as it is', () => {
    const query = 'SELECT id FROM vendor WHERE organization_id = $1 AND name_key = $2';
    expect(withoutLiterals(query)).toBe(query);
  });
});

describe('SqlLogger', () => {
  it('counts every statement, and logs it without its literals only when statements are logged', () => {
    const verbose = jest.spyOn(Logger.prototype, 'verbose').mockImplementation(() => undefined);
    try {
      const counter = new StatementCounter();
      new SqlLogger(counter).logQuery("SELECT 'secret'");
      expect(counter.value).toBe(1);
      expect(verbose).not.toHaveBeenCalled();
      new SqlLogger(counter, true).logQuery("SELECT 'secret'");
      expect(counter.value).toBe(2);
      expect(verbose).toHaveBeenCalledWith("SELECT '…'");
    } finally {
      verbose.mockRestore();
    }
  });
});
