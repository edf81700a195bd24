import type { z } from 'zod';
import { CONDITION_OPERATORS, type ConditionOperator } from './condition.js';
import {
  CHOICE_TYPES,
  SCORED_TYPES,
  definitionSchema,
  type LocalizedText,
  type QuestionDefinition,
  type QuestionType,
  type TemplateDefinition,
} from './definition.schema.js';

export interface DefinitionIssue {
  /** Where in the document, e.g. `sections[1].questions[4].visibleWhen.all[0].equals.question`. */
  readonly path: string;
  readonly message: string;
}

/**
 * `draft`: the shape, keys, conditions and the first language's text.
 * `publish`: also every text in every declared language, and points on every
 * scored question.
 */
export type ValidationMode = 'draft' | 'publish';

export type DefinitionValidation =
  | {
      readonly valid: true;
      readonly definition: TemplateDefinition;
      readonly errors: readonly [];
      readonly warnings: readonly DefinitionIssue[];
    }
  | {
      readonly valid: false;
      readonly definition?: undefined;
      readonly errors: readonly DefinitionIssue[];
      readonly warnings: readonly DefinitionIssue[];
    };

/** Checks a definition document and returns its canonical form, or every problem with its path. */
export function validateDefinition(
  document: unknown,
  mode: ValidationMode = 'draft',
): DefinitionValidation {
  const parsed = definitionSchema.safeParse(document);
  if (!parsed.success) {
    return { valid: false, errors: zodIssues(parsed.error), warnings: [] };
  }
  const checker = new DefinitionChecker(parsed.data as TemplateDefinition, mode);
  checker.check();
  if (checker.errors.length > 0) {
    return { valid: false, errors: checker.errors, warnings: checker.warnings };
  }
  return {
    valid: true,
    definition: parsed.data as TemplateDefinition,
    errors: [],
    warnings: checker.warnings,
  };
}

/** Renders a path array as `sections[0].questions[2].key`. */
export function pathString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function zodIssues(error: z.ZodError): DefinitionIssue[] {
  return error.issues.map((issue) => {
    const path = pathString(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((name) => `"${name}"`).join(', ');
      return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}` };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return { path, message: 'is required' };
    }
    return { path, message: issue.message };
  });
}

interface QuestionPlace {
  readonly index: number;
  readonly path: string;
  readonly question: QuestionDefinition;
}

class DefinitionChecker {
  readonly errors: DefinitionIssue[] = [];
  readonly warnings: DefinitionIssue[] = [];
  private readonly questions = new Map<string, QuestionPlace>();
  private readonly languages: ReadonlySet<string>;
  private readonly primary: string;

  constructor(
    private readonly definition: TemplateDefinition,
    private readonly mode: ValidationMode,
  ) {
    this.languages = new Set(definition.languages);
    this.primary = definition.languages[0]!;
  }

  check(): void {
    const { definition } = this;
    if (this.languages.size !== definition.languages.length) {
      this.error('languages', 'declares a language twice');
    }
    const sectionKeys = new Set<string>();
    let index = 0;
    definition.sections.forEach((section, s) => {
      const path = `sections[${s}]`;
      if (sectionKeys.has(section.key))
        this.error(`${path}.key`, `section key "${section.key}" is used twice`);
      sectionKeys.add(section.key);
      this.text(`${path}.title`, section.title, true);
      this.text(`${path}.description`, section.description, false);
      if (section.questions.length === 0)
        this.warning(`${path}.questions`, 'the section has no questions');
      section.questions.forEach((question, q) => {
        const questionPath = `${path}.questions[${q}]`;
        const earlier = this.questions.get(question.key);
        if (earlier) {
          this.error(
            `${questionPath}.key`,
            `question key "${question.key}" is already used at ${earlier.path}`,
          );
        } else {
          this.questions.set(question.key, { index, path: questionPath, question });
        }
        index += 1;
      });
    });
    if (index === 0 && this.mode === 'publish') {
      this.error('sections', 'a published version needs at least one question');
    }
    for (const [key, place] of this.questions) this.question(key, place);
  }

  private question(key: string, { index, path, question }: QuestionPlace): void {
    this.text(`${path}.text`, question.text, true);
    this.text(`${path}.help`, question.help, false);
    const isChoice = CHOICE_TYPES.includes(question.type);
    if (isChoice) {
      const options = question.options ?? [];
      const fewest = question.type === 'SINGLE_CHOICE' ? 2 : 1;
      if (options.length < fewest) {
        this.error(
          `${path}.options`,
          `a ${question.type} question needs at least ${fewest} option${fewest > 1 ? 's' : ''}`,
        );
      }
      const optionKeys = new Set<string>();
      options.forEach((option, o) => {
        if (optionKeys.has(option.key)) {
          this.error(
            `${path}.options[${o}].key`,
            `option key "${option.key}" is used twice in question "${key}"`,
          );
        }
        optionKeys.add(option.key);
        this.text(`${path}.options[${o}].label`, option.label, true);
      });
    } else if (question.options !== undefined) {
      this.error(`${path}.options`, `a ${question.type} question has no options`);
    }
    if (question.points !== undefined && question.type !== 'BOOLEAN') {
      this.error(
        `${path}.points`,
        'only BOOLEAN questions take yes/no points; choices carry points on their options',
      );
    }
    if ((question.min !== undefined || question.max !== undefined) && question.type !== 'NUMBER') {
      this.error(`${path}.min`, 'only NUMBER questions take min and max');
    }
    if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
      this.error(`${path}.max`, 'max is below min');
    }
    this.points(key, path, question);
    if (question.visibleWhen !== undefined) {
      new ConditionChecker(this, key, index, false).check(
        question.visibleWhen,
        `${path}.visibleWhen`,
      );
    }
    if (question.knockout !== undefined) {
      this.ownCondition(
        key,
        index,
        question.knockout.failWhen,
        `${path}.knockout.failWhen`,
        'a knockout',
      );
      this.text(`${path}.knockout.finding`, question.knockout.finding, false);
    }
    if (question.flag !== undefined) {
      this.ownCondition(key, index, question.flag.when, `${path}.flag.when`, 'a flag');
      this.text(`${path}.flag.finding`, question.flag.finding, true);
    }
  }

  /** A rule over the question's own answer (knockouts, flags): it must read that answer. */
  private ownCondition(
    key: string,
    index: number,
    condition: unknown,
    path: string,
    rule: string,
  ): void {
    const named = new ConditionChecker(this, key, index, true).check(condition, path);
    if (named && !named.includes(key)) {
      this.error(
        path,
        `${rule} tests its own question's answer, and this one never reads "${key}"`,
      );
    }
  }

  private points(key: string, path: string, question: QuestionDefinition): void {
    if (!SCORED_TYPES.includes(question.type)) return;
    const unscored =
      question.type === 'BOOLEAN'
        ? question.points === undefined
        : (question.options ?? []).some((option) => option.points === undefined);
    if (!unscored) return;
    const message =
      question.type === 'BOOLEAN'
        ? `question "${key}" has no points for yes and no`
        : `question "${key}" has options without points`;
    if (this.mode === 'publish')
      this.error(`${path}`, `${message}; a published version scores every question`);
    else this.warning(path, `${message}; assign them before publishing`);
  }

  private text(path: string, text: LocalizedText | undefined, required: boolean): void {
    if (text === undefined) {
      if (required) this.error(path, `needs text in "${this.primary}"`);
      return;
    }
    for (const language of Object.keys(text)) {
      if (!this.languages.has(language))
        this.error(`${path}.${language}`, `"${language}" is not a declared language`);
    }
    const needed = this.mode === 'publish' ? [...this.languages] : [this.primary];
    for (const language of needed) {
      if ((text[language] ?? '').trim() === '')
        this.error(`${path}.${language}`, `needs text in "${language}"`);
    }
  }

  placeOf(key: string): QuestionPlace | undefined {
    return this.questions.get(key);
  }

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warning(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}

