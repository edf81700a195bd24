/**
 * One column of an exported table. CSV and XLSX write the same columns from the same rows; only
 * the cell encoding differs (see csvCell and xlsxCell).
 */
export interface Column<Row> {
  readonly header: string;
  readonly type: CellType;
  /** Width in characters, for XLSX. */
  readonly width?: number;
  readonly value: (row: Row) => CellValue;
}

/**
 * `text` any string; `number`; `boolean` (`yes`/`no` in CSV); `date` a `YYYY-MM-DD` day;
 * `datetime` a Date, in UTC; `list` several strings, written `a; b`.
 */
export type CellType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'list';
export type CellValue = string | number | boolean | Date | readonly string[] | null | undefined;

/** How list cells join their items. */
export const LIST_SEPARATOR = '; ';

/**
 * A cell that starts with one of these is run as a formula by spreadsheet programs opening a
 * CSV file (CSV injection); `'` before earlier quotes keeps neutralising reversible.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Neutralises text a spreadsheet would run as a formula by putting `'` before it (OWASP's
 * advice for CSV): `=HYPERLINK(…)` becomes `'=HYPERLINK(…)`. restoreFormulaText undoes it.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text neutraliseFormula was given. */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

function listOf(value: CellValue): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === null || value === undefined || value === '' ? [] : [String(value as string)];
}

/**
 * A CSV cell: text and lists neutralised against formulas, numbers as JavaScript writes them,
 * booleans `yes`/`no`, days as `YYYY-MM-DD`, times as ISO 8601 in UTC, nothing as empty.
 */
export function csvCell(type: CellType, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
    case 'boolean':
      return value ? 'yes' : 'no';
    case 'datetime':
      return value instanceof Date ? value.toISOString() : neutraliseFormula(String(value));
    case 'list':
      return neutraliseFormula(listOf(value).join(LIST_SEPARATOR));
    case 'date':
    case 'text':
      return neutraliseFormula(String(value as string));
  }
}

/** A day (`YYYY-MM-DD`) as the Date of its UTC midnight, which XLSX shows as that day. */
function dayAsDate(day: string): Date | string {
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? day : date;
}

/**
 * An XLSX cell: typed values (numbers, booleans and dates as such, shown in UTC). Text stays
 * as it is: XLSX keeps it in a string cell, which spreadsheet programs never run as a formula.
 */
export function xlsxCell(
  type: CellType,
  value: CellValue,
): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return Boolean(value);
    case 'date':
      return typeof value === 'string' ? dayAsDate(value) : value instanceof Date ? value : null;
    case 'datetime':
      return value instanceof Date ? value : String(value as string);
    case 'list':
      return listOf(value).join(LIST_SEPARATOR);
    case 'text':
      return String(value as string);
  }
}

/** The XLSX number format of a column type (Excel shows dates through it). */
export function xlsxNumberFormat(type: CellType): string | undefined {
  if (type === 'date') return 'yyyy-mm-dd';
  if (type === 'datetime') return 'yyyy-mm-dd hh:mm:ss';
  return undefined;
}
