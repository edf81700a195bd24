import type { AnswerValue } from '#questionnaire';
import { roundScore, type AssessmentScore } from '#scoring';
import type { Answer } from './answer.entity.js';

export type AnswerChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';

/** An answer as it stood in one cycle. */
export interface AnswerSnapshot {
  readonly value: AnswerValue | null;
  readonly notApplicable: boolean;
}

/** One question whose answer differs between two cycles. */
export interface AnswerChange {
  readonly questionKey: string;
  readonly change: AnswerChangeKind;
  /** Null when the earlier cycle has no answer to it. */
  readonly before: AnswerSnapshot | null;
  /** Null when the later cycle has no answer to it. */
  readonly after: AnswerSnapshot | null;
}

/** A score then and now; the delta is null when either side has none. */
export interface ScoreDelta {
  readonly before: number | null;
  readonly after: number | null;
  readonly delta: number | null;
}

export interface SectionScoreDelta extends ScoreDelta {
  readonly sectionKey: string;
}

/** The answer an answer row holds, or null when it holds none (cleared or empty). */
function snapshotOf(answer: Answer): AnswerSnapshot | null {
  if (answer.notApplicable) return { value: null, notApplicable: true };
  const value = answer.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return { value, notApplicable: false };
}

/** Comparable text of a snapshot: choices are a set, so their order does not matter. */
function canonical(snapshot: AnswerSnapshot): string {
  const value = Array.isArray(snapshot.value)
    ? [...new Set(snapshot.value as readonly string[])].sort()
    : snapshot.value;
  return JSON.stringify([snapshot.notApplicable, value]);
}

/** The questions answered differently (or only on one side), by question key. */
export function answerChanges(before: readonly Answer[], after: readonly Answer[]): AnswerChange[] {
  const snapshots = (answers: readonly Answer[]) => {
    const byKey = new Map<string, AnswerSnapshot>();
    for (const answer of answers) {
      const snapshot = snapshotOf(answer);
      if (snapshot) byKey.set(answer.questionKey, snapshot);
    }
    return byKey;
  };
  const [then, now] = [snapshots(before), snapshots(after)];
  const keys = [...new Set([...then.keys(), ...now.keys()])].sort();
  const changes: AnswerChange[] = [];
  for (const questionKey of keys) {
    const [was, is] = [then.get(questionKey) ?? null, now.get(questionKey) ?? null];
    if (was && is) {
      if (canonical(was) !== canonical(is))
        changes.push({ questionKey, change: 'CHANGED', before: was, after: is });
    } else if (is) {
      changes.push({ questionKey, change: 'ADDED', before: null, after: is });
    } else if (was) {
      changes.push({ questionKey, change: 'REMOVED', before: was, after: null });
    }
  }
  return changes;
}

const delta = (before: number | null, after: number | null): ScoreDelta => {
  const [b, a] = [
    before === null ? null : roundScore(before),
    after === null ? null : roundScore(after),
  ];
  return { before: b, after: a, delta: b === null || a === null ? null : roundScore(a - b) };
};

/**
 * Overall and per-section deltas of two stored scores (null when an assessment is unscored,
 * or a section applies on one side only). Sections in the later score's order, then those
 * only the earlier one has.
 */
export function scoreDeltas(
  before: AssessmentScore | null,
  after: AssessmentScore | null,
): { overall: ScoreDelta; sections: SectionScoreDelta[] } {
  const sectionsOf = (score: AssessmentScore | null) =>
    new Map((score?.sections ?? []).map((section) => [section.key, section.score]));
  const [then, now] = [sectionsOf(before), sectionsOf(after)];
  const keys = [...new Set([...now.keys(), ...then.keys()])];
  return {
    overall: delta(before?.score ?? null, after?.score ?? null),
    sections: keys.map((sectionKey) => ({
      sectionKey,
      ...delta(then.get(sectionKey) ?? null, now.get(sectionKey) ?? null),
    })),
  };
}
