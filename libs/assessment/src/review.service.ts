import { Injectable } from '@nestjs/common';
import { AgreementService, CoverageStatus, type VendorCoverage } from '#agreement';
import { AuditService, type AuditValues } from '#audit';
import {
  Clock,
  DomainException,
  TransactionalConnection,
  actorId,
  cleanText,
  type FieldProblem,
  type RequestContext,
} from '#core';
import { Membership, Organization } from '#identity';
import { QuestionnaireService, questionsOf } from '#questionnaire';
import { residualRating, roundScore, type AssessmentScore, type InherentTier } from '#scoring';
import { ReassessmentPolicyService, Vendor, handlesPersonalData, profileOf } from '#vendor';
import { WebhookEventType, WebhookService, webhookGlobalId } from '#webhook';
import { AssessmentStatus, assertAssessmentMove } from './assessment-status.js';
import { Assessment, type CoverageException } from './assessment.entity.js';
import { AssessmentService } from './assessment.service.js';
import { LifecycleEmailService } from './lifecycle-email.service.js';
import { CommentVisibility, ReviewComment } from './review-comment.entity.js';
import { RiskMatrixService } from './risk-matrix.service.js';

export enum AssessmentDecision {
  Approved = 'APPROVED',
  ApprovedWithConditions = 'APPROVED_WITH_CONDITIONS',
  Rejected = 'REJECTED',
}

export interface CommentRequest {
  readonly body: string;
  /** A question of the assessment's definition; null or omitted for the assessment as a whole. */
  readonly questionKey?: string | null;
  /** Members: INTERNAL when omitted. Vendor contacts: always VENDOR. */
  readonly visibility?: CommentVisibility | null;
}

export interface ChangeRequest {
  readonly questionKeys: readonly string[];
  /** Shown to the vendor. */
  readonly comment?: string | null;
}

export interface ScoreOverrideRequest {
  /** 0-100; null lifts the override. */
  readonly score: number | null;
  readonly justification: string;
}

export interface CompletionRequest {
  readonly decision: AssessmentDecision;
  readonly note?: string | null;
  /** Needed to approve a vendor whose agreement coverage has gaps. */
  readonly coverageException?: {
    readonly justification: string;
    readonly expiresOn: string;
  } | null;
}

const MAX_COMMENT = 5_000;
const MAX_NOTE = 5_000;
const MAX_JUSTIFICATION = 2_000;
const MAX_REOPENED = 200;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where members (and the vendor contact) may discuss an assessment. */
const COMMENTABLE: readonly AssessmentStatus[] = [
  AssessmentStatus.InProgress,
  AssessmentStatus.Submitted,
  AssessmentStatus.InReview,
  AssessmentStatus.ChangesRequested,
];

const reviewView = (assessment: Assessment): AuditValues => ({
  status: assessment.status,
  reviewerId: assessment.reviewerId,
  reopenedQuestionKeys: assessment.reopenedQuestionKeys,
  overallScore: assessment.overallScore,
  scoreOverride: assessment.scoreOverride,
  residualRating: assessment.residualRating,
  decision: assessment.decision,
});

/** The score a decision rests on: the reviewer's override when there is one, else the computed one. */
export function effectiveScore(assessment: Assessment): number | null {
  if (assessment.scoreOverride !== null) return Number(assessment.scoreOverride);
  return assessment.overallScore === null ? null : Number(assessment.overallScore);
}

/**
 * What keeps a vendor's agreements from covering it, one line each: regimes not covered (with
 * the missing mandatory clauses) and, for a vendor with personal information, no DPA in force.
 */
export function coverageGaps(coverage: VendorCoverage, personalData: boolean): string[] {
  const gaps = coverage.regimes
    .filter((regime) => regime.status !== CoverageStatus.Covered)
    .map((regime) =>
      regime.status === CoverageStatus.MissingClauses
        ? `${regime.regime} ${regime.status} (${regime.missingClauseIds.join(', ')})`
        : `${regime.regime} ${regime.status}`,
    );
  if (personalData && !coverage.dpaInForce) gaps.push('NO_DPA_IN_FORCE');
  return gaps;
}

