import { describe, expect, it, jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync } from 'node:fs';
import type { TemplateDefinition } from '../../definition/definition.schema.js';
import { validateDefinition } from '../../definition/validate-definition.js';
import { visibleQuestionKeys } from '../../definition/visibility.js';
import type { ImportMessage, ImportOptions, ImportOutcome } from '../import-types.js';
import { importEramba } from './eramba.importer.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const HEADER =
  'Chapter ID,Chapter Title,Chapter Description,Question ID,Question Title,Question Description,Answer Type,Dropdown Options,DropDown Warnings,Dropdown Scoring,Dropdown Option Score,Dropdown Option Score Multiplier,Dropdown Option Show another Question,Question Comments & Attachments';

function sample(name: string): Buffer {
  return readFileSync(new URL(`./samples/${name}.csv`, import.meta.url));
}

/** A file with eramba's header and the given data rows. */
function csv(...rows: string[]): Buffer {
  return Buffer.concat([BOM, Buffer.from([HEADER, ...rows].join('\n') + '\n')]);
}

async function run(content: Buffer, options?: ImportOptions): Promise<ImportOutcome> {
  return importEramba(content, options);
}

async function imported(content: Buffer, options?: ImportOptions) {
  const outcome = await run(content, options);
  if (!outcome.ok) throw new Error(`import failed: ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

async function failed(content: Buffer): Promise<readonly ImportMessage[]> {
  const outcome = await run(content);
  expect(outcome.ok).toBe(false);
  expect(outcome).not.toHaveProperty('questionnaire');
  return outcome.ok ? [] : outcome.errors;
}

function question(definition: TemplateDefinition, key: string) {
  const found = definition.sections.flatMap((s) => s.questions).find((q) => q.key === key);
  if (!found) throw new Error(`no question ${key}`);
  return found;
}

const defaults = { required: false, weight: 1, allowNotApplicable: false, references: [] };

describe('importEramba', () => {
  describe('a realistic eramba questionnaire (BOM, broken header, every answer type)', () => {
    it('converts chapters, questions, scoring, warnings and follow-ups exactly', async () => {
      const outcome = await imported(sample('realistic'));
      expect(outcome.questionCount).toBe(9);
      expect(outcome.questionnaire.definition).toEqual({
        schemaVersion: 1,
        languages: ['en'],
        sections: [
          {
            key: 'chapter-1',
            title: { en: 'Governance' },
            description: { en: 'How information security is governed.\nApplies to all teams.' },
            weight: 1,
            questions: [
              {
                ...defaults,
                key: 'q1.1',
                type: 'TEXT',
                text: { en: 'Who is responding to this questionnaire?' },
                help: { en: 'Name, team and role.' },
                evidence: 'OPTIONAL',
              },
              {
                ...defaults,
                key: 'q1.2',
                type: 'SINGLE_CHOICE',
                text: { en: 'Do you have an information security policy?' },
                options: [
                  { key: 'yes', label: { en: 'Yes' }, points: 20 },
                  { key: 'no', label: { en: 'No' }, points: 0 },
                  { key: 'in_progress', label: { en: 'In progress' }, points: 10 },
                ],
                evidence: 'OPTIONAL',
                knockout: {
                  failWhen: { in: { question: 'q1.2', values: ['no', 'in_progress'] } },
                  severity: 'HIGH',
                  finding: { en: 'Do you have an information security policy?' },
                },
              },
              {
                ...defaults,
                key: 'q1.3',
                type: 'DATE',
                text: { en: 'When was the policy last reviewed?' },
                evidence: 'NONE',
                visibleWhen: { in: { question: 'q1.2', values: ['yes'] } },
              },
              {
                ...defaults,
                key: 'q1.4',
                type: 'MULTI_CHOICE',
                text: { en: 'Which frameworks does the policy follow?' },
                help: { en: 'Select all that apply.' },
                options: [
                  { key: 'iso_27001', label: { en: 'ISO 27001' }, points: 10 },
                  { key: 'soc_2', label: { en: 'SOC 2' }, points: 10 },
                  { key: 'nist_csf', label: { en: 'NIST CSF' }, points: 5 },
                  { key: 'none', label: { en: 'None' }, points: 0 },
                ],
                evidence: 'NONE',
                knockout: {
                  failWhen: { in: { question: 'q1.4', values: ['none'] } },
                  severity: 'MEDIUM',
                  finding: { en: 'Which frameworks does the policy follow?' },
                },
                visibleWhen: { in: { question: 'q1.2', values: ['yes', 'in_progress'] } },
              },
            ],
          },
          {
            key: 'chapter-2',
            title: { en: 'Data protection' },
            weight: 1,
            questions: [
              {
                ...defaults,
                key: 'q2.1',
                type: 'SINGLE_CHOICE',
                text: { en: 'Do you encrypt personal data at rest?' },
                options: [
                  { key: 'yes', label: { en: 'Yes' }, points: 20 },
                  { key: 'partially', label: { en: 'Partially' }, points: 10 },
                  { key: 'no', label: { en: 'No' }, points: 0 },
                ],
                evidence: 'OPTIONAL',
                knockout: {
                  failWhen: { in: { question: 'q2.1', values: ['no'] } },
                  severity: 'CRITICAL',
                  finding: { en: 'Do you encrypt personal data at rest?' },
                },
              },
              {
                ...defaults,
                key: 'q2.2',
                type: 'TEXT',
                text: { en: 'Explain the gaps in encryption.' },
                evidence: 'OPTIONAL',
                visibleWhen: { in: { question: 'q2.1', values: ['partially', 'no'] } },
              },
              {
                ...defaults,
                key: 'q2.3',
                type: 'MULTI_CHOICE',
                text: { en: 'Where is personal data stored?' },
                options: [
                  { key: 'eu', label: { en: 'EU' } },
                  { key: 'us', label: { en: 'US' } },
                  { key: 'china', label: { en: 'China' } },
                  { key: 'other', label: { en: 'Other' } },
                ],
                evidence: 'NONE',
              },
              {
                ...defaults,
                key: 'q2.4',
                type: 'TEXT',
                text: { en: 'Describe the safeguards for transfers outside the EU.' },
                evidence: 'OPTIONAL',
                visibleWhen: {
                  any: [
                    { in: { question: 'q2.1', values: ['no'] } },
                    { in: { question: 'q2.3', values: ['china', 'other'] } },
                  ],
                },
              },
            ],
          },
          {
            key: 'chapter-3',
            title: { en: 'Incident response' },
            description: { en: 'Notification of personal data breaches.' },
            weight: 1,
            questions: [
              {
                ...defaults,
                key: 'q3.1',
                type: 'SINGLE_CHOICE',
                text: { en: 'Do you notify customers of a personal data breach within 72 hours?' },
                options: [
                  { key: 'yes', label: { en: 'Yes' } },
                  { key: 'no', label: { en: 'No' } },
                  { key: 'n_a', label: { en: 'N/A' } },
                ],
                evidence: 'OPTIONAL',
                knockout: {
                  failWhen: { in: { question: 'q3.1', values: ['no'] } },
                  severity: 'HIGH',
                  finding: {
                    en: 'Do you notify customers of a personal data breach within 72 hours?',
                  },
                },
              },
            ],
          },
        ],
      });
    });

    it('produces a definition that validates as a draft', async () => {
      const outcome = await imported(sample('realistic'));
      const validation = validateDefinition(outcome.questionnaire.definition, 'draft');
      expect(validation.errors).toEqual([]);
      expect(validation.valid).toBe(true);
    });

    it('warns about approximations, with the rows they come from', async () => {
      const { warnings } = await imported(sample('realistic'));
      expect(warnings).toEqual(
        expect.arrayContaining([
          {
            location: 'row 3, column I',
            message: expect.stringMatching(/"Think twice".*approximates it as HIGH/),
          },
          {
            location: 'row 12, column I',
            message: expect.stringMatching(/"Think twice".*approximates it as HIGH/),
          },
          {
            location: 'rows 7, 9',
            message: expect.stringMatching(/^questions 2\.1, 2\.3: .*answer comment/),
          },
          {
            location: 'rows 9, 12',
            message: expect.stringMatching(/^questions 2\.3, 3\.1: scoring is off/),
          },
          { location: 'rows 2, 3', message: expect.stringContaining('HTML markup') },
        ]),
      );
      // The warned option that names its severity ("High: ...") needs no approximation note.
      expect(warnings.filter((w) => w.location === 'row 3, column I')).toHaveLength(1);
      expect(warnings.some((w) => w.message.includes('High: no security policy'))).toBe(false);
    });

    it('shows follow-up questions only for the options that show them in eramba', async () => {
      const { definition } = (await imported(sample('realistic'))).questionnaire;
      const valid = validateDefinition(definition, 'draft');
      if (!valid.valid) throw new Error('invalid');
      const visible = (answers: Record<string, string | string[]>) =>
        visibleQuestionKeys(valid.definition, answers);

      expect(visible({})).toEqual(new Set(['q1.1', 'q1.2', 'q2.1', 'q2.3', 'q3.1']));
      expect(visible({ 'q1.2': 'yes' })).toEqual(
        new Set(['q1.1', 'q1.2', 'q1.3', 'q1.4', 'q2.1', 'q2.3', 'q3.1']),
      );
      expect(visible({ 'q1.2': 'yes' }).has('q1.3')).toBe(true);
      expect(visible({ 'q1.2': 'yes' }).has('q1.4')).toBe(true);
      expect(visible({ 'q1.2': 'no' }).has('q1.4')).toBe(false);
      expect(visible({ 'q1.2': 'in_progress' }).has('q1.3')).toBe(false);
      expect(visible({ 'q1.2': 'in_progress' }).has('q1.4')).toBe(true);
      expect(visible({ 'q2.3': ['eu'] }).has('q2.4')).toBe(false);
      expect(visible({ 'q2.3': ['eu', 'china'] }).has('q2.4')).toBe(true);
      expect(visible({ 'q2.1': 'no' }).has('q2.4')).toBe(true);
    });

    it('reports progress once per question', async () => {
      const onProgress = jest.fn<(processed: number, total: number) => void>();
      await imported(sample('realistic'), { onProgress });
      expect(onProgress.mock.calls).toEqual(
        Array.from({ length: 9 }, (_, i) => [i + 1, 9] as [number, number]),
      );
    });

    it('writes every text in options.language', async () => {
      const { definition } = (await imported(sample('realistic'), { language: 'de' }))
        .questionnaire;
      expect(definition.languages).toEqual(['de']);
      const q12 = question(definition as TemplateDefinition, 'q1.2');
      expect(q12.text).toEqual({ de: 'Do you have an information security policy?' });
      expect(q12.options?.[0]?.label).toEqual({ de: 'Yes' });
      expect(q12.knockout?.finding).toEqual({ de: 'Do you have an information security policy?' });
      expect(definition.sections[0]?.title).toEqual({ de: 'Governance' });
    });

    it('reads the same file without a BOM, with CRLF line ends, or semicolon-delimited', async () => {
      const original = sample('realistic');
      const expected = (await imported(original)).questionnaire.definition;
      const text = original.subarray(3).toString('utf8');
      expect(original.subarray(0, 3)).toEqual(BOM);

      const noBom = await imported(Buffer.from(text));
      expect(noBom.questionnaire.definition).toEqual(expected);

      const crlf = await imported(Buffer.from(text.replace(/\n/g, '\r\n')));
      expect(crlf.questionnaire.definition).toEqual(expected);

      // What Excel writes in locales whose decimal mark is a comma.
      const semicolons = stringify(parse(text, { relax_column_count: true }), { delimiter: ';' });
      const semicolon = await imported(Buffer.from(semicolons));
      expect(semicolon.questionnaire.definition).toEqual(expected);
      expect(semicolon.warnings).toContainEqual({
        location: 'file',
        message: expect.stringContaining('semicolon-delimited'),
      });
    });
  });

  describe('the header row', () => {
    it('is skipped even when an unclosed quote breaks it', async () => {
      const outcome = await imported(sample('broken-header-quote'));
      expect(outcome.questionCount).toBe(1);
      expect(
        question(outcome.questionnaire.definition as TemplateDefinition, 'q1.1'),
      ).toMatchObject({
        type: 'SINGLE_CHOICE',
        options: [
          { key: 'yes', points: 10 },
          { key: 'no', points: 0 },
        ],
      });
    });

    it('strips the BOM so a quoted header cell spanning lines stays one row', async () => {
      // Left in place, the BOM would turn the opening quote into text and split the header.
      const header = `"Chapter ID (Mandatory,\nfor example 1, 2, Etc)",${HEADER.split(',').slice(1).join(',')}`;
      const content = Buffer.concat([
        BOM,
        Buffer.from(`${header}\n1,Access,,1.1,Describe access reviews.,,1,,,0,,,,0\n`),
      ]);
      const outcome = await imported(content);
      expect(outcome.questionCount).toBe(1);
    });

    it('is skipped whatever it holds, so a data-like first row is not imported', async () => {
      const content = Buffer.from(
        '1,Header,,0.1,Not a question,,1,,,0,,,,0\n1,Access,,1.1,Describe access reviews.,,1,,,0,,,,0\n',
      );
      const outcome = await imported(content);
      expect(outcome.questionCount).toBe(1);
      expect(outcome.questionnaire.definition.sections[0]?.questions[0]?.key).toBe('q1.1');
    });
  });

  describe('broken files: errors with row numbers, nothing created', () => {
    it('reports a row with the wrong column count', async () => {
      expect(await failed(sample('wrong-column-count'))).toEqual([
        { location: 'row 3', message: expect.stringContaining('has 13 columns') },
      ]);
    });

    it('reports options that do not match their multipliers', async () => {
      expect(await failed(sample('options-multipliers-mismatch'))).toEqual([
        {
          location: 'row 2, column L',
          message: expect.stringContaining('lists 2 values ("1|0") for 3 options'),
        },
      ]);
    });

    it('reports a show-question id that names no question', async () => {
      expect(await failed(sample('unknown-show-id'))).toEqual([
        {
          location: 'row 2, column M',
          message: 'option "No" shows question "1.9", and no row has that question ID',
        },
      ]);
    });

    it('reports an unknown answer type', async () => {
      expect(await failed(sample('unknown-answer-type'))).toEqual([
        { location: 'row 3, column G', message: expect.stringContaining('"7" is unknown') },
      ]);
    });

    it('reports an unclosed quote at the line where it opens', async () => {
      // Row 2 spans lines 2-3, so the bad row 3 starts on line 4.
      expect(await failed(sample('unclosed-quote'))).toEqual([
        { location: 'line 4', message: expect.stringContaining('closing quote is missing') },
      ]);
    });

    it('collects every error of every row', async () => {
      const errors = await failed(
        csv(
          '1,Access,,1.1,Do you enforce MFA?,,2,Yes|No,High|,1,ten,1|0,,1',
          '1,Access,,1.2,Which factors?,,5,TOTP|SMS,,1,10,1|x,,0',
          '1,Access,,1.1,Duplicate id,,1,,,0,,,,0',
          '1,Access,,1.3,Bad warnings,,2,Yes|No,a|b|c,0,,,,0',
          ',Access,,1.4,,,2,Yes|No,,0,,,,2',
        ),
      );
      expect(errors).toEqual([
        { location: 'row 2, column K', message: 'Dropdown Option Score "ten" is not a number' },
        {
          location: 'row 3, column L',
          message: 'the multiplier "x" for option "SMS" is not a number',
        },
        {
          location: 'row 5, column I',
          message: expect.stringContaining('lists 3 values ("a|b|c") for 2 options'),
        },
        { location: 'row 6, column A', message: 'Chapter ID is mandatory and empty' },
        { location: 'row 6, column E', message: 'Question Title is mandatory and empty' },
        { location: 'row 6, column N', message: expect.stringContaining('must be 0 or 1') },
        {
          location: 'row 4, column D',
          message: expect.stringMatching(
            /^question ID "1\.1" is already used on row 2; question IDs must be unique \(.*1\.10/,
          ),
        },
      ]);
    });

    it('rejects a follow-up that comes before the question showing it', async () => {
      const errors = await failed(
        csv(
          '1,Access,,1.1,Describe exceptions.,,1,,,0,,,,0',
          '1,Access,,1.2,Do you enforce MFA?,,2,Yes|No,,0,,,|1.1,0',
        ),
      );
      expect(errors).toEqual([
        {
          location: 'row 3, column M',
          message: expect.stringMatching(
            /shows question "1\.1" \(row 2\), which comes before question "1\.2".*move row 2 below row 3/,
          ),
        },
      ]);
    });

    it('rejects show ids on a question that is not a dropdown', async () => {
      const errors = await failed(
        csv('1,A,,1.1,Describe.,,1,,,0,,,1.2,0', '1,A,,1.2,More.,,1,,,0,,,,0'),
      );
      expect(errors).toEqual([
        { location: 'row 2, column M', message: expect.stringContaining('only a dropdown') },
      ]);
    });

    it('rejects option points outside the range Assay allows', async () => {
      const errors = await failed(csv('1,A,,1.1,MFA?,,2,Yes|No,,1,100,20|0,,0'));
      expect(errors).toEqual([
        { location: 'row 2, column L', message: expect.stringContaining('would earn 2000 points') },
      ]);
    });

    it('rejects a file with no question rows', async () => {
      expect(await failed(Buffer.concat([BOM, Buffer.from(`${HEADER}\n,,,,,,,,,,,,,\n`)]))).toEqual(
        [{ location: 'file', message: expect.stringContaining('no question rows') }],
      );
      expect(await failed(Buffer.from(''))).toEqual([
        { location: 'file', message: 'the file is empty' },
      ]);
    });
  });

  describe('mapping details', () => {
    it('combines warned options into one knockout at the highest named severity', async () => {
      const outcome = await imported(
        csv(
          '1,A,,1.1,Backups tested?,,2,Yearly|Never|Unknown,Low: yearly is slow|Critical|[Medium] unknown,0,,,,0',
        ),
      );
      const q = question(outcome.questionnaire.definition as TemplateDefinition, 'q1.1');
      expect(q.knockout).toEqual({
        failWhen: { in: { question: 'q1.1', values: ['yearly', 'never', 'unknown'] } },
        severity: 'CRITICAL',
        finding: { en: 'Backups tested?' },
      });
      expect(outcome.warnings).toEqual(
        expect.arrayContaining([
          { location: 'row 2, column I', message: expect.stringContaining('highest, CRITICAL') },
          { location: 'row 2, column I', message: expect.stringContaining('every option') },
        ]),
      );
    });

    it('treats placeholder warnings such as 0 or - as no warning', async () => {
      const outcome = await imported(csv('1,A,,1.1,MFA?,,2,Yes|No,0|-,0,,,,0'));
      expect(
        question(outcome.questionnaire.definition as TemplateDefinition, 'q1.1').knockout,
      ).toBeUndefined();
    });

    it('scales the score by each multiplier, decimals included', async () => {
      const outcome = await imported(csv('1,A,,1.1,MFA?,,2,Yes|Partly|No,,1,2.5,4|1.5|0,,0'));
      expect(
        question(outcome.questionnaire.definition as TemplateDefinition, 'q1.1').options,
      ).toEqual([
        { key: 'yes', label: { en: 'Yes' }, points: 10 },
        { key: 'partly', label: { en: 'Partly' }, points: 3.75 },
        { key: 'no', label: { en: 'No' }, points: 0 },
      ]);
    });

    it('keeps ids recognizable and option keys unique', async () => {
      const outcome = await imported(csv('A 1,Intro,,A 1.1,Which?,,5,Yes|yes|日本|N/A,,0,,,,0'));
      const { sections } = outcome.questionnaire.definition;
      expect(sections[0]?.key).toBe('chapter-A_1');
      expect(sections[0]?.questions[0]?.key).toBe('qA_1.1');
      expect(sections[0]?.questions[0]?.options?.map((o) => o.key)).toEqual([
        'yes',
        'yes_2',
        'option_3',
        'n_a',
      ]);
      expect(outcome.warnings).toContainEqual({
        location: 'row 2, column H',
        message: expect.stringContaining('repeats an option'),
      });
    });

    it('accepts fewer show entries than options and warns', async () => {
      const outcome = await imported(
        csv('1,A,,1.1,MFA?,,2,Yes|No|Partly,,0,,,1.2,0', '1,A,,1.2,Which factors?,,1,,,0,,,,0'),
      );
      expect(
        question(outcome.questionnaire.definition as TemplateDefinition, 'q1.2').visibleWhen,
      ).toEqual({ in: { question: 'q1.1', values: ['yes'] } });
      expect(outcome.warnings).toContainEqual({
        location: 'row 2, column M',
        message: expect.stringContaining('lists 1 of 3 entries'),
      });
    });

    it('merges a chapter whose rows are split, keeping document order valid', async () => {
      const outcome = await imported(
        csv(
          '1,Access,,1.1,MFA?,,2,Yes|No,,0,,,1.3|,0',
          '2,Logging,,2.1,Logs kept?,,1,,,0,,,,0',
          '1,Access,Who can reach what.,1.3,Which factors?,,1,,,0,,,,0',
        ),
      );
      const { sections } = outcome.questionnaire.definition;
      expect(sections[0]?.description).toEqual({ en: 'Who can reach what.' });
      expect(sections.map((s) => [s.key, s.questions.map((q) => q.key)])).toEqual([
        ['chapter-1', ['q1.1', 'q1.3']],
        ['chapter-2', ['q2.1']],
      ]);
      expect(outcome.warnings).toContainEqual({
        location: 'row 4, column A',
        message: expect.stringContaining('continues here after other chapters'),
      });
    });

    it('reads a Windows-1252 file and says so', async () => {
      const content = Buffer.concat([
        Buffer.from(`${HEADER}\n1,S\xe9curit\xe9,,1.1,Qui r\xe9pond ?,,1,,,0,,,,0\n`, 'latin1'),
      ]);
      const outcome = await imported(content);
      expect(outcome.questionnaire.definition.sections[0]?.title).toEqual({ en: 'Sécurité' });
      expect(outcome.warnings).toContainEqual({
        location: 'file',
        message: expect.stringContaining('Windows-1252'),
      });
    });

    it('ignores padding columns a spreadsheet adds past column N', async () => {
      const outcome = await imported(csv('1,A,,1.1,Describe.,,1,,,0,,,,1,,,'));
      expect(outcome.questionCount).toBe(1);
    });
  });
});
