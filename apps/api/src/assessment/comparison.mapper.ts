import type { AnswerChange, AssessmentComparison } from '#assessment';
import { toAssessmentModel } from './assessment.mapper.js';
import { AnswerChangeModel, AssessmentComparisonModel } from './comparison.model.js';
import { toFindingModel } from './finding.mapper.js';

function toChangeModel(change: AnswerChange): AnswerChangeModel {
  return Object.assign(new AnswerChangeModel(), {
    questionKey: change.questionKey,
    change: change.change,
    before: change.before && { ...change.before },
    after: change.after && { ...change.after },
  });
}

export function toComparisonModel(
  comparison: AssessmentComparison,
  today: string,
): AssessmentComparisonModel {
  return Object.assign(new AssessmentComparisonModel(), {
    from: toAssessmentModel(comparison.from, today),
    to: toAssessmentModel(comparison.to, today),
    answers: comparison.answers.map(toChangeModel),
    overall: { ...comparison.overall },
    sections: comparison.sections.map((section) => ({ ...section })),
    findingsOpened: comparison.findingsOpened.map((finding) => toFindingModel(finding, today)),
    findingsClosed: comparison.findingsClosed.map((finding) => toFindingModel(finding, today)),
  });
}
