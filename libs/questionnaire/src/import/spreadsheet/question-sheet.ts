import {
  EVIDENCE_LEVELS,
  FINDING_SEVERITIES,
  KEY_PATTERN,
  LANGUAGE_TAG,
  QUESTION_TYPES,
  type LocalizedText,
  type QuestionType,
  type TemplateDefinitionInput,
} from '../../definition/definition.schema.js';
import {
  finishImport,
  type ImportMessage,
  type ImportOptions,
  type ImportOutcome,
} from '../import-types.js';
import { ConditionSyntaxError, parseConditionCell } from './condition-syntax.js';
import {
  COLUMN_BY_NAME,
  LIST_SEPARATOR_OPTIONS,
  LIST_SEPARATOR_REFERENCES,
  QUESTION_COLUMNS,
  canonicalColumnName,
  canonicalLanguageTag,
  decodeListEntry,
  parseBooleanWord,
  parseNumberText,
  splitListCell,
  unguardCsvCell,
} from './spreadsheet-layout.js';

/** A cell as the readers deliver it: XLSX cells may come typed. */
export type SheetCell = string | number | boolean | Date | null | undefined;
export type SheetRows = readonly (readonly SheetCell[])[];

export interface QuestionSheet {
  readonly rows: SheetRows;
  /** CSV cells may carry the `'` that keeps spreadsheet programs from running formulas. */
  readonly csv: boolean;
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  /** Found while reading the file, before the question rows. */
  readonly warnings?: readonly ImportMessage[];
}

/** Converts the question rows of a spreadsheet, all or nothing. Rows are numbered from 1. */
export function importQuestionSheet(
  sheet: QuestionSheet,
  options: ImportOptions = {},
): ImportOutcome {
  return new QuestionSheetReader(sheet, options).read();
}

interface HeaderColumn {
  readonly index: number;
  readonly header: string;
}

interface Sourced<T> {
  readonly value: T;
  readonly row: number;
}

interface SectionDraft {
  readonly key: string;
  readonly firstRow: number;
  readonly title: Map<string, Sourced<string>>;
  readonly description: Map<string, Sourced<string>>;
  weight?: Sourced<number>;
  readonly questions: Record<string, unknown>[];
  readonly questionRows: number[];
}

interface ParsedOption {
  readonly key: string;
  readonly label: Record<string, string>;
  readonly points?: number;
}

class QuestionSheetReader {
  private readonly errors: ImportMessage[] = [];
  private readonly warnings: ImportMessage[];
  private readonly columns = new Map<string, HeaderColumn>();
  private readonly languages: string[] = [];
  private readonly defaultLanguage: string;
  private readonly sections = new Map<string, SectionDraft>();
  private readonly types = new Map<string, QuestionType>();
  private headerRow = 1;

  constructor(
    private readonly sheet: QuestionSheet,
    private readonly importOptions: ImportOptions,
  ) {
    this.warnings = [...(sheet.warnings ?? [])];
    this.defaultLanguage = canonicalLanguageTag(importOptions.language ?? 'en');
  }

  read(): ImportOutcome {
    const rows = this.sheet.rows;
    const headerIndex = rows.findIndex((row) => !this.isBlank(row));
    if (headerIndex < 0) {
      this.errors.push({
        location: 'file',
        message: 'the file has no header row and no questions',
      });
      return this.finish();
    }
    this.headerRow = headerIndex + 1;
    this.readHeader(rows[headerIndex]!);
    if (this.errors.length > 0) return this.finish();

    const dataRows: { row: readonly SheetCell[]; number: number }[] = [];
    rows.forEach((row, index) => {
      if (index > headerIndex && !this.isBlank(row)) dataRows.push({ row, number: index + 1 });
    });
    if (dataRows.length === 0) {
      this.errors.push({
        location: `row ${this.headerRow}`,
        message: 'there are no question rows below the header',
      });
      return this.finish();
    }
    this.collectKeys(dataRows);
    let current: SectionDraft | undefined;
    dataRows.forEach(({ row, number }, i) => {
      current = this.readRow(new RowCells(this, row, number), current);
      this.importOptions.onProgress?.(i + 1, dataRows.length);
    });
    return this.finish();
  }

