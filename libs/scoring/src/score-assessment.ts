/**
 * Scoring: a pure, deterministic function of (definition, answers). No I/O, no clock, no
 * randomness; answers are read by the definition's question keys in document order, so the
 * key order of the answers object and answers to unknown keys make no difference.
 *
 * Rules of `assay-score/1` (change any of them and bump SCORING_ALGORITHM_VERSION):
 *
 * 1. A question is HIDDEN when `visibleQuestionKeys` hides it (a hidden answer counts as no
 *    answer, so hiding cascades). Hidden questions earn nothing, count in no denominator,
 *    are never "unanswered" and never fail a knockout.
 * 2. A visible question answered NOT_APPLICABLE is NOT_APPLICABLE only when the question
 *    `allowNotApplicable`: it then leaves numerator and denominator. Otherwise the answer
 *    counts as unanswered, and the reason says so.
 * 3. An answer that does not fit the question's type (an option key that does not exist, a
 *    string for a BOOLEAN, a malformed date, a number out of range) counts as unanswered with a
 *    reason naming the problem: scoring never throws on stored answers. Blank text, `null` and
 *    an empty selection are no answer, as in conditions.
 * 4. Possible points, before the question weight: BOOLEAN max(yes, no, 0); SINGLE_CHOICE the
 *    highest option points, at least 0; MULTI_CHOICE the sum of the positive option points.
 *    Earned points: the chosen answer's points (for MULTI_CHOICE the sum over the distinct
 *    selected options, negative ones included), clamped to [0, possible]. Both are multiplied
 *    by the question weight. Points missing in a draft count as 0.
 * 5. A visible, applicable scored question that is unanswered earns 0 of its possible points.
 *    TEXT, NUMBER and DATE questions are UNSCORED: they earn and offer 0 points.
 * 6. Section: earned and possible are the sums over its questions; score = 100 × earned /
 *    possible. A section whose possible is 0 is not applicable (score null), never 0 or 100.
 * 7. Overall: the mean of the applicable sections' scores weighted by section weight. A
 *    section of weight 0 is reported but does not count. When no section counts the overall
 *    score is null and `applicable` is false. Overall earned and possible are the raw point
 *    sums over the counted sections (for orientation: the score is a mean of section
 *    percentages, not earned / possible).
 * 8. Numbers are returned unrounded (full precision, still deterministic); `roundScore` rounds
 *    to 2 decimals for display and storage, and the residual rating bands the rounded score,
 *    so what is shown is what is banded. Reasons show points with at most 2 decimals.
 * 9. Knockouts are evaluated only for visible questions holding a valid answer (not
 *    unanswered, not a counted NOT_APPLICABLE, not malformed), with the same visibility-aware
 *    answer lookup as `visibleQuestionKeys`.
 * 10. Unanswered required questions: visible, required questions whose status is UNANSWERED
 *    (including malformed answers and a NOT_APPLICABLE that is not allowed), in document order.
 * 11. Flags are evaluated as knockouts are (rule 9) and change neither score nor rating: a
 *    flagged answer raises a finding. A question whose knockout fails is not also flagged.
 */
import {
  NOT_APPLICABLE,
  evaluateCondition,
  visibleQuestionKeys,
  type AnswerState,
  type AnswerValue,
  type FindingSeverity,
  type LocalizedText,
  type QuestionDefinition,
  type QuestionType,
  type TemplateDefinition,
} from '#questionnaire';

/** Stored with every score: which rules made it. */
export const SCORING_ALGORITHM_VERSION = 'assay-score/1';

export const QUESTION_SCORE_STATUSES = [
  'SCORED',
  'NOT_APPLICABLE',
  'HIDDEN',
  'UNANSWERED',
  'UNSCORED',
] as const;
export type QuestionScoreStatus = (typeof QUESTION_SCORE_STATUSES)[number];

export interface QuestionScore {
  readonly key: string;
  readonly sectionKey: string;
  readonly type: QuestionType;
  readonly status: QuestionScoreStatus;
  readonly required: boolean;
  readonly weight: number;
  /** After the question weight; 0 unless SCORED. */
  readonly earned: number;
  /** After the question weight; 0 when HIDDEN, NOT_APPLICABLE or UNSCORED. */
  readonly possible: number;
  /** One line, e.g. `"yes" earns 10 of 10`. */
  readonly reason: string;
}

