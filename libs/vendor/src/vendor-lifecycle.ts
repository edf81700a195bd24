import { DomainException } from '#core';

export enum VendorLifecycle {
  Prospect = 'PROSPECT',
  Active = 'ACTIVE',
  Offboarded = 'OFFBOARDED',
}

const NEXT: Readonly<Record<VendorLifecycle, readonly VendorLifecycle[]>> = {
  [VendorLifecycle.Prospect]: [VendorLifecycle.Active, VendorLifecycle.Offboarded],
  [VendorLifecycle.Active]: [VendorLifecycle.Offboarded],
  [VendorLifecycle.Offboarded]: [],
};

/** Whether a vendor may move from `from` to `to`. */
export function canMoveVendor(from: VendorLifecycle, to: VendorLifecycle): boolean {
  return NEXT[from].includes(to);
}

/** Refuses an illegal lifecycle move with CONFLICT. The one place these rules live. */
export function assertVendorMove(from: VendorLifecycle, to: VendorLifecycle): void {
  if (!canMoveVendor(from, to)) {
    throw DomainException.conflict(`A vendor cannot move from ${from} to ${to}`, {
      from,
      to,
    });
  }
}
