import type { Condition } from '../../definition/condition.js';
import {
  FINDING_SEVERITIES,
  KEY_PATTERN,
  SCORED_TYPES,
  type FindingSeverity,
  type LocalizedText,
  type QuestionType,
  type TemplateDefinitionInput,
} from '../../definition/definition.schema.js';
import {
  finishImport,
  uniqueKey,
  type ImportMessage,
  type ImportOptions,
  type Importer,
} from '../import-types.js';
import { htmlToText } from './html-text.js';
import { parseReference, parseVsaqCondition, type CondExpr } from './vsaq-condition.js';
import { parseVsaqSource } from './vsaq-source.js';

/**
 * Imports a Google VSAQ questionnaire (github.com/google/vsaq).
 *
 * Structure: the single top-level block is the questionnaire (its text is the
 * title); each block inside it becomes a section; deeper blocks are flattened
 * into their section in document order: their conditions apply to every
 * question inside them, and their heading becomes the first line of the help
 * of their first question. Answerable items must come inside the top-level
 * block; loose ones directly under it form a section titled like the
 * questionnaire.
 *
 * Items: radiogroup → SINGLE_CHOICE, checkgroup → MULTI_CHOICE, yesno and a
 * lone check → BOOLEAN, line and box → TEXT (a line with inputType number or
 * date → NUMBER or DATE), upload → TEXT with evidence REQUIRED; spacer is
 * dropped; info text becomes the text of a following question that has none,
 * the section description when it opens the section, and otherwise help on
 * the next question. Tips with `warn: "yes"` become knockout rules on the
 * last question their condition reads; other tips become help on that
 * question. Conditions follow VSAQ's evaluator (see vsaq-condition.ts).
 * VSAQ has no scoring, so options come without points.
 */
export const importVsaq: Importer = (content: Buffer, options: ImportOptions = {}) =>
  new VsaqImport(options).run(content);

type Json = Record<string, unknown>;

const ANSWERABLE = new Set(['radiogroup', 'checkgroup', 'yesno', 'check', 'line', 'box', 'upload']);
const KNOWN_TYPES = new Set([...ANSWERABLE, 'block', 'info', 'spacer', 'tip']);
const SEVERITIES: Readonly<Record<string, FindingSeverity>> = {
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};
/** Bounds the recursion of `^id` references that lead to further `^id` references. */
const MAX_VISIBILITY_CHAIN = 100;
/** VSAQ's own label for the choice `defaultChoice: true` appends. */
const DEFAULT_CHOICE_LABEL = 'None of the above.';

/** A block or item of the source, where it is and which blocks enclose it. */
interface Node {
  readonly path: string;
  readonly raw: Json;
  readonly type: string;
  readonly id: string | undefined;
  /** Enclosing blocks, outermost first. */
  readonly ancestors: readonly Node[];
  /** Position in document order. */
  readonly order: number;
}

type SectionPart =
  | { readonly kind: 'item'; readonly node: Node }
  | { readonly kind: 'heading'; readonly node: Node };

interface SectionDraft {
  readonly block: Node | undefined;
  readonly parts: SectionPart[];
  readonly description: string[];
  readonly questions: QuestionEntry[];
}

interface QuestionEntry {
  readonly node: Node;
  readonly index: number;
  readonly key: string;
  readonly type: QuestionType;
  readonly text: string;
  readonly help: string[];
  readonly options?: { key: string; label: string }[];
  /** Choice id → option key. */
  readonly optionKeys: Map<string, string>;
  readonly required: boolean;
  readonly evidence?: 'REQUIRED';
  visibleWhen?: Condition;
  dropped: boolean;
  readonly knockouts: KnockoutDraft[];
}

interface KnockoutDraft {
  readonly tip: Node;
  readonly failWhen: Condition;
  readonly severity: FindingSeverity;
  readonly finding: string;
}

/** A condition being converted: constants fold away before it becomes a Condition. */
type Logic =
  | { readonly kind: 'const'; readonly value: boolean }
  | {
      readonly kind: 'leaf';
      readonly condition: Condition;
      readonly question: QuestionEntry;
      /** The cond where the id was written, for error messages. */
      readonly origin: string;
      readonly name: string;
    }
  | { readonly kind: 'not'; readonly operand: Logic }
  | { readonly kind: 'all' | 'any'; readonly operands: readonly Logic[] };

const TRUE: Logic = { kind: 'const', value: true };
const FALSE: Logic = { kind: 'const', value: false };

/** Approximations are reported once per kind, with a count and the first place. */
interface Approximation {
  count: number;
  readonly first: string;
}

