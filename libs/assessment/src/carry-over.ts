import type { AuditService } from '#audit';
import type { RequestContext, TransactionalConnection } from '#core';
import { questionsOf, type AnswerValue, type TemplateDefinition } from '#questionnaire';
import { answerProblem } from '#scoring';
import { AssessmentStatus } from './assessment-status.js';
import { Assessment } from './assessment.entity.js';
import { Answer } from './answer.entity.js';

/** The statuses of an earlier cycle whose answers the vendor stood by: submitted at least once. */
export const CARRY_OVER_SOURCE_STATUSES: readonly AssessmentStatus[] = [
  AssessmentStatus.Submitted,
  AssessmentStatus.InReview,
  AssessmentStatus.Completed,
];

/** What a carried-over answer takes from the earlier one. */
export interface CarriedAnswer {
  readonly questionKey: string;
  readonly value: AnswerValue | null;
  readonly notApplicable: boolean;
  readonly comment: string | null;
  readonly evidenceFileIds: string[];
  readonly carriedOverFromId: string;
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * The earlier answers that still answer a question of `definition`: same key, and a value (or
 * an allowed "not applicable") the question accepts as it is defined now. Empty answers and
 * answers to questions the definition no longer has stay behind.
 */
export function carriedAnswers(
  definition: TemplateDefinition,
  previous: readonly Answer[],
): CarriedAnswer[] {
  const questions = new Map(questionsOf(definition).map((question) => [question.key, question]));
  const carried: CarriedAnswer[] = [];
  for (const answer of previous) {
    const question = questions.get(answer.questionKey);
    if (!question) continue;
    if (answer.notApplicable) {
      if (!question.allowNotApplicable) continue;
    } else if (isEmpty(answer.value) || answerProblem(question, answer.value) !== null) {
      continue;
    }
    carried.push({
      questionKey: answer.questionKey,
      value: answer.notApplicable ? null : answer.value,
      notApplicable: answer.notApplicable,
      comment: answer.comment,
      evidenceFileIds: [...answer.evidenceFileIds],
      carriedOverFromId: answer.id,
    });
  }
  return carried;
}

/**
 * Pre-fills a new assessment from the vendor's latest submitted (in review or completed) one
 * whose version shares question keys with the new one: the still-valid answers, marked carried
 * over and unconfirmed. Runs inside the send's transaction; returns what it carried.
 */
export async function carryOverAnswers(
  connection: TransactionalConnection,
  audit: AuditService,
  ctx: RequestContext,
  assessment: Assessment,
  definition: TemplateDefinition,
  at: Date,
): Promise<CarriedAnswer[]> {
  const keys = questionsOf(definition).map((question) => question.key);
  if (keys.length === 0) return [];
  // The version's question keys are checked in SQL, so that an assessment of another
  // questionnaire in between (an ad-hoc breach check) does not hide the last real cycle.
  const source = await (
    await connection.repository(ctx, Assessment)
  )
    .createQueryBuilder('assessment')
    .innerJoin('assessment.templateVersion', 'version')
    .where('assessment.vendor_id = :vendorId', { vendorId: assessment.vendorId })
    .andWhere('assessment.id <> :id', { id: assessment.id })
    .andWhere('assessment.status IN (:...statuses)', { statuses: CARRY_OVER_SOURCE_STATUSES })
    .andWhere(
      `EXISTS (SELECT 1 FROM jsonb_path_query(version.definition, '$.sections[*].questions[*].key') AS question(key)
               WHERE question.key #>> '{}' IN (:...keys))`,
      { keys },
    )
    .orderBy('assessment.submitted_at', 'DESC', 'NULLS LAST')
    .addOrderBy('assessment.created_at', 'DESC')
    .limit(1)
    .getOne();
  if (!source) return [];
  const answers = await connection.repository(ctx, Answer);
  const previous = await answers
    .createQueryBuilder('answer')
    .where('answer.assessment_id = :assessmentId', { assessmentId: source.id })
    .orderBy('answer.question_key')
    .getMany();
  const carried = carriedAnswers(definition, previous);
  if (carried.length === 0) return [];
  await answers.insert(
    carried.map((answer) =>
      answers.create({
        organizationId: assessment.organizationId,
        assessmentId: assessment.id,
        ...answer,
        carriedOver: true,
        confirmedAt: null,
        answeredBy: null,
        answeredAt: at,
      }),
    ),
  );
  await audit.record(ctx, {
    action: 'assessment.answers_carried_over',
    entityType: 'assessment',
    entityId: assessment.id,
    before: null,
    after: { fromAssessmentId: source.id, questionKeys: carried.map((a) => a.questionKey) },
  });
  return carried;
}
