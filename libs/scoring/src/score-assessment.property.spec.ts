import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  NOT_APPLICABLE,
  QUESTION_TYPES,
  conditionQuestions,
  validateDefinition,
  type AnswerState,
  type Condition,
  type QuestionDefinition,
  type QuestionType,
  type TemplateDefinition,
} from '#questionnaire';
import { scoreAssessment, type AssessmentScore, type QuestionScore } from './score-assessment.js';

const RUNS = { numRuns: 200 };
type Answers = Record<string, AnswerState>;

interface QuestionSeed {
  readonly type: QuestionType;
  readonly weight: number;
  readonly required: boolean;
  readonly allowNotApplicable: boolean;
  readonly yes: number;
  readonly no: number;
  readonly options: readonly number[];
  /** Which earlier question a visibleWhen reads, and how; null for always visible. */
  readonly condition: number | null;
  readonly knockout: boolean;
}

const questionSeed: fc.Arbitrary<QuestionSeed> = fc.record({
  type: fc.constantFrom(...QUESTION_TYPES),
  // Halves keep every sum exact, so "drops by exactly its possible" can be checked with ===.
  weight: fc.constantFrom(0, 0.5, 1, 2, 3),
  required: fc.boolean(),
  allowNotApplicable: fc.boolean(),
  yes: fc.integer({ min: -10, max: 10 }),
  no: fc.integer({ min: -10, max: 10 }),
  options: fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 2, maxLength: 4 }),
  condition: fc.option(fc.nat({ max: 1000 }), { freq: 2 }),
  knockout: fc.boolean(),
});

/** A leaf over `key` that suits its type; `variant` picks among a few. */
function leaf(key: string, type: QuestionType, variant: number): Condition {
  switch (type) {
    case 'BOOLEAN':
      return { equals: { question: key, value: variant % 2 === 0 } };
    case 'SINGLE_CHOICE':
    case 'MULTI_CHOICE':
      return { in: { question: key, values: ['o0'] } };
    case 'NUMBER':
      return { gt: { question: key, value: 5 } };
    case 'DATE':
      return { lte: { question: key, value: '2024-06-30' } };
    case 'TEXT':
      return { answered: { question: key } };
  }
}

function buildDefinition(sections: readonly (readonly QuestionSeed[])[], weights: number[]) {
  const earlier: Array<{ key: string; type: QuestionType }> = [];
  const document = {
    languages: ['en'],
    sections: sections.map((questions, s) => ({
      key: `s${s}`,
      title: { en: `Section ${s}` },
      weight: weights[s % weights.length],
      questions: questions.map((seed) => {
        const key = `q${earlier.length}`;
        const question: Record<string, unknown> = {
          key,
          type: seed.type,
          text: { en: key },
          weight: seed.weight,
          required: seed.required,
          allowNotApplicable: seed.allowNotApplicable,
        };
        if (seed.type === 'BOOLEAN') question.points = { yes: seed.yes, no: seed.no };
        if (seed.type === 'SINGLE_CHOICE' || seed.type === 'MULTI_CHOICE') {
          question.options = seed.options.map((points, o) => ({
            key: `o${o}`,
            label: { en: `o${o}` },
            points,
          }));
        }
        if (seed.condition !== null && earlier.length > 0) {
          const target = earlier[seed.condition % earlier.length]!;
          const inner = leaf(target.key, target.type, seed.condition);
          question.visibleWhen = seed.condition % 3 === 0 ? { not: inner } : inner;
        }
        if (seed.knockout) {
          question.knockout = { failWhen: leaf(key, seed.type, 1), severity: 'HIGH' };
        }
        earlier.push({ key, type: seed.type });
        return question;
      }),
    })),
  };
  const validation = validateDefinition(document, 'draft');
  if (!validation.valid) throw new Error(JSON.stringify(validation.errors));
  return validation.definition;
}

