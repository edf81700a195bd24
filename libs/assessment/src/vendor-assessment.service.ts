import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
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
  newId,
  prepareStatement,
  type FieldProblem,
  guessLimits,
} from '#core';
import { VendorContactTokens } from '#identity';
import {
  QuestionnaireService,
  questionOrder,
  questionsOf,
  visibleQuestionKeys,
  type AnswerValue,
  type QuestionDefinition,
  type QuestionOrder,
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
/** Assessments whose pinned version is remembered, per process. */
const PINNED_VERSIONS = 10_000;
/** The statuses in which the vendor may change answers, as the statement that writes them takes them. */
const ANSWERABLE_STATUSES = Object.values(AssessmentStatus).filter(vendorMayAnswer);

/**
 * The statement of upsertAnswers(). It begins a save's transaction, so it is marked to prepare
 * (see prepareStatement()): PostgreSQL plans it once per connection, not once per save.
 */
const UPSERT_ANSWERS = `WITH target AS (
     SELECT id, organization_id, status, reopened_question_keys FROM assessment
     WHERE id = $2 FOR UPDATE
   ), input AS (
     SELECT r.* FROM target t, jsonb_to_recordset($1::jsonb) AS r(id uuid,
       question_key varchar, value jsonb, not_applicable boolean, comment_given boolean,
       comment text, evidence_given boolean, evidence_file_ids uuid[], expected_revision int)
     WHERE t.status = ANY($3::varchar[])
       AND (cardinality(t.reopened_question_keys) = 0
            OR $4::varchar[] <@ t.reopened_question_keys)
   ), updated AS (
     UPDATE answer a SET value = r.value, not_applicable = r.not_applicable,
       comment = CASE WHEN r.comment_given THEN r.comment ELSE a.comment END,
       evidence_file_ids = CASE WHEN r.evidence_given THEN r.evidence_file_ids
                                ELSE a.evidence_file_ids END,
       answered_by = $5, answered_at = $6, confirmed_at = $6, updated_at = now(),
       revision = a.revision + 1
     FROM input r
     WHERE a.assessment_id = $2 AND a.question_key = r.question_key
       AND a.revision = r.expected_revision
     RETURNING a.*
   ), inserted AS (
     INSERT INTO answer (id, organization_id, assessment_id, question_key, value,
       not_applicable, comment, evidence_file_ids, answered_by, answered_at, confirmed_at,
       revision)
     SELECT r.id, t.organization_id, t.id, r.question_key, r.value, r.not_applicable,
       r.comment, r.evidence_file_ids, $5, $6, $6, 1
     FROM input r, target t WHERE r.expected_revision = 0
     ON CONFLICT (assessment_id, question_key) DO NOTHING
     RETURNING *
   )
   SELECT t.status AS assessment_status, t.reopened_question_keys AS assessment_reopened, w.*
   FROM target t
   LEFT JOIN (SELECT * FROM updated UNION ALL SELECT * FROM inserted) w ON true`;

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

  private readonly pinnedVersions = new LRUCache<string, string>({ max: PINNED_VERSIONS });

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

  /**
   * Saves a batch of answers atomically: all apply, or none (CONFLICT or BAD_USER_INPUT). The
   * answers are checked against the definition of the version the assessment is pinned to before
   * anything is written; the assessment's lock, the checks it serves and the revision-checked
   * upsert then go as one statement.
   */
  async saveAnswers(
    ctx: RequestContext,
    assessmentId: string,
    inputs: readonly AnswerInput[],
  ): Promise<{ assessmentId: string; answers: Answer[] }> {
    if (inputs.length === 0 || inputs.length > MAX_ANSWERS_PER_SAVE) {
      throw DomainException.badUserInput('Invalid answers', [
        { path: 'input.answers', message: `give 1 to ${MAX_ANSWERS_PER_SAVE} answers` },
      ]);
    }
    assertOwnAssessment(ctx, assessmentId);
    const definition = await this.questionnaires.definitionOf(
      ctx,
      await this.pinnedVersionOf(ctx, assessmentId),
    );
    this.validateAnswers(inputs, questionOrder(definition));
    return this.connection.transaction(ctx, async (tx) => {
      const { status, answers } = await this.upsertAnswers(tx, assessmentId, inputs);
      const keys = inputs.map((input) => input.questionKey);
      const evidence = [...new Set(inputs.flatMap((input) => input.evidenceFileIds ?? []))];
      if (evidence.length > 0) await this.files.markAttached(tx, evidence);
      if (status !== AssessmentStatus.InProgress) {
        assertAssessmentMove(status, AssessmentStatus.InProgress);
        // TypeORM's update raises the version and the update time, as saving the entity would.
        await (
          await this.connection.repository(tx, Assessment)
        ).update(assessmentId, { status: AssessmentStatus.InProgress });
      }
      await this.audit.record(tx, {
        action: 'assessment.answers_saved',
        entityType: 'assessment',
        entityId: assessmentId,
        before: null,
        after: { questionKeys: keys, status: AssessmentStatus.InProgress },
      });
      return { assessmentId, answers };
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
   * The template version an assessment is pinned to, which never changes: kept in memory by
   * organization and assessment after the first read, which goes through `ctx` and its tenancy.
   */
  private async pinnedVersionOf(ctx: RequestContext, assessmentId: string): Promise<string> {
    const key = `${ctx.organizationId}:${assessmentId}`;
    let versionId = this.pinnedVersions.get(key);
    if (versionId === undefined) {
      versionId = (await this.assessments.findById(ctx, assessmentId)).templateVersionId;
      this.pinnedVersions.set(key, versionId);
    }
    return versionId;
  }

  /**
   * One statement: locks the assessment and, when the vendor may still change these answers (its
   * status, and after changes were requested only the reopened questions), writes each answer
   * only at the revision its input read: an existing answer is updated where its revision still
   * matches, a new one inserted where the input read none (revision 0). Then reports the
   * assessment's status, or the CONFLICT that stopped the write: the status, a question not
   * reopened, or an input that wrote nothing because it was stale (with the answer as it stands).
   * The lock keeps other saves of the assessment out until the transaction ends.
   */
  private async upsertAnswers(
    ctx: RequestContext,
    assessmentId: string,
    inputs: readonly AnswerInput[],
  ): Promise<{ status: AssessmentStatus; answers: Answer[] }> {
    const manager = await this.connection.manager(ctx);
    const rows = inputs.map((input) => ({
      id: newId(),
      question_key: input.questionKey,
      value: input.notApplicable ? null : (input.value ?? null),
      not_applicable: Boolean(input.notApplicable),
      // A comment or evidence list left out keeps the one saved; given, it replaces it.
      comment_given: input.comment !== undefined,
      comment: input.comment?.trim() || null,
      evidence_given: input.evidenceFileIds !== undefined && input.evidenceFileIds !== null,
      evidence_file_ids: [...new Set(input.evidenceFileIds ?? [])],
      expected_revision: input.expectedRevision,
    }));
    const keys = inputs.map((input) => input.questionKey);
    // Saving a carried-over answer, changed or not, confirms it. The conditions on `target` are
    // the ones checked below, where they name what stopped the write.
    prepareStatement(UPSERT_ANSWERS);
    const result = (await manager.query(UPSERT_ANSWERS, [
      JSON.stringify(rows),
      assessmentId,
      ANSWERABLE_STATUSES,
      keys,
      actorId(ctx.actor),
      this.clock.now(),
    ])) as Array<
      AnswerRow & { assessment_status: AssessmentStatus; assessment_reopened: string[] }
    >;
    const [first] = result;
    if (!first) throw DomainException.notFound('Assessment');
    const status = first.assessment_status;
    if (!vendorMayAnswer(status)) {
      throw DomainException.conflict(`The assessment is ${status}; answers cannot change now`, {
        current: { status },
      });
    }
    // After changes were requested, only the reopened questions change until resubmission.
    const reopened = first.assessment_reopened;
    const locked = keys.findIndex((key) => !reopened.includes(key));
    if (reopened.length > 0 && locked >= 0) {
      throw DomainException.conflict(
        `Only the questions reopened by the reviewer may change now: ${reopened.join(', ')}`,
        {
          current: { reopenedQuestionKeys: reopened },
          fields: [{ path: `input.answers[${locked}].questionKey`, message: 'is not reopened' }],
        },
      );
    }
    const byKey = new Map(
      result.filter((row) => row.question_key !== null).map((row) => [row.question_key, row]),
    );
    const stale = inputs.findIndex((input) => !byKey.has(input.questionKey));
    if (stale >= 0) {
      const input = inputs[stale]!;
      const [current] = (await manager.query(
        `SELECT * FROM answer WHERE assessment_id = $1 AND question_key = $2`,
        [assessmentId, input.questionKey],
      )) as AnswerRow[];
      throw DomainException.conflict(
        `The answer to "${input.questionKey}" has changed since you read it; reload it`,
        {
          current: {
            questionKey: input.questionKey,
            revision: current?.revision ?? 0,
            value: current ? (current.not_applicable ? null : current.value) : null,
            notApplicable: current?.not_applicable ?? false,
          },
          fields: [{ path: `input.answers[${stale}].expectedRevision`, message: 'is stale' }],
        },
      );
    }
    return { status, answers: inputs.map((input) => answerOfRow(byKey.get(input.questionKey)!)) };
  }

  private validateAnswers(
    inputs: readonly AnswerInput[],
    questions: Pick<QuestionOrder, 'question'>,
  ): void {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const path = `input.answers[${index}]`;
      const question = questions.question(input.questionKey);
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

/** An answer row as PostgreSQL returns it (`RETURNING *`, `SELECT *`). */
interface AnswerRow {
  id: string;
  created_at: Date;
  updated_at: Date;
  organization_id: string;
  assessment_id: string;
  question_key: string;
  value: Answer['value'];
  not_applicable: boolean;
  comment: string | null;
  evidence_file_ids: string[];
  carried_over: boolean;
  carried_over_from_id: string | null;
  confirmed_at: Date | null;
  answered_by: string | null;
  answered_at: Date;
  revision: number;
}

function answerOfRow(row: AnswerRow): Answer {
  return Object.assign(new Answer(), {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    organizationId: row.organization_id,
    assessmentId: row.assessment_id,
    questionKey: row.question_key,
    value: row.value,
    notApplicable: row.not_applicable,
    comment: row.comment,
    evidenceFileIds: row.evidence_file_ids,
    carriedOver: row.carried_over,
    carriedOverFromId: row.carried_over_from_id,
    confirmedAt: row.confirmed_at,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    revision: row.revision,
  });
}