export interface SectionScore {
  readonly key: string;
  readonly weight: number;
  readonly earned: number;
  readonly possible: number;
  /** 0-100, or null when the section is not applicable. */
  readonly score: number | null;
  /** False when no question offers points (possible is 0). */
  readonly applicable: boolean;
  /** Whether the section counts toward the overall score: applicable with a weight above 0. */
  readonly counted: boolean;
  readonly reason: string;
  readonly questions: readonly QuestionScore[];
}

export interface FailedKnockout {
  readonly questionKey: string;
  readonly sectionKey: string;
  readonly severity: FindingSeverity;
  /** What the finding says, by language; null when the definition gives no text. */
  readonly finding: LocalizedText | null;
}

/** An answer the definition flags as a finding to follow up, without failing a control. */
export interface FlaggedAnswer {
  readonly questionKey: string;
  readonly sectionKey: string;
  readonly severity: FindingSeverity;
  /** What the finding says, by language. */
  readonly finding: LocalizedText;
}

export interface AssessmentScore {
  readonly algorithm: typeof SCORING_ALGORITHM_VERSION;
  /** 0-100, or null when no section counts. */
  readonly score: number | null;
  readonly applicable: boolean;
  /** Raw point sums over the counted sections. */
  readonly earned: number;
  readonly possible: number;
  readonly sections: readonly SectionScore[];
  /** Keys of visible, required questions without a valid answer, in document order. */
  readonly unansweredRequired: readonly string[];
  /** In document order. */
  readonly failedKnockouts: readonly FailedKnockout[];
  /** In document order. */
  readonly flaggedAnswers: readonly FlaggedAnswer[];
}

/** Rounds a score or point figure to 2 decimals, for display and storage. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What a stored answer means for one question. */
type Reading =
  | { readonly kind: 'none' }
  | { readonly kind: 'not-applicable' }
  | { readonly kind: 'invalid'; readonly problem: string }
  | { readonly kind: 'value'; readonly value: AnswerValue };

const NONE: Reading = { kind: 'none' };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function scoreAssessment(
  definition: TemplateDefinition,
  answers: Readonly<Record<string, AnswerState>>,
): AssessmentScore {
  const stored = ownAnswers(definition, answers);
  const visible = visibleQuestionKeys(definition, stored);
  const answerOf = (key: string): AnswerState => (visible.has(key) ? stored[key] : undefined);

  const sections: SectionScore[] = [];
  const unansweredRequired: string[] = [];
  const failedKnockouts: FailedKnockout[] = [];
  const flaggedAnswers: FlaggedAnswer[] = [];
  let weightedSum = 0;
  let weightSum = 0;
  let earnedSum = 0;
  let possibleSum = 0;

  for (const section of definition.sections) {
    const questions: QuestionScore[] = [];
    let earned = 0;
    let possible = 0;
    for (const question of section.questions) {
      const isVisible = visible.has(question.key);
      const reading = isVisible ? read(question, stored[question.key]) : NONE;
      const result = scoreQuestion(section.key, question, isVisible, reading);
      questions.push(result);
      earned += result.earned;
      possible += result.possible;
      if (result.status === 'UNANSWERED' && question.required)
        unansweredRequired.push(question.key);
      if (reading.kind !== 'value') continue;
      const { knockout, flag } = question;
      if (knockout !== undefined && evaluateCondition(knockout.failWhen, answerOf)) {
        failedKnockouts.push({
          questionKey: question.key,
          sectionKey: section.key,
          severity: knockout.severity,
          finding: knockout.finding ?? null,
        });
      } else if (flag !== undefined && evaluateCondition(flag.when, answerOf)) {
        flaggedAnswers.push({
          questionKey: question.key,
          sectionKey: section.key,
          severity: flag.severity,
          finding: flag.finding,
        });
      }
    }
    const applicable = possible > 0;
    const score = applicable ? Math.min(100, (100 * earned) / possible) : null;
    const counted = score !== null && section.weight > 0;
    if (counted) {
      weightedSum += section.weight * score;
      weightSum += section.weight;
      earnedSum += earned;
      possibleSum += possible;
    }
    sections.push({
      key: section.key,
      weight: section.weight,
      earned,
      possible,
      score,
      applicable,
      counted,
      reason: sectionReason(earned, possible, score, section.weight),
      questions,
    });
  }

  // Clamped because a float weighted mean of 100s may land a hair above 100.
  const score = weightSum > 0 ? Math.min(100, Math.max(0, weightedSum / weightSum)) : null;
  return {
    algorithm: SCORING_ALGORITHM_VERSION,
    score,
    applicable: score !== null,
    earned: earnedSum,
    possible: possibleSum,
    sections,
    unansweredRequired,
    failedKnockouts,
    flaggedAnswers,
  };
}

