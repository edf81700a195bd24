import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Condition } from '../../definition/condition.js';
import {
  LANGUAGE_TAG,
  type LocalizedText,
  type QuestionType,
  type TemplateDefinitionInput,
} from '../../definition/definition.schema.js';
import {
  finishImport,
  uniqueKey,
  type ImportMessage,
  type ImportOptions,
  type ImportOutcome,
  type Importer,
} from '../import-types.js';

/**
 * Imports a CISO Assistant library (intuitem/ciso-assistant-community,
 * `backend/library/libraries/*.yaml`): the framework's requirement nodes
 * become sections and help text, and the questions on them become Assay
 * questions.
 *
 * The shape read here is the one the CISO Assistant loader accepts
 * (`library/utils.py`, `core.models.Question`/`QuestionChoice`): `questions` on a
 * requirement node is a map from question URN to
 * `{type, text, choices: [{urn, value, add_score, ...}], depends_on, translations}`.
 */
export const importCisoAssistant: Importer = (content, options) =>
  new CisoAssistantConversion(content, options ?? {}).run();

type Segment = string | number;
type Path = readonly Segment[];
type YamlMap = Record<string, unknown>;
/** A text part of a composed text: a plain string reads the same in every language. */
type TextPart = string | LocalizedText | undefined;
type QuestionInput = TemplateDefinitionInput['sections'][number]['questions'][number];
type SectionInput = TemplateDefinitionInput['sections'][number];
type OptionInput = NonNullable<QuestionInput['options']>[number];

const QUESTION_TYPES: Readonly<Record<string, QuestionType>> = {
  text: 'TEXT',
  number: 'NUMBER',
  boolean: 'BOOLEAN',
  unique_choice: 'SINGLE_CHOICE',
  multiple_choice: 'MULTI_CHOICE',
  date: 'DATE',
  // An uploaded file is what Assay calls required evidence; the answer text stays optional.
  file: 'TEXT',
};
/** CISO Assistant question types that point at its own objects (assets, controls...). */
const UNCONVERTIBLE_TYPES = new Set(['object_reference']);
/** Longest key source kept; uniqueKey cuts at 120 from the start, we keep the distinctive end. */
const KEY_TAIL = 110;
const MAX_POINTS = 1000;
const MAX_WEIGHT = 1000;
const LISTED_IN_WARNING = 10;

interface NodeInfo {
  readonly index: number;
  readonly path: Path;
  readonly raw: YamlMap;
  readonly urn: string;
  readonly parentUrn?: string;
  /** Question URN → question, in file order. */
  readonly questions: readonly (readonly [string, unknown])[];
  isSection: boolean;
}

interface ConvertedQuestion {
  readonly key: string;
  readonly type: QuestionType;
  /** Choice URN (lower case) → option key. */
  readonly options: ReadonlyMap<string, string>;
}

interface SectionBuilder {
  readonly key: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly questions: QuestionInput[];
}

class CisoAssistantConversion {
  private readonly errors: ImportMessage[] = [];
  private readonly warnings: ImportMessage[] = [];
  private readonly lineCounter = new LineCounter();
  private document?: Document;
  private primary = 'en';

  private frameworkPath: Path = ['objects', 'framework'];
  private framework: YamlMap = {};
  private library: YamlMap = {};
  /** Prefix of requirement node URNs, cut from keys so they stay short and readable. */
  private nodeBase = '';

  private nodes: NodeInfo[] = [];
  private readonly nodeByUrn = new Map<string, NodeInfo>();
  /** Every question URN in the file (lower case) → its position, to tell an unknown question from a later one. */
  private readonly questionOrder = new Map<string, number>();
  private readonly converted = new Map<string, ConvertedQuestion>();

  private readonly sections: SectionBuilder[] = [];
  private readonly sectionByNode = new Map<number, SectionBuilder>();
  private defaultSection?: SectionBuilder;
  private currentSection?: SectionBuilder;
  private readonly sectionKeys = new Set<string>();
  private readonly questionKeys = new Set<string>();
  private readonly describedNodes = new Set<number>();

  private readonly reported = new Set<string>();
  private readonly unscored: string[] = [];
  private cyclic = false;
  private ignoredImplementationGroups = false;
  private ignoredComputeResult = false;
  private processed = 0;
  private total = 0;

  constructor(
    private readonly content: Buffer,
    private readonly options: ImportOptions,
  ) {}

