import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import {
  AppConfig,
  Clock,
  DomainException,
  ErrorCode,
  FileService,
  RateLimiter,
  RequestContext,
  TransactionalConnection,
  actorId,
  hashToken,
  type FieldProblem,
} from '#core';
import { VendorContactTokens, guessLimits } from '#identity';
import {
  QuestionnaireService,
  questionsOf,
  visibleQuestionKeys,
  type AnswerValue,
  type QuestionDefinition,
  type TemplateDefinition,
} from '#questionnaire';
import { answerProblem, roundScore, scoreAssessment } from '#scoring';
import { VendorService } from '#vendor';
import { WebhookEventType, WebhookService, webhookGlobalId } from '#webhook';
import { AssessmentInvitation } from './assessment-invitation.entity.js';
import { AssessmentStatus, assertAssessmentMove, vendorMayAnswer } from './assessment-status.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentService, answerStates } from './assessment.service.js';
import { Answer } from './answer.entity.js';
import { FindingService } from './finding.service.js';
import { LifecycleEmailService } from './lifecycle-email.service.js';

/** A vendor session lasts this long at most (and never beyond the invitation's expiry). */
export const VENDOR_SESSION_SECONDS = 8 * 3_600;
const MAX_ANSWERS_PER_SAVE = 200;
const MAX_COMMENT = 5_000;
const MAX_EVIDENCE = 20;

export interface AnswerInput {
  readonly questionKey: string;
  /** The value; omit (or null) with notApplicable, or to clear the answer. */
  readonly value?: AnswerValue | null;
  readonly notApplicable?: boolean | null;
  readonly comment?: string | null;
  /** Uploaded files (File row ids) attached as evidence; replaces the list when given. */
  readonly evidenceFileIds?: readonly string[] | null;
  /** The revision of the answer the vendor read; 0 for a question not answered yet. */
  readonly expectedRevision: number;
}

export interface MissingItem {
  readonly questionKey: string;
  readonly sectionKey: string;
  /** No answer, no required evidence, or a carried-over answer not confirmed yet. */
  readonly reason: 'ANSWER' | 'EVIDENCE' | 'CONFIRMATION';
}

export interface Progress {
  /** Required visible questions that have an answer. */
  readonly answered: number;
  /** Required visible questions. */
  readonly required: number;
}

export interface ExchangedInvitation {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly assessmentId: string;
}

/** An invitation that does not open anything: the same answer for every reason. */
const invalidInvitation = () =>
  new DomainException(
    ErrorCode.Unauthenticated,
    'The invitation link is not valid; ask for a new one',
  );

