/**
 * Scoring: a pure, deterministic function of (definition, answers). No I/O, no clock, no
 * randomness; answers are read by the definition's question keys in document order, so the
 * key order of the answers object and answers to unknown keys make no difference.
 *
 * The definition is read once into a plan (visibility conditions and knockouts compiled, the
 * scores of recurring answers made), kept for as long as the definition object lives: a
 * definition must not be changed once scored, as published ones never are.
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
  compileCondition,
  decideVisibility,
  questionOrder,
  type AnswerState,
  type Condition,
  type QuestionOrder,
  type SlotCondition,
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
const NOT_APPLICABLE_READING: Reading = { kind: 'not-applicable' };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function scoreAssessment(
  definition: TemplateDefinition,
  answers: Readonly<Record<string, AnswerState>>,
): AssessmentScore {
  const { order, questions } = scoringPlan(definition);
  const { visible, states } = decideVisibility(definition, answers);

  const unansweredRequired: string[] = [];
  const failedKnockouts: FailedKnockout[] = [];
  const flaggedAnswers: FlaggedAnswer[] = [];
  const sectionQuestions = definition.sections.map((): QuestionScore[] => []);
  const sectionEarned = new Float64Array(definition.sections.length);
  const sectionPossible = new Float64Array(definition.sections.length);
  for (let index = 0; index < questions.length; index += 1) {
    const plan = questions[index]!;
    const section = order.sectionIndexes[index]!;
    const result =
      visible[index] === 1 ? scoreState(plan, states[order.slots[index]!]) : plan.hidden;
    sectionQuestions[section]!.push(result);
    sectionEarned[section] += result.earned;
    sectionPossible[section] += result.possible;
    if (result.status === 'UNANSWERED' && result.required) unansweredRequired.push(result.key);
    // Only a valid answer is tested against knockouts and flags.
    if (result.status !== 'SCORED' && result.status !== 'UNSCORED') continue;
    const { knockout, flag } = plan.question;
    if (knockout !== undefined && plan.knockout!(states)) {
      failedKnockouts.push({
        questionKey: result.key,
        sectionKey: result.sectionKey,
        severity: knockout.severity,
        finding: knockout.finding ?? null,
      });
    } else if (flag !== undefined && plan.flag!(states)) {
      flaggedAnswers.push({
        questionKey: result.key,
        sectionKey: result.sectionKey,
        severity: flag.severity,
        finding: flag.finding,
      });
    }
  }

  let weightedSum = 0;
  let weightSum = 0;
  let earnedSum = 0;
  let possibleSum = 0;
  const sections = definition.sections.map((section, index): SectionScore => {
    const earned = sectionEarned[index]!;
    const possible = sectionPossible[index]!;
    const applicable = possible > 0;
    const score = applicable ? Math.min(100, (100 * earned) / possible) : null;
    const counted = score !== null && section.weight > 0;
    if (counted) {
      weightedSum += section.weight * score;
      weightSum += section.weight;
      earnedSum += earned;
      possibleSum += possible;
    }
    return {
      key: section.key,
      weight: section.weight,
      earned,
      possible,
      score,
      applicable,
      counted,
      reason: sectionReason(earned, possible, score, section.weight),
      questions: sectionQuestions[index]!,
    };
  });

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
 * What scoring keeps of one question between calls. A question's score is a function of the
 * question and its reading alone, so the scores of readings that recur (hidden, unanswered, not
 * applicable, answered, each choice) are made once, frozen and shared by every scoring of the
 * definition: scoring a large assessment then mostly reads, instead of building a result and
 * its reason for every question. Only a malformed answer gets a score of its own.
 */
interface QuestionPlan {
  readonly question: QuestionDefinition;
  readonly sectionKey: string;
  /** After the question weight. */
  readonly possible: number;
  readonly hidden: QuestionScore;
  readonly unanswered: QuestionScore;
  readonly knockout: SlotCondition | null;
  readonly flag: SlotCondition | null;
  /**
   * Whether a primitive answer is its own key in `answered`: not for a multiple choice, whose
   * keys are joined lists, which a malformed answer (a string) must not be taken for.
   */
  readonly primitiveKeys: boolean;
  /** Scores of valid answers by the answer: a boolean, an option key, option keys joined. */
  readonly answered: Map<AnswerKey, QuestionScore>;
}

interface ScoringPlan {
  readonly order: QuestionOrder;
  /** In document order, as `order.questions`. */
  readonly questions: readonly QuestionPlan[];
}

/** Distinct valid answers whose score a question keeps (multiple choices can combine many). */
const MAX_KEPT_SCORES = 64;
/** Joins the selected option keys of a multiple choice into one map key. */
const KEY_SEPARATOR = '\u0000';
const UNSCORED_KEY = Symbol('unscored');
type AnswerKey = AnswerValue | symbol;

const plans = new WeakMap<TemplateDefinition, ScoringPlan>();