const LEAF_FIELDS: Record<Exclude<ConditionOperator, 'all' | 'any' | 'not'>, readonly string[]> = {
  equals: ['question', 'value'],
  in: ['question', 'values'],
  answered: ['question'],
  gt: ['question', 'value'],
  gte: ['question', 'value'],
  lt: ['question', 'value'],
  lte: ['question', 'value'],
};
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_CONDITION_DEPTH = 16;

/** Checks one condition's shape, the questions it names and the types of its values. */
class ConditionChecker {
  private readonly named: string[] = [];
  private failed = false;

  constructor(
    private readonly owner: DefinitionChecker,
    private readonly subject: string,
    private readonly subjectIndex: number,
    private readonly selfAllowed: boolean,
  ) {}

  /** The questions the condition names, or undefined when it is invalid. */
  check(condition: unknown, path: string): string[] | undefined {
    this.node(condition, path, 0);
    return this.failed ? undefined : this.named;
  }

  private node(node: unknown, path: string, depth: number): void {
    if (depth > MAX_CONDITION_DEPTH)
      return this.error(path, `conditions nest at most ${MAX_CONDITION_DEPTH} deep`);
    if (!isRecord(node)) return this.error(path, `must be an object with one of ${operatorList()}`);
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      return this.error(
        path,
        `must have exactly one of ${operatorList()}, found ${keys.length === 0 ? 'none' : keys.map((k) => `"${k}"`).join(', ')}`,
      );
    }
    const operator = keys[0]!;
    const operand = node[operator];
    const here = `${path}.${operator}`;
    switch (operator as ConditionOperator) {
      case 'all':
      case 'any':
        if (!Array.isArray(operand) || operand.length === 0) {
          return this.error(here, 'must be a non-empty list of conditions');
        }
        operand.forEach((inner, i) => this.node(inner, `${here}[${i}]`, depth + 1));
        return;
      case 'not':
        return this.node(operand, here, depth + 1);
      case 'equals':
      case 'in':
      case 'answered':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return this.leaf(operator as keyof typeof LEAF_FIELDS, operand, here);
      default:
        return this.error(
          path,
          `unknown operator "${operator}"; expected one of ${operatorList()}`,
        );
    }
  }

  private leaf(operator: keyof typeof LEAF_FIELDS, operand: unknown, path: string): void {
    if (!isRecord(operand))
      return this.error(path, `must be an object with ${LEAF_FIELDS[operator].join(' and ')}`);
    const fields = LEAF_FIELDS[operator];
    const unknown = Object.keys(operand).filter((name) => !fields.includes(name));
    if (unknown.length > 0)
      return this.error(
        path,
        `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`,
      );
    const missing = fields.filter((name) => !(name in operand));
    if (missing.length > 0) return this.error(`${path}.${missing[0]}`, 'is required');
    const question = this.reference(operand.question, `${path}.question`);
    if (!question) return;
    const type = question.type;
    if (operator === 'answered') return;
    if (operator === 'equals') return this.equalsValue(question, operand.value, `${path}.value`);
    if (operator === 'in') return this.inValues(question, operand.values, `${path}.values`);
    return this.comparisonValue(operator, type, question.key, operand.value, `${path}.value`);
  }

  private reference(value: unknown, path: string): QuestionDefinition | undefined {
    if (typeof value !== 'string' || value === '') {
      this.error(path, 'must be a question key');
      return undefined;
    }
    const place = this.owner.placeOf(value);
    if (!place) {
      this.error(path, `refers to unknown question "${value}"`);
      return undefined;
    }
    if (value === this.subject && !this.selfAllowed) {
      this.error(path, `question "${value}" cannot depend on itself (circular reference)`);
      return undefined;
    }
    if (place.index > this.subjectIndex) {
      this.error(
        path,
        `refers to question "${value}", which comes after "${this.subject}"; conditions may only read earlier questions`,
      );
      return undefined;
    }
    this.named.push(value);
    return place.question;
  }

  private equalsValue(question: QuestionDefinition, value: unknown, path: string): void {
    switch (question.type) {
      case 'BOOLEAN':
        if (typeof value !== 'boolean') this.mismatch(path, question, 'true or false');
        return;
      case 'NUMBER':
        if (typeof value !== 'number' || !Number.isFinite(value))
          this.mismatch(path, question, 'a number');
        return;
      case 'DATE':
        if (typeof value !== 'string' || !ISO_DATE.test(value))
          this.mismatch(path, question, 'a date as YYYY-MM-DD');
        return;
      case 'TEXT':
        if (typeof value !== 'string') this.mismatch(path, question, 'a string');
        return;
      case 'SINGLE_CHOICE':
        if (typeof value !== 'string') return this.mismatch(path, question, 'an option key');
        this.option(question, value, path);
        return;
      case 'MULTI_CHOICE':
        this.error(
          path,
          `question "${question.key}" is MULTI_CHOICE; use "in" to test its selected options`,
        );
        return;
    }
  }

  private inValues(question: QuestionDefinition, values: unknown, path: string): void {
    if (!CHOICE_TYPES.includes(question.type)) {
      return this.error(
        path,
        `"in" tests choice questions, and "${question.key}" is ${question.type}`,
      );
    }
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      !values.every((v) => typeof v === 'string')
    ) {
      return this.error(path, 'must be a non-empty list of option keys');
    }
    values.forEach((value: string, i) => this.option(question, value, `${path}[${i}]`));
  }

  private comparisonValue(
    operator: string,
    type: QuestionType,
    key: string,
    value: unknown,
    path: string,
  ): void {
    if (type === 'NUMBER') {
      if (typeof value !== 'number' || !Number.isFinite(value))
        this.error(path, `question "${key}" is NUMBER; "${operator}" needs a number`);
      return;
    }
    if (type === 'DATE') {
      if (typeof value !== 'string' || !ISO_DATE.test(value))
        this.error(path, `question "${key}" is DATE; "${operator}" needs a date as YYYY-MM-DD`);
      return;
    }
    this.error(path, `"${operator}" compares NUMBER and DATE questions, and "${key}" is ${type}`);
  }

  private option(question: QuestionDefinition, value: string, path: string): void {
    if (!(question.options ?? []).some((option) => option.key === value)) {
      this.error(path, `"${value}" is not an option of question "${question.key}"`);
    }
  }

  private mismatch(path: string, question: QuestionDefinition, expected: string): void {
    this.error(
      path,
      `question "${question.key}" is ${question.type}; the value must be ${expected}`,
    );
  }

  private error(path: string, message: string): void {
    this.failed = true;
    this.owner.error(path, message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operatorList(): string {
  return CONDITION_OPERATORS.map((operator) => `"${operator}"`).join(', ');
}

/** Questions in document order. */
export function questionsOf(definition: TemplateDefinition): QuestionDefinition[] {
  return definition.sections.flatMap((section) => section.questions);
}
