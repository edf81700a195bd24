import type {
  QuestionDefinition,
  SectionDefinition,
  TemplateDefinition,
} from './definition.schema.js';

/** One leaf that differs: `text.zh-CN`, `options[tls12].points`, `visibleWhen`, `section`. */
export interface FieldChange {
  readonly field: string;
  /** Undefined where the field did not exist on that side. */
  readonly before: unknown;
  readonly after: unknown;
}

export interface KeyedChange {
  readonly key: string;
  readonly changes: readonly FieldChange[];
}

export interface PlacedKey {
  readonly key: string;
  readonly section: string;
}

export interface DefinitionDiff {
  readonly languagesAdded: readonly string[];
  readonly languagesRemoved: readonly string[];
  readonly sectionsAdded: readonly string[];
  readonly sectionsRemoved: readonly string[];
  readonly sectionsChanged: readonly KeyedChange[];
  readonly questionsAdded: readonly PlacedKey[];
  readonly questionsRemoved: readonly PlacedKey[];
  readonly questionsChanged: readonly KeyedChange[];
}

/** Fields whose whole value is compared: conditions are read as one expression. */
const WHOLE = new Set(['visibleWhen', 'knockout.failWhen', 'flag.when', 'references', 'languages']);

/**
 * The structured difference between two definitions, matching sections and questions by key:
 * what was added, removed, and for what changed, each field that changed with both values.
 */
export function diffDefinitions(from: TemplateDefinition, to: TemplateDefinition): DefinitionDiff {
  const fromSections = new Map(from.sections.map((section) => [section.key, section]));
  const toSections = new Map(to.sections.map((section) => [section.key, section]));
  const fromQuestions = questionIndex(from);
  const toQuestions = questionIndex(to);
  return {
    languagesAdded: to.languages.filter((language) => !from.languages.includes(language)),
    languagesRemoved: from.languages.filter((language) => !to.languages.includes(language)),
    sectionsAdded: [...toSections.keys()].filter((key) => !fromSections.has(key)),
    sectionsRemoved: [...fromSections.keys()].filter((key) => !toSections.has(key)),
    sectionsChanged: changedPairs(fromSections, toSections, sectionFields),
    questionsAdded: placedMissing(toQuestions, fromQuestions),
    questionsRemoved: placedMissing(fromQuestions, toQuestions),
    questionsChanged: changedPairs(fromQuestions, toQuestions, ({ section, question }) => ({
      section,
      ...question,
    })),
  };
}

interface Placed {
  readonly section: string;
  readonly question: QuestionDefinition;
}

function questionIndex(definition: TemplateDefinition): Map<string, Placed> {
  const index = new Map<string, Placed>();
  for (const section of definition.sections) {
    for (const question of section.questions)
      index.set(question.key, { section: section.key, question });
  }
  return index;
}

function sectionFields({ questions: _questions, ...fields }: SectionDefinition): object {
  return fields;
}

function placedMissing(from: Map<string, Placed>, other: Map<string, Placed>): PlacedKey[] {
  return [...from]
    .filter(([key]) => !other.has(key))
    .map(([key, placed]) => ({ key, section: placed.section }));
}

function changedPairs<T>(
  from: ReadonlyMap<string, T>,
  to: ReadonlyMap<string, T>,
  fields: (value: T) => object,
): KeyedChange[] {
  const changed: KeyedChange[] = [];
  for (const [key, after] of to) {
    const before = from.get(key);
    if (before === undefined) continue;
    const changes = diffLeaves(leaves(fields(before)), leaves(fields(after)));
    if (changes.length > 0) changed.push({ key, changes });
  }
  return changed;
}

function diffLeaves(before: Map<string, unknown>, after: Map<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(field);
    const b = after.get(field);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/** Flattens a value into field paths; lists of keyed items are indexed by key. */
function leaves(value: object): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, path: string): void => {
    if (path !== '' && WHOLE.has(path.replace(/\[[^\]]*\]/g, ''))) {
      out.set(path, node);
      return;
    }
    if (Array.isArray(node) && node.every((item) => isKeyed(item))) {
      for (const item of node as { key: string }[]) {
        const { key, ...rest } = item;
        walk(rest, `${path}[${key}]`);
      }
      if (node.length === 0) out.set(path, []);
      return;
    }
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [name, inner] of Object.entries(node)) {
        if (inner !== undefined) walk(inner, path === '' ? name : `${path}.${name}`);
      }
      return;
    }
    out.set(path, node);
  };
  walk(value, '');
  return out;
}

function isKeyed(item: unknown): item is { key: string } {
  return (
    typeof item === 'object' && item !== null && typeof (item as { key?: unknown }).key === 'string'
  );
}