/** The plan of a definition, made on its first scoring and kept while the object lives. */
function scoringPlan(definition: TemplateDefinition): ScoringPlan {
  let plan = plans.get(definition);
  if (plan === undefined) {
    const order = questionOrder(definition);
    plan = {
      order,
      questions: order.questions.map((question, index) => {
        const sectionKey = definition.sections[order.sectionIndexes[index]!]!.key;
        const possible = SCORED_TYPES.has(question.type)
          ? question.weight * possibleBase(question)
          : 0;
        const compile = (condition: Condition | undefined) =>
          condition === undefined ? null : compileCondition(condition, order.slotOf);
        return {
          question,
          sectionKey,
          possible,
          hidden: questionScore(question, sectionKey, 'HIDDEN', 0, 0, HIDDEN_REASON),
          unanswered: questionScore(
            question,
            sectionKey,
            'UNANSWERED',
            0,
            possible,
            `unanswered: ${pointsOffered(question, possible)}`,
          ),
          knockout: compile(question.knockout?.failWhen),
          flag: compile(question.flag?.when),
          primitiveKeys: question.type !== 'MULTI_CHOICE',
          answered: new Map(),
        };
      }),
    };
    plans.set(definition, plan);
  }
  return plan;
}

const SCORED_TYPES: ReadonlySet<QuestionType> = new Set([
  'BOOLEAN',
  'SINGLE_CHOICE',
  'MULTI_CHOICE',
]);
const HIDDEN_REASON = 'hidden by its condition: not counted';

/**
 * A visible question's score for its stored answer. A kept score is found by the answer itself
 * when it is a boolean, an option key or "not applicable", which the key of its reading then is:
 * most answers are scored without being read again.
 */
function scoreState(plan: QuestionPlan, state: AnswerState): QuestionScore {
  if (state === undefined) return plan.unanswered;
  if (typeof state !== 'object' && (plan.primitiveKeys || state === NOT_APPLICABLE)) {
    const kept = plan.answered.get(state);
    if (kept !== undefined) return kept;
  }
  return scoreReading(plan, read(plan.question, state));
}

/** A visible question's score for what its answer reads as. */
function scoreReading(plan: QuestionPlan, reading: Reading): QuestionScore {
  const { question, sectionKey, possible } = plan;
  switch (reading.kind) {
    case 'none':
      return plan.unanswered;
    case 'invalid':
      return questionScore(
        question,
        sectionKey,
        'UNANSWERED',
        0,
        possible,
        `unanswered: ${reading.problem}; ${pointsOffered(question, possible)}`,
      );
    case 'not-applicable':
    case 'value': {
      const key = answerKey(question, reading);
      const kept = plan.answered.get(key);
      if (kept !== undefined) return kept;
      const result = answeredScore(plan, reading);
      if (plan.answered.size < MAX_KEPT_SCORES) plan.answered.set(key, result);
      return result;
    }
  }
}

/**
 * The key a valid answer's score is kept under: every not applicable answer shares one, as does
 * every answer to an unscored question; a choice is keyed by the option keys, which come from
 * the definition, so nothing a respondent wrote is kept.
 */
function answerKey(
  question: QuestionDefinition,
  reading: Reading & { kind: 'value' | 'not-applicable' },
): AnswerKey {
  if (reading.kind === 'not-applicable') return NOT_APPLICABLE;
  if (!SCORED_TYPES.has(question.type)) return UNSCORED_KEY;
  const { value } = reading;
  return Array.isArray(value) ? value.join(KEY_SEPARATOR) : (value as boolean | string);
}

function answeredScore(
  { question, sectionKey, possible }: QuestionPlan,
  reading: Reading & { kind: 'value' | 'not-applicable' },
): QuestionScore {
  if (reading.kind === 'not-applicable') {
    return questionScore(
      question,
      sectionKey,
      'NOT_APPLICABLE',
      0,
      0,
      'not applicable: leaves the denominator',
    );
  }
  if (!SCORED_TYPES.has(question.type)) {
    return questionScore(
      question,
      sectionKey,
      'UNSCORED',
      0,
      0,
      `answered; ${question.type} questions earn no points`,
    );
  }
  const raw = question.weight * earnedBase(question, reading.value);
  const earned = Math.min(possible, Math.max(0, raw));
  const chosen = describeChoice(reading.value);
  const verb = Array.isArray(reading.value) && reading.value.length > 1 ? 'earn' : 'earns';
  const weighted = question.weight === 1 ? '' : ` (weight ${points(question.weight)})`;
  const clamp = raw === earned ? '' : `${points(raw)}, counted as `;
  return questionScore(
    question,
    sectionKey,
    'SCORED',
    earned,
    possible,
    `${chosen} ${verb} ${clamp}${points(earned)} of ${points(possible)}${weighted}`,
  );
}

/** What an unanswered question would have offered, for its reason. */
function pointsOffered(question: QuestionDefinition, possible: number): string {
  return SCORED_TYPES.has(question.type) ? `0 of ${points(possible)}` : 'not scored';
}

function questionScore(
  question: QuestionDefinition,
  sectionKey: string,
  status: QuestionScoreStatus,
  earned: number,
  possible: number,
  reason: string,
): QuestionScore {
  return Object.freeze({
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
      ? NOT_APPLICABLE_READING
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
