import { Injectable } from '@nestjs/common';
import { Clock, DomainException, TransactionalConnection, type RequestContext } from '#core';
import {
  answerChanges,
  scoreDeltas,
  type AnswerChange,
  type ScoreDelta,
  type SectionScoreDelta,
} from './assessment-comparison.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentService } from './assessment.service.js';
import { Finding, FindingStatus } from './finding.entity.js';
import { OPEN_FINDING_STATUSES } from './finding-status.js';

/** What changed from one cycle of a vendor's assessments to another. */
export interface AssessmentComparison {
  readonly from: Assessment;
  readonly to: Assessment;
  readonly answers: AnswerChange[];
  readonly overall: ScoreDelta;
  readonly sections: SectionScoreDelta[];
  /** Raised in `to`. */
  readonly findingsOpened: Finding[];
  /** Of the vendor, resolved or risk-accepted after `from` was submitted, up to `to`'s submission. */
  readonly findingsClosed: Finding[];
}

const CLOSED_FINDING_STATUSES = [FindingStatus.Resolved, FindingStatus.RiskAccepted];

/** Comparisons between cycles, and the finding counts of the reviewer's lists. */
@Injectable()
export class AssessmentComparisonService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly assessments: AssessmentService,
    private readonly clock: Clock,
  ) {}

  /**
   * Compares two assessments of one vendor: NOT_FOUND for an unknown one, BAD_USER_INPUT for
   * the same one twice or two vendors.
   */
  async compare(ctx: RequestContext, fromId: string, toId: string): Promise<AssessmentComparison> {
    const rows = await this.assessments.findByIds(ctx, [fromId, toId]);
    const from = rows.find((row) => row.id === fromId);
    const to = rows.find((row) => row.id === toId);
    if (!from || !to) throw DomainException.notFound('Assessment');
    if (from.id === to.id) {
      throw DomainException.badUserInput('Compare two different assessments', [
        { path: 'toId', message: 'must be another assessment than fromId' },
      ]);
    }
    if (from.vendorId !== to.vendorId) {
      throw DomainException.badUserInput('The assessments are of different vendors', [
        { path: 'toId', message: 'must be an assessment of the same vendor as fromId' },
      ]);
    }
    const answers = await this.assessments.answersOf(ctx, [from.id, to.id]);
    const since = from.submittedAt ?? from.sentAt ?? from.createdAt;
    const until = to.submittedAt ?? this.clock.now();
    const findings = await (
      await this.connection.repository(ctx, Finding)
    )
      .createQueryBuilder('finding')
      .where('finding.vendor_id = :vendorId', { vendorId: to.vendorId })
      .andWhere(
        `(finding.assessment_id = :toId OR (finding.status IN (:...closed)
          AND COALESCE(finding.resolved_at, (finding.risk_acceptance ->> 'acceptedAt')::timestamptz)
              > :since
          AND COALESCE(finding.resolved_at, (finding.risk_acceptance ->> 'acceptedAt')::timestamptz)
              <= :until))`,
        { toId: to.id, closed: CLOSED_FINDING_STATUSES, since, until },
      )
      .orderBy('finding.created_at')
      .addOrderBy('finding.id')
      .getMany();
    const closedAt = (finding: Finding) =>
      finding.resolvedAt ??
      (finding.riskAcceptance ? new Date(finding.riskAcceptance.acceptedAt) : null);
    return {
      from,
      to,
      answers: answerChanges(
        answers.filter((answer) => answer.assessmentId === from.id),
        answers.filter((answer) => answer.assessmentId === to.id),
      ),
      ...scoreDeltas(from.score, to.score),
      findingsOpened: findings.filter((finding) => finding.assessmentId === to.id),
      findingsClosed: findings.filter((finding) => {
        const at = closedAt(finding);
        return (
          CLOSED_FINDING_STATUSES.includes(finding.status) &&
          at !== null &&
          at > since &&
          at <= until
        );
      }),
    };
  }

  /** Findings still open (OPEN or IN_REMEDIATION) raised in each assessment, by assessment id. */
  async openFindingCounts(
    ctx: RequestContext,
    assessmentIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (assessmentIds.length === 0) return new Map();
    const rows = await (
      await this.connection.repository(ctx, Finding)
    )
      .createQueryBuilder('finding')
      .select('finding.assessment_id', 'assessmentId')
      .addSelect('COUNT(*)::int', 'count')
      .where('finding.assessment_id IN (:...assessmentIds)', { assessmentIds })
      .andWhere('finding.status IN (:...open)', { open: OPEN_FINDING_STATUSES })
      .groupBy('finding.assessment_id')
      .getRawMany<{ assessmentId: string; count: number }>();
    return new Map(rows.map((row) => [row.assessmentId, row.count]));
  }
}
