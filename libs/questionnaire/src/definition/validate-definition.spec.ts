import { describe, expect, it } from '@jest/globals';
import type { TemplateDefinitionInput } from './definition.schema.js';
import { validateDefinition, type DefinitionIssue } from './validate-definition.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

function sample(): Mutable<TemplateDefinitionInput> & Record<string, unknown> {
  return {
    languages: ['en', 'zh-CN'],
    sections: [
      {
        key: 'encryption',
        title: { en: 'Encryption', 'zh-CN': '加密' },
        questions: [
          {
            key: 'tls',
            type: 'BOOLEAN',
            text: { en: 'Is data encrypted in transit?', 'zh-CN': '传输中的数据是否加密？' },
            points: { yes: 10, no: 0 },
            knockout: {
              failWhen: { equals: { question: 'tls', value: false } },
              severity: 'HIGH',
            },
          },
          {
            key: 'tls_version',
            type: 'SINGLE_CHOICE',
            text: { en: 'Lowest TLS version?', 'zh-CN': '最低 TLS 版本？' },
            visibleWhen: { equals: { question: 'tls', value: true } },
            options: [
              { key: 'tls12', label: { en: 'TLS 1.2', 'zh-CN': 'TLS 1.2' }, points: 5 },
              { key: 'tls13', label: { en: 'TLS 1.3', 'zh-CN': 'TLS 1.3' }, points: 10 },
            ],
          },
        ],
      },
      {
        key: 'incidents',
        title: { en: 'Incidents', 'zh-CN': '事件' },
        weight: 2,
        questions: [
          {
            key: 'notify_hours',
            type: 'NUMBER',
            text: {
              en: 'Hours to notify us of a breach',
              'zh-CN': '通知我们数据泄露的时限（小时）',
            },
            min: 0,
            knockout: {
              failWhen: { gt: { question: 'notify_hours', value: 72 } },
              severity: 'CRITICAL',
            },
          },
          {
            key: 'last_drill',
            type: 'DATE',
            text: { en: 'Date of the last drill', 'zh-CN': '最近一次演练日期' },
            visibleWhen: {
              all: [
                { answered: { question: 'notify_hours' } },
                { not: { in: { question: 'tls_version', values: ['tls12'] } } },
              ],
            },
          },
          {
            key: 'channels',
            type: 'MULTI_CHOICE',
            text: { en: 'Notification channels', 'zh-CN': '通知渠道' },
            visibleWhen: { lte: { question: 'last_drill', value: '2026-12-31' } },
            options: [
              { key: 'email', label: { en: 'Email', 'zh-CN': '电子邮件' }, points: 2 },
              { key: 'phone', label: { en: 'Phone', 'zh-CN': '电话' }, points: 3 },
            ],
          },
        ],
      },
    ],
  };
}

/** A sample with one change applied through a path of property names. */
function changed(edit: (definition: ReturnType<typeof sample>) => void): unknown {
  const definition = sample();
  edit(definition);
  return definition;
}

// The questions of the sample, by position, for terse edits.
const q = (d: ReturnType<typeof sample>, s: number, i: number) =>
  d.sections[s]!.questions[i]! as Record<string, unknown>;

function errorsOf(document: unknown, mode: 'draft' | 'publish' = 'draft'): DefinitionIssue[] {
  return [...validateDefinition(document, mode).errors];
}