/** The risk owner's side: review, comments, changes requested, overrides and the decision. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly assessments: AssessmentService,
    private readonly questionnaires: QuestionnaireService,
    private readonly agreements: AgreementService,
    private readonly matrices: RiskMatrixService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reassessment: ReassessmentPolicyService,
    private readonly webhooks: WebhookService,
    private readonly lifecycleEmails: LifecycleEmailService,
  ) {}

  /** SUBMITTED → IN_REVIEW, with the acting member as the reviewer. */
  async startReview(ctx: RequestContext, assessmentId: string): Promise<Assessment> {
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      assertAssessmentMove(assessment.status, AssessmentStatus.InReview);
      const before = reviewView(assessment);
      Object.assign(assessment, {
        status: AssessmentStatus.InReview,
        // An API key reviews for no one in particular.
        reviewerId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        reviewStartedAt: this.clock.now(),
      });
      return this.save(tx, assessment, 'assessment.review_started', before);
    });
  }

  /**
   * A comment on the assessment or one of its questions. Members choose who sees it; the
   * invited vendor contact may comment on its own assessment, always visibly to both sides.
   */
  async addComment(
    ctx: RequestContext,
    assessmentId: string,
    request: CommentRequest,
  ): Promise<ReviewComment> {
    const fromVendor = ctx.actor.kind === 'vendorContact';
    if (fromVendor && !ctx.actor.assessmentIds.includes(assessmentId)) {
      throw DomainException.notFound('Assessment');
    }
    const problems: FieldProblem[] = [];
    const body = this.text(request.body, 'input.body', MAX_COMMENT, problems);
    if (fromVendor && request.visibility === CommentVisibility.Internal) {
      problems.push({
        path: 'input.visibility',
        message: "a vendor contact's comments are always visible to the organization and to them",
      });
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid comment', problems);
    const visibility = fromVendor
      ? CommentVisibility.Vendor
      : (request.visibility ?? CommentVisibility.Internal);
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      if (!COMMENTABLE.includes(assessment.status)) {
        throw DomainException.conflict(
          `An assessment that is ${assessment.status} takes no comments`,
          { current: { status: assessment.status } },
        );
      }
      const questionKey = request.questionKey?.trim() || null;
      if (questionKey) {
        await this.assertQuestionKeys(tx, assessment, [questionKey], () => 'input.questionKey');
      }
      const comments = await this.connection.repository(tx, ReviewComment);
      const comment = comments.create({
        organizationId: assessment.organizationId,
        assessmentId: assessment.id,
        questionKey,
        visibility,
        body,
        authorKind: fromVendor
          ? 'vendorContact'
          : ctx.actor.kind === 'user'
            ? 'member'
            : ctx.actor.kind,
        authorId: actorId(ctx.actor),
      });
      await comments.insert(comment);
      await this.audit.record(tx, {
        action: 'assessment.comment_added',
        entityType: 'assessment',
        entityId: assessment.id,
        before: null,
        after: { commentId: comment.id, questionKey, visibility },
      });
      return comment;
    });
  }

  /**
   * IN_REVIEW → CHANGES_REQUESTED: the vendor may change these questions (and only these)
   * until it submits again; the optional comment is shown to the vendor. The contact is emailed
   * the questions and the comment with a new invitation link (the older one stops working).
   */
  async requestChanges(
    ctx: RequestContext,
    assessmentId: string,
    request: ChangeRequest,
  ): Promise<Assessment> {
    const keys = [...new Set(request.questionKeys.map((key) => key.trim()))];
    const problems: FieldProblem[] = [];
    if (keys.length === 0 || keys.length > MAX_REOPENED || keys.includes('')) {
      problems.push({
        path: 'input.questionKeys',
        message: `name 1 to ${MAX_REOPENED} questions the vendor may change`,
      });
    }
    const comment =
      request.comment === undefined || request.comment === null || !request.comment.trim()
        ? null
        : this.text(request.comment, 'input.comment', MAX_COMMENT, problems);
    if (problems.length > 0) throw DomainException.badUserInput('Invalid change request', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      assertAssessmentMove(assessment.status, AssessmentStatus.ChangesRequested);
      await this.assertQuestionKeys(
        tx,
        assessment,
        request.questionKeys,
        (index) => `input.questionKeys[${index}]`,
      );
      const before = reviewView(assessment);
      Object.assign(assessment, {
        status: AssessmentStatus.ChangesRequested,
        reopenedQuestionKeys: keys,
      });
      const saved = await this.save(tx, assessment, 'assessment.changes_requested', before);
      if (comment) {
        const comments = await this.connection.repository(tx, ReviewComment);
        await comments.insert(
          comments.create({
            organizationId: assessment.organizationId,
            assessmentId: assessment.id,
            questionKey: null,
            visibility: CommentVisibility.Vendor,
            body: comment,
            authorKind: ctx.actor.kind === 'user' ? 'member' : ctx.actor.kind,
            authorId: actorId(ctx.actor),
          }),
        );
      }
      const vendor = await (
        await this.connection.repository(tx, Vendor)
      ).findOneByOrFail({ id: assessment.vendorId });
      await this.lifecycleEmails.changesRequested(tx, saved, vendor, comment);
      return saved;
    });
  }

  /** Sets (or, with a null score, lifts) the reviewer's score; the computed one stays. */
  async overrideScore(
    ctx: RequestContext,
    assessmentId: string,
    request: ScoreOverrideRequest,
  ): Promise<Assessment> {
    const problems: FieldProblem[] = [];
    const justification = this.text(
      request.justification,
      'input.justification',
      MAX_JUSTIFICATION,
      problems,
      false,
    );
    if (
      request.score !== null &&
      (!Number.isFinite(request.score) || request.score < 0 || request.score > 100)
    ) {
      problems.push({ path: 'input.score', message: 'must be between 0 and 100' });
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid score override', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      if (assessment.status !== AssessmentStatus.InReview) {
        throw DomainException.conflict(
          `Only an assessment in review takes a score override; this one is ${assessment.status}`,
          { current: { status: assessment.status } },
        );
      }
      const before = {
        ...reviewView(assessment),
        justification: assessment.scoreOverrideJustification,
      };
      const lifting = request.score === null;
      Object.assign(assessment, {
        scoreOverride: lifting ? null : roundScore(request.score!).toFixed(2),
        scoreOverrideJustification: lifting ? null : justification,
        scoreOverriddenBy: lifting ? null : actorId(ctx.actor),
        scoreOverriddenAt: lifting ? null : this.clock.now(),
      });
      return this.save(
        tx,
        assessment,
        lifting ? 'assessment.score_override_lifted' : 'assessment.score_overridden',
        before,
        { justification },
      );
    });
  }

  /**
   * IN_REVIEW → COMPLETED with a decision. Rates the residual risk from the organization's
   * matrix, the vendor's tier and the effective score (capped by failed knockouts), and copies
   * the rating to the vendor. Approving a vendor whose agreements leave gaps needs an explicit,
   * expiring exception; without one it is CONFLICT naming the gaps. Announces the decision
   * (`assessment.completed`, and `vendor.rating_changed` when the vendor's rating moved) and
   * emails it to the sender and the vendor's owners.
   */
  async complete(
    ctx: RequestContext,
    assessmentId: string,
    request: CompletionRequest,
  ): Promise<Assessment> {
    const approving = request.decision !== AssessmentDecision.Rejected;
    const problems: FieldProblem[] = [];
    const note =
      request.note === undefined || request.note === null || !request.note.trim()
        ? null
        : this.text(request.note, 'input.note', MAX_NOTE, problems);
    if (!note && request.decision !== AssessmentDecision.Approved) {
      problems.push({
        path: 'input.note',
        message:
          request.decision === AssessmentDecision.Rejected
            ? 'say why the vendor is rejected'
            : 'state the conditions of the approval',
      });
    }
    const exception = request.coverageException ?? null;
    let exceptionJustification = '';
    if (exception) {
      if (!approving) {
        problems.push({
          path: 'input.coverageException',
          message: 'only an approval takes a coverage exception',
        });
      }
      exceptionJustification = this.text(
        exception.justification,
        'input.coverageException.justification',
        MAX_JUSTIFICATION,
        problems,
        false,
      );
      if (!DAY.test(exception.expiresOn) || exception.expiresOn <= this.today()) {
        problems.push({
          path: 'input.coverageException.expiresOn',
          message: 'must be a date after today, YYYY-MM-DD',
        });
      }
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid decision', problems);

    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      assertAssessmentMove(assessment.status, AssessmentStatus.Completed);
      const vendors = await this.connection.repository(tx, Vendor);
      const vendor = await vendors.findOne({
        where: { id: assessment.vendorId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!vendor) throw DomainException.notFound('Vendor');

      let granted: CoverageException | null = null;
      if (approving) {
        const personalData = handlesPersonalData(profileOf(vendor));
        const coverage = this.agreements.coverage(
          { requirements: vendor.requirements, handlesPersonalData: personalData },
          await this.agreements.agreementsOfVendors(tx, [vendor.id]),
        );
        const gaps = coverageGaps(coverage, personalData);
        if (gaps.length > 0 && !exception) {
          throw DomainException.conflict(
            `The vendor's agreements leave gaps: ${gaps.join('; ')}. Approving it needs a coverage exception with a justification and an expiry date`,
            { current: { gaps } },
          );
        }
        if (gaps.length > 0) {
          granted = {
            justification: exceptionJustification,
            expiresOn: exception!.expiresOn,
            gaps,
            grantedBy: actorId(ctx.actor),
          };
        }
      }

      const computed = (assessment.score ?? null) as AssessmentScore | null;
      const score = effectiveScore(assessment);
      const { matrix, version } = await this.matrices.current(tx);
      const rating = residualRating(matrix, vendor.tier as InherentTier, {
        score,
        failedKnockouts: computed?.failedKnockouts ?? [],
      });
      const reasons = [
        ...(assessment.scoreOverride !== null
          ? [
              `reviewer's score ${Number(assessment.scoreOverride)} instead of the computed ${assessment.overallScore === null ? 'none' : Number(assessment.overallScore)}: ${assessment.scoreOverrideJustification ?? ''}`,
            ]
          : []),
        ...rating.reasons,
        `risk matrix version ${version}`,
      ];
      const before = reviewView(assessment);
      const now = this.clock.now();
      Object.assign(assessment, {
        status: AssessmentStatus.Completed,
        residualRating: rating.rating,
        ratingReasons: reasons,
        decision: request.decision,
        decisionNote: note,
        decidedBy: actorId(ctx.actor),
        completedAt: now,
        coverageException: granted,
        reopenedQuestionKeys: [],
      });
      const saved = await this.save(tx, assessment, 'assessment.completed', before, {
        decisionNote: note,
        ratingReasons: reasons,
        coverageException: granted as AuditValues | null,
      });
      await this.webhooks.emit(tx, {
        type: WebhookEventType.AssessmentCompleted,
        objectType: 'Assessment',
        objectId: saved.id,
        summary: {
          vendorId: webhookGlobalId('Vendor', vendor.id),
          vendorName: vendor.name,
          cycle: saved.cycle,
          decision: request.decision,
          residualRating: rating.rating,
        },
      });

      const vendorBefore = {
        residualRating: vendor.residualRating,
        lastAssessedAt: vendor.lastAssessedAt?.toISOString() ?? null,
      };
      vendor.residualRating = rating.rating;
      vendor.lastAssessedAt = now;
      vendor.lastAssessmentId = assessment.id;
      // The next cycle is due a tier's interval from now; a trigger has been answered.
      vendor.reassessmentTrigger = null;
      await this.reassessment.refresh(tx, vendor);
      await vendors.save(vendor);
      await this.assessments.recordLatestSectionScores(tx, assessment);
      await this.audit.record(tx, {
        action: 'vendor.assessed',
        entityType: 'vendor',
        entityId: vendor.id,
        before: vendorBefore,
        after: {
          residualRating: vendor.residualRating,
          lastAssessedAt: now.toISOString(),
          nextAssessmentDueAt: vendor.nextAssessmentDueAt?.toISOString() ?? null,
          assessmentId: assessment.id,
          decision: request.decision,
        },
      });
      if (vendorBefore.residualRating !== vendor.residualRating) {
        await this.webhooks.emit(tx, {
          type: WebhookEventType.VendorRatingChanged,
          objectType: 'Vendor',
          objectId: vendor.id,
          summary: {
            vendorName: vendor.name,
            before: vendorBefore.residualRating,
            after: vendor.residualRating,
            assessmentId: webhookGlobalId('Assessment', assessment.id),
          },
        });
      }
      await this.lifecycleEmails.assessmentDecided(tx, saved, vendor);
      return saved;
    });
  }

  /** Comments of these assessments, oldest first; only the vendor-visible ones when asked. */
  async commentsOf(
    ctx: RequestContext,
    assessmentIds: readonly string[],
    options: { vendorVisibleOnly?: boolean } = {},
  ): Promise<ReviewComment[]> {
    if (assessmentIds.length === 0) return [];
    const query = (await this.connection.repository(ctx, ReviewComment))
      .createQueryBuilder('comment')
      .where('comment.assessment_id IN (:...assessmentIds)', { assessmentIds });
    if (options.vendorVisibleOnly) {
      query.andWhere('comment.visibility = :visibility', { visibility: CommentVisibility.Vendor });
    }
    return query.orderBy('comment.created_at').addOrderBy('comment.id').getMany();
  }

  /** Whether the organization shows vendor contacts the score of their submitted assessments. */
  async sharesScoreWithVendor(ctx: RequestContext): Promise<boolean> {
    if (!ctx.organizationId) return false;
    const organization = await (
      await this.connection.repository(ctx, Organization)
    ).findOneBy({ id: ctx.organizationId });
    return organization?.shareScoreWithVendor ?? false;
  }

  /** The memberships (with their users) of these reviewers' user ids in this organization. */
  async reviewersOf(ctx: RequestContext, userIds: readonly string[]): Promise<Membership[]> {
    if (userIds.length === 0) return [];
    return (await this.connection.repository(ctx, Membership))
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user')
      .where('membership.user_id IN (:...userIds)', { userIds })
      .getMany();
  }

  private async assertQuestionKeys(
    ctx: RequestContext,
    assessment: Assessment,
    keys: readonly string[],
    pathOf: (index: number) => string,
  ): Promise<void> {
    const version = await this.questionnaires.findVersion(ctx, assessment.templateVersionId);
    const known = new Set(questionsOf(version.definition).map((question) => question.key));
    const problems = keys.flatMap((key, index) =>
      known.has(key.trim())
        ? []
        : [
            {
              path: pathOf(index),
              message: `"${key}" is not a question of this assessment`,
            },
          ],
    );
    if (problems.length > 0) throw DomainException.badUserInput('Unknown question', problems);
  }

  /** Trimmed text; single-line text (justifications) also has its white space collapsed. */
  private text(
    value: string,
    path: string,
    max: number,
    problems: FieldProblem[],
    multiline = true,
  ): string {
    const text = multiline ? (value ?? '').normalize('NFC').trim() : cleanText(value ?? '');
    if (!text) problems.push({ path, message: 'must not be empty' });
    else if (text.length > max)
      problems.push({ path, message: `must be at most ${max} characters` });
    return text;
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private async save(
    ctx: RequestContext,
    assessment: Assessment,
    action: string,
    before: AuditValues,
    extra: AuditValues = {},
  ): Promise<Assessment> {
    const saved = await (await this.connection.repository(ctx, Assessment)).save(assessment);
    await this.audit.record(ctx, {
      action,
      entityType: 'assessment',
      entityId: assessment.id,
      before,
      after: { ...reviewView(saved), ...extra },
    });
    return saved;
  }
}
