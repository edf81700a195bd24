import readXlsxFile, { type Sheet } from 'read-excel-file/node';
import { LANGUAGE_TAG, type LocalizedText } from '../../definition/definition.schema.js';
import type { ImportMessage, ImportOutcome, Importer } from '../import-types.js';
import { importQuestionSheet, type SheetRows } from './question-sheet.js';
import { ABOUT_SHEET, QUESTIONS_SHEET, canonicalLanguageTag } from './spreadsheet-layout.js';

/**
 * Imports the question sheet from an XLSX workbook: the worksheet named
 * `questions`, or else the first one. An `about` worksheet, when present,
 * carries the questionnaire's title and description.
 */
export const importSpreadsheetXlsx: Importer = async (content, options) => {
  let sheets: Sheet[];
  try {
    // Text is kept as written: spaces and line breaks are part of question texts.
    sheets = await readXlsxFile(content, { trim: false });
  } catch (error) {
    return failure(unreadable(error));
  }
  const questions = sheetNamed(sheets, QUESTIONS_SHEET) ?? sheets[0];
  if (!questions) return failure('the workbook has no worksheets');
  const about = sheetNamed(sheets, ABOUT_SHEET);
  const meta = about && about !== questions ? readAbout(about) : { warnings: [] };
  return importQuestionSheet({ rows: questions.data as SheetRows, csv: false, ...meta }, options);
};

function sheetNamed(sheets: readonly Sheet[], name: string): Sheet | undefined {
  return sheets.find((sheet) => sheet.sheet.trim().toLowerCase() === name);
}

interface About {
  title?: LocalizedText;
  description?: LocalizedText;
  warnings: ImportMessage[];
}

/** `field | en | zh-CN` over `title | ... ` and `description | ...` rows; other rows are notes. */
function readAbout(sheet: Sheet): About {
  const about: About = { warnings: [] };
  const rows = sheet.data;
  const headerIndex = rows.findIndex((row) => row.some((cell) => text(cell).trim() !== ''));
  if (headerIndex < 0) return about;
  const languages = new Map<number, string>();
  rows[headerIndex]!.forEach((cell, index) => {
    const header = text(cell).trim();
    if (index === 0 || header === '') return;
    const language = canonicalLanguageTag(header);
    if (LANGUAGE_TAG.test(language)) languages.set(index, language);
    else {
      about.warnings.push({
        location: `sheet "${sheet.sheet}", row ${headerIndex + 1}`,
        message: `"${header}" is not a language tag such as en or zh-CN; the column is ignored`,
      });
    }
  });
  for (const row of rows.slice(headerIndex + 1)) {
    const field = text(row[0]).trim().toLowerCase();
    if (field !== 'title' && field !== 'description') continue;
    const values: Record<string, string> = {};
    for (const [index, language] of languages) {
      const value = text(row[index]);
      if (value !== '') values[language] = value;
    }
    if (Object.keys(values).length > 0 && about[field] === undefined) about[field] = values;
  }
  return about;
}

function text(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell : String(cell);
}

function unreadable(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'XLS_FILE_NOT_SUPPORTED') {
    return 'old .xls workbooks are not supported; save the file as .xlsx';
  }
  return `the file is not a readable XLSX workbook (${(error as Error).message})`;
}

function failure(message: string): ImportOutcome {
  return { ok: false, errors: [{ location: 'file', message }], warnings: [] };
}