  run(): ImportOutcome {
    const data = this.parse();
    if (data === undefined) return this.fail();
    if (!isRecord(data)) {
      this.error(
        [],
        'must be a CISO Assistant library: a map with urn, locale, name and objects',
        'document',
      );
      return this.fail();
    }
    this.library = data;
    this.primary = this.primaryLanguage();
    if (!this.findFramework()) return this.fail();
    this.readNodes();
    // A parent cycle leaves no chapter to place questions in; other errors are collected on.
    if (this.cyclic || this.nodes.length === 0) return this.fail();
    if (this.total === 0) {
      if (this.errors.length === 0) {
        this.error(
          [...this.frameworkPath, 'requirement_nodes'],
          'no requirement node has questions, so there is nothing to ask a vendor',
        );
      }
      return this.fail();
    }
    this.options.onProgress?.(0, this.total);
    for (const node of this.nodes) this.convertNode(node);
    this.summarize();
    const sections = this.finishSections();
    const questionnaire = {
      ...this.titleAndDescription(),
      definition: { languages: declaredLanguages(this.primary, sections), sections },
    };
    return finishImport(questionnaire, this.errors, this.warnings);
  }

  // ---- reading the file -------------------------------------------------

  private parse(): unknown {
    let text = this.content.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const document = parseDocument(text, {
      lineCounter: this.lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
    });
    this.document = document;
    for (const problem of document.errors) {
      this.errors.push({ location: this.lineOf(problem.pos[0]), message: problem.message });
    }
    for (const problem of document.warnings) {
      this.warnings.push({ location: this.lineOf(problem.pos[0]), message: problem.message });
    }
    if (this.errors.length > 0) return undefined;
    if (document.contents === null) {
      this.errors.push({ location: 'document', message: 'the file is empty' });
      return undefined;
    }
    try {
      return document.toJS({ maxAliasCount: 100 });
    } catch (failure) {
      // Excessive aliases ("billion laughs") are refused rather than expanded.
      this.errors.push({ location: 'document', message: (failure as Error).message });
      return undefined;
    }
  }

  private primaryLanguage(): string {
    const locale = this.library.locale;
    if (locale === undefined || locale === null) {
      const fallback = this.options.language ?? 'en';
      const tag = normalizeLanguage(fallback);
      if (tag === undefined) {
        this.error(['locale'], `is missing, and "${fallback}" is not a language tag`);
        return 'en';
      }
      return tag;
    }
    const tag = typeof locale === 'string' ? normalizeLanguage(locale) : undefined;
    if (tag === undefined) {
      this.error(['locale'], `"${String(locale)}" is not a language such as "en" or "fr"`);
      return 'en';
    }
    return tag;
  }

  private findFramework(): boolean {
    const objects = this.library.objects;
    if (!isRecord(objects)) {
      this.error(['objects'], 'is required: a library holds its framework under objects.framework');
      return false;
    }
    // The loader also accepts the newer plural spelling `frameworks: [...]`.
    if (objects.framework === undefined && Array.isArray(objects.frameworks)) {
      if (objects.frameworks.length !== 1) {
        this.error(
          ['objects', 'frameworks'],
          `holds ${objects.frameworks.length} frameworks; import a library with exactly one`,
        );
        return false;
      }
      this.frameworkPath = ['objects', 'frameworks', 0];
      objects.framework = objects.frameworks[0];
    }
    if (!isRecord(objects.framework)) {
      this.error(
        this.frameworkPath,
        objects.framework === undefined
          ? 'is required: this library has no framework, so it has no questions to import'
          : 'must be a map with urn, name and requirement_nodes',
      );
      return false;
    }
    this.framework = objects.framework;
    const urn = this.framework.urn;
    if (typeof urn === 'string' && urn.includes(':framework:')) {
      // CISO Assistant names nodes urn:<packager>:risk:req_node:<framework id>:<node id>.
      this.nodeBase = `${urn.replace(':framework:', ':req_node:').toLowerCase()}:`;
    }
    return true;
  }

