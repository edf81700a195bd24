import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { validateDefinition } from '../../definition/validate-definition.js';
import type { ImportOptions, ImportOutcome } from '../import-types.js';
import { importSpreadsheetCsv } from './spreadsheet-csv.importer.js';

const HEADER = 'section_key,section_title:en,question_key,type,text:en';

async function read(lines: readonly string[], options?: ImportOptions): Promise<ImportOutcome> {
  return importSpreadsheetCsv(Buffer.from(lines.join('\n'), 'utf8'), options);
}

async function errorsOf(lines: readonly string[]) {
  const outcome = await read(lines);
  if (outcome.ok) throw new Error('the import succeeded');
  return outcome.errors;
}

async function definitionOf(lines: readonly string[], options?: ImportOptions) {
  const outcome = await read(lines, options);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome;
}

describe('importSpreadsheetCsv', () => {
  it('imports the hand-written sample with defaults filled in', async () => {
    const outcome = await importSpreadsheetCsv(
      readFileSync(new URL('./samples/minimal.csv', import.meta.url)),
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const expected = validateDefinition({
      languages: ['en'],
      sections: [
        {
          key: 'security',
          title: { en: 'Security' },
          questions: [
            {
              key: 'mfa',
              type: 'BOOLEAN',
              required: true,
              text: { en: 'Do you enforce multi-factor authentication?' },
            },
            {
              key: 'tls',
              type: 'SINGLE_CHOICE',
              text: { en: 'Which TLS versions do you accept?' },
              options: [
                { key: 'tls13', label: { en: 'TLS 1.3 only' }, points: 10 },
                { key: 'tls12', label: { en: 'TLS 1.2 and 1.3' }, points: 5 },
                { key: 'older', label: { en: 'Older versions too' }, points: 0 },
              ],
            },
            {
              key: 'backup_days',
              type: 'NUMBER',
              text: { en: 'How many days do you keep backups, at most?' },
              visibleWhen: { equals: { question: 'mfa', value: true } },
            },
          ],
        },
        {
          key: 'privacy',
          title: { en: 'Privacy' },
          questions: [
            { key: 'dpo', type: 'TEXT', text: { en: 'Who is your data protection officer?' } },
          ],
        },
      ],
    }).definition;
    expect(expected).toBeDefined();
    expect(outcome.questionnaire.definition).toStrictEqual(expected);
    expect(outcome.questionCount).toBe(4);
    expect(outcome.warnings).toEqual([
      {
        location: 'row 2',
        message: 'question "mfa" has no points for yes and no; assign them before publishing',
      },
    ]);
  });

  it('names the row and column of an unknown type, and collects every error', async () => {
    const errors = await errorsOf([
      `${HEADER},required,weight`,
      'general,General,a,BOOLEAN,First?,yes,1',
      'general,General,b,CHECKBOX,Second?,maybe,heavy',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 3, column "type"',
        message:
          'unknown type "CHECKBOX"; expected BOOLEAN, SINGLE_CHOICE, MULTI_CHOICE, TEXT, NUMBER, DATE',
      },
      { location: 'row 3, column "required"', message: 'must be yes or no, found "maybe"' },
      { location: 'row 3, column "weight"', message: 'must be a number, found "heavy"' },
    ]);
  });

  it('reports a malformed options cell', async () => {
    const errors = await errorsOf([
      `${HEADER},options`,
      'general,General,tls,SINGLE_CHOICE,TLS?,"tls13=ten | TLS 1.2=5 | =3"',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 2, column "options"',
        message: 'option "tls13": points must be a number, found "ten"',
      },
      {
        location: 'row 2, column "options"',
        message:
          'option 2 "TLS 1.2=5" is not key or key=points; a key is 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
      },
      {
        location: 'row 2, column "options"',
        message:
          'option 3 "=3" is not key or key=points; a key is 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
      },
    ]);
  });

  it('reports labels that do not line up with the options', async () => {
    const errors = await errorsOf([
      `${HEADER},options,option_labels:en`,
      'general,General,tls,SINGLE_CHOICE,TLS?,a|b|c,"A\nB"',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 2, column "option_labels:en"',
        message: 'has 2 labels, but "options" has 3; give one label per option, in the same order',
      },
    ]);
  });

  it('reports bad condition JSON and bad condition syntax', async () => {
    const errors = await errorsOf([
      `${HEADER},visible_when,knockout_when,knockout_severity`,
      'general,General,a,BOOLEAN,First?,,a = maybe or,HIGH',
      'general,General,b,TEXT,Second?,"{""equals"": {""question"": ""a"",}}",,',
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toEqual({
      location: 'row 2, column "knockout_when"',
      message: 'expected a question key, found the end (at character 13)',
    });
    expect(errors[1]!.location).toBe('row 3, column "visible_when"');
    expect(errors[1]!.message).toMatch(/^not valid JSON: /);
  });

  it('places definition problems at the row and column they come from', async () => {
    const errors = await errorsOf([
      `${HEADER},text:zh-CN,visible_when,options`,
      'general,General,a,BOOLEAN,First?,第一,b = x,',
      'general,General,b,SINGLE_CHOICE,,第二,,only',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 2, column "visible_when"',
        message:
          'at equals.question: refers to question "b", which comes after "a"; conditions may only read earlier questions',
      },
      { location: 'row 3, column "text:en"', message: 'needs text in "en"' },
      {
        location: 'row 3, column "options"',
        message: 'a SINGLE_CHOICE question needs at least 2 options',
      },
    ]);
  });

  it('reads every condition operator written by hand', async () => {
    const outcome = await definitionOf([
      `${HEADER},options,visible_when`,
      'a,A,region,SINGLE_CHOICE,Region?,eu|us|cn,',
      'a,A,staff,NUMBER,Staff?,,"region in (eu, cn)"',
      'a,A,since,DATE,Since?,,"staff > 10 and (staff is answered or not region = us)"',
      'a,A,until,DATE,Until?,,since <= 2024-12-31',
    ]);
    const questions = outcome.questionnaire.definition.sections[0]!.questions;
    expect(questions[3]!.visibleWhen).toEqual({ lte: { question: 'since', value: '2024-12-31' } });
    expect(questions[1]!.visibleWhen).toEqual({ in: { question: 'region', values: ['eu', 'cn'] } });
    expect(questions[2]!.visibleWhen).toEqual({
      all: [
        { gt: { question: 'staff', value: 10 } },
        {
          any: [
            { answered: { question: 'staff' } },
            { not: { equals: { question: 'region', value: 'us' } } },
          ],
        },
      ],
    });
  });

  it('requires the key columns and warns about unknown ones', async () => {
    const missing = await read(['section_key,question_key,text:en,colour', 'a,q,Q?,red']);
    expect(missing).toEqual({
      ok: false,
      errors: [{ location: 'row 1', message: 'missing required column "type"' }],
      warnings: [
        {
          location: 'row 1, column "colour"',
          message: 'unknown column "colour"; its values are ignored',
        },
      ],
    });
    const noText = await errorsOf(['section_key,question_key,type', 'a,q,TEXT']);
    expect(noText).toEqual([
      {
        location: 'row 1',
        message: 'missing required column "text" (one per language, e.g. "text:en")',
      },
    ]);
    const twice = await errorsOf([`${HEADER},Text:EN`, 'a,A,q,TEXT,Q?,Q?']);
    expect(twice).toEqual([
      {
        location: 'row 1, column "Text:EN"',
        message: 'the same column as "text:en"; each column may appear once',
      },
    ]);
    const badTag = await errorsOf([`${HEADER},text:english`, 'a,A,q,TEXT,Q?,Q?']);
    expect(badTag).toEqual([
      {
        location: 'row 1, column "text:english"',
        message: '"english" is not a language tag such as en or zh-CN',
      },
    ]);
  });

  it('matches headers in any order and case, and declares languages in column order', async () => {
    const outcome = await definitionOf(
      [
        'Text:ZH-cn,TYPE,Question Key,text,Section-Key,Section_Title:zh-CN',
        '是否？,boolean,q,Yes?,s,部分',
      ],
      { language: 'fr' },
    );
    const definition = outcome.questionnaire.definition;
    expect(definition.languages).toEqual(['zh-CN', 'fr']);
    expect(definition.sections[0]!.title).toEqual({ 'zh-CN': '部分' });
    expect(definition.sections[0]!.questions[0]).toMatchObject({
      key: 'q',
      type: 'BOOLEAN',
      text: { 'zh-CN': '是否？', fr: 'Yes?' },
    });
  });

  it('continues a section on a blank key and keeps the first section values', async () => {
    const outcome = await definitionOf([
      `${HEADER},section_weight`,
      'a,Alpha,q1,TEXT,One?,2',
      ',,q2,TEXT,Two?,',
      'b,,q3,TEXT,Three?,',
      'a,Other title,q4,TEXT,Four?,3',
    ]);
    const sections = outcome.questionnaire.definition.sections;
    expect(sections.map((section) => section.key)).toEqual(['a', 'b']);
    expect(sections[0]).toMatchObject({ title: { en: 'Alpha' }, weight: 2 });
    expect(sections[0]!.questions.map((question) => question.key)).toEqual(['q1', 'q2', 'q4']);
    expect(sections[1]!.title).toEqual({ en: 'b' });
    expect(outcome.warnings).toEqual([
      {
        location: 'row 5, column "section_key"',
        message:
          'section "a" continues here after other sections; its questions are kept together with those from row 2',
      },
      {
        location: 'row 5, column "section_title:en"',
        message: 'differs from row 2 for section "a"; row 2\'s value is kept',
      },
      {
        location: 'row 5, column "section_weight"',
        message: 'differs from row 2 for section "a"; row 2\'s value is kept',
      },
    ]);
  });

  it('checks knockouts, yes/no points and duplicate keys', async () => {
    const errors = await errorsOf([
      `${HEADER},yes_points,no_points,knockout_when,knockout_severity,knockout_finding:en`,
      'a,A,q1,BOOLEAN,One?,5,,q1 = no,,',
      'a,A,q2,BOOLEAN,Two?,,,,HIGH,Bad',
      'a,A,q1,TEXT,Again?,,,,,',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 4, column "question_key"',
        message: 'question key "q1" is already used in row 2',
      },
      { location: 'row 2, column "no_points"', message: 'give points for no as well as for yes' },
      {
        location: 'row 2, column "knockout_severity"',
        message: 'a knockout needs a severity: LOW, MEDIUM, HIGH, CRITICAL',
      },
      {
        location: 'row 3, column "knockout_severity"',
        message: 'a severity needs a knockout_when condition',
      },
      {
        location: 'row 3, column "knockout_finding:en"',
        message: 'a finding needs a knockout_when condition',
      },
    ]);
  });

  it('reads a flag: its condition, severity and finding by language', async () => {
    const outcome = await definitionOf([
      `${HEADER},text:zh-CN,flag_when,flag_severity,flag_finding:en,flag_finding:zh-CN`,
      'a,A,breach_notify_hours,NUMBER,Hours to notify?,通知时限？,breach_notify_hours > 24,medium,"Slow, ""late"" notice",通知缓慢',
      'a,A,notes,TEXT,Notes?,备注？,,,,',
    ]);
    const [flagged, plain] = outcome.questionnaire.definition.sections[0]!.questions;
    expect(flagged!.flag).toEqual({
      when: { gt: { question: 'breach_notify_hours', value: 24 } },
      severity: 'MEDIUM',
      finding: { en: 'Slow, "late" notice', 'zh-CN': '通知缓慢' },
    });
    expect(flagged!.knockout).toBeUndefined();
    expect(plain!.flag).toBeUndefined();
  });

  it('checks flags: a condition needs a severity and a finding, and they need a condition', async () => {
    const errors = await errorsOf([
      `${HEADER},flag_when,flag_severity,flag_finding:en`,
      'a,A,q1,NUMBER,One?,q1 > 24,,Slow',
      'a,A,q2,NUMBER,Two?,q2 > 24,HIGH,',
      'a,A,q3,BOOLEAN,Three?,,LOW,Orphan',
      'a,A,q4,BOOLEAN,Four?,q4 = no,SEVERE,Bad',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 2, column "flag_severity"',
        message: 'a flag needs a severity: LOW, MEDIUM, HIGH, CRITICAL',
      },
      {
        location: 'row 3, column "flag_finding:en"',
        message: 'a flag needs a finding: what it says',
      },
      {
        location: 'row 4, column "flag_severity"',
        message: 'a severity needs a flag_when condition',
      },
      {
        location: 'row 4, column "flag_finding:en"',
        message: 'a finding needs a flag_when condition',
      },
      {
        location: 'row 5, column "flag_severity"',
        message: 'must be one of LOW, MEDIUM, HIGH, CRITICAL, found "SEVERE"',
      },
    ]);
  });

  it('names the flag_finding column even when the file has none', async () => {
    const errors = await errorsOf([
      `${HEADER},flag_when,flag_severity`,
      'a,A,q1,NUMBER,One?,q1 > 24,LOW',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 2, column "flag_finding:en"',
        message: 'a flag needs a finding: what it says',
      },
    ]);
  });

  it('places flag problems found by validation at the flag columns', async () => {
    const errors = await errorsOf([
      `${HEADER},text:zh-CN,flag_when,flag_severity,flag_finding:en,flag_finding:zh-CN`,
      'a,A,q1,BOOLEAN,One?,一？,,,,',
      'a,A,q2,NUMBER,Two?,二？,q1 = no,LOW,Reads q1 only,只读 q1',
      'a,A,q3,NUMBER,Three?,三？,"q3 > 24 and q4 is answered",HIGH,Later,稍后',
      'a,A,q4,NUMBER,Four?,四？,q4 > 1,MEDIUM,,只有中文',
    ]);
    expect(errors).toEqual([
      {
        location: 'row 3, column "flag_when"',
        message: 'a flag tests its own question\'s answer, and this one never reads "q2"',
      },
      {
        location: 'row 4, column "flag_when"',
        message: expect.stringMatching(
          /^at all\[1\]\.answered\.question: .*"q4"/,
        ) as unknown as string,
      },
      { location: 'row 5, column "flag_finding:en"', message: 'needs text in "en"' },
    ]);
  });

  it('reads semicolon-separated UTF-16 files saved by spreadsheet programs', async () => {
    const text =
      '\uFEFFsection_key;section_title:en;question_key;type;text:en\r\na;A;q;TEXT;"Yes; or no?"\r\n';
    const outcome = await importSpreadsheetCsv(Buffer.from(text, 'utf16le'));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.questionnaire.definition.sections[0]!.questions[0]!.text).toEqual({
      en: 'Yes; or no?',
    });
  });

  it('undoes the formula guard and splits references', async () => {
    const outcome = await definitionOf([
      `${HEADER},references`,
      `a,A,q,TEXT,'=SUM(1),"GDPR Art. 32; PIPL Art. 51\n  ISO 27001 \\; A.5 ;"`,
    ]);
    const question = outcome.questionnaire.definition.sections[0]!.questions[0]!;
    expect(question.text).toEqual({ en: '=SUM(1)' });
    expect(question.references).toEqual(['GDPR Art. 32', 'PIPL Art. 51', 'ISO 27001 ; A.5']);
  });

  it('rejects files that are not UTF-8 and reports broken quoting by line', async () => {
    const gbk = Buffer.concat([Buffer.from(`${HEADER}\na,A,q,TEXT,`), Buffer.from([0xc4, 0xe3])]);
    expect(await importSpreadsheetCsv(gbk)).toEqual({
      ok: false,
      errors: [
        {
          location: 'file',
          message:
            'the file is not UTF-8 text; in Excel choose "CSV UTF-8 (Comma delimited)" when saving',
        },
      ],
      warnings: [],
    });
    const errors = await errorsOf([HEADER, 'a,A,q,TEXT,"never closed', 'b,B,r,TEXT,x']);
    expect(errors).toEqual([
      { location: 'line 3', message: 'a quoted cell is not closed: a " is missing' },
    ]);
  });

  it('reports progress per question row', async () => {
    const seen: [number, number][] = [];
    await read([HEADER, 'a,A,q1,TEXT,One?', '', 'a,A,q2,TEXT,Two?'], {
      onProgress: (processed, total) => seen.push([processed, total]),
    });
    expect(seen).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
