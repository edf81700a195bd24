import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import readXlsxFile from 'read-excel-file/node';
import type { Condition } from '../definition/condition.js';
import type {
  LocalizedText,
  QuestionType,
  TemplateDefinition,
  TemplateDefinitionInput,
} from '../definition/definition.schema.js';
import { validateDefinition } from '../definition/validate-definition.js';
import { importAssayJson } from '../import/assay-json/assay-json.importer.js';
import { ImportFormat, type Importer } from '../import/import-types.js';
import { importSpreadsheetCsv } from '../import/spreadsheet/spreadsheet-csv.importer.js';
import { importSpreadsheetXlsx } from '../import/spreadsheet/spreadsheet-xlsx.importer.js';
import { exportQuestionnaire, type ExportFormat } from './export-questionnaire.js';

const IMPORTERS: Record<ExportFormat, Importer> = {
  [ImportFormat.AssayJson]: importAssayJson,
  [ImportFormat.SpreadsheetXlsx]: importSpreadsheetXlsx,
  [ImportFormat.SpreadsheetCsv]: importSpreadsheetCsv,
};

/** Every question type, two languages, and the characters that spreadsheet syntax uses. */
function richDefinition(): TemplateDefinitionInput {
  return {
    languages: ['en', 'zh-CN'],
    sections: [
      {
        key: 'governance',
        title: { en: 'Governance, "policy" & people', 'zh-CN': '治理，“政策”与人员' },
        description: {
          en: 'Line one\nLine two | with = signs; and "quotes"',
          'zh-CN': '第一行\n第二行：说明',
        },
        weight: 2,
        questions: [
          {
            key: 'dpo',
            type: 'BOOLEAN',
            required: true,
            text: {
              en: 'Have you appointed a data protection officer (DPO), "formally"?',
              'zh-CN': '是否已正式任命个人信息保护负责人？',
            },
            help: {
              en: 'GDPR Art. 37, PIPL Art. 52.\nAnswer "no" if shared.',
              'zh-CN': '见 PIPL 第52条',
            },
            points: { yes: 10, no: -5 },
            evidence: 'REQUIRED',
            references: ['GDPR Art. 37', 'PIPL Art. 52; note', 'a | b = c'],
            knockout: {
              failWhen: { equals: { question: 'dpo', value: false } },
              severity: 'HIGH',
              finding: { en: 'No DPO, "really"\nSecond line', 'zh-CN': '未任命负责人，需整改' },
            },
          },
          {
            key: 'dpo_name',
            type: 'TEXT',
            text: { en: 'Name of the DPO', 'zh-CN': '负责人姓名' },
            help: { en: 'Full name, e.g. "Li, Wei"' },
            visibleWhen: { equals: { question: 'dpo', value: true } },
          },
          {
            key: 'certifications',
            type: 'MULTI_CHOICE',
            weight: 1.5,
            allowNotApplicable: true,
            text: { en: 'Which certifications do you hold?', 'zh-CN': '持有哪些认证？' },
            references: ['ISO 27001:2022'],
            options: [
              {
                key: 'iso27001',
                label: { en: 'ISO/IEC 27001 | ISMS', 'zh-CN': 'ISO 27001 认证' },
                points: 10,
              },
              { key: 'soc2', label: { en: 'SOC 2, Type II', 'zh-CN': 'SOC 2 二类' }, points: 8.5 },
              {
                key: 'none',
                label: { en: 'None = nothing\nat all', 'zh-CN': '无' },
                points: 0,
              },
              { key: 'pending', label: { en: '  in progress \\ later ' } },
            ],
          },
        ],
      },
      {
        key: 'operations',
        title: { en: 'Operations', 'zh-CN': '运营' },
        weight: 0.5,
        questions: [
          {
            key: 'employees',
            type: 'NUMBER',
            required: true,
            min: 1,
            max: 1_000_000,
            text: { en: 'How many employees?', 'zh-CN': '员工人数？' },
          },
          {
            key: 'last_audit',
            type: 'DATE',
            text: { en: 'Date of the last audit', 'zh-CN': '最近一次审计日期' },
            flag: {
              when: { lt: { question: 'last_audit', value: '2022-01-01' } },
              severity: 'LOW',
              finding: { en: 'Audit older than "2022"\nPlan one', 'zh-CN': '审计过旧，需安排' },
            },
            visibleWhen: {
              any: [
                { in: { question: 'certifications', values: ['iso27001', 'soc2'] } },
                { gt: { question: 'employees', value: 250 } },
              ],
            },
          },
          {
            key: 'hosting',
            type: 'SINGLE_CHOICE',
            text: { en: 'Where is the data hosted?', 'zh-CN': '数据托管在哪里？' },
            options: [
              { key: 'cloud', label: { en: 'Public cloud', 'zh-CN': '公有云' }, points: 5 },
              { key: 'onprem', label: { en: 'On premises', 'zh-CN': '本地' }, points: 3 },
              { key: 'hybrid', label: { en: 'key=value; hybrid', 'zh-CN': '混合' } },
            ],
            visibleWhen: {
              all: [
                { not: { equals: { question: 'dpo_name', value: 'n/a, "none"' } } },
                {
                  any: [
                    { gte: { question: 'last_audit', value: '2023-01-01' } },
                    { lt: { question: 'last_audit', value: '2020-12-31' } },
                  ],
                },
                { all: [{ answered: { question: 'employees' } }] },
              ],
            },
            knockout: {
              failWhen: {
                all: [
                  { equals: { question: 'hosting', value: 'onprem' } },
                  { lte: { question: 'employees', value: 10 } },
                ],
              },
              severity: 'MEDIUM',
            },
          },
          {
            key: 'notes',
            type: 'TEXT',
            weight: 0,
            evidence: 'OPTIONAL',
            text: {
              en: "=cmd|' /C calc'!A0",
              'zh-CN': '  备注 | 其他，"引号"  ',
            },
            visibleWhen: { not: { in: { question: 'hosting', values: ['cloud'] } } },
          },
        ],
      },
    ],
  };
}

