import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  NOT_APPLICABLE,
  compileCondition,
  conditionQuestions,
  evaluateCondition,
  type AnswerState,
  type Condition,
} from './condition.js';
import type { QuestionType, TemplateDefinition } from './definition.schema.js';
import { validateDefinition } from './validate-definition.js';
import { decideVisibility, questionOrder, visibleQuestionKeys } from './visibility.js';

describe('evaluateCondition', () => {
  const answers: Record<string, AnswerState> = {
    tls: true,
    version: 'tls13',
    channels: ['email', 'sms'],
    hours: 48,
    drill: '2026-03-01',
    note: '  ',
    waived: NOT_APPLICABLE,
  };
  const answerOf = (key: string) => answers[key];

  it.each<[Condition, boolean]>([
    [{ equals: { question: 'tls', value: true } }, true],
    [{ equals: { question: 'tls', value: false } }, false],
    [{ equals: { question: 'version', value: 'tls13' } }, true],
    [{ in: { question: 'version', values: ['tls12', 'tls13'] } }, true],
    [{ in: { question: 'channels', values: ['phone', 'sms'] } }, true],
    [{ in: { question: 'channels', values: ['phone'] } }, false],
    [{ gt: { question: 'hours', value: 72 } }, false],
    [{ lte: { question: 'hours', value: 48 } }, true],
    [{ lt: { question: 'drill', value: '2026-06-30' } }, true],
    [{ gte: { question: 'drill', value: '2026-06-30' } }, false],
    [{ answered: { question: 'tls' } }, true],
    // Blank text, not-applicable and missing answers satisfy no leaf.
    [{ answered: { question: 'note' } }, false],
    [{ answered: { question: 'waived' } }, false],
    [{ equals: { question: 'waived', value: 'NOT_APPLICABLE' } }, false],
    [{ answered: { question: 'missing' } }, false],
    [{ not: { answered: { question: 'missing' } } }, true],
    // A string never compares with a number.
    [{ gt: { question: 'version', value: 1 } }, false],
    [
      {
        all: [
          { equals: { question: 'tls', value: true } },
          {
            any: [
              { gt: { question: 'hours', value: 72 } },
              { in: { question: 'channels', values: ['email'] } },
            ],
          },
        ],
      },
      true,
    ],
    [
      {
        all: [{ equals: { question: 'tls', value: true } }, { answered: { question: 'missing' } }],
      },
      false,
    ],
  ])('%j is %s', (condition, expected) => {
    expect(evaluateCondition(condition, answerOf)).toBe(expected);
  });

  it('lists the questions a condition reads', () => {
    expect(
      conditionQuestions({
        all: [
          { not: { answered: { question: 'a' } } },
          { any: [{ gt: { question: 'b', value: 1 } }] },
        ],
      }),
    ).toEqual(['a', 'b']);
  });
});

// Random definitions whose conditions name any question, before or after their own.
const TYPES: readonly QuestionType[] = [
  'BOOLEAN',
  'SINGLE_CHOICE',
  'MULTI_CHOICE',
  'TEXT',
  'NUMBER',
  'DATE',
];

interface Shape {
  types: QuestionType[];
  conditions: (Condition | undefined)[];
}

function leafFor(type: QuestionType, key: string, pick: number): Condition {
  switch (type) {
    case 'BOOLEAN':
      return { equals: { question: key, value: pick % 2 === 0 } };
    case 'SINGLE_CHOICE':
    case 'MULTI_CHOICE':
      return { in: { question: key, values: [pick % 2 === 0 ? 'a' : 'b'] } };
    case 'NUMBER':
      return pick % 2 === 0
        ? { gt: { question: key, value: pick } }
        : { lte: { question: key, value: pick } };
    case 'DATE':
      return { lt: { question: key, value: `2026-0${(pick % 9) + 1}-15` } };
    case 'TEXT':
      return pick % 2 === 0
        ? { answered: { question: key } }
        : { equals: { question: key, value: 'x' } };
  }
}