/** The vendor contact's side: the invitation exchange, answering and submitting. */
@Injectable()
export class VendorAssessmentService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly assessments: AssessmentService,
    private readonly questionnaires: QuestionnaireService,
    private readonly files: FileService,
    private readonly tokens: VendorContactTokens,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly findings: FindingService,
    private readonly vendors: VendorService,
    private readonly webhooks: WebhookService,
    private readonly lifecycleEmails: LifecycleEmailService,
  ) {}

  /**
   * Trades an invitation token for a vendor-contact session scoped to its one assessment.
   * Expired, rotated, revoked and unknown tokens get the same answer; every attempt counts
   * against the caller's rate limit, every exchange is audited.
   */
  async exchange(ctx: RequestContext, token: string): Promise<ExchangedInvitation> {
    return this.limiter.guard(ctx, guessLimits(this.config, 'assessment-invitation', ctx.ip), () =>
      this.connection.systemTransaction(ctx, async (tx) => {
        const invitation = await (
          await this.connection.repository(tx, AssessmentInvitation)
        ).findOne({
          where: { tokenHash: hashToken(token.trim()) },
          lock: { mode: 'pessimistic_write' },
        });
        const now = this.clock.now();
        if (!invitation || invitation.revokedAt || invitation.expiresAt <= now)
          throw invalidInvitation();
        const assessment = await (
          await this.connection.repository(tx, Assessment)
        ).findOneBy({
          id: invitation.assessmentId,
        });
        if (
          !assessment ||
          !assessment.contactId ||
          assessment.status === AssessmentStatus.Cancelled
        ) {
          throw invalidInvitation();
        }
        invitation.exchangeCount += 1;
        invitation.lastExchangedAt = now;
        await (await this.connection.repository(tx, AssessmentInvitation)).save(invitation);
        await this.audit.record(tx, {
          organizationId: assessment.organizationId,
          actor: {
            kind: 'vendorContact',
            contactId: assessment.contactId,
            vendorId: assessment.vendorId,
            assessmentIds: [assessment.id],
          },
          action: 'assessment.invitation_exchanged',
          entityType: 'assessment',
          entityId: assessment.id,
          before: null,
          after: { exchangeCount: invitation.exchangeCount, ip: ctx.ip },
        });
        const ttl = Math.max(
          1,
          Math.min(
            VENDOR_SESSION_SECONDS,
            Math.floor((invitation.expiresAt.getTime() - now.getTime()) / 1000),
          ),
        );
        const session = await this.tokens.issue(
          {
            organizationId: assessment.organizationId,
            vendorId: assessment.vendorId,
            contactId: assessment.contactId,
            assessmentIds: [assessment.id],
          },
          ttl,
        );
        return {
          accessToken: session.token,
          expiresAt: session.expiresAt,
          assessmentId: assessment.id,
        };
      }),
    );
  }

  /** The assessment a vendor contact may see: NOT_FOUND for any other, exactly like a missing one. */
  async find(ctx: RequestContext, assessmentId: string): Promise<Assessment> {
    assertOwnAssessment(ctx, assessmentId);
    return this.assessments.findById(ctx, assessmentId);
  }

  async definitionOf(ctx: RequestContext, assessment: Assessment): Promise<TemplateDefinition> {
    return this.questionnaires.definitionOf(ctx, assessment.templateVersionId);
  }

  /** Saves a batch of answers atomically: all apply, or none (CONFLICT or BAD_USER_INPUT). */
  async saveAnswers(
    ctx: RequestContext,
    assessmentId: string,
    inputs: readonly AnswerInput[],
  ): Promise<{ assessment: Assessment; answers: Answer[] }> {
    if (inputs.length === 0 || inputs.length > MAX_ANSWERS_PER_SAVE) {
      throw DomainException.badUserInput('Invalid answers', [
        { path: 'input.answers', message: `give 1 to ${MAX_ANSWERS_PER_SAVE} answers` },
      ]);
    }
    assertOwnAssessment(ctx, assessmentId);
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      if (!vendorMayAnswer(assessment.status)) {
        throw DomainException.conflict(
          `The assessment is ${assessment.status}; answers cannot change now`,
          {
            current: { status: assessment.status },
          },
        );
      }
      const definition = await this.definitionOf(tx, assessment);
      const questions = new Map(
        questionsOf(definition).map((question) => [question.key, question]),
      );
      this.validateAnswers(inputs, questions);
      // After changes were requested, only the reopened questions change until resubmission.
      const reopened = assessment.reopenedQuestionKeys;
      const locked = inputs.findIndex((input) => !reopened.includes(input.questionKey));
      if (reopened.length > 0 && locked >= 0) {
        throw DomainException.conflict(
          `Only the questions reopened by the reviewer may change now: ${reopened.join(', ')}`,
          {
            current: { reopenedQuestionKeys: reopened },
            fields: [{ path: `input.answers[${locked}].questionKey`, message: 'is not reopened' }],
          },
        );
      }
      const repository = await this.connection.repository(tx, Answer);
      const keys = inputs.map((input) => input.questionKey);
      const existing = new Map(
        (
          await repository
            .createQueryBuilder('answer')
            .where('answer.assessment_id = :assessmentId AND answer.question_key IN (:...keys)', {
              assessmentId,
              keys,
            })
            .setLock('pessimistic_write')
            .getMany()
        ).map((answer) => [answer.questionKey, answer]),
      );
      for (const [index, input] of inputs.entries()) {
        const current = existing.get(input.questionKey);
        if ((current?.revision ?? 0) !== input.expectedRevision) {
          throw DomainException.conflict(
            `The answer to "${input.questionKey}" has changed since you read it; reload it`,
            {
              current: {
                questionKey: input.questionKey,
                revision: current?.revision ?? 0,
                value: current ? (current.notApplicable ? null : current.value) : null,
                notApplicable: current?.notApplicable ?? false,
              },
              fields: [{ path: `input.answers[${index}].expectedRevision`, message: 'is stale' }],
            },
          );
        }
      }
      const evidence = [...new Set(inputs.flatMap((input) => input.evidenceFileIds ?? []))];
      if (evidence.length > 0) await this.files.markAttached(tx, evidence);
      const now = this.clock.now();
      const answers = inputs.map((input) => {
        const current = existing.get(input.questionKey);
        return Object.assign(current ?? repository.create(), {
          organizationId: assessment.organizationId,
          assessmentId,
          questionKey: input.questionKey,
          value: input.notApplicable ? null : (input.value ?? null),
          notApplicable: Boolean(input.notApplicable),
          comment:
            input.comment === undefined
              ? (current?.comment ?? null)
              : input.comment?.trim() || null,
          evidenceFileIds: input.evidenceFileIds
            ? [...new Set(input.evidenceFileIds)]
            : (current?.evidenceFileIds ?? []),
          carriedOver: current?.carriedOver ?? false,
          carriedOverFromId: current?.carriedOverFromId ?? null,
          answeredBy: actorId(ctx.actor),
          answeredAt: now,
          // Saving a carried-over answer, changed or not, confirms it.
          confirmedAt: now,
        });
      });
      const saved = await this.upsertAnswers(tx, answers);
      if (
        assessment.status === AssessmentStatus.Sent ||
        assessment.status === AssessmentStatus.ChangesRequested
      ) {
        assertAssessmentMove(assessment.status, AssessmentStatus.InProgress);
        assessment.status = AssessmentStatus.InProgress;
        await (await this.connection.repository(tx, Assessment)).save(assessment);
      }
      await this.audit.record(tx, {
        action: 'assessment.answers_saved',
        entityType: 'assessment',
        entityId: assessment.id,
        before: null,
        after: { questionKeys: keys, status: assessment.status },
      });
      return { assessment, answers: saved };
    });
  }

  /**
   * Submits the assessment when every required visible question is answered and carries its
   * required evidence, fixing its score, raising its findings and announcing it (the
   * `assessment.submitted` webhook, emails to the sender and the vendor's risk owner); otherwise
   * returns what is missing and changes nothing.
   */
  async submit(
    ctx: RequestContext,
    assessmentId: string,
  ): Promise<{ assessment: Assessment; missing: MissingItem[] }> {
    assertOwnAssessment(ctx, assessmentId);
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      if (!vendorMayAnswer(assessment.status)) {
        throw DomainException.conflict(
          `The assessment is ${assessment.status}; it cannot be submitted now`,
          {
            current: { status: assessment.status },
          },
        );
      }
      const definition = await this.definitionOf(tx, assessment);
      const answers = await this.assessments.answersOf(tx, [assessment.id]);
      const missing = missingItems(definition, answers);
      if (missing.length > 0) return { assessment, missing };
      if (assessment.status === AssessmentStatus.Sent)
        assessment.status = AssessmentStatus.InProgress;
      assertAssessmentMove(assessment.status, AssessmentStatus.Submitted);
      const score = scoreAssessment(definition, answerStates(answers));
      Object.assign(assessment, {
        status: AssessmentStatus.Submitted,
        submittedAt: this.clock.now(),
        reopenedQuestionKeys: [],
        score,
        overallScore: score.score === null ? null : roundScore(score.score).toFixed(2),
      });
      const saved = await (await this.connection.repository(tx, Assessment)).save(assessment);
      await this.assessments.recordSectionScores(tx, saved, definition, score);
      await this.findings.raiseScoreFindings(tx, saved, definition, score);
      await this.audit.record(tx, {
        action: 'assessment.submitted',
        entityType: 'assessment',
        entityId: assessment.id,
        before: null,
        after: {
          status: saved.status,
          overallScore: saved.overallScore,
          algorithm: score.algorithm,
        },
      });
      const vendor = await this.vendors.findById(tx, saved.vendorId);
      await this.webhooks.emit(tx, {
        type: WebhookEventType.AssessmentSubmitted,
        objectType: 'Assessment',
        objectId: saved.id,
        summary: {
          vendorId: webhookGlobalId('Vendor', vendor.id),
          vendorName: vendor.name,
          cycle: saved.cycle,
          overallScore: saved.overallScore === null ? null : Number(saved.overallScore),
        },
      });
      await this.lifecycleEmails.assessmentSubmitted(tx, saved, vendor);
      return { assessment: saved, missing: [] };
    });
  }

  /**
   * Writes a batch of answers in one statement: new ones are inserted, existing ones (locked and
   * checked by the caller) updated with their revision raised by one.
   */
  private async upsertAnswers(ctx: RequestContext, answers: Answer[]): Promise<Answer[]> {
    const rows = answers.map((answer) => ({
      id: answer.id,
      organization_id: answer.organizationId,
      assessment_id: answer.assessmentId,
      question_key: answer.questionKey,
      value: answer.value,
      not_applicable: answer.notApplicable,
      comment: answer.comment,
      evidence_file_ids: answer.evidenceFileIds,
      carried_over: answer.carriedOver,
      carried_over_from_id: answer.carriedOverFromId,
      answered_by: answer.answeredBy,
      answered_at: answer.answeredAt.toISOString(),
      confirmed_at: answer.confirmedAt?.toISOString() ?? null,
    }));
    const returned = (await (
      await this.connection.manager(ctx)
    ).query(
      `INSERT INTO answer (id, organization_id, assessment_id, question_key, value, not_applicable,
         comment, evidence_file_ids, carried_over, carried_over_from_id, answered_by, answered_at,
         confirmed_at, revision)
       SELECT r.id, r.organization_id, r.assessment_id, r.question_key, r.value, r.not_applicable,
         r.comment, r.evidence_file_ids, r.carried_over, r.carried_over_from_id, r.answered_by,
         r.answered_at, r.confirmed_at, 1
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid, assessment_id uuid,
         question_key varchar, value jsonb, not_applicable boolean, comment text,
         evidence_file_ids uuid[], carried_over boolean, carried_over_from_id uuid,
         answered_by varchar, answered_at timestamptz, confirmed_at timestamptz)
       ON CONFLICT (assessment_id, question_key) DO UPDATE SET
         value = EXCLUDED.value, not_applicable = EXCLUDED.not_applicable,
         comment = EXCLUDED.comment, evidence_file_ids = EXCLUDED.evidence_file_ids,
         answered_by = EXCLUDED.answered_by, answered_at = EXCLUDED.answered_at,
         confirmed_at = EXCLUDED.confirmed_at, updated_at = now(),
         revision = answer.revision + 1
       RETURNING id, question_key, revision, created_at, updated_at`,
      [JSON.stringify(rows)],
    )) as Array<{
      id: string;
      question_key: string;
      revision: number;
      created_at: Date;
      updated_at: Date;
    }>;
    const byKey = new Map(returned.map((row) => [row.question_key, row]));
    return answers.map((answer) => {
      const row = byKey.get(answer.questionKey)!;
      return Object.assign(answer, {
        id: row.id,
        revision: row.revision,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
    });
  }

  private validateAnswers(
    inputs: readonly AnswerInput[],
    questions: ReadonlyMap<string, QuestionDefinition>,
  ): void {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const path = `input.answers[${index}]`;
      const question = questions.get(input.questionKey);
      if (!question) {
        problems.push({
          path: `${path}.questionKey`,
          message: `"${input.questionKey}" is not a question of this assessment`,
        });
        return;
      }
      if (seen.has(input.questionKey)) {
        problems.push({ path: `${path}.questionKey`, message: 'is answered twice in this save' });
      }
      seen.add(input.questionKey);
      if (!Number.isInteger(input.expectedRevision) || input.expectedRevision < 0) {
        problems.push({
          path: `${path}.expectedRevision`,
          message: 'must be the revision you read, 0 for none',
        });
      }
      if (input.notApplicable) {
        if (!question.allowNotApplicable) {
          problems.push({
            path: `${path}.notApplicable`,
            message: 'this question cannot be answered "not applicable"',
          });
        }
        if (input.value !== undefined && input.value !== null) {
          problems.push({
            path: `${path}.value`,
            message: 'leave it out when the answer is "not applicable"',
          });
        }
      } else if (input.value !== undefined && input.value !== null) {
        const problem = answerProblem(question, input.value);
        if (problem) problems.push({ path: `${path}.value`, message: problem });
      }
      if (input.comment && input.comment.length > MAX_COMMENT) {
        problems.push({
          path: `${path}.comment`,
          message: `must be at most ${MAX_COMMENT} characters`,
        });
      }
      if ((input.evidenceFileIds?.length ?? 0) > MAX_EVIDENCE) {
        problems.push({
          path: `${path}.evidenceFileIds`,
          message: `at most ${MAX_EVIDENCE} files`,
        });
      }
    });
    if (problems.length > 0) throw DomainException.badUserInput('Invalid answers', problems);
  }
}

