import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { LocalizedText, TemplateDefinition } from '../definition/definition.schema.js';
import {
  ASSAY_JSON_FORMAT,
  ASSAY_JSON_FORMAT_VERSION,
} from '../import/assay-json/assay-json-format.js';
import { ImportFormat } from '../import/import-types.js';
import {
  ABOUT_SHEET,
  COLUMNS_SHEET,
  QUESTIONS_SHEET,
  QUESTION_COLUMNS,
  guardCsvCell,
} from '../import/spreadsheet/spreadsheet-layout.js';
import { questionSheetRows, type ExportCell } from './question-sheet-rows.js';

export type ExportFormat =
  ImportFormat.AssayJson | ImportFormat.SpreadsheetXlsx | ImportFormat.SpreadsheetCsv;

export interface ExportableQuestionnaire {
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  readonly definition: TemplateDefinition;
}

export interface ExportedFile {
  readonly content: Buffer;
  readonly mediaType: string;
  /** Without the dot: `json`, `xlsx`, `csv`. */
  readonly extension: string;
}

/**
 * Writes a questionnaire in a format its importer reads back to the same
 * definition. CSV carries only the questions; JSON and XLSX also carry the
 * title and description.
 */
export async function exportQuestionnaire(
  format: ExportFormat,
  questionnaire: ExportableQuestionnaire,
): Promise<ExportedFile> {
  switch (format) {
    case ImportFormat.AssayJson:
      return {
        content: Buffer.from(`${JSON.stringify(assayJson(questionnaire), null, 2)}\n`, 'utf8'),
        mediaType: 'application/json',
        extension: 'json',
      };
    case ImportFormat.SpreadsheetCsv:
      return {
        content: Buffer.from(csv(questionnaire.definition), 'utf8'),
        mediaType: 'text/csv; charset=utf-8',
        extension: 'csv',
      };
    case ImportFormat.SpreadsheetXlsx:
      return {
        content: await xlsx(questionnaire),
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
  }
}

function assayJson({ title, description, definition }: ExportableQuestionnaire): object {
  return {
    format: ASSAY_JSON_FORMAT,
    formatVersion: ASSAY_JSON_FORMAT_VERSION,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    definition,
  };
}

function csv(definition: TemplateDefinition): string {
  const { header, rows } = questionSheetRows(definition);
  const records = [header, ...rows.map((row) => row.map(csvCell))];
  // The byte order mark makes Excel read the file as UTF-8, so Chinese text survives.
  // Line breaks inside cells must be quoted whatever ends the records.
  return stringify(records, {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
  });
}

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (typeof cell === 'number') return String(cell);
  return guardCsvCell(cell);
}

async function xlsx(questionnaire: ExportableQuestionnaire): Promise<Buffer> {
  const { header, rows } = questionSheetRows(questionnaire.definition);
  const questions: SheetData = [
    header.map((name) => ({ value: name, fontWeight: 'bold' as const })),
    ...rows.map((row) => row.map(xlsxCell)),
  ];
  return writeXlsxFile([
    {
      sheet: QUESTIONS_SHEET,
      data: questions,
      columns: header.map((name) => ({ width: columnWidth(name) })),
      stickyRowsCount: 1,
    },
    { sheet: ABOUT_SHEET, data: aboutSheet(questionnaire), columns: [{ width: 14 }] },
    {
      sheet: COLUMNS_SHEET,
      data: columnsSheet(),
      columns: [{ width: 24 }, { width: 10 }, { width: 80 }],
    },
  ]).toBuffer();
}

function xlsxCell(cell: ExportCell): Cell {
  if (typeof cell === 'string' && cell.includes('\n')) {
    return { value: cell, wrap: true, alignVertical: 'top' };
  }
  return cell;
}

function columnWidth(name: string): number {
  const base = name.split(':')[0]!;
  const wide = ['text', 'help', 'section_description', 'knockout_finding', 'flag_finding'];
  if (wide.includes(base)) return 48;
  const medium = ['section_title', 'option_labels', 'visible_when', 'knockout_when', 'flag_when'];
  if (medium.includes(base)) return 32;
  if (['options', 'references', 'section_key', 'question_key', 'type'].includes(base)) return 18;
  return 12;
}

/** Title and description by language, which the XLSX importer reads back. */
function aboutSheet({ title, description, definition }: ExportableQuestionnaire): SheetData {
  const languages = [...definition.languages];
  for (const text of [title, description]) {
    for (const language of Object.keys(text ?? {})) {
      if (!languages.includes(language)) languages.push(language);
    }
  }
  const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });
  const row = (field: string, text: LocalizedText | undefined): Cell[] => [
    bold(field),
    ...languages.map((language) => text?.[language] || null),
  ];
  return [
    [bold('field'), ...languages.map(bold)],
    ...(title ? [row('title', title)] : []),
    ...(description ? [row('description', description)] : []),
    [],
    [
      `The questions are in the "${QUESTIONS_SHEET}" sheet, one row per question; the "${COLUMNS_SHEET}" sheet explains each column.`,
    ],
  ];
}

function columnsSheet(): SheetData {
  const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });
  return [
    [bold('column'), bold('required'), bold('what it holds')],
    ...QUESTION_COLUMNS.map((spec) => [
      spec.localized ? `${spec.name}:<language>` : spec.name,
      spec.required ? 'yes' : 'no',
      spec.description,
    ]),
    [],
    ['Conditions (visible_when, knockout_when, flag_when), for example:'],
    ['tls = yes and (region in (eu, uk) or not (employees > 250))'],
    ['Operators: =, !=, <, <=, >, >=, in (...), is answered, and, or, not, all(...), any(...).'],
  ];
}
