import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { withoutLiterals } from './sql-logger.js';

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
