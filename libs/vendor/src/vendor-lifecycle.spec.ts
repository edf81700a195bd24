import { describe, expect, it } from '@jest/globals';
import { DomainException, ErrorCode } from '#core';
import { VendorLifecycle, assertVendorMove, canMoveVendor } from './vendor-lifecycle.js';

const { Prospect, Active, Offboarded } = VendorLifecycle;

describe('vendor lifecycle', () => {
  it('allows PROSPECT → ACTIVE → OFFBOARDED and offboarding a prospect', () => {
    expect(canMoveVendor(Prospect, Active)).toBe(true);
    expect(canMoveVendor(Active, Offboarded)).toBe(true);
    expect(canMoveVendor(Prospect, Offboarded)).toBe(true);
  });

  it('refuses every other move with CONFLICT', () => {
    for (const [from, to] of [
      [Active, Prospect],
      [Offboarded, Active],
      [Offboarded, Prospect],
      [Offboarded, Offboarded],
      [Active, Active],
    ] as const) {
      expect(canMoveVendor(from, to)).toBe(false);
      let thrown: unknown;
      try {
        assertVendorMove(from, to);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainException);
      expect((thrown as DomainException).code).toBe(ErrorCode.Conflict);
    }
  });
});
