import { DomainException } from '#core';

/**
 * DRAFT → SENT → IN_PROGRESS → SUBMITTED → IN_REVIEW → COMPLETED,
 * IN_REVIEW → CHANGES_REQUESTED → IN_PROGRESS, any open state → CANCELLED.
 * Overdue is derived from the due date, never a state.
 */
export enum AssessmentStatus {
  Draft = 'DRAFT',
  Sent = 'SENT',
  InProgress = 'IN_PROGRESS',
  Submitted = 'SUBMITTED',
  InReview = 'IN_REVIEW',
  ChangesRequested = 'CHANGES_REQUESTED',
  Completed = 'COMPLETED',
  Cancelled = 'CANCELLED',
}

export enum AssessmentCycle {
  Initial = 'INITIAL',
  Periodic = 'PERIODIC',
  AdHoc = 'AD_HOC',
  Triggered = 'TRIGGERED',
}

const OPEN: readonly AssessmentStatus[] = [
  AssessmentStatus.Draft,
  AssessmentStatus.Sent,
  AssessmentStatus.InProgress,
  AssessmentStatus.Submitted,
  AssessmentStatus.InReview,
  AssessmentStatus.ChangesRequested,
];

const MOVES: Readonly<Record<AssessmentStatus, readonly AssessmentStatus[]>> = {
  [AssessmentStatus.Draft]: [AssessmentStatus.Sent],
  [AssessmentStatus.Sent]: [AssessmentStatus.InProgress],
  [AssessmentStatus.InProgress]: [AssessmentStatus.Submitted],
  [AssessmentStatus.Submitted]: [AssessmentStatus.InReview],
  [AssessmentStatus.InReview]: [AssessmentStatus.Completed, AssessmentStatus.ChangesRequested],
  [AssessmentStatus.ChangesRequested]: [AssessmentStatus.InProgress],
  [AssessmentStatus.Completed]: [],
  [AssessmentStatus.Cancelled]: [],
};

export function isOpenAssessment(status: AssessmentStatus): boolean {
  return OPEN.includes(status);
}

export function canMoveAssessment(from: AssessmentStatus, to: AssessmentStatus): boolean {
  if (to === AssessmentStatus.Cancelled) return isOpenAssessment(from);
  return MOVES[from].includes(to);
}

/** CONFLICT, changing nothing, unless `from → to` is a move of the status machine. */
export function assertAssessmentMove(from: AssessmentStatus, to: AssessmentStatus): void {
  if (!canMoveAssessment(from, to)) {
    throw DomainException.conflict(`An assessment that is ${from} cannot become ${to}`, {
      current: { status: from },
    });
  }
}

/** Where the vendor may still change answers (after CHANGES_REQUESTED, only the reopened ones). */
export function vendorMayAnswer(status: AssessmentStatus): boolean {
  return (
    status === AssessmentStatus.Sent ||
    status === AssessmentStatus.InProgress ||
    status === AssessmentStatus.ChangesRequested
  );
}
