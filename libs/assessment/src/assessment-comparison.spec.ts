import { describe, expect, it } from '@jest/globals';
import type { AssessmentScore, SectionScore } from '#scoring';
import { Answer } from './answer.entity.js';
import { answerChanges, scoreDeltas } from './assessment-comparison.js';

const answer = (questionKey: string, fields: Partial<Answer>) =>
  Object.assign(new Answer(), { questionKey, value: null, notApplicable: false, ...fields });

const score = (overall: number | null, sections: Record<string, number | null>) =>
  ({
    algorithm: 'test',
    score: overall,
    applicable: overall !== null,
    sections: Object.entries(sections).map(
      ([key, value]) => ({ key, score: value }) as unknown as SectionScore,
    ),
    unansweredRequired: [],
    failedKnockouts: [],
  }) as unknown as AssessmentScore;

describe('answerChanges', () => {
  it('lists added, removed and changed answers by key, and nothing unchanged', () => {
    const before = [
      answer('a', { value: true }),
      answer('b', { value: ['x', 'y'] }),
      answer('c', { notApplicable: true }),
      answer('d', { value: 'gone' }),
      answer('e', { value: 3 }),
    ];
    const after = [
      answer('a', { value: true }),
      // Choices are a set: another order is the same answer.
      answer('b', { value: ['y', 'x'] }),
      answer('c', { value: false }),
      answer('e', { value: 4 }),
      answer('f', { value: 'new' }),
    ];
    expect(answerChanges(before, after)).toEqual([
      {
        questionKey: 'c',
        change: 'CHANGED',
        before: { value: null, notApplicable: true },
        after: { value: false, notApplicable: false },
      },
      {
        questionKey: 'd',
        change: 'REMOVED',
        before: { value: 'gone', notApplicable: false },
        after: null,
      },
      {
        questionKey: 'e',
        change: 'CHANGED',
        before: { value: 3, notApplicable: false },
        after: { value: 4, notApplicable: false },
      },
      {
        questionKey: 'f',
        change: 'ADDED',
        before: null,
        after: { value: 'new', notApplicable: false },
      },
    ]);
  });

  it('treats a cleared or empty answer as no answer', () => {
    expect(answerChanges([answer('a', { value: 'text' })], [answer('a', { value: '  ' })])).toEqual(
      [
        {
          questionKey: 'a',
          change: 'REMOVED',
          before: { value: 'text', notApplicable: false },
          after: null,
        },
      ],
    );
    expect(answerChanges([answer('a', { value: [] })], [answer('a', { value: null })])).toEqual([]);
  });
});

describe('scoreDeltas', () => {
  it('gives overall and section deltas, rounded, in the later order then the earlier-only sections', () => {
    expect(
      scoreDeltas(
        score(62.5, { access: 50, retention: 75.333, legacy: 10 }),
        score(70.125, { retention: 80, access: null, fresh: 40 }),
      ),
    ).toEqual({
      overall: { before: 62.5, after: 70.13, delta: 7.63 },
      sections: [
        { sectionKey: 'retention', before: 75.33, after: 80, delta: 4.67 },
        { sectionKey: 'access', before: 50, after: null, delta: null },
        { sectionKey: 'fresh', before: null, after: 40, delta: null },
        { sectionKey: 'legacy', before: 10, after: null, delta: null },
      ],
    });
  });

  it('gives null deltas when either assessment is unscored', () => {
    expect(scoreDeltas(score(50, { a: 50 }), null)).toEqual({
      overall: { before: 50, after: null, delta: null },
      sections: [{ sectionKey: 'a', before: 50, after: null, delta: null }],
    });
  });
});
