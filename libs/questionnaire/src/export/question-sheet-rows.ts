import type {
  LocalizedText,
  QuestionDefinition,
  SectionDefinition,
  TemplateDefinition,
} from '../definition/definition.schema.js';
import { formatCondition } from '../import/spreadsheet/condition-syntax.js';
import {
  LIST_SEPARATOR_OPTIONS,
  LIST_SEPARATOR_REFERENCES,
  QUESTION_COLUMNS,
  encodeListEntry,
} from '../import/spreadsheet/spreadsheet-layout.js';

/** A cell before it is written: XLSX keeps the type, CSV spells it out. */
export type ExportCell = string | number | boolean | null;

export interface QuestionSheetRows {
  /** Column names, e.g. `section_key`, `text:en`. */
  readonly header: readonly string[];
  readonly rows: readonly (readonly ExportCell[])[];
}

/**
 * One row per question, every column for every declared language, section
 * columns repeated on each row so rows can be moved without losing their section.
 * Language columns follow the definition's language order, which the importer
 * reads back as the declared order.
 */
export function questionSheetRows(definition: TemplateDefinition): QuestionSheetRows {
  const columns = QUESTION_COLUMNS.flatMap((spec): { name: string; language?: string }[] =>
    spec.localized
      ? definition.languages.map((language) => ({ name: `${spec.name}:${language}`, language }))
      : [{ name: spec.name }],
  );
  const rows = definition.sections.flatMap((section) =>
    section.questions.map((question) =>
      columns.map(({ name, language }) =>
        cellFor(name.split(':')[0]!, language, section, question),
      ),
    ),
  );
  return { header: columns.map((column) => column.name), rows };
}

function cellFor(
  column: string,
  language: string | undefined,
  section: SectionDefinition,
  question: QuestionDefinition,
): ExportCell {
  const lang = language ?? '';
  switch (column) {
    case 'section_key':
      return section.key;
    case 'section_title':
      return text(section.title, lang);
    case 'section_weight':
      return section.weight;
    case 'section_description':
      return text(section.description, lang);
    case 'question_key':
      return question.key;
    case 'type':
      return question.type;
    case 'required':
      return question.required;
    case 'weight':
      return question.weight;
    case 'text':
      return text(question.text, lang);
    case 'help':
      return text(question.help, lang);
    case 'options':
      return question.options === undefined || question.options.length === 0
        ? null
        : question.options
            .map((option) =>
              option.points === undefined ? option.key : `${option.key}=${option.points}`,
            )
            .join('\n');
    case 'option_labels': {
      const labels = (question.options ?? []).map((option) => option.label[lang] ?? '');
      return labels.every((label) => label === '')
        ? null
        : labels.map((label) => encodeListEntry(label, LIST_SEPARATOR_OPTIONS)).join('\n');
    }
    case 'yes_points':
      return question.points?.yes ?? null;
    case 'no_points':
      return question.points?.no ?? null;
    case 'min':
      return question.min ?? null;
    case 'max':
      return question.max ?? null;
    case 'not_applicable':
      return question.allowNotApplicable;
    case 'evidence':
      return question.evidence;
    case 'references':
      return question.references.length === 0
        ? null
        : question.references
            .map((reference) => encodeListEntry(reference, LIST_SEPARATOR_REFERENCES))
            .join(`${LIST_SEPARATOR_REFERENCES} `);
    case 'visible_when':
      return question.visibleWhen === undefined ? null : formatCondition(question.visibleWhen);
    case 'knockout_when':
      return question.knockout === undefined ? null : formatCondition(question.knockout.failWhen);
    case 'knockout_severity':
      return question.knockout?.severity ?? null;
    case 'knockout_finding':
      return text(question.knockout?.finding, lang);
    case 'flag_when':
      return question.flag === undefined ? null : formatCondition(question.flag.when);
    case 'flag_severity':
      return question.flag?.severity ?? null;
    case 'flag_finding':
      return text(question.flag?.finding, lang);
    default:
      throw new Error(`No value for column "${column}"`);
  }
}

/** An empty text is no text: a blank cell cannot say more. */
function text(value: LocalizedText | undefined, language: string): string | null {
  const found = value?.[language];
  return found === undefined || found === '' ? null : found;
}
