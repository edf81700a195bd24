import { DomainException } from '#core';

export enum AgreementStatus {
  Draft = 'DRAFT',
  Sent = 'SENT',
  Signed = 'SIGNED',
  Expired = 'EXPIRED',
  Terminated = 'TERMINATED',
  Superseded = 'SUPERSEDED',
}

/**
 * DRAFT → SENT → SIGNED → EXPIRED | TERMINATED | SUPERSEDED; a draft signed on paper may go to
 * SIGNED directly. The last three are final.
 */
const NEXT: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  [AgreementStatus.Draft]: [AgreementStatus.Sent, AgreementStatus.Signed],
  [AgreementStatus.Sent]: [AgreementStatus.Signed],
  [AgreementStatus.Signed]: [
    AgreementStatus.Expired,
    AgreementStatus.Terminated,
    AgreementStatus.Superseded,
  ],
  [AgreementStatus.Expired]: [],
  [AgreementStatus.Terminated]: [],
  [AgreementStatus.Superseded]: [],
};

export function canMoveAgreement(from: AgreementStatus, to: AgreementStatus): boolean {
  return NEXT[from].includes(to);
}

/** Refuses an illegal transition with CONFLICT. The one place these rules live. */
export function assertAgreementMove(from: AgreementStatus, to: AgreementStatus): void {
  if (!canMoveAgreement(from, to)) {
    throw DomainException.conflict(`An agreement cannot move from ${from} to ${to}`, { from, to });
  }
}

/** Whether the terms (parties, dates, document) may still change. */
export function termsEditable(status: AgreementStatus): boolean {
  return status === AgreementStatus.Draft || status === AgreementStatus.Sent;
}

/** Whether the clause checklist may still change (reviewed before and after signing). */
export function checklistEditable(status: AgreementStatus): boolean {
  return termsEditable(status) || status === AgreementStatus.Signed;
}