const shapeArbitrary: fc.Arbitrary<Shape> = fc
  .array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 10 })
  .chain((types) => {
    const leaf = fc
      .tuple(fc.nat({ max: types.length - 1 }), fc.nat({ max: 20 }))
      .map(([index, pick]) => leafFor(types[index]!, `q${index}`, pick));
    const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
      condition: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
        fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
        tie('condition').map((not) => ({ not })),
      ),
    }));
    return fc.record({
      types: fc.constant(types),
      conditions: fc.array(fc.option(condition, { nil: undefined }), {
        minLength: types.length,
        maxLength: types.length,
      }),
    });
  });

function definitionOf({ types, conditions }: Shape): unknown {
  return {
    languages: ['en'],
    sections: [
      {
        key: 'only',
        title: { en: 'Only' },
        questions: types.map((type, index) => ({
          key: `q${index}`,
          type,
          text: { en: `Question ${index}` },
          ...(type === 'SINGLE_CHOICE' || type === 'MULTI_CHOICE'
            ? {
                options: [
                  { key: 'a', label: { en: 'A' }, points: 1 },
                  { key: 'b', label: { en: 'B' }, points: 0 },
                ],
              }
            : {}),
          ...(conditions[index] ? { visibleWhen: conditions[index] } : {}),
        })),
      },
    ],
  };
}

const indexOf = (key: string) => Number(key.slice(1));

function answerFor(type: QuestionType, pick: number): AnswerState {
  if (pick % 5 === 0) return undefined;
  if (pick % 7 === 0) return NOT_APPLICABLE;
  switch (type) {
    case 'BOOLEAN':
      return pick % 2 === 0;
    case 'SINGLE_CHOICE':
      return pick % 2 === 0 ? 'a' : 'b';
    case 'MULTI_CHOICE':
      return pick % 3 === 0 ? ['a', 'b'] : ['b'];
    case 'NUMBER':
      return pick;
    case 'DATE':
      return `2026-0${(pick % 9) + 1}-01`;
    case 'TEXT':
      return pick % 2 === 0 ? 'x' : 'y';
  }
}