function canonical(document: TemplateDefinitionInput): TemplateDefinition {
  const validation = validateDefinition(document, 'draft');
  if (!validation.valid) throw new Error(JSON.stringify(validation.errors));
  return validation.definition;
}

async function roundTrip(
  format: ExportFormat,
  definition: TemplateDefinition,
  meta: { title?: LocalizedText; description?: LocalizedText } = {},
) {
  const file = await exportQuestionnaire(format, { ...meta, definition });
  const outcome = await IMPORTERS[format](file.content);
  if (!outcome.ok) throw new Error(`${format}: ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

const FORMATS: ExportFormat[] = [
  ImportFormat.AssayJson,
  ImportFormat.SpreadsheetXlsx,
  ImportFormat.SpreadsheetCsv,
];

describe('exportQuestionnaire round trips', () => {
  const definition = canonical(richDefinition());
  const title = { en: 'Vendor privacy baseline', 'zh-CN': '供应商隐私基线' };
  const description = { en: 'For vendors, "all" of them', 'zh-CN': '适用于所有供应商' };

  it.each(FORMATS)('%s gives back an equal definition', async (format) => {
    const outcome = await roundTrip(format, definition, { title, description });
    expect(outcome.questionnaire.definition).toStrictEqual(definition);
    expect(outcome.questionCount).toBe(7);
  });

  it('JSON and XLSX carry the title and description; CSV does not', async () => {
    for (const format of [ImportFormat.AssayJson, ImportFormat.SpreadsheetXlsx] as const) {
      const outcome = await roundTrip(format, definition, { title, description });
      expect(outcome.questionnaire.title).toEqual(title);
      expect(outcome.questionnaire.description).toEqual(description);
    }
    const csv = await roundTrip(ImportFormat.SpreadsheetCsv, definition, { title });
    expect(csv.questionnaire.title).toBeUndefined();
  });

  it('keeps the language order, also when the main language is not English', async () => {
    const document = richDefinition();
    const governance = document.sections[0]!.questions;
    governance[1]!.help = { ...governance[1]!.help, 'zh-CN': '全名' };
    governance[2]!.options![3]!.label['zh-CN'] = '进行中';
    const zhFirst = canonical({ ...document, languages: ['zh-CN', 'en'] });
    for (const format of FORMATS) {
      const outcome = await roundTrip(format, zhFirst);
      expect(outcome.questionnaire.definition.languages).toEqual(['zh-CN', 'en']);
      expect(outcome.questionnaire.definition).toStrictEqual(zhFirst);
    }
  });

  it('writes a CSV a person can read: BOM, header names, compact conditions, formula guard', async () => {
    const file = await exportQuestionnaire(ImportFormat.SpreadsheetCsv, { definition });
    expect(file).toMatchObject({ mediaType: 'text/csv; charset=utf-8', extension: 'csv' });
    expect([...file.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.content.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFsection_key,section_title:en,section_title:zh-CN,section_weight,section_description:en,' +
        'section_description:zh-CN,question_key,type,required,weight,text:en,text:zh-CN,help:en,help:zh-CN,' +
        'options,option_labels:en,option_labels:zh-CN,yes_points,no_points,min,max,not_applicable,' +
        'evidence,references,visible_when,knockout_when,knockout_severity,knockout_finding:en,knockout_finding:zh-CN,' +
        'flag_when,flag_severity,flag_finding:en,flag_finding:zh-CN',
    );
    expect(text).toContain(
      ',last_audit < 2022-01-01,LOW,"Audit older than ""2022""\nPlan one",审计过旧，需安排',
    );
    expect(text).toContain('dpo = no,HIGH');
    expect(text).toContain('"iso27001=10\nsoc2=8.5\nnone=0\npending"');
    expect(text).toContain('"ISO/IEC 27001 \\| ISMS\nSOC 2, Type II\nNone = nothing\\nat all\n');
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(text).toContain(',GDPR Art. 37; PIPL Art. 52\\; note; a | b = c,');
    expect(text).toContain(',"certifications in (iso27001, soc2) or employees > 250",');
  });

  it('writes an XLSX with the questions first, then the about and columns sheets', async () => {
    const file = await exportQuestionnaire(ImportFormat.SpreadsheetXlsx, { title, definition });
    expect(file.extension).toBe('xlsx');
    const sheets = await readXlsxFile(file.content);
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['questions', 'about', 'columns']);
    expect(sheets[0]!.data[1]!.slice(0, 9)).toEqual([
      'governance',
      'Governance, "policy" & people',
      '治理，“政策”与人员',
      2,
      'Line one\nLine two | with = signs; and "quotes"',
      '第一行\n第二行：说明',
      'dpo',
      'BOOLEAN',
      true,
    ]);
    expect(sheets[1]!.data.slice(0, 2)).toEqual([
      ['field', 'en', 'zh-CN'],
      ['title', 'Vendor privacy baseline', '供应商隐私基线'],
    ]);
  });

  it('writes Assay JSON with the format marker', async () => {
    const file = await exportQuestionnaire(ImportFormat.AssayJson, { title, definition });
    expect(file.mediaType).toBe('application/json');
    expect(JSON.parse(file.content.toString('utf8'))).toEqual({
      format: 'assay.questionnaire',
      formatVersion: 1,
      title,
      definition,
    });
  });
});

// Random valid definitions: keys that look like condition keywords, texts with
// the characters the spreadsheet syntax uses, conditions over earlier answers.

const CHARS = [...'abcXYZ019 ,;:|="\'\\/-+()[]{}<>\n\t', '中', '文', '“', '”', '，', 'é', '😀'];
const textArb = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 12 })
  .filter((text) => text.trim() !== '');
const keyArb = fc.oneof(
  fc.constantFrom('not', 'and', 'or', 'in', 'is', 'all', 'any', 'yes', 'true', '1', '2.5', 'a:b'),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,8}$/),
);
const numberArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -8000, max: 8000 }).map((n) => n / 8),
);
const unsignedArb = fc.integer({ min: 0, max: 8000 }).map((n) => n / 8);
const dateArb = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const languagesArb = fc.uniqueArray(fc.constantFrom('en', 'zh-CN', 'fr', 'pt-BR', 'zh-Hant-TW'), {
  minLength: 1,
  maxLength: 3,
});

function localizedArb(
  languages: readonly string[],
  required: boolean,
): fc.Arbitrary<LocalizedText> {
  return fc
    .tuple(...languages.map(() => fc.option(textArb, { nil: undefined })), textArb)
    .map((texts) => {
      const text: Record<string, string> = {};
      languages.forEach((language, i) => {
        const value = i === 0 && required ? texts[languages.length] : texts[i];
        if (value !== undefined) text[language] = value;
      });
      return text;
    });
}

interface QuestionSketch {
  readonly key: string;
  readonly type: QuestionType;
  readonly options?: { key: string }[];
}

function questionArb(key: string, languages: readonly string[]) {
  return fc
    .record({
      type: fc.constantFrom<QuestionType>(
        'BOOLEAN',
        'SINGLE_CHOICE',
        'MULTI_CHOICE',
        'TEXT',
        'NUMBER',
        'DATE',
      ),
      text: localizedArb(languages, true),
      help: fc.option(localizedArb(languages, false), { nil: undefined }),
      required: fc.boolean(),
      weight: unsignedArb,
      optionKeys: fc.uniqueArray(keyArb, { minLength: 2, maxLength: 4 }),
      labels: fc.array(localizedArb(languages, true), { minLength: 4, maxLength: 4 }),
      optionPoints: fc.array(fc.option(numberArb, { nil: undefined }), {
        minLength: 4,
        maxLength: 4,
      }),
      points: fc.option(fc.record({ yes: numberArb, no: numberArb }), { nil: undefined }),
      range: fc.option(fc.tuple(numberArb, numberArb), { nil: undefined }),
      allowNotApplicable: fc.boolean(),
      evidence: fc.constantFrom('NONE', 'OPTIONAL', 'REQUIRED'),
      references: fc.array(
        textArb.map((text) => text.trim()).filter((text) => text !== ''),
        {
          maxLength: 3,
        },
      ),
    })
    .map((q) => {
      const question: Record<string, unknown> = {
        key,
        type: q.type,
        text: q.text,
        required: q.required,
        weight: q.weight,
        allowNotApplicable: q.allowNotApplicable,
        evidence: q.evidence,
        references: q.references,
      };
      if (q.help && Object.keys(q.help).length > 0) question.help = q.help;
      if (q.type === 'SINGLE_CHOICE' || q.type === 'MULTI_CHOICE') {
        question.options = q.optionKeys.map((optionKey, i) => ({
          key: optionKey,
          label: q.labels[i]!,
          ...(q.optionPoints[i] !== undefined ? { points: q.optionPoints[i] } : {}),
        }));
      }
      if (q.type === 'BOOLEAN' && q.points) question.points = q.points;
      if (q.type === 'NUMBER' && q.range) {
        question.min = Math.min(...q.range);
        question.max = Math.max(...q.range);
      }
      return question;
    });
}

function leafArb(question: QuestionSketch): fc.Arbitrary<Condition> {
  const { key } = question;
  const answered = fc.constant<Condition>({ answered: { question: key } });
  const optionKeys = (question.options ?? []).map((option) => option.key);
  switch (question.type) {
    case 'BOOLEAN':
      return fc.oneof(
        answered,
        fc.boolean().map((value) => ({ equals: { question: key, value } })),
      );
    case 'SINGLE_CHOICE':
    case 'MULTI_CHOICE':
      return fc.oneof(
        answered,
        fc
          .subarray(optionKeys, { minLength: 1 })
          .map((values) => ({ in: { question: key, values } })),
        ...(question.type === 'SINGLE_CHOICE'
          ? [fc.constantFrom(...optionKeys).map((value) => ({ equals: { question: key, value } }))]
          : []),
      );
    case 'TEXT':
      return fc.oneof(
        answered,
        fc
          .oneof(textArb, fc.constantFrom('yes', '5', 'and', 'a b'))
          .map((value) => ({ equals: { question: key, value } })),
      );
    case 'NUMBER':
    case 'DATE': {
      const valueArb: fc.Arbitrary<string | number> =
        question.type === 'NUMBER' ? numberArb : dateArb;
      return fc.oneof(
        answered,
        fc
          .tuple(fc.constantFrom('equals', 'gt', 'gte', 'lt', 'lte'), valueArb)
          .map(([operator, value]) => ({ [operator]: { question: key, value } }) as Condition),
      );
    }
  }
}

function conditionArb(
  questions: readonly QuestionSketch[],
  depth: number,
): fc.Arbitrary<Condition> {
  const leaf = fc.constantFrom(...questions).chain(leafArb);
  if (depth === 0) return leaf;
  const inner = conditionArb(questions, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    },
    {
      weight: 1,
      arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    },
    { weight: 1, arbitrary: inner.map((not) => ({ not })) },
  );
}

/**
 * Adds visibleWhen, knockouts and flags that read earlier questions (knockouts and flags
 * also their own).
 */
function withConditions(document: {
  languages: string[];
  sections: { questions: Record<string, unknown>[] }[];
}): fc.Arbitrary<TemplateDefinitionInput> {
  const questions = document.sections.flatMap((section) => section.questions);
  const sketches = questions as unknown as QuestionSketch[];
  const extras = questions.map((_, i) =>
    fc.record({
      visibleWhen:
        i === 0
          ? fc.constant(undefined)
          : fc.option(conditionArb(sketches.slice(0, i), 2), { nil: undefined }),
      knockout: fc.option(
        fc.record({
          failWhen: fc.oneof(
            leafArb(sketches[i]!),
            fc
              .tuple(leafArb(sketches[i]!), conditionArb(sketches.slice(0, i + 1), 1))
              .map(([own, other]) => ({ any: [own, other] })),
          ),
          severity: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
          finding: fc.option(localizedArb(document.languages, false), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      flag: fc.option(
        fc.record({
          when: fc.oneof(
            leafArb(sketches[i]!),
            fc
              .tuple(leafArb(sketches[i]!), conditionArb(sketches.slice(0, i + 1), 1))
              .map(([own, other]) => ({ all: [own, other] })),
          ),
          severity: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
          finding: localizedArb(document.languages, true),
        }),
        { nil: undefined },
      ),
    }),
  );
  return fc.tuple(...extras).map((added) => {
    let i = 0;
    return {
      ...document,
      sections: document.sections.map((section) => ({
        ...section,
        questions: section.questions.map((question) => {
          const { visibleWhen, knockout, flag } = added[i++]!;
          const finding = knockout?.finding;
          return {
            ...question,
            ...(visibleWhen ? { visibleWhen } : {}),
            ...(knockout
              ? {
                  knockout: {
                    failWhen: knockout.failWhen,
                    severity: knockout.severity,
                    ...(finding && Object.keys(finding).length > 0 ? { finding } : {}),
                  },
                }
              : {}),
            ...(flag ? { flag } : {}),
          };
        }),
      })),
    } as TemplateDefinitionInput;
  });
}

const definitionArb: fc.Arbitrary<TemplateDefinition> = languagesArb
  .chain((languages) =>
    fc
      .record({
        sectionKeys: fc.uniqueArray(keyArb, { minLength: 1, maxLength: 3 }),
        questionKeys: fc.uniqueArray(keyArb, { minLength: 6, maxLength: 6 }),
        sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
      })
      .chain(({ sectionKeys, questionKeys, sizes }) => {
        let next = 0;
        const sections = sectionKeys.map((sectionKey, s) => {
          const keys = questionKeys.slice(next, next + sizes[s]!);
          next += keys.length;
          return fc.record({
            key: fc.constant(sectionKey),
            title: localizedArb(languages, true),
            description: fc.option(localizedArb(languages, false), { nil: undefined }),
            weight: unsignedArb,
            questions: fc.tuple(...keys.map((key) => questionArb(key, languages))),
          });
        });
        return fc.tuple(...sections);
      })
      .map((sections) => ({
        languages,
        sections: sections
          .filter((section) => section.questions.length > 0)
          .map(({ description, ...section }) => ({
            ...section,
            ...(description && Object.keys(description).length > 0 ? { description } : {}),
          })),
      })),
  )
  .chain(withConditions)
  .map((document) => validateDefinition(document, 'draft'))
  .filter((validation) => validation.valid)
  .map((validation) => validation.definition!);

describe('exportQuestionnaire round trips random definitions', () => {
  it.each(FORMATS)('%s', async (format) => {
    await fc.assert(
      fc.asyncProperty(definitionArb, async (definition) => {
        const outcome = await roundTrip(format, definition);
        expect(outcome.questionnaire.definition).toStrictEqual(definition);
      }),
      // XLSX files are zipped XML and take longer to write and read.
      { numRuns: format === ImportFormat.SpreadsheetXlsx ? 20 : 50 },
    );
  });
});