/**
 * The answers with inherited properties out of reach: a question keyed `constructor` must not
 * read `Object.prototype.constructor` as its answer. Copies only when that could happen, since
 * scoring large assessments is dominated by memory traffic.
 */
function ownAnswers(
  definition: TemplateDefinition,
  answers: Readonly<Record<string, AnswerState>>,
): Readonly<Record<string, AnswerState>> {
  const prototype: unknown = Object.getPrototypeOf(answers);
  if (prototype === null) return answers;
  const inherited = definition.sections.some((section) =>
    section.questions.some((question) => question.key in Object.prototype),
  );
  if (prototype === Object.prototype && !inherited) return answers;
  const own = Object.create(null) as Record<string, AnswerState>;
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (Object.hasOwn(answers, question.key)) own[question.key] = answers[question.key];
    }
  }
  return own;
}

function scoreQuestion(
  sectionKey: string,
  question: QuestionDefinition,
  visible: boolean,
  reading: Reading,
): QuestionScore {
  // A plain literal, not a spread of shared fields: this is the hot path of scoring.
  const result = (
    status: QuestionScoreStatus,
    earned: number,
    possible: number,
    reason: string,
  ): QuestionScore => ({
    key: question.key,
    sectionKey,
    type: question.type,
    status,
    required: question.required,
    weight: question.weight,
    earned,
    possible,
    reason,
  });

  if (!visible) return result('HIDDEN', 0, 0, 'hidden by its condition: not counted');
  if (reading.kind === 'not-applicable') {
    return result('NOT_APPLICABLE', 0, 0, 'not applicable: leaves the denominator');
  }
  const scored = question.type === 'BOOLEAN' || question.type === 'SINGLE_CHOICE';
  const possible =
    scored || question.type === 'MULTI_CHOICE' ? question.weight * possibleBase(question) : 0;
  const unscored = !scored && question.type !== 'MULTI_CHOICE';
  const of = unscored ? 'not scored' : `0 of ${points(possible)}`;
  if (reading.kind === 'none') return result('UNANSWERED', 0, possible, `unanswered: ${of}`);
  if (reading.kind === 'invalid') {
    return result('UNANSWERED', 0, possible, `unanswered: ${reading.problem}; ${of}`);
  }
  if (unscored)
    return result('UNSCORED', 0, 0, `answered; ${question.type} questions earn no points`);

  const raw = question.weight * earnedBase(question, reading.value);
  const earned = Math.min(possible, Math.max(0, raw));
  const chosen = describeChoice(reading.value);
  const verb = Array.isArray(reading.value) && reading.value.length > 1 ? 'earn' : 'earns';
  const weighted = question.weight === 1 ? '' : ` (weight ${points(question.weight)})`;
  const clamp = raw === earned ? '' : `${points(raw)}, counted as `;
  return result(
    'SCORED',
    earned,
    possible,
    `${chosen} ${verb} ${clamp}${points(earned)} of ${points(possible)}${weighted}`,
  );
}

/** The most a question can earn before its weight. */
function possibleBase(question: QuestionDefinition): number {
  switch (question.type) {
    case 'BOOLEAN':
      return Math.max(question.points?.yes ?? 0, question.points?.no ?? 0, 0);
    case 'SINGLE_CHOICE':
      return Math.max(0, ...(question.options ?? []).map((option) => option.points ?? 0));
    case 'MULTI_CHOICE':
      return (question.options ?? []).reduce(
        (sum, option) => sum + Math.max(0, option.points ?? 0),
        0,
      );
    default:
      return 0;
  }
}

