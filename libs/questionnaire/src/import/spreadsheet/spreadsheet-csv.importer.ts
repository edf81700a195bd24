import { CsvError, parse } from 'csv-parse/sync';
import type { ImportOutcome, Importer } from '../import-types.js';
import { importQuestionSheet } from './question-sheet.js';

/**
 * Imports the question sheet saved as CSV. UTF-8 (with or without BOM) and
 * UTF-16 with BOM are read; comma, semicolon or tab separated, as spreadsheet
 * programs in different locales write them.
 */
export const importSpreadsheetCsv: Importer = (content, options) => {
  const text = decode(content);
  if (text === undefined) {
    return failure(
      'file',
      'the file is not UTF-8 text; in Excel choose "CSV UTF-8 (Comma delimited)" when saving',
    );
  }
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? `line ${error.lines}` : 'file';
    return failure(line, csvMessage(error));
  }
  return importQuestionSheet({ rows, csv: true }, options);
};

function decode(content: Buffer): string | undefined {
  if (content[0] === 0xff && content[1] === 0xfe) return content.subarray(2).toString('utf16le');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** The separator used most in the header line; header names contain none of them. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function csvMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is not closed: a " is missing';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a quoted cell must be doubled ("")';
    default:
      return error.message;
  }
}

function failure(location: string, message: string): ImportOutcome {
  return { ok: false, errors: [{ location, message }], warnings: [] };
}
