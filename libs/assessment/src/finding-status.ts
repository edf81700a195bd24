import { DomainException } from '#core';
import { FindingStatus, type RiskAcceptance } from './finding.entity.js';

/**
 * OPEN ⇄ IN_REMEDIATION, either → RESOLVED | RISK_ACCEPTED. RESOLVED is final. RISK_ACCEPTED is
 * final while the acceptance holds; once its expiry date has passed the finding may be reopened
 * (→ OPEN), because the risk is no longer accepted and the same control gap should be worked on
 * again rather than raised as a second finding (which would also defeat the one-finding-per-
 * knockout rule).
 */
const MOVES: Readonly<Record<FindingStatus, readonly FindingStatus[]>> = {
  [FindingStatus.Open]: [
    FindingStatus.InRemediation,
    FindingStatus.Resolved,
    FindingStatus.RiskAccepted,
  ],
  [FindingStatus.InRemediation]: [
    FindingStatus.Open,
    FindingStatus.Resolved,
    FindingStatus.RiskAccepted,
  ],
  [FindingStatus.Resolved]: [],
  [FindingStatus.RiskAccepted]: [],
};

/** Still to be worked on: the vendor sees it, it counts as open everywhere. */
export const OPEN_FINDING_STATUSES: readonly FindingStatus[] = [
  FindingStatus.Open,
  FindingStatus.InRemediation,
];

export function isOpenFinding(status: FindingStatus): boolean {
  return OPEN_FINDING_STATUSES.includes(status);
}

/** Whether a risk acceptance no longer holds on `today` (`YYYY-MM-DD`): its expiry has passed. */
export function riskAcceptanceExpired(
  acceptance: Pick<RiskAcceptance, 'expiresOn'> | null,
  today: string,
): boolean {
  return acceptance !== null && acceptance.expiresOn < today;
}

export interface FindingMoveFacts {
  /** The finding's current risk acceptance, if any. */
  readonly riskAcceptance: Pick<RiskAcceptance, 'expiresOn'> | null;
  /** `YYYY-MM-DD`. */
  readonly today: string;
}

export function canMoveFinding(
  from: FindingStatus,
  to: FindingStatus,
  facts: FindingMoveFacts,
): boolean {
  if (from === FindingStatus.RiskAccepted && to === FindingStatus.Open) {
    return riskAcceptanceExpired(facts.riskAcceptance, facts.today);
  }
  return MOVES[from].includes(to);
}

/** CONFLICT, changing nothing, unless `from → to` is a move of the finding status machine. */
export function assertFindingMove(
  from: FindingStatus,
  to: FindingStatus,
  facts: FindingMoveFacts,
): void {
  if (canMoveFinding(from, to, facts)) return;
  const reason =
    from === FindingStatus.RiskAccepted && to === FindingStatus.Open
      ? `; the risk acceptance holds until ${facts.riskAcceptance?.expiresOn ?? '(none)'}`
      : '';
  throw DomainException.conflict(`A finding that is ${from} cannot become ${to}${reason}`, {
    current: { status: from },
  });
}