describe('conditions read only earlier questions', () => {
  it('validation accepts a definition exactly when no condition names its own or a later question', () => {
    fc.assert(
      fc.property(shapeArbitrary, (shape) => {
        const forwardOrSelf = shape.conditions.some(
          (condition, index) =>
            condition !== undefined &&
            conditionQuestions(condition).some((key) => indexOf(key) >= index),
        );
        expect(validateDefinition(definitionOf(shape)).valid).toBe(!forwardOrSelf);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid definition never evaluates a question that comes after the one being decided', () => {
    fc.assert(
      fc.property(
        shapeArbitrary,
        fc.array(fc.nat({ max: 100 }), { minLength: 10, maxLength: 10 }),
        (shape, picks) => {
          const validation = validateDefinition(definitionOf(shape));
          fc.pre(validation.valid);
          const definition = validation.definition as TemplateDefinition;
          definition.sections[0]!.questions.forEach((question, index) => {
            if (!question.visibleWhen) return;
            evaluateCondition(question.visibleWhen, (key) => {
              expect(indexOf(key)).toBeLessThan(index);
              return answerFor(shape.types[indexOf(key)]!, picks[indexOf(key)]!);
            });
          });
          // Visibility over the whole document reads answers only of questions already shown.
          const read: string[] = [];
          const answers = new Proxy({} as Record<string, AnswerState>, {
            get: (_target, key: string) => {
              read.push(key);
              return answerFor(shape.types[indexOf(key)]!, picks[indexOf(key)]!);
            },
          });
          const visible = visibleQuestionKeys(definition, answers);
          for (const key of read) expect(visible.has(key)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('compiled conditions and visibility', () => {
  const picksArbitrary = fc.array(fc.nat({ max: 100 }), { minLength: 10, maxLength: 10 });

  it('a compiled condition holds exactly when evaluateCondition says it does', () => {
    fc.assert(
      fc.property(shapeArbitrary, picksArbitrary, (shape, picks) => {
        const states = shape.types.map((type, index) => answerFor(type, picks[index]!));
        const answerOf = (key: string) => states[indexOf(key)];
        for (const condition of shape.conditions) {
          if (condition === undefined) continue;
          expect(compileCondition(condition, indexOf)(states)).toBe(
            evaluateCondition(condition, answerOf),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a compiled condition on a question there is no slot for does not hold', () => {
    const none = () => -1;
    expect(compileCondition({ answered: { question: 'gone' } }, none)([true])).toBe(false);
    expect(compileCondition({ not: { answered: { question: 'gone' } } }, none)([true])).toBe(true);
  });

  it('decides visibility as evaluating each condition by key in document order does', () => {
    fc.assert(
      fc.property(shapeArbitrary, picksArbitrary, (shape, picks) => {
        // Valid or not (a condition may name a later question), as drafts can be.
        const definition = definitionOf(shape) as TemplateDefinition;
        const answers: Record<string, AnswerState> = {};
        shape.types.forEach((type, index) => {
          answers[`q${index}`] = answerFor(type, picks[index]!);
        });
        const expected = new Set<string>();
        const answerOf = (key: string) => (expected.has(key) ? answers[key] : undefined);
        for (const question of definition.sections[0]!.questions) {
          if (!question.visibleWhen || evaluateCondition(question.visibleWhen, answerOf)) {
            expected.add(question.key);
          }
        }
        expect(visibleQuestionKeys(definition, answers)).toEqual(expected);
        const { visible, states } = decideVisibility(definition, answers);
        shape.types.forEach((_type, index) => {
          const key = `q${index}`;
          expect(visible[index]).toBe(expected.has(key) ? 1 : 0);
          expect(states[index]).toBe(expected.has(key) ? answers[key] : undefined);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('finds a question by its key, in one definition object read once', () => {
    const definition = definitionOf({
      types: ['TEXT', 'BOOLEAN'],
      conditions: [undefined, { answered: { question: 'q0' } }],
    }) as TemplateDefinition;
    const order = questionOrder(definition);
    expect(questionOrder(definition)).toBe(order);
    expect(order.question('q1')).toBe(definition.sections[0]!.questions[1]);
    expect(order.question('q2')).toBeUndefined();
    expect(order.question('constructor')).toBeUndefined();
    expect(order.slotOf('q1')).toBe(1);
    expect(order.slotOf('toString')).toBe(-1);
  });

  it("reads only the answers object's own properties", () => {
    const definition = definitionOf({
      types: ['TEXT', 'BOOLEAN'],
      conditions: [undefined, { answered: { question: 'q0' } }],
    }) as TemplateDefinition;
    const inherited = Object.create({ q0: 'x', q1: true }) as Record<string, AnswerState>;
    expect(decideVisibility(definition, inherited).states).toEqual([undefined, undefined]);
    expect(visibleQuestionKeys(definition, inherited)).toEqual(new Set(['q0']));
  });
});

describe('visibleQuestionKeys', () => {
  it('hides follow-ups of a hidden question even when they were answered', () => {
    const definition = validateDefinition({
      languages: ['en'],
      sections: [
        {
          key: 's',
          title: { en: 'S' },
          questions: [
            { key: 'shares', type: 'BOOLEAN', text: { en: 'Shares data?' } },
            {
              key: 'abroad',
              type: 'BOOLEAN',
              text: { en: 'Abroad?' },
              visibleWhen: { equals: { question: 'shares', value: true } },
            },
            {
              key: 'mechanism',
              type: 'TEXT',
              text: { en: 'Mechanism' },
              visibleWhen: { equals: { question: 'abroad', value: true } },
            },
          ],
        },
      ],
    }).definition!;
    expect([...visibleQuestionKeys(definition, { shares: true, abroad: true })]).toEqual([
      'shares',
      'abroad',
      'mechanism',
    ]);
    expect([...visibleQuestionKeys(definition, { shares: false, abroad: true })]).toEqual([
      'shares',
    ]);
  });
});