class VsaqImport {
  private readonly language: string;
  private readonly errors: ImportMessage[] = [];
  private readonly warnings: ImportMessage[] = [];
  private readonly approximations = new Map<string, Approximation>();
  private readonly reported = new Set<string>();

  private readonly ids = new Map<string, { node: Node; choice?: string }>();
  private readonly sections: SectionDraft[] = [];
  private readonly tips: Node[] = [];
  private readonly entries: QuestionEntry[] = [];
  private readonly entryOf = new Map<Node, QuestionEntry>();
  private readonly questionKeys = new Set<string>();
  private readonly ownLogicCache = new Map<Node, Logic>();
  private readonly resolving = new Set<Node>();
  private readonly rootDescription: string[] = [];
  private title = '';
  private order = 0;
  private answerableCount = 0;

  constructor(private readonly options: ImportOptions) {
    this.language = options.language ?? 'en';
  }

  run(content: Buffer) {
    const empty = { definition: { languages: [this.language], sections: [] } };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return finishImport(empty, [{ location: 'file', message: 'the file is not UTF-8 text' }], []);
    }
    const source = parseVsaqSource(text);
    if (!source.ok) return finishImport(empty, source.errors, []);

    // Later passes run even after structural errors, so one import reports them all.
    this.collect(source.value);
    this.buildQuestions();
    this.resolveVisibility();
    this.attachTips();
    const sections = this.assemble();
    const definition: TemplateDefinitionInput = { languages: [this.language], sections };
    return finishImport(
      {
        ...(this.title === '' ? {} : { title: this.localized(this.title) }),
        ...(this.rootDescription.length === 0
          ? {}
          : { description: this.localized(this.rootDescription.join('\n\n')) }),
        definition,
      },
      this.errors,
      this.allWarnings(),
    );
  }

  // ---- Pass 1: walk the source, register ids, group items into sections ----

  private collect(document: unknown): void {
    if (!isRecord(document)) {
      this.error('file', 'expected an object with a "questionnaire" list');
      return;
    }
    const list = document.questionnaire;
    if (list === undefined && Array.isArray(document.extensions)) {
      this.error(
        'extensions',
        'this is a VSAQ extension template; import the questionnaire it extends',
      );
      return;
    }
    if (!Array.isArray(list)) {
      this.error('questionnaire', 'expected a list holding one top-level block');
      return;
    }
    const root = list[0];
    if (
      list.length !== 1 ||
      !isRecord(root) ||
      root.type !== 'block' ||
      !Array.isArray(root.items)
    ) {
      this.error(
        'questionnaire',
        'expected exactly one top-level block with "items"; VSAQ puts every item inside it',
      );
      return;
    }
    const rootNode = this.node('questionnaire[0]', root, []);
    if (!rootNode) return;
    this.title = this.plain(root.text, 'questionnaire[0].text');
    let loose: SectionDraft | undefined;
    root.items.forEach((raw: unknown, i: number) => {
      const path = `questionnaire[0].items[${i}]`;
      const node = this.node(path, raw, [rootNode]);
      if (!node) return;
      if (node.type === 'block') {
        loose = undefined;
        const section: SectionDraft = { block: node, parts: [], description: [], questions: [] };
        this.sections.push(section);
        this.walkBlock(node, section);
      } else if (node.type === 'info') {
        const text = this.plain(node.raw.text, `${path}.text`);
        if (text !== '') this.rootDescription.push(text);
      } else {
        if (!loose) {
          loose = { block: undefined, parts: [], description: [], questions: [] };
          this.sections.push(loose);
        }
        this.addItem(node, loose);
      }
    });
  }

  private walkBlock(block: Node, section: SectionDraft): void {
    const items = block.raw.items;
    if (!Array.isArray(items)) {
      this.error(`${block.path}.items`, 'a block needs a list of items');
      return;
    }
    const ancestors = [...block.ancestors, block];
    items.forEach((raw: unknown, i: number) => {
      const node = this.node(`${block.path}.items[${i}]`, raw, ancestors);
      if (!node) return;
      if (node.type === 'block') {
        section.parts.push({ kind: 'heading', node });
        this.walkBlock(node, section);
      } else {
        this.addItem(node, section);
      }
    });
  }

  private addItem(node: Node, section: SectionDraft): void {
    section.parts.push({ kind: 'item', node });
    if (ANSWERABLE.has(node.type)) this.answerableCount += 1;
    if (node.type === 'tip') this.tips.push(node);
  }

  /** Checks an item's shape and registers its id and its choices' ids. */
  private node(path: string, raw: unknown, ancestors: readonly Node[]): Node | undefined {
    if (!isRecord(raw)) {
      this.error(path, 'expected an item object');
      return undefined;
    }
    const type = raw.type;
    if (typeof type !== 'string') {
      this.error(`${path}.type`, 'the item has no "type"');
      return undefined;
    }
    if (!KNOWN_TYPES.has(type)) {
      this.error(
        `${path}.type`,
        type === 'radio'
          ? 'a "radio" item outside a "radiogroup" is not supported; put its choices in a radiogroup'
          : `unknown item type "${type}"; VSAQ items are ${[...KNOWN_TYPES].join(', ')}`,
      );
      return undefined;
    }
    let id: string | undefined;
    if (raw.id !== undefined) {
      if (typeof raw.id !== 'string' || raw.id === '')
        this.error(`${path}.id`, 'an id must be a non-empty string');
      else id = raw.id;
    }
    const node: Node = { path, raw, type, id, ancestors, order: this.order++ };
    if (id !== undefined) this.register(id, `${path}.id`, { node });
    if (type === 'radiogroup' || type === 'checkgroup') this.registerChoices(node);
    if (raw.auth !== undefined) {
      this.approximate(
        'auth',
        path,
        'VSAQ "auth" restrictions (admin-only or read-only items) are not kept; those items are imported as ordinary ones',
      );
    }
    return node;
  }

  private registerChoices(node: Node): void {
    const choices = node.raw.choices;
    if (!Array.isArray(choices) || choices.length === 0) {
      this.error(`${node.path}.choices`, 'a choice group needs a non-empty list of choices');
      return;
    }
    choices.forEach((choice: unknown, i: number) => {
      const path = `${node.path}.choices[${i}]`;
      const entry = choiceEntry(choice);
      if (!entry) {
        this.error(path, 'a choice must be an object with exactly one "id": "label" pair');
        return;
      }
      this.register(entry[0], path, { node, choice: entry[0] });
    });
    if (node.raw.choicesConds !== undefined) {
      this.approximate(
        'choicesConds',
        `${node.path}.choicesConds`,
        'conditions on single choices ("choicesConds") are not supported; those choices are always offered',
      );
    }
  }

  private register(id: string, path: string, target: { node: Node; choice?: string }): void {
    const earlier = this.ids.get(id);
    if (earlier) {
      this.error(
        path,
        `the id "${id}" is already used at ${earlier.choice === undefined ? earlier.node.path : `${earlier.node.path} (a choice)`}`,
      );
      return;
    }
    this.ids.set(id, target);
  }

  // ---- Pass 2: questions, their texts and help, in document order ----

  private buildQuestions(): void {
    const total = this.answerableCount;
    this.options.onProgress?.(0, total);
    for (const id of this.ids.keys()) this.questionKeys.add(id);
    for (const section of this.sections) {
      let pending: { text: string; block?: Node }[] = [];
      let pendingText: string | undefined;
      section.parts.forEach((part, p) => {
        const { node } = part;
        if (part.kind === 'heading') {
          const heading = this.plain(node.raw.text, `${node.path}.text`);
          if (heading !== '') pending.push({ text: heading, block: node });
          return;
        }
        if (node.type === 'spacer' || (node.type === 'tip' && hasCond(node.raw))) return;
        if (node.type === 'info' || node.type === 'tip') {
          const text = this.plain(node.raw.text, `${node.path}.text`);
          if (text === '') return;
          if (node.type === 'tip' && node.raw.warn === 'yes') {
            this.warning(
              node.path,
              'this warning tip has no condition, so it tests no answer and cannot be a knockout; its text was imported like an info item',
            );
          }
          if (node.type === 'info' && hasCond(node.raw)) {
            this.approximate(
              'info-cond',
              `${node.path}.cond`,
              'info texts with a condition are imported as text that is always shown',
            );
          }
          const next = nextAnswerable(section.parts, p);
          const opensSection =
            section.questions.length === 0 && node.ancestors.at(-1) === section.block;
          if (next && pendingText === undefined && this.plain(next.raw.text) === '') {
            pendingText = text;
          } else if (opensSection) {
            section.description.push(text);
          } else {
            pending.push({ text });
          }
          return;
        }
        const entry = this.question(node, pendingText, pending);
        pending = [];
        pendingText = undefined;
        section.questions.push(entry);
        this.options.onProgress?.(this.entries.length, total);
      });
      const leftover = pending
        .filter((piece) => piece.block === undefined)
        .map((piece) => piece.text);
      if (leftover.length > 0) {
        section.description.push(...leftover);
        this.approximate(
          'trailing-info',
          section.block?.path ?? 'questionnaire[0]',
          'info texts after the last question of a section were added to the section description',
        );
      }
    }
  }

  private question(
    node: Node,
    infoText: string | undefined,
    pending: { text: string; block?: Node }[],
  ): QuestionEntry {
    const raw = node.raw;
    const help = pending
      .filter((piece) => piece.block === undefined || node.ancestors.includes(piece.block))
      .map((piece) => piece.text);
    let text = this.plain(raw.text, `${node.path}.text`);
    const key = this.questionKey(node);
    if (text === '') {
      if (infoText !== undefined) {
        text = infoText;
      } else {
        text = key;
        this.warning(
          `${node.path}.text`,
          `the item has no text; its key "${key}" stands in for it`,
        );
      }
    } else if (infoText !== undefined) {
      help.unshift(infoText);
    }
    let type: QuestionType = 'TEXT';
    let options: { key: string; label: string }[] | undefined;
    const optionKeys = new Map<string, string>();
    let evidence: 'REQUIRED' | undefined;
    switch (node.type) {
      case 'radiogroup':
      case 'checkgroup':
        type = node.type === 'radiogroup' ? 'SINGLE_CHOICE' : 'MULTI_CHOICE';
        options = this.choices(node, optionKeys);
        break;
      case 'yesno':
        type = 'BOOLEAN';
        this.yesNoLabels(node, help);
        break;
      case 'check':
        type = 'BOOLEAN';
        this.approximate(
          'check',
          node.path,
          'single checkboxes ("check") became yes/no questions: checked is yes',
        );
        break;
      case 'line':
      case 'box':
        if (raw.inputType === 'number') type = 'NUMBER';
        else if (raw.inputType === 'date') type = 'DATE';
        if (
          ['placeholder', 'inputPattern', 'inputTitle', 'maxlength'].some(
            (field) => raw[field] !== undefined,
          )
        ) {
          this.approximate(
            'input-hints',
            node.path,
            'input hints (placeholder, inputPattern, inputTitle, maxlength) are not imported',
          );
        }
        break;
      case 'upload':
        evidence = 'REQUIRED';
        this.approximate(
          'upload',
          node.path,
          'file uploads became text questions that require evidence: the file is attached as evidence, the answer describes it',
        );
        break;
    }
    if (raw.default !== undefined) {
      this.approximate('default', `${node.path}.default`, 'default answers are not imported');
    }
    const entry: QuestionEntry = {
      node,
      index: this.entries.length,
      key,
      type,
      text,
      help,
      ...(options ? { options } : {}),
      optionKeys,
      required: raw.required === true,
      ...(evidence ? { evidence } : {}),
      dropped: false,
      knockouts: [],
    };
    this.entries.push(entry);
    this.entryOf.set(node, entry);
    return entry;
  }

  /** The VSAQ id when it is a valid key; otherwise a key derived from it or from the choice ids. */
  private questionKey(node: Node): string {
    if (node.id !== undefined && KEY_PATTERN.test(node.id)) return node.id;
    if (node.id !== undefined) {
      this.approximate(
        'id-key',
        `${node.path}.id`,
        'ids that are not valid Assay keys were rewritten (letters, digits, "_", ".", ":", "-")',
      );
      return uniqueKey(node.id, this.questionKeys, 'question');
    }
    const choiceIds = Array.isArray(node.raw.choices)
      ? node.raw.choices.map((choice: unknown) => choiceEntry(choice)?.[0] ?? '')
      : [];
    const prefix = commonPrefix(choiceIds).replace(/[^A-Za-z0-9]+$/, '');
    return uniqueKey(prefix.length >= 3 ? prefix : 'question', this.questionKeys, 'question');
  }

  private choices(node: Node, optionKeys: Map<string, string>): { key: string; label: string }[] {
    const options: { key: string; label: string }[] = [];
    const taken = new Set<string>();
    const choices = Array.isArray(node.raw.choices) ? node.raw.choices : [];
    choices.forEach((choice: unknown, i: number) => {
      const entry = choiceEntry(choice);
      if (!entry) return;
      const [id, rawLabel] = entry;
      let key = id;
      if (KEY_PATTERN.test(id) && !taken.has(id)) {
        taken.add(id);
      } else {
        key = uniqueKey(id, taken, 'option');
        this.approximate(
          'id-key',
          `${node.path}.choices[${i}]`,
          'ids that are not valid Assay keys were rewritten (letters, digits, "_", ".", ":", "-")',
        );
      }
      let label = this.plain(rawLabel, `${node.path}.choices[${i}]`);
      if (label === '') {
        label = id;
        this.warning(
          `${node.path}.choices[${i}]`,
          `the choice has no label; its id "${id}" stands in for it`,
        );
      }
      optionKeys.set(id, key);
      options.push({ key, label });
    });
    if (node.raw.defaultChoice === true) {
      options.push({ key: uniqueKey('none', taken, 'none'), label: DEFAULT_CHOICE_LABEL });
    }
    return options;
  }

  private yesNoLabels(node: Node, help: string[]): void {
    const yes = this.plain(node.raw.yes, `${node.path}.yes`);
    const no = this.plain(node.raw.no, `${node.path}.no`);
    if (/^(yes\.?)?$/i.test(yes) && /^(no\.?)?$/i.test(no)) return;
    help.push(`Yes: ${yes || 'yes'}\nNo: ${no || 'no'}`);
    this.approximate(
      'yesno',
      node.path,
      'yes/no questions with their own answer labels kept the labels in the help text',
    );
  }

  // ---- Pass 3: conditions ----

  private resolveVisibility(): void {
    // A block's cond is shared by its questions: report each bad reference once.
    const reported = new Set<string>();
    for (const entry of this.entries) {
      const logic = simplify({
        kind: 'all',
        operands: [
          ...entry.node.ancestors.map((block) => this.ownLogic(block)),
          this.ownLogic(entry.node),
        ],
      });
      if (logic.kind === 'const') {
        if (!logic.value) {
          entry.dropped = true;
          this.warning(
            entry.node.path,
            `question "${entry.key}" is never shown (its condition is always false), so it was left out`,
          );
        }
        continue;
      }
      let valid = true;
      for (const leaf of leaves(logic)) {
        if (leaf.question.index < entry.index) continue;
        valid = false;
        if (reported.has(`${leaf.origin}\u0000${leaf.question.key}`)) continue;
        reported.add(`${leaf.origin}\u0000${leaf.question.key}`);
        const message =
          leaf.question === entry
            ? `"${leaf.name}" refers to question "${entry.key}" itself; a question cannot depend on its own answer`
            : `"${leaf.name}" refers to question "${leaf.question.key}" (${leaf.question.node.path}), which comes after "${entry.key}"; Assay conditions may only read earlier questions`;
        this.error(leaf.origin, message);
      }
      if (valid) entry.visibleWhen = toCondition(logic);
    }
  }

  /** The item's own `cond` as logic (not its blocks'), converted once. */
  private ownLogic(node: Node): Logic {
    const cached = this.ownLogicCache.get(node);
    if (cached) return cached;
    if (this.resolving.has(node)) {
      this.error(
        `${node.path}.cond`,
        'the condition depends on its own visibility through "^" references',
      );
      return FALSE;
    }
    if (this.resolving.size >= MAX_VISIBILITY_CHAIN) {
      this.error(
        `${node.path}.cond`,
        `"^" references chain through more than ${MAX_VISIBILITY_CHAIN} items`,
      );
      return FALSE;
    }
    this.resolving.add(node);
    const logic = this.computeOwnLogic(node);
    this.resolving.delete(node);
    this.ownLogicCache.set(node, logic);
    return logic;
  }

  private computeOwnLogic(node: Node): Logic {
    // VSAQ hides items of this class unconditionally.
    if (node.raw.className === 'vsaq-invisible') return FALSE;
    const cond = node.raw.cond;
    const path = `${node.path}.cond`;
    if (cond === undefined) return TRUE;
    if (typeof cond !== 'string') {
      this.error(path, 'a condition must be a string');
      return FALSE;
    }
    const parsed = parseVsaqCondition(cond);
    if (!parsed.ok) {
      this.error(
        path,
        `cannot read the condition "${cond}": ${parsed.message} at character ${parsed.position}`,
      );
      return FALSE;
    }
    if (parsed.mixedAt !== undefined) {
      this.warning(
        path,
        `"${cond}" mixes "&&" and "||" without parentheses; like VSAQ, it is read left to right (character ${parsed.mixedAt}), not with "&&" first`,
      );
    }
    return parsed.expression === undefined
      ? TRUE
      : simplify(this.resolve(parsed.expression, node, path));
  }

  private resolve(expression: CondExpr, owner: Node, origin: string): Logic {
    switch (expression.kind) {
      case 'false':
        return FALSE;
      case 'not':
        return { kind: 'not', operand: this.resolve(expression.operand, owner, origin) };
      case 'and':
      case 'or':
        return {
          kind: expression.kind === 'and' ? 'all' : 'any',
          operands: expression.operands.map((operand) => this.resolve(operand, owner, origin)),
        };
      case 'ref':
        return this.reference(expression.name, owner, origin);
    }
  }

  /** One id of a condition, with VSAQ's meaning for each kind of item. */
  private reference(name: string, owner: Node, origin: string): Logic {
    const ref = parseReference(name);
    const target = this.ids.get(ref.id);
    if (!target) {
      this.error(origin, `"${name}" names no item or choice of this questionnaire`);
      return FALSE;
    }
    if (ref.visibility) return this.visibility(target.node, owner);
    const { node } = target;
    const entry = this.entryOf.get(node);
    if (entry === undefined) {
      this.error(
        origin,
        `"${name}" is a ${node.type} item, which has no answer to test; use "^${ref.id}" to test whether it is shown`,
      );
      return FALSE;
    }
    // VSAQ sees no answer on an item that is never shown.
    if (entry.dropped) return FALSE;
    const leaf = (condition: Condition): Logic => ({
      kind: 'leaf',
      condition,
      question: entry,
      origin,
      name,
    });
    const question = entry.key;
    if (target.choice !== undefined) {
      return leaf({ in: { question, values: [entry.optionKeys.get(target.choice)!] } });
    }
    switch (node.type) {
      case 'radiogroup':
      case 'checkgroup':
        // A group's own id is true when any of its choices is selected.
        return leaf({ answered: { question } });
      case 'yesno':
        if (ref.suffix === 'value') return leaf({ answered: { question } });
        return leaf({ equals: { question, value: ref.suffix !== 'no' } });
      case 'check':
        return leaf({ equals: { question, value: true } });
      default:
        if (ref.suffix !== 'value') {
          this.approximate(
            'text-ref',
            origin,
            'a bare text item id in a condition (VSAQ evaluates it as false unless written "id/value") was read as "the question is answered"',
          );
        }
        return leaf({ answered: { question } });
    }
  }

  /** `^id`: the item is shown. Blocks the owner shares with it are shown whenever the owner is. */
  private visibility(target: Node, owner: Node): Logic {
    const chain = target.type === 'block' ? [...target.ancestors, target] : [...target.ancestors];
    const operands = chain
      .filter((block) => !owner.ancestors.includes(block))
      .map((block) => this.ownLogic(block));
    if (target.type !== 'block') operands.push(this.ownLogic(target));
    return { kind: 'all', operands };
  }

  // ---- Pass 4: tips ----

  private attachTips(): void {
    for (const tip of this.tips) {
      if (!hasCond(tip.raw)) continue;
      const own = simplify(this.ownLogic(tip));
      const text = this.plain(tip.raw.text, `${tip.path}.text`);
      if (own.kind === 'const') {
        this.warning(
          tip.path,
          own.value
            ? 'the tip is always shown, so it tests no answer; it was left out'
            : 'the tip is never shown (its condition is always false); it was left out',
        );
        continue;
      }
      const warn = tip.raw.warn === 'yes';
      if (tip.raw.why !== undefined || tip.raw.todo !== undefined) {
        this.approximate(
          'tip-why',
          tip.path,
          'tip clarification prompts ("why") and to-do entries are not imported; vendors answer findings in Assay instead',
        );
      }
      if (!warn) {
        const target = lastQuestion(own);
        if (text !== '') target.help.push(`Tip: ${text}`);
        this.approximate(
          'tip-help',
          tip.path,
          'tips without "warn": "yes" became help on the question their condition reads, shown whatever the answer',
        );
        continue;
      }
      this.knockout(tip, own, text);
    }
  }

  private knockout(tip: Node, own: Logic, text: string): void {
    let target = lastQuestion(own);
    let failWhen = own;
    // Blocks around the tip but not around its question narrow when it fires;
    // adding them may move the last question read, so settle on a fixed point.
    for (let round = 0; round < 4; round += 1) {
      const outer = target.node.ancestors;
      const extra = tip.ancestors
        .filter((block) => !outer.includes(block))
        .map((block) => this.ownLogic(block));
      failWhen = simplify({ kind: 'all', operands: [...extra, own] });
      if (failWhen.kind === 'const') break;
      const last = lastQuestion(failWhen);
      if (last === target) break;
      target = last;
    }
    if (failWhen.kind === 'const') {
      this.warning(tip.path, 'the tip can never be shown, so it was left out');
      return;
    }
    if (target.dropped) {
      this.warning(
        tip.path,
        `the tip tests question "${target.key}", which is never shown; it was left out`,
      );
      return;
    }
    if (tip.order < target.node.order) {
      this.warning(
        tip.path,
        `the tip comes before the question it tests ("${target.key}", ${target.node.path}); it became a knockout on that question`,
      );
    }
    const name = this.plain(tip.raw.name, `${tip.path}.name`);
    const finding = name === '' ? text : text === '' ? name : `${name}\n${text}`;
    target.knockouts.push({
      tip,
      failWhen: toCondition(failWhen),
      severity: this.severity(tip),
      finding: finding === '' ? target.key : finding,
    });
  }

  private severity(tip: Node): FindingSeverity {
    const raw = tip.raw.severity;
    if (raw === undefined) {
      this.approximate(
        'severity-missing',
        tip.path,
        'warning tips without a severity became MEDIUM knockouts',
      );
      return 'MEDIUM';
    }
    const severity = typeof raw === 'string' ? SEVERITIES[raw.trim().toLowerCase()] : undefined;
    if (!severity) {
      this.warning(
        `${tip.path}.severity`,
        `unknown severity ${JSON.stringify(raw)}; the knockout is MEDIUM`,
      );
      return 'MEDIUM';
    }
    return severity;
  }

  // ---- Pass 5: the definition ----

  private assemble(): NonNullable<TemplateDefinitionInput['sections']> {
    const sectionKeys = new Set<string>();
    const sections: NonNullable<TemplateDefinitionInput['sections']> = [];
    let unscored = 0;
    this.sections.forEach((section, s) => {
      const questions = section.questions.filter((entry) => !entry.dropped);
      const where = section.block?.path ?? 'questionnaire[0]';
      let title = section.block ? this.plain(section.block.raw.text, `${where}.text`) : this.title;
      if (questions.length === 0) {
        this.warning(where, `the section "${title}" has no questions and was left out`);
        return;
      }
      if (title === '') {
        title = `Section ${s + 1}`;
        this.warning(`${where}.text`, `the block has no text; "${title}" stands in for its title`);
      }
      const id = section.block?.id;
      const key =
        id !== undefined && KEY_PATTERN.test(id) && !sectionKeys.has(id)
          ? (sectionKeys.add(id), id)
          : uniqueKey(id ?? title, sectionKeys, 'section');
      sections.push({
        key,
        title: this.localized(title),
        ...(section.description.length > 0
          ? { description: this.localized(section.description.join('\n\n')) }
          : {}),
        questions: questions.map((entry) => {
          if (SCORED_TYPES.includes(entry.type)) unscored += 1;
          return this.questionDefinition(entry);
        }),
      });
    });
    if (unscored > 0) {
      this.warning(
        'questionnaire',
        `${unscored} question${unscored === 1 ? '' : 's'} imported without points: VSAQ does not score answers; add points before publishing`,
      );
    }
    return sections;
  }

  private questionDefinition(entry: QuestionEntry) {
    const knockout = this.mergedKnockout(entry);
    return {
      key: entry.key,
      type: entry.type,
      text: this.localized(entry.text),
      ...(entry.help.length > 0 ? { help: this.localized(entry.help.join('\n\n')) } : {}),
      ...(entry.required ? { required: true } : {}),
      ...(entry.options
        ? {
            options: entry.options.map((option) => ({
              key: option.key,
              label: this.localized(option.label),
            })),
          }
        : {}),
      ...(entry.evidence ? { evidence: entry.evidence } : {}),
      ...(knockout ? { knockout } : {}),
      ...(entry.visibleWhen ? { visibleWhen: entry.visibleWhen } : {}),
    };
  }

  /** One knockout per question: several tips fail it when any of them fires, at the highest severity. */
  private mergedKnockout(entry: QuestionEntry) {
    const [first, ...rest] = entry.knockouts;
    if (!first) return undefined;
    if (rest.length === 0) {
      return {
        failWhen: first.failWhen,
        severity: first.severity,
        finding: this.localized(first.finding),
      };
    }
    const all = entry.knockouts;
    const severity = all.reduce(
      (highest, k) =>
        FINDING_SEVERITIES.indexOf(k.severity) > FINDING_SEVERITIES.indexOf(highest)
          ? k.severity
          : highest,
      first.severity,
    );
    this.warning(
      entry.node.path,
      `${all.length} warning tips (${all.map((k) => k.tip.id ?? k.tip.path).join(', ')}) test question "${entry.key}"; they became one knockout that fails when any of them would show, at severity ${severity}`,
    );
    return {
      failWhen: { any: all.map((k) => k.failWhen) },
      severity,
      finding: this.localized(all.map((k) => k.finding).join('\n\n')),
    };
  }

  // ---- helpers ----

  /** Plain text of an HTML string field; notes when formatting was lost. */
  private plain(value: unknown, path?: string): string {
    if (typeof value !== 'string') {
      if (value !== undefined && path !== undefined) this.error(path, 'expected a string');
      return '';
    }
    const { text, hadMarkup } = htmlToText(value);
    if (hadMarkup && path !== undefined) {
      this.approximate(
        'html',
        path,
        'HTML formatting was converted to plain text (links keep their address in parentheses)',
      );
    }
    return text;
  }

  private localized(text: string): LocalizedText {
    return { [this.language]: text };
  }

  private error(location: string, message: string): void {
    const key = `${location}\u0000${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.errors.push({ location, message });
  }

  private warning(location: string, message: string): void {
    this.warnings.push({ location, message });
  }

  private approximate(kind: string, location: string, message: string): void {
    const seen = this.approximations.get(`${kind}\u0000${message}`);
    if (seen) seen.count += 1;
    else this.approximations.set(`${kind}\u0000${message}`, { count: 1, first: location });
  }

  private allWarnings(): ImportMessage[] {
    const summaries = [...this.approximations].map(([key, { count, first }]) => ({
      location: first,
      message: `${key.slice(key.indexOf('\u0000') + 1)} (${count} time${count === 1 ? '' : 's'}; the first is here)`,
    }));
    return [...summaries, ...this.warnings];
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the item has a condition; an empty one is VSAQ's "always". */
function hasCond(raw: Json): boolean {
  return raw.cond !== undefined && !(typeof raw.cond === 'string' && raw.cond.trim() === '');
}

/** `{ "id": "label" }` → `["id", "label"]`, or undefined when malformed. */
function choiceEntry(choice: unknown): [string, unknown] | undefined {
  if (!isRecord(choice)) return undefined;
  const keys = Object.keys(choice);
  if (keys.length !== 1 || keys[0] === '') return undefined;
  const label = choice[keys[0]!];
  return typeof label === 'string' ? [keys[0]!, label] : undefined;
}

function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const value of values) {
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** The next item after `index` that is not a spacer, when it is answerable. */
function nextAnswerable(parts: readonly SectionPart[], index: number): Node | undefined {
  for (let i = index + 1; i < parts.length; i += 1) {
    const part = parts[i]!;
    if (part.kind === 'heading' || part.node.type === 'spacer') continue;
    return ANSWERABLE.has(part.node.type) ? part.node : undefined;
  }
  return undefined;
}

/** Folds constants, flattens nesting and drops repeated operands. */
function simplify(logic: Logic): Logic {
  switch (logic.kind) {
    case 'const':
    case 'leaf':
      return logic;
    case 'not': {
      const operand = simplify(logic.operand);
      if (operand.kind === 'const') return { kind: 'const', value: !operand.value };
      if (operand.kind === 'not') return operand.operand;
      return { kind: 'not', operand };
    }
    case 'all':
    case 'any': {
      const absorbing = logic.kind === 'any';
      const operands: Logic[] = [];
      const seen = new Set<string>();
      for (const inner of logic.operands.map(simplify)) {
        if (inner.kind === 'const') {
          if (inner.value === absorbing) return inner;
          continue;
        }
        for (const part of inner.kind === logic.kind ? inner.operands : [inner]) {
          const signature = JSON.stringify(toCondition(part));
          if (seen.has(signature)) continue;
          seen.add(signature);
          operands.push(part);
        }
      }
      if (operands.length === 0) return { kind: 'const', value: !absorbing };
      if (operands.length === 1) return operands[0]!;
      return { kind: logic.kind, operands };
    }
  }
}

function toCondition(logic: Logic): Condition {
  switch (logic.kind) {
    case 'leaf':
      return logic.condition;
    case 'not':
      return { not: toCondition(logic.operand) };
    case 'all':
      return { all: logic.operands.map(toCondition) };
    case 'any':
      return { any: logic.operands.map(toCondition) };
    case 'const':
      throw new Error('a constant has no condition form; simplify it away first');
  }
}

function leaves(logic: Logic): Extract<Logic, { kind: 'leaf' }>[] {
  switch (logic.kind) {
    case 'const':
      return [];
    case 'leaf':
      return [logic];
    case 'not':
      return leaves(logic.operand);
    case 'all':
    case 'any':
      return logic.operands.flatMap(leaves);
  }
}

/** The question read last in document order; `logic` must read at least one. */
function lastQuestion(logic: Logic): QuestionEntry {
  return leaves(logic).reduce<QuestionEntry | undefined>(
    (last, leaf) => (last === undefined || leaf.question.index > last.index ? leaf.question : last),
    undefined,
  )!;
}
