/**
 * The spreadsheet layout shared by the CSV and XLSX importers and the exporter:
 * one row per question, columns matched by name. Documented for users in
 * docs/questionnaire-spreadsheet.md; keep the two in step.
 */

export interface ColumnSpec {
  readonly name: string;
  /** Takes a language suffix, `text:en`; without one it means the default language. */
  readonly localized: boolean;
  readonly required: boolean;
  /** One line for the column reference written into exported workbooks. */
  readonly description: string;
}

/** In the order the exporter writes them. */
export const QUESTION_COLUMNS: readonly ColumnSpec[] = [
  column('section_key', 'required', 'The section the question belongs to (a stable key).'),
  localized('section_title', 'The section title; the first row of a section sets it.'),
  column('section_weight', 'optional', 'The section weight, a number from 0 to 1000 (default 1).'),
  localized('section_description', 'The section description.'),
  column('question_key', 'required', 'A stable key for the question, unique in the file.'),
  column('type', 'required', 'BOOLEAN, SINGLE_CHOICE, MULTI_CHOICE, TEXT, NUMBER or DATE.'),
  column('required', 'optional', 'yes or no (default no).'),
  column('weight', 'optional', 'The question weight, a number from 0 to 1000 (default 1).'),
  localized('text', 'The question text.', true),
  localized('help', 'Help shown under the question.'),
  column(
    'options',
    'optional',
    'Choice questions: key=points entries, one per line or split by |.',
  ),
  localized('option_labels', 'One label per option, in the order of "options".'),
  column('yes_points', 'optional', 'BOOLEAN questions: points for yes.'),
  column('no_points', 'optional', 'BOOLEAN questions: points for no.'),
  column('min', 'optional', 'NUMBER questions: the smallest accepted answer.'),
  column('max', 'optional', 'NUMBER questions: the largest accepted answer.'),
  column(
    'not_applicable',
    'optional',
    'yes if "not applicable" is an accepted answer (default no).',
  ),
  column('evidence', 'optional', 'NONE, OPTIONAL or REQUIRED (default NONE).'),
  column('references', 'optional', 'References such as GDPR Art. 32, split by ; or new lines.'),
  column('visible_when', 'optional', 'Show the question only when this condition holds.'),
  column('knockout_when', 'optional', 'The answers that fail the control, as a condition.'),
  column(
    'knockout_severity',
    'optional',
    'LOW, MEDIUM, HIGH or CRITICAL; needed with knockout_when.',
  ),
  localized('knockout_finding', 'What the finding raised by a failed knockout says.'),
  column(
    'flag_when',
    'optional',
    'The answers that raise a finding without failing the control, as a condition.',
  ),
  column('flag_severity', 'optional', 'LOW, MEDIUM, HIGH or CRITICAL; needed with flag_when.'),
  localized(
    'flag_finding',
    'What the finding raised by a flagged answer says; needed with flag_when.',
  ),
];

export const COLUMN_BY_NAME: ReadonlyMap<string, ColumnSpec> = new Map(
  QUESTION_COLUMNS.map((spec) => [spec.name, spec]),
);

/** The worksheet the XLSX importer prefers, and the exporter's sheet names. */
export const QUESTIONS_SHEET = 'questions';
export const ABOUT_SHEET = 'about';
export const COLUMNS_SHEET = 'columns';

export const LIST_SEPARATOR_OPTIONS = '|';
export const LIST_SEPARATOR_REFERENCES = ';';

/** `text:zh-cn` -> `zh-CN`: language subtags lower case, script title case, region upper case. */
export function canonicalLanguageTag(tag: string): string {
  return tag
    .trim()
    .split('-')
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 4) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toUpperCase();
    })
    .join('-');
}

/** `Section Title` and `section-title` both name `section_title`. */
export function canonicalColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Splits a list cell at new lines and at unescaped `separator`s. Entries keep
 * their escapes; `decodeListEntry` resolves them after trimming.
 */
export function splitListCell(cell: string, separator: string): string[] {
  const entries: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const char = cell[i]!;
    if (char === '\\' && i + 1 < cell.length) {
      current += char + cell[i + 1]!;
      i += 1;
    } else if (char === separator || char === '\n' || char === '\r') {
      entries.push(current);
      current = '';
      if (char === '\r' && cell[i + 1] === '\n') i += 1;
    } else {
      current += char;
    }
  }
  entries.push(current);
  return entries;
}

/**
 * Trims an entry and resolves `\\`, `\|`, `\;`, `\n` and `\u{hex}`. Any other
 * backslash stays as written, so `C:\temp` needs no escaping.
 */
export function decodeListEntry(entry: string): string {
  return entry
    .trim()
    .replace(/\\(u\{([0-9A-Fa-f]{1,6})\}|[\\|;n])/g, (whole, escape: string, hex?: string) => {
      if (hex !== undefined) {
        const code = Number.parseInt(hex, 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return escape === 'n' ? '\n' : escape;
    });
}

/** The inverse of `decodeListEntry` for one entry of a list split by `separator`. */
export function encodeListEntry(value: string, separator: string): string {
  let out = '';
  for (const char of value) {
    if (char === '\\') out += '\\\\';
    else if (char === separator) out += `\\${separator}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\u{d}';
    else out += char;
  }
  // Entries are trimmed on import, so whitespace at either end is spelled out.
  const lead = /^\s+/.exec(out)?.[0] ?? '';
  const rest = out.slice(lead.length);
  const trail = /\s+$/.exec(rest)?.[0] ?? '';
  return `${codePoints(lead)}${rest.slice(0, rest.length - trail.length)}${codePoints(trail)}`;
}

function codePoints(whitespace: string): string {
  return [...whitespace].map((char) => `\\u{${char.codePointAt(0)!.toString(16)}}`).join('');
}

/**
 * Spreadsheet programs run a CSV cell that starts with one of these as a
 * formula, so the exporter writes a `'` before it and the importer removes it.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0']);

/** `yes`/`no` in any case and their usual spellings; undefined when it is neither. */
export function parseBooleanWord(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number such as `5`, `-2.5` or `1e3`; undefined otherwise. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER_TEXT.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

function column(name: string, need: 'required' | 'optional', description: string): ColumnSpec {
  return { name, localized: false, required: need === 'required', description };
}

function localized(name: string, description: string, required = false): ColumnSpec {
  return { name, localized: true, required, description };
}
