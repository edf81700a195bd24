import { describe, expect, it } from '@jest/globals';
import { DomainException, ErrorCode } from '#core';
import { fromGlobalId, toGlobalId } from './global-id.js';

const id = '0192f3a4-5b6c-7d8e-9f00-112233445566';

function codeOf(work: () => unknown): ErrorCode | undefined {
  try {
    work();
  } catch (error) {
    return (error as DomainException).code;
  }
  return undefined;
}

describe('global ids', () => {
  it('round-trip type and row id through an opaque, URL-safe string', () => {
    const globalId = toGlobalId('JobPipelineCheck', id);
    expect(globalId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(globalId).not.toContain(id);
    expect(fromGlobalId(globalId, { path: 'id' })).toEqual({ typeName: 'JobPipelineCheck', id });
  });

  it('refuse malformed ids as BAD_USER_INPUT', () => {
    for (const bad of [
      '',
      'abc',
      toGlobalId('X', 'not-a-uuid'),
      Buffer.from(id).toString('base64url'),
    ]) {
      expect(codeOf(() => fromGlobalId(bad, { path: 'id' }))).toBe(ErrorCode.BadUserInput);
    }
  });

  it('treat an id of another type as not found, exactly like a missing one', () => {
    const vendorId = toGlobalId('Vendor', id);
    expect(
      codeOf(() => fromGlobalId(vendorId, { path: 'id', expectedType: 'JobPipelineCheck' })),
    ).toBe(ErrorCode.NotFound);
  });
});