  private readNodes(): void {
    const listPath = [...this.frameworkPath, 'requirement_nodes'];
    const list = this.framework.requirement_nodes;
    if (!Array.isArray(list) || list.length === 0) {
      this.error(
        listPath,
        list === undefined ? 'is required' : 'must be a non-empty list of requirement nodes',
      );
      return;
    }
    list.forEach((raw: unknown, index) => {
      const path = [...listPath, index];
      if (!isRecord(raw)) return this.error(path, 'must be a map with at least a urn');
      if (typeof raw.urn !== 'string' || raw.urn.trim() === '') {
        return this.error([...path, 'urn'], 'is required');
      }
      const urn = raw.urn.trim().toLowerCase();
      const earlier = this.nodeByUrn.get(urn);
      if (earlier) {
        return this.error(
          [...path, 'urn'],
          `"${raw.urn}" is already used by ${pathString(earlier.path)}`,
        );
      }
      let parentUrn: string | undefined;
      if (raw.parent_urn !== undefined && raw.parent_urn !== null) {
        if (typeof raw.parent_urn !== 'string') {
          this.error([...path, 'parent_urn'], 'must be the URN of another requirement node');
        } else {
          parentUrn = raw.parent_urn.trim().toLowerCase();
        }
      }
      const node: NodeInfo = {
        index,
        path,
        raw,
        urn,
        parentUrn,
        questions: this.questionEntries(raw, path),
        isSection: false,
      };
      this.nodes.push(node);
      this.nodeByUrn.set(urn, node);
    });
    for (const node of this.nodes) {
      if (node.parentUrn !== undefined && !this.nodeByUrn.has(node.parentUrn)) {
        this.error(
          [...node.path, 'parent_urn'],
          `refers to unknown requirement node "${node.parentUrn}"`,
        );
      }
      // Top-level nodes without questions are the chapters of a framework.
      node.isSection = node.parentUrn === undefined && node.questions.length === 0;
    }
    for (const node of this.nodes) this.checkAncestry(node);
  }

  private questionEntries(raw: YamlMap, path: Path): (readonly [string, unknown])[] {
    const questions = raw.questions;
    if (questions === undefined || questions === null) return [];
    if (!isRecord(questions)) {
      this.error(
        [...path, 'questions'],
        'must be a map from question URN to question (the shape CISO Assistant loads)',
      );
      return [];
    }
    const entries = Object.entries(questions);
    for (const [urn] of entries) {
      const lower = urn.trim().toLowerCase();
      if (this.questionOrder.has(lower)) {
        this.error([...path, 'questions', urn], `question URN "${urn}" is used twice`);
      } else {
        this.questionOrder.set(lower, this.total);
      }
      this.total += 1;
    }
    return entries;
  }

  private checkAncestry(node: NodeInfo): void {
    const seen = new Set<string>([node.urn]);
    for (let parent = this.parentOf(node); parent; parent = this.parentOf(parent)) {
      if (seen.has(parent.urn)) {
        this.cyclic = true;
        return this.error([...node.path, 'parent_urn'], 'its parent_urn chain forms a cycle');
      }
      seen.add(parent.urn);
    }
  }

  private parentOf(node: NodeInfo): NodeInfo | undefined {
    return node.parentUrn === undefined ? undefined : this.nodeByUrn.get(node.parentUrn);
  }

  // ---- sections -------------------------------------------------------

  private convertNode(node: NodeInfo): void {
    if (node.isSection) {
      this.currentSection = this.sectionFor(node);
      return;
    }
    if (node.questions.length === 0) return;
    const { section, ancestors } = this.placement(node);
    this.noteIgnoredNodeFields(node);
    for (const [urn, question] of node.questions) {
      const converted = this.question(node, ancestors, urn, question);
      if (converted) section.questions.push(converted);
      this.processed += 1;
      this.options.onProgress?.(this.processed, this.total);
    }
  }

  /** The section a node's questions go to, and the nodes between it and that section. */
  private placement(node: NodeInfo): { section: SectionBuilder; ancestors: NodeInfo[] } {
    const ancestors: NodeInfo[] = [];
    for (let parent = this.parentOf(node); parent; parent = this.parentOf(parent)) {
      if (parent.isSection) return { section: this.sectionFor(parent), ancestors };
      ancestors.unshift(parent);
    }
    // No chapter above it: the chapter last opened in the file, else a first one.
    return { section: this.currentSection ?? this.defaultSectionBuilder(), ancestors };
  }

  private sectionFor(node: NodeInfo): SectionBuilder {
    const existing = this.sectionByNode.get(node.index);
    if (existing) return existing;
    const heading = this.heading(node);
    const description = this.field(node.raw, 'description', node.path);
    // Without a ref_id or name, a chapter is known by the first line of its description.
    const title = heading ?? description ?? { [this.primary]: this.tail(node.urn) };
    const section: SectionBuilder = {
      key: uniqueKey(this.tail(node.urn), this.sectionKeys, 'section'),
      title: mapText(title, firstLine),
      description: heading ? description : undefined,
      questions: [],
    };
    this.sectionByNode.set(node.index, section);
    this.sections.push(section);
    return section;
  }

