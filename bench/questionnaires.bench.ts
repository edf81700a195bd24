import {
  ImportFormat,
  exportQuestionnaire,
  validateDefinition,
  type TemplateDefinition,
  type TemplateDefinitionInput,
} from '#questionnaire';
import { importerFor } from '../libs/questionnaire/src/import/importers.js';
import { median } from './bench-env.js';
import type { BenchResult } from './report.js';

const IMPORT_QUESTIONS = 260;
const VALIDATE_QUESTIONS = 1_000;
const GROWTH_SIZES = [250, 1_000, 4_000] as const;
const RUNS = 15;
const BUDGET_MS = 1_000;

/**
 * A realistic definition of `count` questions in two languages: sections of 20, every type,
 * a gate per section whose follow-ups have conditions, knockouts on every fifth question.
 */
export function generatedDefinition(count: number): TemplateDefinitionInput {
  const sections: Array<Record<string, unknown>> = [];
  for (let start = 0; start < count; start += 20) {
    const s = sections.length;
    const gate = `s${s}_q0`;
    const questions: Array<Record<string, unknown>> = [];
    for (let i = start; i < Math.min(count, start + 20); i += 1) {
      const key = `s${s}_q${i - start}`;
      const text = {
        en: `Question ${i}: is control ${i} in place?`,
        'zh-CN': `问题 ${i}：控制措施 ${i} 是否到位？`,
      };
      const kind = (i - start) % 5;
      const question: Record<string, unknown> = {
        key,
        text,
        help: { en: `Describe how control ${i} works.`, 'zh-CN': `请说明控制措施 ${i} 如何运作。` },
        required: true,
        weight: 1 + (i % 3),
        references: [`GDPR Art. ${28 + (i % 10)}`, `PIPL Art. ${51 + (i % 7)}`],
        evidence: i % 4 === 0 ? 'OPTIONAL' : 'NONE',
      };
      if (kind === 0) {
        Object.assign(question, {
          type: 'BOOLEAN',
          points: { yes: 10, no: 0 },
          knockout: {
            failWhen: { equals: { question: key, value: false } },
            severity: 'HIGH',
            finding: { en: `Control ${i} is missing`, 'zh-CN': `缺少控制措施 ${i}` },
          },
        });
      } else if (kind === 1 || kind === 2) {
        Object.assign(question, {
          type: kind === 1 ? 'SINGLE_CHOICE' : 'MULTI_CHOICE',
          allowNotApplicable: true,
          options: ['never', 'sometimes', 'always'].map((option, o) => ({
            key: option,
            label: { en: option, 'zh-CN': ['从不', '有时', '总是'][o]! },
            points: o * 5,
          })),
          visibleWhen: { equals: { question: gate, value: true } },
        });
      } else if (kind === 3) {
        Object.assign(question, {
          type: 'NUMBER',
          min: 0,
          visibleWhen: {
            all: [
              { equals: { question: gate, value: true } },
              { in: { question: `s${s}_q1`, values: ['always'] } },
            ],
          },
          knockout: { failWhen: { gt: { question: key, value: 72 } }, severity: 'CRITICAL' },
        });
      } else {
        Object.assign(question, {
          type: i % 2 === 0 ? 'TEXT' : 'DATE',
          visibleWhen: { not: { answered: { question: `s${s}_q3` } } },
        });
      }
      questions.push(question);
    }
    sections.push({
      key: `section_${s}`,
      title: { en: `Section ${s}`, 'zh-CN': `第 ${s} 部分` },
      weight: 1 + (s % 2),
      questions,
    });
  }
  return { languages: ['en', 'zh-CN'], sections } as TemplateDefinitionInput;
}

function canonical(count: number): TemplateDefinition {
  const validation = validateDefinition(generatedDefinition(count), 'publish');
  if (!validation.valid)
    throw new Error(`Generated definition invalid: ${JSON.stringify(validation.errors[0])}`);
  return validation.definition;
}

/** Median milliseconds of `runs` calls after two warm-up calls. */
async function timed(work: () => unknown, runs = RUNS): Promise<number> {
  await work();
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

/** Imports and validation: times against JSON.parse of the same document, and linear growth. */
export async function questionnaireImport(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const definition = canonical(IMPORT_QUESTIONS);
  const jsonText = JSON.stringify(definition);
  const parseMs = await timed(() => JSON.parse(jsonText));
  for (const [format, label] of [
    [ImportFormat.AssayJson, 'Assay JSON'],
    [ImportFormat.SpreadsheetCsv, 'spreadsheet CSV'],
    [ImportFormat.SpreadsheetXlsx, 'spreadsheet XLSX'],
  ] as const) {
    const file = await exportQuestionnaire(format, { definition });
    const importer = importerFor(format);
    const check = await importer(file.content);
    if (!check.ok || check.questionCount !== IMPORT_QUESTIONS) {
      throw new Error(
        `${label} import failed: ${JSON.stringify(check.ok ? check.questionCount : check.errors[0])}`,
      );
    }
    const importMs = await timed(() => importer(file.content));
    results.push({
      measure: `Import of a ${IMPORT_QUESTIONS}-question questionnaire (${label}, ${Math.round(file.content.length / 1024)} KiB), in process`,
      baseline: `the 1 s goal; JSON.parse of the same definition: ${ms(parseMs)}`,
      result: `read, convert and validate: ${ms(importMs)}`,
      ratio: BUDGET_MS / importMs,
      goal: 1,
      note: `median of ${RUNS} after two warm-ups; the ratio is how many such imports fit in the 1 s goal (≥ 1× meets it), ${(importMs / parseMs).toFixed(0)}× the cost of parsing the JSON alone`,
    });
  }

  const large = generatedDefinition(VALIDATE_QUESTIONS);
  const largeText = JSON.stringify(large);
  const largeParseMs = await timed(() => JSON.parse(largeText));
  const validateMs = await timed(() => validateDefinition(large, 'publish'));
  results.push({
    measure: `Validation of a ${VALIDATE_QUESTIONS}-question definition (publish: shape, keys, conditions, both languages, points)`,
    baseline: `the 1 s goal; JSON.parse of the same document: ${ms(largeParseMs)}`,
    result: ms(validateMs),
    ratio: BUDGET_MS / validateMs,
    goal: 1,
    note: `median of ${RUNS} after two warm-ups; ${(validateMs / largeParseMs).toFixed(0)}× the cost of parsing the JSON alone`,
  });

  const times: number[] = [];
  for (const size of GROWTH_SIZES) {
    const document = generatedDefinition(size);
    times.push(await timed(() => validateDefinition(document, 'publish')));
  }
  const [small, middle, big] = times as [number, number, number];
  const growth = big / middle;
  results.push({
    measure: `Validation time growth at ${GROWTH_SIZES.join(' / ')} questions`,
    baseline: `${GROWTH_SIZES[0]} questions: ${ms(small)}`,
    result: `${ms(middle)} / ${ms(big)} (×${(middle / small).toFixed(1)}, ×${growth.toFixed(1)} for 4× the questions)`,
    ratio: 4 / growth,
    goal: 0.8,
    note: 'medians; the ratio is 4 divided by how much longer 4× the questions take from 1,000 to 4,000 (1× is exactly linear, below 0.8× would be worse than linear)',
  });
  return results;
}
