import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from './canonical-json.js';
import { REDACTED, auditChanges } from './redact.js';

describe('canonicalJson', () => {
  it('gives equal values equal text, whatever the key order', () => {
    const a = canonicalJson({ b: 1, a: { d: [2, { f: 3, e: 4 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [2, { e: 4, f: 3 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[2,{"e":4,"f":3}]},"b":1}');
  });

  it('writes dates as ISO strings and leaves out undefined fields', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z'), gone: undefined })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z"}',
    );
  });
});

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    expect(auditChanges({ name: 'A', role: 'VIEWER' }, { name: 'A', role: 'ADMIN' })).toEqual({
      role: { before: 'VIEWER', after: 'ADMIN' },
    });
  });

  it('records a creation and a deletion from one side', () => {
    expect(auditChanges(null, { name: 'A' })).toEqual({ name: { after: 'A' } });
    expect(auditChanges({ name: 'A' }, null)).toEqual({ name: { before: 'A' } });
  });

  it('never records a secret, only that it changed', () => {
    const changes = auditChanges(
      { passwordHash: '$argon2id$old', apiKeySecret: 's1', refreshToken: 't1', totpSecret: null },
      { passwordHash: '$argon2id$new', apiKeySecret: 's2', refreshToken: 't2', totpSecret: 'JBSW' },
    );
    expect(changes).toEqual({
      apiKeySecret: { before: REDACTED, after: REDACTED },
      passwordHash: { before: REDACTED, after: REDACTED },
      refreshToken: { before: REDACTED, after: REDACTED },
      totpSecret: { before: null, after: REDACTED },
    });
  });
});
