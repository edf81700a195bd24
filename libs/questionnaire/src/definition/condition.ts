/**
 * Conditions are data, not code: a small structured grammar over the answers
 * to earlier questions, used for `visibleWhen` and for knockout rules.
 *
 * - `all` / `any`: every / at least one of a non-empty list holds
 * - `not`: the inner condition does not hold
 * - `equals`: the answer equals a value (boolean, option key, text, number, date)
 * - `in`: a single choice is one of the option keys, or a multiple choice
 *   selected at least one of them
 * - `answered`: the question has an answer that is not "not applicable"
 * - `gt`, `gte`, `lt`, `lte`: numbers, and dates as `YYYY-MM-DD`
 *
 * An unanswered, hidden or not-applicable question satisfies no leaf.
 */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly equals: { readonly question: string; readonly value: string | number | boolean } }
  | { readonly in: { readonly question: string; readonly values: readonly string[] } }
  | { readonly answered: { readonly question: string } }
  | { readonly gt: Comparison }
  | { readonly gte: Comparison }
  | { readonly lt: Comparison }
  | { readonly lte: Comparison };

export interface Comparison {
  readonly question: string;
  /** A number for NUMBER questions, `YYYY-MM-DD` for DATE questions. */
  readonly value: number | string;
}

export const COMPARISON_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const CONDITION_OPERATORS = [
  'all',
  'any',
  'not',
  'equals',
  'in',
  'answered',
  ...COMPARISON_OPERATORS,
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** What an answer holds: boolean, option key, option keys, text, number or `YYYY-MM-DD`. */
export type AnswerValue = boolean | number | string | readonly string[];

/** The value of an answer, `NOT_APPLICABLE`, or undefined when unanswered or hidden. */
export const NOT_APPLICABLE: unique symbol = Symbol('not applicable');
export type AnswerState = AnswerValue | typeof NOT_APPLICABLE | undefined;

/** Looks up the answer to a question by its key. */
export type AnswerLookup = (questionKey: string) => AnswerState;

/** Evaluates a condition; it reads only the questions the condition names. */
export function evaluateCondition(condition: Condition, answerOf: AnswerLookup): boolean {
  if ('all' in condition) return condition.all.every((inner) => evaluateCondition(inner, answerOf));
  if ('any' in condition) return condition.any.some((inner) => evaluateCondition(inner, answerOf));
  if ('not' in condition) return !evaluateCondition(condition.not, answerOf);
  if ('equals' in condition) {
    const answer = given(answerOf(condition.equals.question));
    return answer !== undefined && !Array.isArray(answer) && answer === condition.equals.value;
  }
  if ('in' in condition) {
    const answer = given(answerOf(condition.in.question));
    if (answer === undefined) return false;
    const values = condition.in.values;
    return Array.isArray(answer)
      ? answer.some((key) => values.includes(key))
      : typeof answer === 'string' && values.includes(answer);
  }
  if ('answered' in condition) return given(answerOf(condition.answered.question)) !== undefined;
  const [operator, comparison] = comparisonOf(condition);
  const answer = given(answerOf(comparison.question));
  if (typeof answer !== typeof comparison.value) return false;
  const left = answer as number | string;
  const right = comparison.value;
  switch (operator) {
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
  }
}

/** The question keys a condition reads, in the order they appear. */
export function conditionQuestions(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionQuestions);
  if ('any' in condition) return condition.any.flatMap(conditionQuestions);
  if ('not' in condition) return conditionQuestions(condition.not);
  if ('equals' in condition) return [condition.equals.question];
  if ('in' in condition) return [condition.in.question];
  if ('answered' in condition) return [condition.answered.question];
  return [comparisonOf(condition)[1].question];
}

function comparisonOf(condition: Condition): [ComparisonOperator, Comparison] {
  for (const operator of COMPARISON_OPERATORS) {
    if (operator in condition) {
      return [operator, (condition as Record<ComparisonOperator, Comparison>)[operator]];
    }
  }
  throw new Error(`Not a condition: ${JSON.stringify(condition)}`);
}

function given(state: AnswerState): AnswerValue | undefined {
  if (state === undefined || state === NOT_APPLICABLE) return undefined;
  if (typeof state === 'string' && state.trim() === '') return undefined;
  if (Array.isArray(state) && state.length === 0) return undefined;
  return state;
}