  private finish(): ImportOutcome {
    const primary = this.languages[0] ?? this.defaultLanguage;
    // Shape problems in the assembled document are finishImport's to report.
    const definition = {
      languages: this.languages,
      sections: [...this.sections.values()].map((section) => ({
        key: section.key,
        title: section.title.size > 0 ? textOf(section.title) : { [primary]: section.key },
        ...(section.description.size > 0 ? { description: textOf(section.description) } : {}),
        ...(section.weight ? { weight: section.weight.value } : {}),
        questions: section.questions,
      })),
    };
    const questionnaire = {
      ...(this.sheet.title ? { title: this.sheet.title } : {}),
      ...(this.sheet.description ? { description: this.sheet.description } : {}),
      definition: definition as TemplateDefinitionInput,
    };
    const outcome = finishImport(questionnaire, this.errors, this.warnings);
    // finishImport names definition paths; people editing a sheet need rows and columns.
    if (outcome.ok) return { ...outcome, warnings: outcome.warnings.map((m) => this.relocate(m)) };
    return {
      ...outcome,
      errors: outcome.errors.map((m) => this.relocate(m)),
      warnings: outcome.warnings.map((m) => this.relocate(m)),
    };
  }

  private readHeader(row: readonly SheetCell[]): void {
    const seen = new Map<string, string>();
    row.forEach((cell, index) => {
      const header = cellText(cell, this.sheet.csv).trim();
      if (header === '') return;
      const colon = header.indexOf(':');
      const name = canonicalColumnName(colon < 0 ? header : header.slice(0, colon));
      const spec = COLUMN_BY_NAME.get(name);
      if (!spec || (!spec.localized && colon >= 0)) {
        this.warn(header, `unknown column "${header}"; its values are ignored`);
        return;
      }
      let id = name;
      if (spec.localized) {
        const tag = colon < 0 ? this.defaultLanguage : header.slice(colon + 1);
        const language = canonicalLanguageTag(tag);
        if (!LANGUAGE_TAG.test(language)) {
          this.fail(header, `"${tag}" is not a language tag such as en or zh-CN`);
          return;
        }
        if (!this.languages.includes(language)) this.languages.push(language);
        id = `${name}:${language}`;
      }
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        this.fail(header, `the same column as "${earlier}"; each column may appear once`);
        return;
      }
      seen.set(id, header);
      this.columns.set(id, { index, header });
    });
    for (const spec of QUESTION_COLUMNS) {
      if (!spec.required) continue;
      const present = spec.localized
        ? this.languages.some((language) => this.columns.has(`${spec.name}:${language}`))
        : this.columns.has(spec.name);
      if (!present) {
        const example = spec.localized ? ` (one per language, e.g. "${spec.name}:en")` : '';
        this.errors.push({
          location: `row ${this.headerRow}`,
          message: `missing required column "${spec.name}"${example}`,
        });
      }
    }
  }

  /** Keys and types first: conditions may name any question, and keys must be unique. */
  private collectKeys(rows: readonly { row: readonly SheetCell[]; number: number }[]): void {
    const firstRow = new Map<string, number>();
    for (const { row, number } of rows) {
      const cells = new RowCells(this, row, number);
      const key = cells.trimmed('question_key');
      if (key === '') continue;
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        cells.error('question_key', `question key "${key}" is already used in row ${earlier}`);
        continue;
      }
      firstRow.set(key, number);
      const type = questionType(cells.trimmed('type'));
      if (type) this.types.set(key, type);
    }
  }

  private readRow(cells: RowCells, current: SectionDraft | undefined): SectionDraft | undefined {
    const section = this.sectionOf(cells, current);
    const key = cells.trimmed('question_key');
    if (key === '') cells.error('question_key', 'a question key is required');
    const typeText = cells.trimmed('type');
    const type = questionType(typeText);
    if (typeText === '') cells.error('type', `a type is required: ${QUESTION_TYPES.join(', ')}`);
    else if (!type) {
      cells.error('type', `unknown type "${typeText}"; expected ${QUESTION_TYPES.join(', ')}`);
    }
    const question: Record<string, unknown> = {
      key,
      type: type ?? typeText,
      text: cells.localized('text') ?? {},
    };
    const help = cells.localized('help');
    if (help) question.help = help;
    setIfDefined(question, 'required', cells.boolean('required'));
    setIfDefined(question, 'weight', cells.number('weight'));
    setIfDefined(question, 'options', this.choiceOptions(cells));
    const yes = cells.number('yes_points');
    const no = cells.number('no_points');
    if (yes !== undefined && no !== undefined) question.points = { yes, no };
    else if (yes !== undefined) cells.error('no_points', 'give points for no as well as for yes');
    else if (no !== undefined) cells.error('yes_points', 'give points for yes as well as for no');
    setIfDefined(question, 'min', cells.number('min'));
    setIfDefined(question, 'max', cells.number('max'));
    setIfDefined(question, 'allowNotApplicable', cells.boolean('not_applicable'));
    setIfDefined(question, 'evidence', cells.choice('evidence', EVIDENCE_LEVELS));
    const references = splitListCell(cells.text('references'), LIST_SEPARATOR_REFERENCES)
      .map(decodeListEntry)
      .filter((reference) => reference !== '');
    if (references.length > 0) question.references = references;
    setIfDefined(question, 'visibleWhen', this.condition(cells, 'visible_when'));
    setIfDefined(question, 'knockout', this.knockout(cells));
    setIfDefined(question, 'flag', this.flag(cells));
    if (section) {
      section.questions.push(question);
      section.questionRows.push(cells.rowNumber);
    }
    return section;
  }

  private sectionOf(cells: RowCells, current: SectionDraft | undefined): SectionDraft | undefined {
    const key = cells.trimmed('section_key');
    if (key === '') {
      // A blank section key continues the section above, so it need not be repeated.
      if (!current) cells.error('section_key', 'the first question needs a section key');
      else this.mergeSection(current, cells);
      return current;
    }
    let section = this.sections.get(key);
    if (!section) {
      section = {
        key,
        firstRow: cells.rowNumber,
        title: new Map(),
        description: new Map(),
        questions: [],
        questionRows: [],
      };
      this.sections.set(key, section);
    } else if (section !== current) {
      cells.warning(
        'section_key',
        `section "${key}" continues here after other sections; its questions are kept together with those from row ${section.firstRow}`,
      );
    }
    this.mergeSection(section, cells);
    return section;
  }

  /** The first value given for a section wins; a different later one is reported. */
  private mergeSection(section: SectionDraft, cells: RowCells): void {
    for (const [field, values] of [
      ['section_title', section.title],
      ['section_description', section.description],
    ] as const) {
      for (const [language, value] of Object.entries(cells.localized(field) ?? {})) {
        const earlier = values.get(language);
        if (!earlier) values.set(language, { value, row: cells.rowNumber });
        else if (earlier.value !== value) {
          cells.warning(
            `${field}:${language}`,
            `differs from row ${earlier.row} for section "${section.key}"; row ${earlier.row}'s value is kept`,
          );
        }
      }
    }
    const weight = cells.number('section_weight');
    if (weight === undefined) return;
    if (!section.weight) section.weight = { value: weight, row: cells.rowNumber };
    else if (section.weight.value !== weight) {
      cells.warning(
        'section_weight',
        `differs from row ${section.weight.row} for section "${section.key}"; row ${section.weight.row}'s value is kept`,
      );
    }
  }

  private choiceOptions(cells: RowCells): ParsedOption[] | undefined {
    const entries = splitListCell(cells.text('options'), LIST_SEPARATOR_OPTIONS)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const labelColumns = this.languages.filter(
      (language) => cells.text(`option_labels:${language}`).trim() !== '',
    );
    if (entries.length === 0) {
      for (const language of labelColumns) {
        cells.error(`option_labels:${language}`, 'there are labels but no "options"');
      }
      return undefined;
    }
    let malformed = false;
    const options = entries.map((entry, i): ParsedOption => {
      const equals = entry.indexOf('=');
      const key = (equals < 0 ? entry : entry.slice(0, equals)).trim();
      const pointsText = equals < 0 ? '' : entry.slice(equals + 1).trim();
      if (!KEY_PATTERN.test(key)) {
        malformed = true;
        cells.error(
          'options',
          `option ${i + 1} "${entry}" is not key or key=points; a key is 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit`,
        );
      }
      if (pointsText === '') return { key, label: {} };
      const points = parseNumberText(pointsText);
      if (points === undefined) {
        malformed = true;
        cells.error('options', `option "${key}": points must be a number, found "${pointsText}"`);
      }
      return { key, label: {}, ...(points !== undefined ? { points } : {}) };
    });
    for (const language of labelColumns) {
      const column = `option_labels:${language}`;
      const labels = splitListCell(cells.text(column), LIST_SEPARATOR_OPTIONS);
      // A line break left after the last label is not a label.
      if (labels.length === options.length + 1 && labels.at(-1)!.trim() === '') labels.pop();
      if (labels.length !== options.length) {
        cells.error(
          column,
          `has ${labels.length} label${labels.length === 1 ? '' : 's'}, but "options" has ${options.length}; give one label per option, in the same order`,
        );
        continue;
      }
      labels.forEach((label, i) => {
        const text = decodeListEntry(label);
        if (text !== '') options[i]!.label[language] = text;
      });
    }
    if (malformed) return undefined;
    const primary = this.languages[0]!;
    return options.map((option) =>
      Object.keys(option.label).length > 0
        ? option
        : { ...option, label: { [primary]: option.key } },
    );
  }

  private knockout(cells: RowCells): Record<string, unknown> | undefined {
    const failWhen = this.condition(cells, 'knockout_when');
    const severity = cells.choice('knockout_severity', FINDING_SEVERITIES);
    const finding = cells.localized('knockout_finding');
    const given = cells.text('knockout_when').trim() !== '';
    if (!given) {
      if (severity !== undefined)
        cells.error('knockout_severity', 'a severity needs a knockout_when condition');
      if (finding) {
        for (const language of Object.keys(finding)) {
          cells.error(`knockout_finding:${language}`, 'a finding needs a knockout_when condition');
        }
      }
      return undefined;
    }
    if (cells.text('knockout_severity').trim() === '') {
      cells.error(
        'knockout_severity',
        `a knockout needs a severity: ${FINDING_SEVERITIES.join(', ')}`,
      );
    }
    if (failWhen === undefined || severity === undefined) return undefined;
    return { failWhen, severity, ...(finding ? { finding } : {}) };
  }

  /** Like a knockout, but a flag always says what its finding is. */
  private flag(cells: RowCells): Record<string, unknown> | undefined {
    const when = this.condition(cells, 'flag_when');
    const severity = cells.choice('flag_severity', FINDING_SEVERITIES);
    const finding = cells.localized('flag_finding');
    const given = cells.text('flag_when').trim() !== '';
    if (!given) {
      if (severity !== undefined) {
        cells.error('flag_severity', 'a severity needs a flag_when condition');
      }
      if (finding) {
        for (const language of Object.keys(finding)) {
          cells.error(`flag_finding:${language}`, 'a finding needs a flag_when condition');
        }
      }
      return undefined;
    }
    if (cells.text('flag_severity').trim() === '') {
      cells.error('flag_severity', `a flag needs a severity: ${FINDING_SEVERITIES.join(', ')}`);
    }
    if (!finding) {
      const primary = this.languages[0] ?? this.defaultLanguage;
      cells.error(`flag_finding:${primary}`, 'a flag needs a finding: what it says');
    }
    if (when === undefined || severity === undefined || !finding) return undefined;
    return { when, severity, finding };
  }

  private condition(cells: RowCells, column: string): unknown {
    const text = cells.text(column);
    if (text.trim() === '') return undefined;
    try {
      return parseConditionCell(text, (key) => this.types.get(key));
    } catch (error) {
      if (!(error instanceof ConditionSyntaxError)) throw error;
      cells.error(column, error.message);
      return undefined;
    }
  }

  private relocate(message: ImportMessage): ImportMessage {
    const prefix = 'definition ';
    if (!message.location.startsWith(prefix)) return message;
    const place = this.place(message.location.slice(prefix.length));
    if (!place) return message;
    return {
      location: place.column
        ? `row ${place.row}, column "${this.columnName(place.column)}"`
        : `row ${place.row}`,
      message: place.detail ? `${place.detail}: ${message.message}` : message.message,
    };
  }

  private place(path: string): { row: number; column?: string; detail?: string } | undefined {
    if (path === 'languages' || path.startsWith('languages[')) return { row: this.headerRow };
    const match = /^sections\[(\d+)\](?:\.questions\[(\d+)\])?(?:\.(.+))?$/.exec(path);
    if (!match) return undefined;
    const section = [...this.sections.values()][Number(match[1])];
    if (!section) return undefined;
    const primary = this.languages[0] ?? this.defaultLanguage;
    if (match[2] !== undefined) {
      const row = section.questionRows[Number(match[2])];
      if (row === undefined) return undefined;
      return { row, ...questionPlace(match[3], primary) };
    }
    const field = match[3] ?? '';
    const localizedField = /^(title|description)(?:\.(.+))?$/.exec(field);
    if (localizedField) {
      const language = localizedField[2] ?? primary;
      const values = localizedField[1] === 'title' ? section.title : section.description;
      return {
        row: values.get(language)?.row ?? section.firstRow,
        column: `section_${localizedField[1]}:${language}`,
      };
    }
    if (field === 'key') return { row: section.firstRow, column: 'section_key' };
    if (field === 'weight') {
      return { row: section.weight?.row ?? section.firstRow, column: 'section_weight' };
    }
    return { row: section.firstRow };
  }

  /** The column as written in the header, or its canonical name when the file lacks it. */
  columnName(id: string): string {
    return this.columns.get(id)?.header ?? id;
  }

  cellOf(row: readonly SheetCell[], id: string): SheetCell {
    const column = this.columns.get(id);
    return column === undefined ? undefined : row[column.index];
  }

  get csv(): boolean {
    return this.sheet.csv;
  }

  get declaredLanguages(): readonly string[] {
    return this.languages;
  }

  addError(row: number, column: string, message: string): void {
    this.errors.push({ location: `row ${row}, column "${this.columnName(column)}"`, message });
  }

  addWarning(row: number, column: string, message: string): void {
    this.warnings.push({ location: `row ${row}, column "${this.columnName(column)}"`, message });
  }

  private fail(header: string, message: string): void {
    this.errors.push({ location: `row ${this.headerRow}, column "${header}"`, message });
  }

  private warn(header: string, message: string): void {
    this.warnings.push({ location: `row ${this.headerRow}, column "${header}"`, message });
  }

  private isBlank(row: readonly SheetCell[]): boolean {
    return row.every((cell) => cellText(cell, this.sheet.csv).trim() === '');
  }
}