/** NOT_FOUND, like a missing assessment, unless the vendor contact's session names it. */
function assertOwnAssessment(ctx: RequestContext, assessmentId: string): void {
  if (ctx.actor.kind !== 'vendorContact' || !ctx.actor.assessmentIds.includes(assessmentId)) {
    throw DomainException.notFound('Assessment');
  }
}

/** Whether an answer holds a response (a value, or an allowed "not applicable"). */
function isAnswered(question: QuestionDefinition, answer: Answer | undefined): boolean {
  if (!answer) return false;
  if (answer.notApplicable) return question.allowNotApplicable;
  const value = answer.value;
  if (value === null || value === undefined) return false;
  if (typeof value === 'string' && value.trim() === '') return false;
  if (Array.isArray(value) && value.length === 0) return false;
  return answerProblem(question, value) === null;
}

/** Progress over the required questions that are visible under the current answers. */
export function progressOf(definition: TemplateDefinition, answers: readonly Answer[]): Progress {
  const visible = visibleQuestionKeys(definition, answerStates(answers));
  const byKey = new Map(answers.map((answer) => [answer.questionKey, answer]));
  let required = 0;
  let answered = 0;
  for (const question of questionsOf(definition)) {
    if (!question.required || !visible.has(question.key)) continue;
    required += 1;
    if (isAnswered(question, byKey.get(question.key))) answered += 1;
  }
  return { answered, required };
}

/** What stops a submission: required visible questions without an answer or required evidence. */
export function missingItems(
  definition: TemplateDefinition,
  answers: readonly Answer[],
): MissingItem[] {
  const visible = visibleQuestionKeys(definition, answerStates(answers));
  const byKey = new Map(answers.map((answer) => [answer.questionKey, answer]));
  const missing: MissingItem[] = [];
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (!visible.has(question.key)) continue;
      const answer = byKey.get(question.key);
      const answered = isAnswered(question, answer);
      if (question.required && !answered) {
        missing.push({ questionKey: question.key, sectionKey: section.key, reason: 'ANSWER' });
      } else if (answer?.carriedOver && !answer.confirmedAt) {
        missing.push({
          questionKey: question.key,
          sectionKey: section.key,
          reason: 'CONFIRMATION',
        });
      } else if (
        answered &&
        question.evidence === 'REQUIRED' &&
        !answer!.notApplicable &&
        answer!.evidenceFileIds.length === 0
      ) {
        missing.push({ questionKey: question.key, sectionKey: section.key, reason: 'EVIDENCE' });
      }
    }
  }
  return missing;
}