  /** `ref_id name`, as CISO Assistant lists requirements. */
  private heading(node: NodeInfo): LocalizedText | undefined {
    return this.compose(
      [this.plain(node.raw, 'ref_id', node.path), this.field(node.raw, 'name', node.path)],
      ' ',
    );
  }

  private defaultSectionBuilder(): SectionBuilder {
    if (!this.defaultSection) {
      const title =
        this.field(this.framework, 'name', this.frameworkPath) ??
        this.field(this.library, 'name', []) ??
        ({ [this.primary]: this.plainText(this.framework.ref_id) ?? 'General' } as LocalizedText);
      this.defaultSection = {
        key: uniqueKey('general', this.sectionKeys),
        title: mapText(title, firstLine),
        questions: [],
      };
      this.sections.push(this.defaultSection);
    }
    return this.defaultSection;
  }

  private finishSections(): SectionInput[] {
    const empty = this.sections.filter((section) => section.questions.length === 0);
    // After an error a chapter may be empty only because its questions failed.
    if (empty.length > 0 && this.errors.length === 0) {
      this.warn(
        [...this.frameworkPath, 'requirement_nodes'],
        `${empty.length} chapter(s) hold no questions and were left out: ${list(
          empty.map((section) => section.key),
        )}`,
      );
    }
    return this.sections
      .filter((section) => section.questions.length > 0)
      .map((section) => ({
        key: section.key,
        title: section.title,
        ...(section.description ? { description: section.description } : {}),
        questions: section.questions,
      }));
  }

  // ---- questions ------------------------------------------------------

  private question(
    node: NodeInfo,
    ancestors: readonly NodeInfo[],
    urn: string,
    raw: unknown,
  ): QuestionInput | undefined {
    const path = [...node.path, 'questions', urn];
    if (!isRecord(raw)) {
      this.error(path, 'must be a map with type, text and, for choices, choices');
      return undefined;
    }
    const errorsBefore = this.errors.length;
    const type = this.questionType(raw, path);
    const key = uniqueKey(this.keySource(urn, node), this.questionKeys, 'question');
    const text =
      this.field(raw, 'text', path) ??
      this.field(node.raw, 'name', node.path) ??
      this.field(node.raw, 'description', node.path);
    if (text === undefined) this.error([...path, 'text'], 'is required');
    const choices = type === undefined ? [] : this.choices(raw, path, type, urn);
    const required = this.required(raw, path);
    const weight = this.weight(raw, path, node);
    const visibleWhen = this.visibleWhen(raw, path, urn);
    if (this.errors.length > errorsBefore || type === undefined || text === undefined) {
      return undefined;
    }

    const optionKeys = new Map<string, string>();
    const options: OptionInput[] = choices.map((choice) => {
      if (choice.urn) optionKeys.set(choice.urn, choice.key);
      return {
        key: choice.key,
        label: choice.label,
        ...(choice.points === undefined ? {} : { points: choice.points }),
      };
    });
    this.converted.set(urn.trim().toLowerCase(), { key, type, options: optionKeys });
    if (
      type === 'BOOLEAN' ||
      ((type === 'SINGLE_CHOICE' || type === 'MULTI_CHOICE') &&
        options.some((option) => option.points === undefined))
    ) {
      this.unscored.push(key);
    }

    const help = this.help(node, ancestors, raw, path, choices);
    const reference = this.reference(node);
    const evidence =
      typeof raw.type === 'string' && raw.type.trim().toLowerCase() === 'file'
        ? 'REQUIRED'
        : this.plainText(node.raw.typical_evidence) !== undefined
          ? 'OPTIONAL'
          : undefined;
    return {
      key,
      type,
      text: mapText(text, (value) => value.trim()),
      ...(help ? { help } : {}),
      required,
      ...(weight === undefined ? {} : { weight }),
      ...(options.length > 0 ? { options } : {}),
      ...(evidence ? { evidence } : {}),
      ...(reference ? { references: [reference] } : {}),
      ...(visibleWhen ? { visibleWhen } : {}),
    };
  }