/** The cells of one row, read by column id (`type`, `text:en`), with errors at row and column. */
class RowCells {
  constructor(
    private readonly reader: QuestionSheetReader,
    private readonly row: readonly SheetCell[],
    readonly rowNumber: number,
  ) {}

  /** As written: text keeps its spaces and line breaks. */
  text(column: string): string {
    return cellText(this.reader.cellOf(this.row, column), this.reader.csv);
  }

  trimmed(column: string): string {
    return this.text(column).trim();
  }

  localized(name: string): Record<string, string> | undefined {
    const text: Record<string, string> = {};
    for (const language of this.reader.declaredLanguages) {
      const value = this.text(`${name}:${language}`);
      if (value !== '') text[language] = value;
    }
    return Object.keys(text).length > 0 ? text : undefined;
  }

  boolean(column: string): boolean | undefined {
    const cell = this.reader.cellOf(this.row, column);
    if (typeof cell === 'boolean') return cell;
    const text = this.trimmed(column);
    if (text === '') return undefined;
    const value = parseBooleanWord(text);
    if (value === undefined) this.error(column, `must be yes or no, found "${text}"`);
    return value;
  }

  number(column: string): number | undefined {
    const cell = this.reader.cellOf(this.row, column);
    if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
    const text = this.trimmed(column);
    if (text === '') return undefined;
    const value = typeof cell === 'string' ? parseNumberText(text) : undefined;
    if (value === undefined) this.error(column, `must be a number, found "${text}"`);
    return value;
  }

