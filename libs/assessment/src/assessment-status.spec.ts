import { describe, expect, it } from '@jest/globals';
import {
  AssessmentStatus as S,
  assertAssessmentMove,
  canMoveAssessment,
} from './assessment-status.js';

describe('assessment status machine', () => {
  const legal: Array<[S, S]> = [
    [S.Draft, S.Sent],
    [S.Sent, S.InProgress],
    [S.InProgress, S.Submitted],
    [S.Submitted, S.InReview],
    [S.InReview, S.Completed],
    [S.InReview, S.ChangesRequested],
    [S.ChangesRequested, S.InProgress],
  ];

  it('allows exactly the moves DESIGN.md lists, and cancelling any open assessment', () => {
    const all = Object.values(S);
    for (const from of all) {
      for (const to of all) {
        const expected =
          legal.some(([a, b]) => a === from && b === to) ||
          (to === S.Cancelled && from !== S.Completed && from !== S.Cancelled);
        expect([from, to, canMoveAssessment(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('answers an illegal move with CONFLICT naming the current status', () => {
    expect(() => assertAssessmentMove(S.Completed, S.InProgress)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { current: { status: 'COMPLETED' } } }),
    );
  });
});