  private questionType(raw: YamlMap, path: Path): QuestionType | undefined {
    if (raw.type === undefined || raw.type === null) {
      // CISO Assistant stores a question without a type as a text question.
      this.warn(
        [...path, 'type'],
        'is missing; imported as a text question, as CISO Assistant does',
      );
      return 'TEXT';
    }
    const name = typeof raw.type === 'string' ? raw.type.trim().toLowerCase() : '';
    if (UNCONVERTIBLE_TYPES.has(name)) {
      this.error(
        [...path, 'type'],
        `"${name}" questions point at CISO Assistant objects, which Assay does not have`,
      );
      return undefined;
    }
    const type = QUESTION_TYPES[name];
    if (type === undefined) {
      this.error(
        [...path, 'type'],
        `unknown question type "${String(raw.type)}"; expected one of ${Object.keys(QUESTION_TYPES)
          .map((known) => `"${known}"`)
          .join(', ')}`,
      );
      return undefined;
    }
    if (name === 'file') {
      this.warn(
        [...path, 'type'],
        'a file question became a text question that requires evidence (the uploaded file)',
      );
    }
    return type;
  }

  private choices(raw: YamlMap, path: Path, type: QuestionType, questionUrn: string): Choice[] {
    const choicesPath = [...path, 'choices'];
    const list = raw.choices;
    const isChoice = type === 'SINGLE_CHOICE' || type === 'MULTI_CHOICE';
    if (!isChoice) {
      if (Array.isArray(list) && list.length > 0) {
        this.warn(choicesPath, `a ${String(raw.type)} question has no choices; they were ignored`);
      }
      return [];
    }
    const fewest = type === 'SINGLE_CHOICE' ? 2 : 1;
    if (!Array.isArray(list) || list.length < fewest) {
      this.error(
        choicesPath,
        `a ${String(raw.type)} question needs at least ${fewest} choice${fewest > 1 ? 's' : ''}`,
      );
      return [];
    }
    const taken = new Set<string>();
    const questionPrefix = `${questionUrn.trim().toLowerCase()}:`;
    const choices: Choice[] = [];
    list.forEach((choice: unknown, index) => {
      const choicePath = [...choicesPath, index];
      if (!isRecord(choice)) return this.error(choicePath, 'must be a map with urn and value');
      const label = this.field(choice, 'value', choicePath);
      if (label === undefined) return this.error([...choicePath, 'value'], 'is required');
      const urn = typeof choice.urn === 'string' ? choice.urn.trim().toLowerCase() : undefined;
      if (urn && choices.some((other) => other.urn === urn)) {
        return this.error([...choicePath, 'urn'], `"${urn}" is used twice in this question`);
      }
      const source = urn
        ? urn.startsWith(questionPrefix)
          ? urn.slice(questionPrefix.length)
          : lastSegment(urn)
        : (this.plainText(choice.ref_id) ?? `choice:${index + 1}`);
      const points = this.points(choice, choicePath);
      if (choice.compute_result !== undefined && choice.compute_result !== null) {
        this.ignoredComputeResult = true;
      }
      if (Array.isArray(choice.select_implementation_groups)) {
        this.ignoredImplementationGroups = true;
      }
      choices.push({
        urn,
        key: uniqueKey(source, taken, 'choice'),
        label: mapText(label, (value) => value.trim()),
        description: this.field(choice, 'description', choicePath),
        points,
      });
    });
    return choices;
  }

