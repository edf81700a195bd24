import { evaluateCondition, type AnswerState } from './condition.js';
import type { TemplateDefinition } from './definition.schema.js';

/**
 * Which questions a respondent sees, given their answers. Questions are
 * decided in document order, and a hidden question's answer counts as no
 * answer, so hiding cascades to the follow-ups that depend on it.
 */
export function visibleQuestionKeys(
  definition: TemplateDefinition,
  answers: Readonly<Record<string, AnswerState>>,
): Set<string> {
  const visible = new Set<string>();
  const answerOf = (key: string): AnswerState => (visible.has(key) ? answers[key] : undefined);
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (question.visibleWhen === undefined || evaluateCondition(question.visibleWhen, answerOf)) {
        visible.add(question.key);
      }
    }
  }
  return visible;
}
