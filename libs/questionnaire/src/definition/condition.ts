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
  const answer = given(answerOf(leafQuestion(condition)));
  return answer !== undefined && leafTest(condition)(answer);
}

/** A condition bound to answer slots: it reads the answer to each question it names at its slot. */
export type SlotCondition = (states: readonly AnswerState[]) => boolean;

/**
 * Compiles a condition once for many evaluations, with the same meaning as `evaluateCondition`:
 * each question it names is resolved to a slot by `slotOf` (negative for a question there is no
 * slot for, which then has no answer) and each test to a function, so that evaluating it looks
 * nothing up, by key or by operator.
 */
export function compileCondition(
  condition: Condition,
  slotOf: (questionKey: string) => number,
): SlotCondition {
  if ('all' in condition) {
    const inner = condition.all.map((each) => compileCondition(each, slotOf));
    return (states) => inner.every((each) => each(states));
  }
  if ('any' in condition) {
    const inner = condition.any.map((each) => compileCondition(each, slotOf));
    return (states) => inner.some((each) => each(states));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, slotOf);
    return (states) => !inner(states);
  }
  const slot = slotOf(leafQuestion(condition));
  if (slot < 0) return () => false;
  const test = leafTest(condition);
  return (states) => {
    const answer = given(states[slot]);
    return answer !== undefined && test(answer);
  };
}

type Leaf = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

/** The question a leaf reads. */
function leafQuestion(condition: Leaf): string {
  if ('equals' in condition) return condition.equals.question;
  if ('in' in condition) return condition.in.question;
  if ('answered' in condition) return condition.answered.question;
  return comparisonOf(condition)[1].question;
}

/** What a leaf tests of a given answer (one that is neither missing nor not applicable). */
function leafTest(condition: Leaf): (answer: AnswerValue) => boolean {
  if ('equals' in condition) {
    const { value } = condition.equals;
    return (answer) => !Array.isArray(answer) && answer === value;
  }
  if ('in' in condition) {
    const { values } = condition.in;
    return (answer) =>
      Array.isArray(answer)
        ? answer.some((key) => values.includes(key))
        : typeof answer === 'string' && values.includes(answer);
  }
  if ('answered' in condition) return () => true;
  const [operator, { value: right }] = comparisonOf(condition);
  const holds = COMPARE[operator];
  return (answer) => typeof answer === typeof right && holds(answer as number | string, right);
}

const COMPARE: Record<
  ComparisonOperator,
  (left: number | string, right: number | string) => boolean
> = {
  gt: (left, right) => left > right,
  gte: (left, right) => left >= right,
  lt: (left, right) => left < right,
  lte: (left, right) => left <= right,
};

/** The question keys a condition reads, in the order they appear. */
export function conditionQuestions(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionQuestions);
  if ('any' in condition) return condition.any.flatMap(conditionQuestions);
  if ('not' in condition) return conditionQuestions(condition.not);
  return [leafQuestion(condition)];
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