  private points(choice: YamlMap, path: Path): number | undefined {
    const score = choice.add_score;
    if (score === undefined || score === null) return undefined;
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      this.error([...path, 'add_score'], 'must be a number');
      return undefined;
    }
    if (Math.abs(score) > MAX_POINTS) {
      this.error([...path, 'add_score'], `must be between -${MAX_POINTS} and ${MAX_POINTS}`);
      return undefined;
    }
    return score;
  }

  private required(raw: YamlMap, path: Path): boolean {
    // CISO Assistant questions are required unless the library says otherwise.
    if (raw.required === undefined || raw.required === null) return true;
    if (typeof raw.required !== 'boolean') {
      this.error([...path, 'required'], 'must be true or false');
      return true;
    }
    return raw.required;
  }

  /** CISO Assistant weighs a question within its requirement and the requirement within the audit. */
  private weight(raw: YamlMap, path: Path, node: NodeInfo): number | undefined {
    const own = this.weightOf(raw.weight, [...path, 'weight']);
    const nodeWeight = this.weightOf(node.raw.weight, [...node.path, 'weight']);
    if (own === undefined && nodeWeight === undefined) return undefined;
    const weight = (own ?? 1) * (nodeWeight ?? 1);
    if (weight > MAX_WEIGHT) {
      this.error([...path, 'weight'], `the combined weight ${weight} exceeds ${MAX_WEIGHT}`);
      return undefined;
    }
    return weight;
  }

  private weightOf(value: unknown, path: Path): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.error(path, 'must be a number of at least 0');
      return undefined;
    }
    return value;
  }

  /** `depends_on: {question, answers, condition}` shows a question once earlier answers match. */
  private visibleWhen(raw: YamlMap, path: Path, ownUrn: string): Condition | undefined {
    const dependsOn = raw.depends_on;
    if (dependsOn === undefined || dependsOn === null) return undefined;
    const at = [...path, 'depends_on'];
    if (!isRecord(dependsOn)) {
      this.error(at, 'must be a map with question, answers and condition');
      return undefined;
    }
    const target =
      typeof dependsOn.question === 'string' ? dependsOn.question.trim().toLowerCase() : undefined;
    if (!target) {
      this.error([...at, 'question'], 'must be the URN of an earlier question');
      return undefined;
    }
    const condition = dependsOn.condition ?? 'any';
    if (condition !== 'any' && condition !== 'all') {
      this.error([...at, 'condition'], `must be "any" or "all", not "${String(condition)}"`);
      return undefined;
    }
    if (target === ownUrn.trim().toLowerCase()) {
      this.error([...at, 'question'], 'a question cannot depend on itself');
      return undefined;
    }
    const question = this.converted.get(target);
    if (!question) {
      const position = this.questionOrder.get(target);
      if (position === undefined) {
        this.error(
          [...at, 'question'],
          `refers to unknown question "${dependsOn.question as string}"`,
        );
      } else if (position > this.processed) {
        this.error(
          [...at, 'question'],
          `refers to question "${dependsOn.question as string}", which comes later in the file; a condition may only read earlier questions`,
        );
      }
      // Otherwise the earlier question failed to convert, and that is reported where it is.
      return undefined;
    }
    if (question.type !== 'SINGLE_CHOICE' && question.type !== 'MULTI_CHOICE') {
      this.error(
        [...at, 'question'],
        `refers to "${dependsOn.question as string}", which is not a choice question`,
      );
      return undefined;
    }
    const answers = dependsOn.answers;
    if (!Array.isArray(answers) || answers.length === 0) {
      this.error(
        [...at, 'answers'],
        'must list at least one choice URN (with none, CISO Assistant never shows the question)',
      );
      return undefined;
    }
    const values: string[] = [];
    answers.forEach((answer: unknown, index) => {
      const optionKey =
        typeof answer === 'string' ? question.options.get(answer.trim().toLowerCase()) : undefined;
      if (optionKey === undefined) {
        this.error(
          [...at, 'answers', index],
          `"${String(answer)}" is not a choice of question "${dependsOn.question as string}"`,
        );
      } else if (!values.includes(optionKey)) {
        values.push(optionKey);
      }
    });
    if (values.length !== answers.length) return undefined;
    if (condition === 'any' || values.length === 1) {
      return { in: { question: question.key, values } };
    }
    if (question.type === 'SINGLE_CHOICE') {
      this.warn(
        [...at, 'condition'],
        'requires several choices of a single-choice question at once, so the question is never shown',
      );
    }
    return { all: values.map((value) => ({ in: { question: question.key, values: [value] } })) };
  }

  // ---- help, references and titles ---------------------------------------

  /**
   * Help carries what CISO Assistant shows around a question: the headings of
   * the nodes above it, the requirement's description and annotation, the
   * question's annotation, and what each choice means.
   */
  private help(
    node: NodeInfo,
    ancestors: readonly NodeInfo[],
    raw: YamlMap,
    path: Path,
    choices: readonly Choice[],
  ): LocalizedText | undefined {
    const headings = [...ancestors, node].map((item) => this.heading(item));
    const parts: TextPart[] = [this.compose(headings, ' › ')];
    for (const ancestor of ancestors) {
      // An intermediate node's description is told once, with its first question.
      if (ancestor.questions.length > 0 || this.describedNodes.has(ancestor.index)) continue;
      this.describedNodes.add(ancestor.index);
      parts.push(this.field(ancestor.raw, 'description', ancestor.path));
    }
    if (!this.describedNodes.has(node.index)) {
      this.describedNodes.add(node.index);
      parts.push(
        this.field(node.raw, 'description', node.path),
        this.field(node.raw, 'annotation', node.path),
      );
    }
    parts.push(this.field(raw, 'annotation', path));
    const explained = choices.filter((choice) => choice.description !== undefined);
    if (explained.length > 0) {
      parts.push(
        this.compose(
          explained.map((choice) => this.compose([choice.label, ': ', choice.description], '')),
          '\n',
        ),
      );
    }
    return this.compose(parts, '\n\n');
  }

  private reference(node: NodeInfo): string | undefined {
    const ref = this.plainText(node.raw.ref_id);
    if (ref === undefined) return undefined;
    const framework = this.plainText(this.framework.ref_id);
    return (framework ? `${framework} ${ref}` : ref).slice(0, 200);
  }

  private titleAndDescription(): { title?: LocalizedText; description?: LocalizedText } {
    const title =
      this.field(this.framework, 'name', this.frameworkPath) ??
      this.field(this.library, 'name', []);
    const description =
      this.field(this.framework, 'description', this.frameworkPath) ??
      this.field(this.library, 'description', []);
    return { ...(title ? { title } : {}), ...(description ? { description } : {}) };
  }

  private keySource(urn: string, node: NodeInfo): string {
    const lower = urn.trim().toLowerCase();
    const nodePrefix = `${node.urn}:`;
    const source = lower.startsWith(nodePrefix)
      ? `${this.tail(node.urn)}:${lower.slice(nodePrefix.length)}`
      : this.tail(lower);
    return source.length > KEY_TAIL ? source.slice(-KEY_TAIL) : source;
  }

  /** The distinctive end of a URN: without the framework's node prefix or the urn:<packager>:<domain>:<type> head. */
  private tail(urn: string): string {
    if (this.nodeBase && urn.startsWith(this.nodeBase) && urn.length > this.nodeBase.length) {
      return urn.slice(this.nodeBase.length);
    }
    const segments = urn.split(':');
    return segments.length > 5 ? segments.slice(4).join(':') : urn;
  }

  private noteIgnoredNodeFields(node: NodeInfo): void {
    const groups = node.raw.implementation_groups;
    if (Array.isArray(groups) && groups.length > 0) this.ignoredImplementationGroups = true;
  }

  private summarize(): void {
    const nodesPath = [...this.frameworkPath, 'requirement_nodes'];
    if (this.unscored.length > 0) {
      this.warn(
        nodesPath,
        `${this.unscored.length} question(s) carry no points (choices without add_score, or yes/no questions, which CISO Assistant does not score); assign points before publishing: ${list(this.unscored)}`,
      );
    }
    if (this.ignoredImplementationGroups) {
      this.warn(
        nodesPath,
        'implementation groups (and choices that select them) decide in CISO Assistant which questions an audit shows; Assay shows every imported question, so add visibility conditions where needed',
      );
    }
    if (this.ignoredComputeResult) {
      this.warn(
        nodesPath,
        'compute_result on choices was not converted; Assay scores answers by points, and knockout rules can be added after import',
      );
    }
  }

  // ---- localized text ---------------------------------------------------

  /**
   * Joins text parts language by language; plain strings read the same in
   * every language. A language is kept only where every localized part has
   * it, so a half-translated text never mixes languages.
   */
  private compose(parts: readonly TextPart[], separator: string): LocalizedText | undefined {
    const present = parts.filter((part): part is string | LocalizedText => part !== undefined);
    if (present.length === 0) return undefined;
    const localized = present.filter((part): part is LocalizedText => typeof part !== 'string');
    const languages = new Set([this.primary, ...localized.flatMap((part) => Object.keys(part))]);
    const result: Record<string, string> = {};
    for (const language of languages) {
      if (!localized.every((part) => (part[language] ?? '').trim() !== '')) continue;
      result[language] = present
        .map((part) => (typeof part === 'string' ? part : part[language]!))
        .join(separator);
    }
    return result[this.primary] === undefined ? undefined : result;
  }

  /** A node's field with its translations: `{ <primary>: value, <lang>: translations.<lang>.<field> }`. */
  private field(raw: YamlMap, name: string, path: Path): LocalizedText | undefined {
    const base = this.textValue(raw[name], [...path, name]);
    if (base === undefined) return undefined;
    const text: Record<string, string> = { [this.primary]: base };
    const translations = raw.translations;
    if (translations === undefined || translations === null) return text;
    const translationsPath = [...path, 'translations'];
    if (!isRecord(translations)) {
      this.error(translationsPath, 'must be a map from language to translated fields');
      return text;
    }
    for (const [language, fields] of Object.entries(translations)) {
      const tag = normalizeLanguage(language);
      if (tag === undefined) {
        this.error([...translationsPath, language], `"${language}" is not a language tag`);
        continue;
      }
      if (!isRecord(fields)) {
        this.error([...translationsPath, language], 'must be a map from field to translated text');
        continue;
      }
      // The library's own language is its base text; a translation into it changes nothing.
      if (tag === this.primary) continue;
      const translated = this.textValue(fields[name], [...translationsPath, language, name]);
      if (translated !== undefined) text[tag] = translated;
    }
    return text;
  }

  private plain(raw: YamlMap, name: string, path: Path): string | undefined {
    return this.textValue(raw[name], [...path, name]);
  }

  private textValue(value: unknown, path: Path): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.error(path, 'must be text');
      return undefined;
    }
    return value.trim() === '' ? undefined : value;
  }

  private plainText(value: unknown): string | undefined {
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  // ---- messages ---------------------------------------------------------

  private error(path: Path, message: string, location?: string): void {
    this.report(this.errors, location ?? this.locate(path), message);
  }

  private warn(path: Path, message: string): void {
    this.report(this.warnings, this.locate(path), message);
  }

  /** Texts are read more than once (a heading serves every question below it); report each problem once. */
  private report(into: ImportMessage[], location: string, message: string): void {
    const id = `${location}\n${message}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    into.push({ location, message });
  }

  /** The item path, with the line of the nearest node the YAML document holds. */
  private locate(path: Path): string {
    const text = pathString(path);
    const document = this.document;
    if (!document) return text;
    for (let length = path.length; length > 0; length -= 1) {
      const node: unknown = document.getIn(path.slice(0, length), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const { line, col } = this.lineCounter.linePos(range[0]);
        return `${text} (line ${line}, column ${col})`;
      }
    }
    return text;
  }

  private lineOf(offset: number): string {
    const { line, col } = this.lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  }

  private fail(): ImportOutcome {
    return finishImport(
      { definition: { languages: [this.primary], sections: [] } },
      this.errors,
      this.warnings,
    );
  }
}

interface Choice {
  readonly urn?: string;
  readonly key: string;
  readonly label: LocalizedText;
  readonly description?: LocalizedText;
  readonly points?: number;
}

function mapText(text: LocalizedText, change: (value: string) => string): LocalizedText {
  return Object.fromEntries(
    Object.entries(text).map(([language, value]) => [language, change(value)]),
  );
}

function firstLine(value: string): string {
  const line = value.trim().split('\n', 1)[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** The first language, then every other language some text of the definition carries. */
function declaredLanguages(primary: string, sections: readonly SectionInput[]): string[] {
  const languages = new Set<string>([primary]);
  const note = (text: LocalizedText | undefined) => {
    for (const language of Object.keys(text ?? {})) languages.add(language);
  };
  for (const section of sections) {
    note(section.title);
    note(section.description);
    for (const question of section.questions) {
      note(question.text);
      note(question.help);
      for (const option of question.options ?? []) note(option.label);
    }
  }
  return [...languages];
}

/** Turns a CISO Assistant locale (`fr`, `pt_br`, `zh`) into an Assay language tag. */
export function normalizeLanguage(value: string): string | undefined {
  const [language, ...rest] = value.trim().split(/[-_]/);
  if (!language) return undefined;
  const tag = [
    language.toLowerCase(),
    ...rest.map((part) =>
      /^[A-Za-z]{4}$/.test(part)
        ? `${part[0]!.toUpperCase()}${part.slice(1).toLowerCase()}`
        : part.toUpperCase(),
    ),
  ].join('-');
  // CISO Assistant's "zh" is Simplified Chinese, which Assay spells zh-CN.
  const aliased = tag === 'zh' ? 'zh-CN' : tag;
  return LANGUAGE_TAG.test(aliased) ? aliased : undefined;
}

function pathString(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out || 'document';
}

function lastSegment(urn: string): string {
  const segments = urn.split(':');
  return segments.slice(-2).join(':');
}

function list(keys: readonly string[]): string {
  const shown = keys.slice(0, LISTED_IN_WARNING).join(', ');
  return keys.length > LISTED_IN_WARNING
    ? `${shown} and ${keys.length - LISTED_IN_WARNING} more`
    : shown;
}

function isRecord(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
