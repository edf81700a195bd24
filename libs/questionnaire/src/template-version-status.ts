import { DomainException } from '#core';

/** DRAFT → PUBLISHED → RETIRED. Only a draft's definition changes. */
export enum TemplateVersionStatus {
  Draft = 'DRAFT',
  Published = 'PUBLISHED',
  Retired = 'RETIRED',
}

const MOVES: Readonly<Record<TemplateVersionStatus, readonly TemplateVersionStatus[]>> = {
  [TemplateVersionStatus.Draft]: [TemplateVersionStatus.Published],
  [TemplateVersionStatus.Published]: [TemplateVersionStatus.Retired],
  [TemplateVersionStatus.Retired]: [],
};

export function canMoveTemplateVersion(
  from: TemplateVersionStatus,
  to: TemplateVersionStatus,
): boolean {
  return MOVES[from].includes(to);
}

/** CONFLICT unless `from → to` is a move of the version lifecycle. */
export function assertTemplateVersionMove(
  from: TemplateVersionStatus,
  to: TemplateVersionStatus,
): void {
  if (!canMoveTemplateVersion(from, to)) {
    throw DomainException.conflict(`A ${from} version cannot become ${to}`, { status: from });
  }
}
