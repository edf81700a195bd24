import { describe, expect, it } from '@jest/globals';
import { readsOnly } from './unit-of-work.js';

describe('readsOnly', () => {
  it('lets plain SELECT statements read alone', () => {
    expect(readsOnly('SELECT "a"."id" AS "a_id" FROM "assessment" "a" WHERE "a"."id" = $1')).toBe(
      true,
    );
    expect(readsOnly('  select count(*) from vendor')).toBe(true);
  });

  it('keeps writes, locks and functions with lasting effects in the transaction', () => {
    for (const text of [
      'INSERT INTO vendor (id) VALUES ($1)',
      'WITH moved AS (UPDATE finding SET status = $1 RETURNING id) SELECT id FROM moved',
      'SELECT id FROM assessment WHERE id = $1 FOR UPDATE',
      'SELECT id FROM assessment WHERE id = $1 FOR NO KEY UPDATE',
      'SELECT id FROM vendor FOR SHARE OF vendor',
      'SELECT id FROM vendor FOR KEY SHARE',
      `SELECT set_config('statement_timeout', $1, true)`,
      `SELECT nextval('seq')`,
      'SELECT pg_advisory_xact_lock($1)',
      'SELECT audit_append($1, $2::jsonb)',
      'SAVEPOINT assay_sp_1',
      'COMMIT',
    ])
      expect({ text, alone: readsOnly(text) }).toEqual({ text, alone: false });
  });
});