/** What a valid answer earns before its weight and before clamping. */
function earnedBase(question: QuestionDefinition, value: AnswerValue): number {
  if (question.type === 'BOOLEAN') {
    return (value === true ? question.points?.yes : question.points?.no) ?? 0;
  }
  const keys = Array.isArray(value) ? value : [value];
  let sum = 0;
  for (const option of question.options ?? []) {
    if (keys.includes(option.key)) sum += option.points ?? 0;
  }
  return sum;
}

/**
 * Why a value is no valid answer to `question` (wrong type, unknown option, out of range, a
 * "not applicable" the question does not allow), or null when it is one. Saving answers and
 * scoring them read values by the same rules.
 */
export function answerProblem(question: QuestionDefinition, state: unknown): string | null {
  const reading = read(question, state);
  return reading.kind === 'invalid' ? reading.problem : null;
}

/** Interprets a stored answer for a visible question. */
function read(question: QuestionDefinition, state: unknown): Reading {
  if (state === undefined || state === null) return NONE;
  if (state === NOT_APPLICABLE) {
    return question.allowNotApplicable
      ? { kind: 'not-applicable' }
      : { kind: 'invalid', problem: '"not applicable" is not allowed for this question' };
  }
  if (typeof state === 'string' && state.trim() === '') return NONE;
  if (Array.isArray(state) && state.length === 0) return NONE;
  switch (question.type) {
    case 'BOOLEAN':
      return typeof state === 'boolean'
        ? value(state)
        : invalid(`${describe(state)} is not yes/no`);
    case 'SINGLE_CHOICE': {
      if (typeof state !== 'string') return invalid(`${describe(state)} is not an option key`);
      return hasOption(question, state)
        ? value(state)
        : invalid(`${describe(state)} is not an option`);
    }
    case 'MULTI_CHOICE': {
      if (!Array.isArray(state) || !state.every((item) => typeof item === 'string')) {
        return invalid(`${describe(state)} is not a list of option keys`);
      }
      const unknown = state.find((item: string) => !hasOption(question, item));
      if (unknown !== undefined) return invalid(`${describe(unknown)} is not an option`);
      // Selecting an option twice counts it once.
      return value([...new Set<string>(state)]);
    }
    case 'TEXT':
      return typeof state === 'string' ? value(state) : invalid(`${describe(state)} is not text`);
    case 'NUMBER': {
      if (typeof state !== 'number' || !Number.isFinite(state)) {
        return invalid(`${describe(state)} is not a number`);
      }
      if (question.min !== undefined && state < question.min) {
        return invalid(`${state} is below the minimum ${question.min}`);
      }
      if (question.max !== undefined && state > question.max) {
        return invalid(`${state} is above the maximum ${question.max}`);
      }
      return value(state);
    }
    case 'DATE':
      return typeof state === 'string' && isDate(state)
        ? value(state)
        : invalid(`${describe(state)} is not a YYYY-MM-DD date`);
  }
}

function invalid(problem: string): Reading {
  return { kind: 'invalid', problem };
}

function value(answer: AnswerValue): Reading {
  return { kind: 'value', value: answer };
}

function hasOption(question: QuestionDefinition, key: string): boolean {
  return (question.options ?? []).some((option) => option.key === key);
}

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function sectionReason(earned: number, possible: number, score: number | null, weight: number) {
  if (score === null) {
    return 'not applicable: no visible, applicable question offers points';
  }
  const figures = `${points(earned)} of ${points(possible)} points (${points(score)}%)`;
  return weight > 0
    ? `${figures}, weight ${points(weight)}`
    : `${figures}; weight 0: reported, not counted`;
}

function describeChoice(value: AnswerValue): string {
  if (value === true) return '"yes"';
  if (value === false) return '"no"';
  if (Array.isArray(value)) return value.map((key) => JSON.stringify(key)).join(', ');
  return JSON.stringify(value);
}

/** A short rendering of any stored value, for reasons. */
function describe(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'symbol' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Points with at most 2 decimals, no trailing zeros. */
function points(value: number): string {
  return String(roundScore(value));
}