describe('validateDefinition', () => {
  it('accepts a valid definition and fills defaults into its canonical form', () => {
    const result = validateDefinition(sample(), 'publish');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.definition?.schemaVersion).toBe(1);
    expect(result.definition?.sections[0]?.weight).toBe(1);
    expect(result.definition?.sections[0]?.questions[1]).toMatchObject({
      required: false,
      weight: 1,
      evidence: 'NONE',
      references: [],
      allowNotApplicable: false,
    });
  });

  it.each<[string, (d: ReturnType<typeof sample>) => void, DefinitionIssue]>([
    [
      'a missing field',
      (d) => delete (q(d, 0, 0) as { text?: unknown }).text,
      { path: 'sections[0].questions[0].text', message: 'is required' },
    ],
    [
      'an unknown field',
      (d) => (q(d, 0, 0).colour = 'red'),
      { path: 'sections[0].questions[0]', message: 'unknown field "colour"' },
    ],
    [
      'an unknown question type',
      (d) => (q(d, 0, 0).type = 'SLIDER'),
      {
        path: 'sections[0].questions[0].type',
        message: expect.stringContaining('BOOLEAN') as unknown as string,
      },
    ],
    [
      'a malformed key',
      (d) => (q(d, 0, 0).key = 'has space'),
      {
        path: 'sections[0].questions[0].key',
        message: expect.stringContaining('letters, digits') as unknown as string,
      },
    ],
    [
      'a duplicate question key',
      (d) => (q(d, 1, 1).key = 'tls'),
      {
        path: 'sections[1].questions[1].key',
        message: 'question key "tls" is already used at sections[0].questions[0]',
      },
    ],
    [
      'a duplicate section key',
      (d) => (d.sections[1]!.key = 'encryption'),
      { path: 'sections[1].key', message: 'section key "encryption" is used twice' },
    ],
    [
      'a duplicate option key',
      (d) => ((q(d, 0, 1).options as { key: string }[])[1]!.key = 'tls12'),
      {
        path: 'sections[0].questions[1].options[1].key',
        message: 'option key "tls12" is used twice in question "tls_version"',
      },
    ],
    [
      'a choice question without enough options',
      (d) => (q(d, 0, 1).options = []),
      {
        path: 'sections[0].questions[1].options',
        message: 'a SINGLE_CHOICE question needs at least 2 options',
      },
    ],
    [
      'options on a text question',
      (d) => (q(d, 1, 1).options = [{ key: 'x', label: { en: 'X' } }]),
      { path: 'sections[1].questions[1].options', message: 'a DATE question has no options' },
    ],
    [
      'a language that is not declared',
      (d) => ((q(d, 0, 0).text as Record<string, string>).fr = 'Chiffré ?'),
      { path: 'sections[0].questions[0].text.fr', message: '"fr" is not a declared language' },
    ],
    [
      'a missing first-language text',
      (d) => ((q(d, 0, 0).text as Record<string, string>).en = ' '),
      { path: 'sections[0].questions[0].text.en', message: 'needs text in "en"' },
    ],
    [
      'a condition on a later question',
      (d) => (q(d, 0, 1).visibleWhen = { answered: { question: 'notify_hours' } }),
      {
        path: 'sections[0].questions[1].visibleWhen.answered.question',
        message:
          'refers to question "notify_hours", which comes after "tls_version"; conditions may only read earlier questions',
      },
    ],
    [
      'a condition on the question itself',
      (d) => (q(d, 0, 1).visibleWhen = { in: { question: 'tls_version', values: ['tls12'] } }),
      {
        path: 'sections[0].questions[1].visibleWhen.in.question',
        message: 'question "tls_version" cannot depend on itself (circular reference)',
      },
    ],
    [
      'a condition on an unknown question',
      (d) => (q(d, 0, 1).visibleWhen = { not: { answered: { question: 'nope' } } }),
      {
        path: 'sections[0].questions[1].visibleWhen.not.answered.question',
        message: 'refers to unknown question "nope"',
      },
    ],
    [
      'an unknown operator',
      (d) => (q(d, 0, 1).visibleWhen = { any: [{ matches: { question: 'tls' } }] }),
      {
        path: 'sections[0].questions[1].visibleWhen.any[0]',
        message: expect.stringContaining('unknown operator "matches"') as unknown as string,
      },
    ],
    [
      'two operators in one node',
      (d) =>
        (q(d, 0, 1).visibleWhen = {
          answered: { question: 'tls' },
          not: { answered: { question: 'tls' } },
        }),
      {
        path: 'sections[0].questions[1].visibleWhen',
        message: expect.stringContaining('found "answered", "not"') as unknown as string,
      },
    ],
    [
      'an empty "all"',
      (d) => (q(d, 0, 1).visibleWhen = { all: [] }),
      {
        path: 'sections[0].questions[1].visibleWhen.all',
        message: 'must be a non-empty list of conditions',
      },
    ],
    [
      'an unknown field in a leaf',
      (d) => (q(d, 0, 1).visibleWhen = { equals: { question: 'tls', value: true, not: 1 } }),
      { path: 'sections[0].questions[1].visibleWhen.equals', message: 'unknown field "not"' },
    ],
    [
      'a boolean compared with a string',
      (d) => (q(d, 0, 1).visibleWhen = { equals: { question: 'tls', value: 'yes' } }),
      {
        path: 'sections[0].questions[1].visibleWhen.equals.value',
        message: 'question "tls" is BOOLEAN; the value must be true or false',
      },
    ],
    [
      'an option that does not exist',
      (d) => (q(d, 1, 0).visibleWhen = { in: { question: 'tls_version', values: ['ssl3'] } }),
      {
        path: 'sections[1].questions[0].visibleWhen.in.values[0]',
        message: '"ssl3" is not an option of question "tls_version"',
      },
    ],
    [
      'a comparison on a choice question',
      (d) => (q(d, 1, 0).visibleWhen = { gt: { question: 'tls_version', value: 1 } }),
      {
        path: 'sections[1].questions[0].visibleWhen.gt.value',
        message: '"gt" compares NUMBER and DATE questions, and "tls_version" is SINGLE_CHOICE',
      },
    ],
    [
      'a date compared with a malformed date',
      (d) => (q(d, 1, 2).visibleWhen = { gte: { question: 'last_drill', value: '31/12/2026' } }),
      {
        path: 'sections[1].questions[2].visibleWhen.gte.value',
        message: 'question "last_drill" is DATE; "gte" needs a date as YYYY-MM-DD',
      },
    ],
    [
      '"in" on a multiple choice compared with equals',
      (d) =>
        (q(d, 1, 2).knockout = {
          failWhen: { equals: { question: 'channels', value: 'email' } },
          severity: 'LOW',
        }),
      {
        path: 'sections[1].questions[2].knockout.failWhen.equals.value',
        message: 'question "channels" is MULTI_CHOICE; use "in" to test its selected options',
      },
    ],
    [
      'a knockout that never reads its own question',
      (d) =>
        (q(d, 1, 0).knockout = {
          failWhen: { equals: { question: 'tls', value: false } },
          severity: 'HIGH',
        }),
      {
        path: 'sections[1].questions[0].knockout.failWhen',
        message:
          'a knockout tests its own question\'s answer, and this one never reads "notify_hours"',
      },
    ],
    [
      'a flag that never reads its own question',
      (d) =>
        (q(d, 1, 0).flag = {
          when: { equals: { question: 'tls', value: true } },
          severity: 'LOW',
          finding: { en: 'Slow notification', 'zh-CN': '通知缓慢' },
        }),
      {
        path: 'sections[1].questions[0].flag.when',
        message: 'a flag tests its own question\'s answer, and this one never reads "notify_hours"',
      },
    ],
    [
      'a flag whose finding lacks the primary language',
      (d) =>
        (q(d, 1, 0).flag = {
          when: { gt: { question: 'notify_hours', value: 24 } },
          severity: 'MEDIUM',
          finding: { 'zh-CN': '通知慢于一天' },
        }),
      { path: 'sections[1].questions[0].flag.finding.en', message: 'needs text in "en"' },
    ],
    [
      'a flag reading a later question',
      (d) =>
        (q(d, 0, 0).flag = {
          when: {
            all: [
              { equals: { question: 'tls', value: true } },
              { answered: { question: 'last_drill' } },
            ],
          },
          severity: 'LOW',
          finding: { en: 'x', 'zh-CN': 'x' },
        }),
      {
        path: 'sections[0].questions[0].flag.when.all[1].answered.question',
        message: expect.stringContaining('last_drill') as unknown as string,
      },
    ],
    [
      'an unknown severity',
      (d) => ((q(d, 0, 0).knockout as Record<string, unknown>).severity = 'SEVERE'),
      {
        path: 'sections[0].questions[0].knockout.severity',
        message: expect.stringContaining('CRITICAL') as unknown as string,
      },
    ],
    [
      'points on a non-boolean question',
      (d) => (q(d, 1, 0).points = { yes: 1, no: 0 }),
      {
        path: 'sections[1].questions[0].points',
        message: 'only BOOLEAN questions take yes/no points; choices carry points on their options',
      },
    ],
    [
      'min above max',
      (d) => Object.assign(q(d, 1, 0), { min: 10, max: 5 }),
      { path: 'sections[1].questions[0].max', message: 'max is below min' },
    ],
  ])('rejects %s with a precise path and message', (_name, edit, expected) => {
    const errors = errorsOf(changed(edit));
    expect(errors).toContainEqual(expected);
  });

  it('reports every problem at once, not only the first', () => {
    const errors = errorsOf(
      changed((d) => {
        q(d, 0, 1).visibleWhen = { answered: { question: 'nope' } };
        q(d, 1, 2).key = 'tls';
      }),
    );
    expect(errors.map((error) => error.path).sort()).toEqual([
      'sections[0].questions[1].visibleWhen.answered.question',
      'sections[1].questions[2].key',
    ]);
  });

  it('lets a draft miss translations and points, but not a published version', () => {
    const draft = changed((d) => {
      delete (q(d, 0, 0).text as Record<string, string>)['zh-CN'];
      delete q(d, 0, 0).points;
    });
    const asDraft = validateDefinition(draft, 'draft');
    expect(asDraft.valid).toBe(true);
    expect(asDraft.warnings).toContainEqual({
      path: 'sections[0].questions[0]',
      message: 'question "tls" has no points for yes and no; assign them before publishing',
    });
    expect(errorsOf(draft, 'publish')).toEqual([
      { path: 'sections[0].questions[0].text.zh-CN', message: 'needs text in "zh-CN"' },
      {
        path: 'sections[0].questions[0]',
        message:
          'question "tls" has no points for yes and no; a published version scores every question',
      },
    ]);
  });

  it('needs at least one question to publish', () => {
    const empty = { languages: ['en'], sections: [] };
    expect(validateDefinition(empty, 'draft').valid).toBe(true);
    expect(errorsOf(empty, 'publish')).toEqual([
      { path: 'sections', message: 'a published version needs at least one question' },
    ]);
  });

  it('rejects a malformed language tag and a repeated language', () => {
    expect(errorsOf({ languages: ['english'], sections: [] })).toEqual([
      { path: 'languages[0]', message: 'must be a language tag such as "en" or "zh-CN"' },
    ]);
    expect(errorsOf({ languages: ['en', 'en'], sections: [] })).toEqual([
      { path: 'languages', message: 'declares a language twice' },
    ]);
  });

  it('rejects conditions nested deeper than the limit', () => {
    let condition: unknown = { answered: { question: 'tls' } };
    for (let i = 0; i < 20; i += 1) condition = { not: condition };
    const errors = errorsOf(changed((d) => (q(d, 0, 1).visibleWhen = condition)));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('conditions nest at most 16 deep');
  });
});
