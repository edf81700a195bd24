import { parse } from 'csv-parse/sync';
import type { ImportMessage } from '../import-types.js';

/** eramba's questionnaire template has exactly these 14 columns, A to N. */
export const ERAMBA_COLUMN_COUNT = 14;

/** One data row of the file, its cells trimmed. */
export interface ErambaRow {
  /** 1-based row of the file as a spreadsheet shows it; the header is row 1. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface ErambaSheet {
  readonly rows: readonly ErambaRow[];
  readonly errors: readonly ImportMessage[];
  readonly warnings: readonly ImportMessage[];
}

/**
 * Reads an eramba questionnaire CSV: decodes it, picks the delimiter, skips the
 * header row whatever it holds (eramba's header is long prose that re-saved
 * files often break), and drops blank separator rows. Column counts are
 * checked here; cell meanings are not.
 */
export function readErambaCsv(content: Buffer): ErambaSheet {
  const warnings: ImportMessage[] = [];
  // One line ending everywhere, so line numbers in messages match editors.
  const text = decode(content, warnings).replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    return { rows: [], errors: [{ location: 'file', message: 'the file is empty' }], warnings };
  }

  const attempts = DELIMITERS.map((delimiter) => parseRecords(text, delimiter));
  // eramba writes commas; a file re-saved by Excel in some locales uses ";" (or tabs
  // for "Unicode text"). The delimiter that yields 14-column rows is the file's.
  const best = attempts.reduce((chosen, attempt) =>
    attempt.fullRows > chosen.fullRows ? attempt : chosen,
  );
  if (best.error) return { rows: [], errors: [best.error], warnings };
  if (best.delimiter !== ',') {
    warnings.push({
      location: 'file',
      message: `the file is ${DELIMITER_NAMES[best.delimiter]}-delimited, not comma-delimited as eramba writes it; read it as such`,
    });
  }

  const errors: ImportMessage[] = [];
  const rows: ErambaRow[] = [];
  for (const record of best.records) {
    const cells = record.cells.map((cell) => cell.trim());
    if (cells.every((cell) => cell === '')) continue;
    // Spreadsheets append empty cells past the last column; they carry nothing.
    while (cells.length > ERAMBA_COLUMN_COUNT && cells[cells.length - 1] === '') cells.pop();
    if (cells.length !== ERAMBA_COLUMN_COUNT) {
      errors.push({
        location: `row ${record.row}`,
        message: `has ${cells.length} column${cells.length === 1 ? '' : 's'}; an eramba questionnaire row has ${ERAMBA_COLUMN_COUNT} (A to N)`,
      });
      continue;
    }
    rows.push({ row: record.row, cells });
  }
  return { rows, errors, warnings };
}

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];
const DELIMITER_NAMES: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
};

interface RawRecord {
  readonly row: number;
  readonly cells: string[];
}

interface ParseAttempt {
  readonly delimiter: Delimiter;
  readonly records: readonly RawRecord[];
  /** Data rows with exactly the 14 columns: how well the delimiter fits. */
  readonly fullRows: number;
  readonly error?: ImportMessage;
}

function parseRecords(text: string, delimiter: Delimiter): ParseAttempt {
  const whole = tryParse(text, delimiter, 0);
  if (!('failedAt' in whole)) return attempt(delimiter, whole.records.slice(1));
  if (whole.failedAt === 1) {
    // The header itself is malformed (a stray quote in eramba's prose): it is
    // skipped regardless of its content, so read on from the second line.
    const newline = text.indexOf('\n');
    const rest = tryParse(newline < 0 ? '' : text.slice(newline + 1), delimiter, 1);
    if (!('failedAt' in rest)) return attempt(delimiter, rest.records);
    return { delimiter, records: [], fullRows: 0, error: rest.error };
  }
  return { delimiter, records: [], fullRows: 0, error: whole.error };
}

function attempt(delimiter: Delimiter, records: RawRecord[]): ParseAttempt {
  const fullRows = records.filter((record) => record.cells.length === ERAMBA_COLUMN_COUNT).length;
  return { delimiter, records, fullRows };
}

type Parsed = { records: RawRecord[] } | { failedAt: number; error: ImportMessage };

function tryParse(text: string, delimiter: Delimiter, lineOffset: number): Parsed {
  try {
    const records = parse(text, {
      delimiter,
      record_delimiter: '\n',
      // Excel reads a quote inside an unquoted cell literally; so do we.
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    return {
      records: records.map((cells, index) => ({ row: index + 1 + lineOffset, cells })),
    };
  } catch (error) {
    const csvError = error as { code?: string; lines?: number; message: string };
    // csv-parse reports an unclosed quote at the end of the file; the useful
    // line is where the quote opened.
    const line =
      csvError.code === 'CSV_QUOTE_NOT_CLOSED'
        ? (unclosedQuoteLine(text, delimiter) ?? csvError.lines ?? 1)
        : (csvError.lines ?? 1);
    const message =
      csvError.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell opens on this line and its closing quote is missing, so the rest of the file would be read into it (a quote inside a quoted cell is written "")'
        : `CSV syntax error: ${csvError.message.replace(/ at line \d+/, '')}`;
    return { failedAt: line, error: { location: `line ${line + lineOffset}`, message } };
  }
}

/** The line on which the quote that is never closed opened. */
function unclosedQuoteLine(text: string, delimiter: string): number | undefined {
  let line = 1;
  let quoted = false;
  let openedAt = 0;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '\n') line += 1;
      else if (char === '"') {
        if (text[i + 1] === '"') i += 1;
        else quoted = false;
      }
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      openedAt = line;
    } else if (char === '\n') {
      line += 1;
      fieldStart = true;
      continue;
    }
    fieldStart = char === delimiter;
  }
  return quoted ? openedAt : undefined;
}

function decode(content: Buffer, warnings: ImportMessage[]): string {
  let text: string;
  if (content[0] === 0xff && content[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(content);
  } else if (content[0] === 0xfe && content[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(content);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      // Excel's plain "CSV" on Windows writes the ANSI code page, not UTF-8.
      text = new TextDecoder('windows-1252').decode(content);
      warnings.push({
        location: 'file',
        message:
          'the file is not UTF-8; it was read as Windows-1252, so check accented and non-Latin characters',
      });
    }
  }
  // TextDecoder drops one BOM; files re-saved by tools can carry another.
  return text.replace(/^\uFEFF+/, '');
}
