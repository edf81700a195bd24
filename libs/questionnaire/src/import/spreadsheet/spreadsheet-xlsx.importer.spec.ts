import { describe, expect, it } from '@jest/globals';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { importSpreadsheetXlsx } from './spreadsheet-xlsx.importer.js';

async function workbook(...sheets: { sheet: string; data: SheetData }[]): Promise<Buffer> {
  return writeXlsxFile(sheets).toBuffer();
}

describe('importSpreadsheetXlsx', () => {
  it('reports a missing required column at the header row', async () => {
    const file = await workbook({
      sheet: 'Sheet1',
      data: [
        ['section_key', 'question_key', 'text:en'],
        ['general', 'q1', 'Is it?'],
      ],
    });
    expect(await importSpreadsheetXlsx(file)).toEqual({
      ok: false,
      errors: [{ location: 'row 1', message: 'missing required column "type"' }],
      warnings: [],
    });
  });

  it('normalizes typed cells: booleans, numbers and numeric keys', async () => {
    const file = await workbook({
      sheet: 'Sheet1',
      data: [
        [
          'section_key',
          'section_weight',
          'question_key',
          'type',
          'text:en',
          'required',
          'weight',
          'yes_points',
          'no_points',
          'not_applicable',
          'min',
          'max',
        ],
        ['s', 2, 'q1', 'BOOLEAN', 'Yes?', true, 0.5, 10, -2, false, null, null],
        ['s', 2, 7, 'NUMBER', 2024, 'Y', 1, null, null, 1, -5, 1e6],
      ],
    });
    const outcome = await importSpreadsheetXlsx(file);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const section = outcome.questionnaire.definition.sections[0]!;
    expect(section.weight).toBe(2);
    expect(section.questions[0]).toMatchObject({
      key: 'q1',
      required: true,
      weight: 0.5,
      points: { yes: 10, no: -2 },
      allowNotApplicable: false,
    });
    expect(section.questions[1]).toMatchObject({
      key: '7',
      text: { en: '2024' },
      required: true,
      allowNotApplicable: true,
      min: -5,
      max: 1_000_000,
    });
  });

  it('reads the "questions" sheet wherever it is, and the title from "about"', async () => {
    const file = await workbook(
      { sheet: 'notes', data: [['anything at all']] },
      {
        sheet: 'About',
        data: [
          ['field', 'en', 'ZH-cn', 'Englisch'],
          ['title', 'Baseline', '基线', 'x'],
          [],
          ['Some note for people'],
        ],
      },
      {
        sheet: 'Questions',
        data: [
          [],
          ['section_key', 'question_key', 'type', 'text:en'],
          ['s', 'q1', 'TEXT', '  keeps its spaces  '],
          ['s', 'q2', 'MULTIPLE', 'Which?'],
        ],
      },
    );
    const outcome = await importSpreadsheetXlsx(file);
    expect(outcome).toEqual({
      ok: false,
      errors: [
        {
          location: 'row 4, column "type"',
          message:
            'unknown type "MULTIPLE"; expected BOOLEAN, SINGLE_CHOICE, MULTI_CHOICE, TEXT, NUMBER, DATE',
        },
      ],
      warnings: [
        {
          location: 'sheet "About", row 1',
          message: '"Englisch" is not a language tag such as en or zh-CN; the column is ignored',
        },
      ],
    });
    const fixed = await workbook(
      {
        sheet: 'about',
        data: [
          ['field', 'en', 'zh-CN'],
          ['title', 'Baseline', '基线'],
        ],
      },
      {
        sheet: 'questions',
        data: [
          ['section_key', 'question_key', 'type', 'text:en'],
          ['s', 'q1', 'TEXT', '  keeps its spaces  '],
        ],
      },
    );
    const ok = await importSpreadsheetXlsx(fixed);
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(ok.questionnaire.title).toEqual({ en: 'Baseline', 'zh-CN': '基线' });
    expect(ok.questionnaire.definition.sections[0]!.questions[0]!.text).toEqual({
      en: '  keeps its spaces  ',
    });
  });

  it('rejects a file that is not a workbook', async () => {
    const outcome = await importSpreadsheetXlsx(Buffer.from('section_key,question_key\n'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]!.location).toBe('file');
    expect(outcome.errors[0]!.message).toMatch(/^the file is not a readable XLSX workbook/);
  });
});