const definitionArb: fc.Arbitrary<TemplateDefinition> = fc
  .tuple(
    fc.array(fc.array(questionSeed, { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.array(fc.constantFrom(0, 1, 2, 3), { minLength: 1, maxLength: 4 }),
  )
  .map(([sections, weights]) => buildDefinition(sections, weights));

const optionKeys = (question: QuestionDefinition) => (question.options ?? []).map((o) => o.key);

/** A valid value for the question's type. */
function validAnswer(question: QuestionDefinition): fc.Arbitrary<AnswerState> {
  switch (question.type) {
    case 'BOOLEAN':
      return fc.boolean();
    case 'SINGLE_CHOICE':
      return fc.constantFrom(...optionKeys(question));
    case 'MULTI_CHOICE':
      return fc.subarray(optionKeys(question), { minLength: 1 });
    case 'TEXT':
      return fc.string({ minLength: 1, maxLength: 5 });
    case 'NUMBER':
      return fc.integer({ min: 0, max: 10 });
    case 'DATE':
      return fc.constantFrom('2024-01-15', '2024-12-31');
  }
}

/** What may be stored, including what does not fit the type. */
const anyStored: fc.Arbitrary<AnswerState> = fc.oneof(
  fc.constant(undefined),
  fc.constant(NOT_APPLICABLE),
  fc.boolean(),
  fc.integer({ min: -3, max: 20 }),
  fc.constantFrom('o0', 'o1', 'bogus', '', '2024-02-30'),
  fc.subarray(['o0', 'o1', 'o2', 'zz']),
);

function answersArb(definition: TemplateDefinition): fc.Arbitrary<Answers> {
  const questions = definition.sections.flatMap((section) => section.questions);
  return fc
    .tuple(
      ...questions.map((question) =>
        fc.oneof(
          { arbitrary: validAnswer(question), weight: 5 },
          { arbitrary: fc.constant(NOT_APPLICABLE), weight: 1 },
          { arbitrary: anyStored, weight: 1 },
        ),
      ),
    )
    .map((values) => {
      const answers: Answers = {};
      questions.forEach((question, index) => {
        if (values[index] !== undefined) answers[question.key] = values[index];
      });
      return answers;
    });
}

const caseArb = definitionArb.chain((definition) =>
  fc.tuple(fc.constant(definition), answersArb(definition)),
);

const allQuestions = (definition: TemplateDefinition) =>
  definition.sections.flatMap((section) => section.questions);

const scores = (result: AssessmentScore): Map<string, QuestionScore> =>
  new Map(result.sections.flatMap((s) => s.questions).map((q) => [q.key, q]));

/** Question keys that some visibleWhen reads: changing them may change what is visible. */
function readByConditions(definition: TemplateDefinition): Set<string> {
  return new Set(
    allQuestions(definition).flatMap((q) =>
      q.visibleWhen === undefined ? [] : conditionQuestions(q.visibleWhen),
    ),
  );
}

/** Answers to `question` that earn strictly more base points than `current`. */
function betterAnswers(question: QuestionDefinition, current: AnswerState): AnswerState[] {
  const pointsOf = (key: string) => question.options?.find((o) => o.key === key)?.points ?? 0;
  if (question.type === 'BOOLEAN' && typeof current === 'boolean') {
    const yes = question.points?.yes ?? 0;
    const no = question.points?.no ?? 0;
    if (current === false && yes > no) return [true];
    if (current === true && no > yes) return [false];
  }
  if (question.type === 'SINGLE_CHOICE' && typeof current === 'string') {
    if (!optionKeys(question).includes(current)) return [];
    return optionKeys(question).filter((key) => pointsOf(key) > pointsOf(current));
  }
  if (question.type === 'MULTI_CHOICE' && Array.isArray(current) && current.length > 0) {
    const selected = current as readonly string[];
    if (!selected.every((key) => optionKeys(question).includes(key))) return [];
    return optionKeys(question)
      .filter((key) => !selected.includes(key) && pointsOf(key) > 0)
      .map((key) => [...selected, key]);
  }
  return [];
}

describe('scoreAssessment properties', () => {
  it('keeps every score within 0-100, or null exactly when nothing applies', () => {
    fc.assert(
      fc.property(caseArb, ([definition, answers]) => {
        const result = scoreAssessment(definition, answers);
        expect(result.applicable).toBe(result.score !== null);
        if (result.score !== null) {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
        }
        for (const section of result.sections) {
          expect(section.applicable).toBe(section.score !== null);
          expect(section.applicable).toBe(section.possible > 0);
          if (section.score !== null) {
            expect(section.score).toBeGreaterThanOrEqual(0);
            expect(section.score).toBeLessThanOrEqual(100);
          }
          // Collected, then asserted once: an expect per question would dominate the run time.
          const wrong = section.questions.filter(
            (q) =>
              q.earned < 0 ||
              q.earned > q.possible ||
              (q.status !== 'SCORED' && q.status !== 'UNANSWERED' && q.possible !== 0),
          );
          expect(wrong).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('never lowers the score when one answer that no condition reads gets better', () => {
    let improved = 0;
    fc.assert(
      fc.property(caseArb, ([definition, answers]) => {
        const before = scoreAssessment(definition, answers);
        const read = readByConditions(definition);
        definition.sections.forEach((section, s) => {
          for (const question of section.questions) {
            if (read.has(question.key)) continue;
            for (const better of betterAnswers(question, answers[question.key])) {
              improved += 1;
              const after = scoreAssessment(definition, { ...answers, [question.key]: better });
              if (before.score === null) expect(after.score).toBeNull();
              else expect(after.score).toBeGreaterThanOrEqual(before.score);
              const [was, is] = [before.sections[s]!, after.sections[s]!];
              expect(is.possible).toBe(was.possible);
              expect(is.earned).toBeGreaterThanOrEqual(was.earned);
            }
          }
        });
      }),
      RUNS,
    );
    // The property must actually have been exercised.
    expect(improved).toBeGreaterThan(50);
  });

  it('marking a question not applicable changes only the denominator', () => {
    let marked = 0;
    fc.assert(
      fc.property(caseArb, ([definition, answers]) => {
        const before = scoreAssessment(definition, answers);
        const beforeQuestions = scores(before);
        const read = readByConditions(definition);
        definition.sections.forEach((section, s) => {
          for (const question of section.questions) {
            const was = beforeQuestions.get(question.key)!;
            if (!question.allowNotApplicable || read.has(question.key)) continue;
            if (was.status === 'HIDDEN' || was.status === 'NOT_APPLICABLE') continue;
            marked += 1;
            const after = scoreAssessment(definition, {
              ...answers,
              [question.key]: NOT_APPLICABLE,
            });
            const [sectionBefore, sectionAfter] = [before.sections[s]!, after.sections[s]!];
            expect(sectionAfter.possible).toBe(sectionBefore.possible - was.possible);
            expect(sectionAfter.earned).toBe(sectionBefore.earned - was.earned);
            const afterQuestions = scores(after);
            expect(afterQuestions.get(question.key)).toMatchObject({
              status: 'NOT_APPLICABLE',
              earned: 0,
              possible: 0,
            });
            afterQuestions.delete(question.key);
            const others = new Map(beforeQuestions);
            others.delete(question.key);
            expect(afterQuestions).toStrictEqual(others);
          }
        });
      }),
      RUNS,
    );
    expect(marked).toBeGreaterThan(50);
  });

  it('ignores whatever is stored for hidden questions', () => {
    let hidden = 0;
    fc.assert(
      fc.property(
        caseArb,
        fc.array(anyStored, { minLength: 8, maxLength: 8 }),
        ([definition, answers], replacements) => {
          const before = scoreAssessment(definition, answers);
          const hiddenKeys = [...scores(before).values()]
            .filter((q) => q.status === 'HIDDEN')
            .map((q) => q.key);
          // node's deep equality, asserted once per run: jest's matcher per key is slow.
          const changedOutputs = hiddenKeys.filter((key, index) => {
            hidden += 1;
            const changed: Answers = {
              ...answers,
              [key]: replacements[index % replacements.length],
            };
            return !isDeepStrictEqual(scoreAssessment(definition, changed), before);
          });
          expect(changedOutputs).toEqual([]);
          if (hiddenKeys.length > 0) {
            // All of them at once, too.
            const changed = { ...answers };
            for (const key of hiddenKeys) changed[key] = 'bogus';
            expect(isDeepStrictEqual(scoreAssessment(definition, changed), before)).toBe(true);
          }
        },
      ),
      RUNS,
    );
    expect(hidden).toBeGreaterThan(50);
  });

  it('gives the same output for the same inputs, whatever the order of answer keys', () => {
    fc.assert(
      fc.property(
        caseArb.chain(([definition, answers]) => {
          const keys = Object.keys(answers);
          return fc.tuple(
            fc.constant(definition),
            fc.constant(answers),
            fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }),
          );
        }),
        ([definition, answers, order]) => {
          const first = scoreAssessment(definition, answers);
          expect(scoreAssessment(definition, answers)).toStrictEqual(first);
          const reordered: Answers = { unknown_key: true };
          for (const key of order) reordered[key] = answers[key];
          expect(scoreAssessment(definition, reordered)).toStrictEqual(first);
        },
      ),
      RUNS,
    );
  });

  it('scores a definition scored many times before as a fresh copy of it', () => {
    fc.assert(
      fc.property(
        definitionArb.chain((definition) =>
          fc.tuple(
            fc.constant(definition),
            fc.array(answersArb(definition), { minLength: 2, maxLength: 6 }),
          ),
        ),
        ([definition, answerSets]) => {
          for (const answers of answerSets) {
            expect(scoreAssessment(definition, answers)).toStrictEqual(
              scoreAssessment(structuredClone(definition), answers),
            );
          }
        },
      ),
      RUNS,
    );
  });
});