  choice<T extends string>(column: string, allowed: readonly T[]): T | undefined {
    const text = this.trimmed(column);
    if (text === '') return undefined;
    const value = allowed.find((candidate) => candidate === text.toUpperCase());
    if (value === undefined) {
      this.error(column, `must be one of ${allowed.join(', ')}, found "${text}"`);
    }
    return value;
  }

  error(column: string, message: string): void {
    this.reader.addError(this.rowNumber, column, message);
  }

  warning(column: string, message: string): void {
    this.reader.addWarning(this.rowNumber, column, message);
  }
}

/** Where a problem at `sections[i].questions[j].<field>` lives in the question's row. */
function questionPlace(
  field: string | undefined,
  primary: string,
): { column?: string; detail?: string } {
  if (field === undefined) return {};
  const simple: Record<string, string> = {
    key: 'question_key',
    type: 'type',
    required: 'required',
    weight: 'weight',
    min: 'min',
    max: 'max',
    evidence: 'evidence',
    allowNotApplicable: 'not_applicable',
    knockout: 'knockout_when',
    'knockout.severity': 'knockout_severity',
    flag: 'flag_when',
    'flag.severity': 'flag_severity',
  };
  if (simple[field]) return { column: simple[field] };
  let match = /^(text|help)(?:\.(.+))?$/.exec(field);
  if (match) return { column: `${match[1]}:${match[2] ?? primary}` };
  match = /^options\[(\d+)\]\.label(?:\.(.+))?$/.exec(field);
  if (match) {
    return {
      column: `option_labels:${match[2] ?? primary}`,
      detail: `option ${Number(match[1]) + 1}`,
    };
  }
  match = /^options(?:\[(\d+)\].*)?$/.exec(field);
  if (match) {
    return {
      column: 'options',
      ...(match[1] !== undefined ? { detail: `option ${Number(match[1]) + 1}` } : {}),
    };
  }
  match = /^points(?:\.(yes|no))?$/.exec(field);
  if (match) return { column: `${match[1] ?? 'yes'}_points` };
  match = /^references(?:\[(\d+)\])?$/.exec(field);
  if (match) {
    return {
      column: 'references',
      ...(match[1] !== undefined ? { detail: `reference ${Number(match[1]) + 1}` } : {}),
    };
  }
  match = /^knockout\.finding(?:\.(.+))?$/.exec(field);
  if (match) return { column: `knockout_finding:${match[1] ?? primary}` };
  match = /^flag\.finding(?:\.(.+))?$/.exec(field);
  if (match) return { column: `flag_finding:${match[1] ?? primary}` };
  match = /^(knockout\.failWhen|flag\.when|visibleWhen)(?:\.(.+))?$/.exec(field);
  if (match) {
    const conditionColumns: Record<string, string> = {
      visibleWhen: 'visible_when',
      'knockout.failWhen': 'knockout_when',
      'flag.when': 'flag_when',
    };
    return {
      column: conditionColumns[match[1]!]!,
      ...(match[2] !== undefined ? { detail: `at ${match[2]}` } : {}),
    };
  }
  return { detail: field };
}

function questionType(text: string): QuestionType | undefined {
  const name = text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return QUESTION_TYPES.find((type) => type === name);
}

/** Text of a cell: typed XLSX values are written the way a person would type them. */
function cellText(cell: SheetCell, csv: boolean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return csv ? unguardCsvCell(cell) : cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const iso = cell.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function textOf(values: ReadonlyMap<string, Sourced<string>>): Record<string, string> {
  return Object.fromEntries([...values].map(([language, { value }]) => [language, value]));
}

function setIfDefined(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value !== undefined) target[field] = value;
}
