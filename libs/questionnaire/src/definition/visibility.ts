import { compileCondition, type AnswerState, type SlotCondition } from './condition.js';
import type { QuestionDefinition, TemplateDefinition } from './definition.schema.js';

/**
 * A definition's questions in document order, with each question's answer slot (questions
 * sharing a key share one) and its `visibleWhen` compiled against those slots. Built once per
 * definition object and kept as long as the object lives (a definition must not be changed
 * once read): published definitions are cached, so deciding visibility for another respondent
 * starts from it.
 */
export interface QuestionOrder {
  readonly questions: readonly QuestionDefinition[];
  /**
   * For each question, its key as the engine keeps property names: reading an answer by it
   * goes straight to the answers object, not first through the engine's table of names.
   */
  readonly keys: readonly string[];
  /** Whether a key is also a property every object inherits (`constructor`, `toString`...). */
  readonly inheritedKeys: boolean;
  /** For each question, the index of its section. */
  readonly sectionIndexes: readonly number[];
  /** For each question, the slot of its key. */
  readonly slots: readonly number[];
  readonly visibleWhen: readonly (SlotCondition | null)[];
  /** The slot of a question key, or -1 for a key the definition does not have. */
  slotOf(questionKey: string): number;
  /** The question of a key (the first, should two share it), or undefined. */
  question(questionKey: string): QuestionDefinition | undefined;
}

/** Which questions a respondent sees, and what the visible ones answered. */
export interface Visibility {
  /** For each question in document order, 1 when it is visible. */
  readonly visible: Uint8Array;
  /** By slot: the stored answer of a visible question; undefined for a hidden one. */
  readonly states: readonly AnswerState[];
}

const orders = new WeakMap<TemplateDefinition, QuestionOrder>();

export function questionOrder(definition: TemplateDefinition): QuestionOrder {
  let order = orders.get(definition);
  if (order === undefined) {
    order = buildOrder(definition);
    orders.set(definition, order);
  }
  return order;
}

function buildOrder(definition: TemplateDefinition): QuestionOrder {
  const questions: QuestionDefinition[] = [];
  const keys: string[] = [];
  const sectionIndexes: number[] = [];
  const slots: number[] = [];
  const byKey = new Map<string, number>();
  const bySlot: QuestionDefinition[] = [];
  definition.sections.forEach((section, index) => {
    for (const question of section.questions) {
      let slot = byKey.get(question.key);
      if (slot === undefined) {
        slot = byKey.size;
        byKey.set(question.key, slot);
        bySlot.push(question);
      }
      questions.push(question);
      keys.push(Object.keys({ [question.key]: slot })[0] ?? question.key);
      sectionIndexes.push(index);
      slots.push(slot);
    }
  });
  const slotOf = (key: string): number => byKey.get(key) ?? -1;
  return {
    questions,
    keys,
    inheritedKeys: keys.some((key) => key in Object.prototype),
    sectionIndexes,
    slots,
    visibleWhen: questions.map((question) =>
      question.visibleWhen === undefined ? null : compileCondition(question.visibleWhen, slotOf),
    ),
    slotOf,
    question: (key) => bySlot[slotOf(key)],
  };
}

/**
 * Decides visibility in document order. A question's condition sees only the questions decided
 * before it, and a hidden question's answer counts as no answer, so hiding cascades to the
 * follow-ups that depend on it. Only the answers' own properties are read: a question keyed
 * `constructor` has no answer unless one was given, nor has any question an answer that the
 * answers object inherits.
 */
export function decideVisibility(
  definition: TemplateDefinition,
  answers: Readonly<Record<string, AnswerState>>,
): Visibility {
  const { keys, inheritedKeys, slots, visibleWhen } = questionOrder(definition);
  const prototype: unknown = Object.getPrototypeOf(answers);
  const plain = prototype === null || (prototype === Object.prototype && !inheritedKeys);
  const own = !plain
    ? (key: string): AnswerState => (Object.hasOwn(answers, key) ? answers[key] : undefined)
    : null;
  const visible = new Uint8Array(keys.length);
  const states = new Array<AnswerState>(keys.length).fill(undefined);
  for (let index = 0; index < keys.length; index += 1) {
    const condition = visibleWhen[index];
    if (condition === null || condition(states)) {
      visible[index] = 1;
      const key = keys[index]!;
      states[slots[index]!] = own === null ? answers[key] : own(key);
    }
  }
  return { visible, states };
}

/** The keys of the questions a respondent sees, given their answers (see `decideVisibility`). */
export function visibleQuestionKeys(
  definition: TemplateDefinition,
  answers: Readonly<Record<string, AnswerState>>,
): Set<string> {
  const { keys } = questionOrder(definition);
  const { visible } = decideVisibility(definition, answers);
  const shown = new Set<string>();
  for (let index = 0; index < keys.length; index += 1) {
    if (visible[index] === 1) shown.add(keys[index]!);
  }
  return shown;
}
