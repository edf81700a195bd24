import {
  isOpenAssessment,
  progressOf,
  type Answer,
  type Assessment,
  type AssessmentInvitation,
} from '#assessment';
import { visibleQuestionKeys, type LocalizedText, type TemplateDefinition } from '#questionnaire';
import type { AssessmentScore } from '#scoring';
import { answerStates } from '#assessment';
import { FILE_TYPE } from '../files/file.mapper.js';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  AnswerModel,
  AssessmentModel,
  AssessmentScoreModel,
  InvitationModel,
  VendorAssessmentModel,
} from './assessment.model.js';
import { toReviewFields } from './review.mapper.js';

export const ASSESSMENT_TYPE = 'Assessment';

const overdue = (assessment: Assessment, today: string) =>
  isOpenAssessment(assessment.status) && assessment.dueDate < today;

export function toAssessmentModel(assessment: Assessment, today: string): AssessmentModel {
  return Object.assign(toAssessmentBaseModel(assessment, today), toReviewFields(assessment));
}

/**
 * The fields that come from the assessment's own plain columns, without the review's: all a
 * page that read only some of those columns can show (see ASSESSMENT_LIST_COLUMNS).
 */
export function toAssessmentBaseModel(assessment: Assessment, today: string): AssessmentModel {
  const model = new AssessmentModel();
  model.id = toGlobalId(ASSESSMENT_TYPE, assessment.id);
  model.rowId = assessment.id;
  model.vendorRowId = assessment.vendorId;
  model.templateVersionRowId = assessment.templateVersionId;
  model.contactRowId = assessment.contactId;
  model.storedScore = assessment.score;
  model.cycle = assessment.cycle;
  model.status = assessment.status;
  model.language = assessment.language;
  model.dueDate = assessment.dueDate;
  model.overdue = overdue(assessment, today);
  model.sentAt = assessment.sentAt;
  model.submittedAt = assessment.submittedAt;
  model.cancelledAt = assessment.cancelledAt;
  model.overallScore =
    assessment.overallScore === null || assessment.overallScore === undefined
      ? null
      : Number(assessment.overallScore);
  model.version = assessment.version;
  model.createdAt = assessment.createdAt;
  return model;
}

export function toScoreModel(score: AssessmentScore): AssessmentScoreModel {
  return Object.assign(new AssessmentScoreModel(), {
    algorithm: score.algorithm,
    score: score.score,
    applicable: score.applicable,
    sections: score.sections.map((section) => ({ ...section, questions: [...section.questions] })),
    unansweredRequired: [...score.unansweredRequired],
    failedKnockouts: score.failedKnockouts.map((knockout) => ({ ...knockout })),
    // Scores fixed before flags existed have none.
    flaggedAnswers: (score.flaggedAnswers ?? []).map((flagged) => ({ ...flagged })),
  });
}

export function toInvitationModel(invitation: AssessmentInvitation): InvitationModel {
  return Object.assign(new InvitationModel(), {
    expiresAt: invitation.expiresAt,
    revoked: invitation.revokedAt !== null,
    sendCount: invitation.sendCount,
    lastSentAt: invitation.lastSentAt,
    exchangeCount: invitation.exchangeCount,
    lastExchangedAt: invitation.lastExchangedAt,
  });
}

export function toAnswerModel(answer: Answer): AnswerModel {
  return Object.assign(new AnswerModel(), {
    questionKey: answer.questionKey,
    value: answer.notApplicable ? null : answer.value,
    notApplicable: answer.notApplicable,
    comment: answer.comment,
    evidenceFileIds: answer.evidenceFileIds.map((id) => toGlobalId(FILE_TYPE, id)),
    revision: answer.revision,
    answeredAt: answer.answeredAt,
    carriedOver: answer.carriedOver,
    confirmed: !answer.carriedOver || answer.confirmedAt !== null,
  });
}

/** The text in `language`, else in the definition's first language. */
function localized(
  text: LocalizedText | undefined,
  language: string,
  primary: string,
): string | null {
  if (!text) return null;
  return (text[language]?.trim() ? text[language] : text[primary]) ?? null;
}

/** The vendor's view: visible questions in their language, their answers, no points. */
export function toVendorAssessmentModel(
  assessment: Assessment,
  definition: TemplateDefinition,
  answers: readonly Answer[],
  questionnaireName: string,
  today: string,
): VendorAssessmentModel {
  const language = assessment.language;
  const primary = definition.languages[0]!;
  const visible = visibleQuestionKeys(definition, answerStates(answers));
  const byKey = new Map(answers.map((answer) => [answer.questionKey, answer]));
  return Object.assign(new VendorAssessmentModel(), {
    id: toGlobalId(ASSESSMENT_TYPE, assessment.id),
    rowId: assessment.id,
    vendorRowId: assessment.vendorId,
    reopenedQuestionKeys: [...assessment.reopenedQuestionKeys],
    storedOverallScore: assessment.overallScore === null ? null : Number(assessment.overallScore),
    status: assessment.status,
    language,
    dueDate: assessment.dueDate,
    overdue: overdue(assessment, today),
    questionnaireName,
    progress: progressOf(definition, answers),
    sections: definition.sections
      .map((section) => ({
        key: section.key,
        title: localized(section.title, language, primary) ?? section.key,
        description: localized(section.description, language, primary),
        questions: section.questions
          .filter((question) => visible.has(question.key))
          .map((question) => {
            const answer = byKey.get(question.key);
            return {
              key: question.key,
              type: question.type,
              text: localized(question.text, language, primary) ?? question.key,
              help: localized(question.help, language, primary),
              required: question.required,
              allowNotApplicable: question.allowNotApplicable,
              evidence: question.evidence,
              options: (question.options ?? []).map((option) => ({
                key: option.key,
                label: localized(option.label, language, primary) ?? option.key,
              })),
              min: question.min ?? null,
              max: question.max ?? null,
              references: [...question.references],
              answer: answer ? toAnswerModel(answer) : null,
            };
          }),
      }))
      .filter((section) => section.questions.length > 0),
  });
}
