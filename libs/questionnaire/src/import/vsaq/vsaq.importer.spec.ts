import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Condition } from '../../definition/condition.js';
import {
  FINDING_SEVERITIES,
  type FindingSeverity,
  type TemplateDefinition,
} from '../../definition/definition.schema.js';
import { questionsOf, validateDefinition } from '../../definition/validate-definition.js';
import type { ImportMessage, ImportOptions, ImportOutcome } from '../import-types.js';
import { importVsaq } from './vsaq.importer.js';

type Json = Record<string, unknown>;

const FIXTURE = readFileSync(new URL('./samples/security_privacy_programs.vsaq', import.meta.url));

async function imported(content: Buffer | string, options?: ImportOptions) {
  const outcome: ImportOutcome = await importVsaq(
    typeof content === 'string' ? Buffer.from(content) : content,
    options,
  );
  if (!outcome.ok) throw new Error(`import failed: ${JSON.stringify(outcome.errors, null, 2)}`);
  return outcome;
}

async function failed(content: Buffer | string): Promise<readonly ImportMessage[]> {
  const outcome = await importVsaq(typeof content === 'string' ? Buffer.from(content) : content);
  if (outcome.ok) throw new Error('the import succeeded unexpectedly');
  return outcome.errors;
}

function definitionOf(outcome: { questionnaire: { definition: unknown } }): TemplateDefinition {
  return outcome.questionnaire.definition as TemplateDefinition;
}

/** A VSAQ document: one top-level block holding `items`. */
function vsaq(items: unknown[]): string {
  return JSON.stringify({ questionnaire: [{ type: 'block', text: 'Sample', items }] }, null, 2);
}

function radio(id: string, choices: string[], extra: Json = {}): Json {
  return {
    type: 'radiogroup',
    id,
    text: `Question ${id}?`,
    choices: choices.map((choice) => ({ [choice]: `Label ${choice}` })),
    ...extra,
  };
}

/**
 * Counts in the fixture, found without the importer: comment lines and
 * `"a" + "b"` joins are removed with regular expressions, then JSON.parse.
 */
function fixtureFacts() {
  const cleaned = FIXTURE.toString('utf8')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/"\s*\+\s*"/g, '');
  const document = JSON.parse(cleaned) as { questionnaire: Json[] };
  const answerableTypes = new Set([
    'radiogroup',
    'checkgroup',
    'line',
    'box',
    'yesno',
    'upload',
    'check',
  ]);
  const answerable: { item: Json; blocks: Json[] }[] = [];
  const tips: Json[] = [];
  const byId = new Map<string, Json>();
  const questionOfId = new Map<string, number>();
  let conds = 0;
  let choices = 0;
  const walk = (items: Json[], blocks: Json[]): void => {
    for (const item of items) {
      if (typeof item.cond === 'string') conds += 1;
      if (typeof item.id === 'string') byId.set(item.id, item);
      if (answerableTypes.has(item.type as string)) {
        const index = answerable.length;
        answerable.push({ item, blocks });
        if (typeof item.id === 'string') questionOfId.set(item.id, index);
        for (const choice of (item.choices as Json[] | undefined) ?? []) {
          choices += 1;
          questionOfId.set(Object.keys(choice)[0]!, index);
        }
      }
      if (item.type === 'tip') tips.push(item);
      if (item.type === 'block') walk(item.items as Json[], [...blocks, item]);
    }
  };
  walk(document.questionnaire, []);
  // The questions a cond reads; ^id stands for the cond of the item it names.
  const questionsRead = (cond: string): number[] =>
    (cond.match(/\^?[A-Za-z0-9_]+/g) ?? []).flatMap((name) =>
      name.startsWith('^')
        ? questionsRead(byId.get(name.slice(1))!.cond as string)
        : [questionOfId.get(name)!],
    );
  const warnTips = tips.filter((tip) => tip.warn === 'yes');
  const tipsByTarget = new Map<number, Json[]>();
  for (const tip of warnTips) {
    const target = Math.max(...questionsRead(tip.cond as string));
    tipsByTarget.set(target, [...(tipsByTarget.get(target) ?? []), tip]);
  }
  const countOf = (type: string) => answerable.filter(({ item }) => item.type === type).length;
  return {
    answerable,
    tips,
    warnTips,
    tipsByTarget,
    conds,
    choices,
    defaultChoices: answerable.filter(({ item }) => item.defaultChoice === true).length,
    countOf,
    conditional: answerable.filter(
      ({ item, blocks }) =>
        typeof item.cond === 'string' || blocks.some((b) => typeof b.cond === 'string'),
    ).length,
  };
}

function questionWithOption(definition: TemplateDefinition, optionKey: string) {
  return questionsOf(definition).find((q) => q.options?.some((o) => o.key === optionKey))!;
}

function inCondition(question: string, value: string): Condition {
  return { in: { question, values: [value] } };
}

describe('importVsaq: the Security and Privacy Programs questionnaire', () => {
  const facts = fixtureFacts();

  it('matches the numbers its README states', () => {
    expect(facts.answerable).toHaveLength(46);
    expect(['radiogroup', 'checkgroup', 'line', 'box'].map((type) => facts.countOf(type))).toEqual([
      28, 5, 8, 5,
    ]);
    expect(facts.tips).toHaveLength(36);
    expect(facts.warnTips).toHaveLength(34);
    const severities = facts.warnTips.map((tip) => tip.severity);
    expect(
      ['critical', 'high', 'medium'].map((s) => severities.filter((x) => x === s).length),
    ).toEqual([6, 22, 6]);
    expect(facts.conds).toBe(58);
    expect(facts.choices).toBe(91);
  });

  it('imports every answerable item as a question of the right type, in document order', async () => {
    const outcome = await imported(FIXTURE);
    const questions = questionsOf(definitionOf(outcome));
    expect(outcome.questionCount).toBe(facts.answerable.length);
    expect(questions).toHaveLength(46);
    const expectedTypes = facts.answerable.map(({ item }) =>
      item.type === 'radiogroup'
        ? 'SINGLE_CHOICE'
        : item.type === 'checkgroup'
          ? 'MULTI_CHOICE'
          : 'TEXT',
    );
    expect(questions.map((q) => q.type)).toEqual(expectedTypes);
    const withIds = facts.answerable.flatMap(({ item }, i) =>
      typeof item.id === 'string' ? [[i, item.id]] : [],
    );
    for (const [i, id] of withIds) expect(questions[i as number]!.key).toBe(id);
    const optionCount = questions.reduce((sum, q) => sum + (q.options?.length ?? 0), 0);
    expect(optionCount).toBe(facts.choices + facts.defaultChoices);
  });

  it('gives a visibleWhen to exactly the questions with a cond of their own or on an enclosing block', async () => {
    const questions = questionsOf(definitionOf(await imported(FIXTURE)));
    const conditional = questions.filter((q) => q.visibleWhen !== undefined);
    expect(conditional).toHaveLength(facts.conditional);
    facts.answerable.forEach(({ item, blocks }, i) => {
      const expected =
        typeof item.cond === 'string' || blocks.some((b) => typeof b.cond === 'string');
      expect([i, questions[i]!.visibleWhen !== undefined]).toEqual([i, expected]);
    });
  });

  it('turns all 34 warning tips into knockouts on the last question each one reads', async () => {
    const questions = questionsOf(definitionOf(await imported(FIXTURE)));
    const withKnockout = questions.flatMap((q, i) => (q.knockout ? [i] : []));
    expect(withKnockout).toEqual([...facts.tipsByTarget.keys()].sort((a, b) => a - b));
    let attached = 0;
    for (const [target, tips] of facts.tipsByTarget) {
      const knockout = questions[target]!.knockout!;
      for (const tip of tips) {
        expect(knockout.finding?.en).toContain(tip.name as string);
        attached += 1;
      }
      const highest = tips
        .map((tip) => (tip.severity as string).toUpperCase() as FindingSeverity)
        .reduce((a, b) => (FINDING_SEVERITIES.indexOf(a) > FINDING_SEVERITIES.indexOf(b) ? a : b));
      expect(knockout.severity).toBe(highest);
    }
    expect(attached).toBe(34);
  });

  it('converts known items exactly', async () => {
    const definition = definitionOf(await imported(FIXTURE));
    const byKey = new Map(questionsOf(definition).map((q) => [q.key, q]));

    const secprog = byKey.get('secprog')!;
    expect(secprog.type).toBe('SINGLE_CHOICE');
    expect(secprog.options?.map((o) => o.key)).toEqual(['secprog_yes', 'secprog_no']);
    expect(secprog.options?.every((o) => o.points === undefined)).toBe(true);
    expect(secprog.knockout).toEqual({
      failWhen: inCondition('secprog', 'secprog_no'),
      severity: 'CRITICAL',
      finding: {
        en: expect.stringMatching(/^No security program\nHaving a strong security program/),
      },
    });

    // The block's cond (secprog_yes) and the question's own (req_sensitive) combine.
    expect(byKey.get('secprog_team')!.visibleWhen).toEqual({
      all: [inCondition('secprog', 'secprog_yes'), inCondition('options', 'req_sensitive')],
    });

    // A checkgroup choice id: the controls question has no VSAQ id.
    const controls = questionWithOption(definition, 'secprog_privacy_policy');
    expect(controls.type).toBe('MULTI_CHOICE');
    expect(byKey.get('secprog_privacy_policy_uri')!.visibleWhen).toEqual(
      inCondition(controls.key, 'secprog_privacy_policy'),
    );

    // "!a || !b || !c" over one checkgroup.
    const checks = questionWithOption(definition, 'secprog_bgcheck_cv');
    expect(checks.knockout).toMatchObject({
      severity: 'HIGH',
      failWhen: {
        any: ['secprog_bgcheck_cv', 'secprog_bgcheck_reference', 'secprog_bgcheck_criminal'].map(
          (choice) => ({ not: inCondition(checks.key, choice) }),
        ),
      },
    });

    // "^tip" is the tip's own cond; the block they share needs no repeating.
    expect(byKey.get('secprog_incidents_knowhow_where')!.visibleWhen).toEqual({
      all: [
        inCondition(controls.key, 'secprog_incidentmanagement'),
        inCondition('secprog_incidents_knowhow', 'secprog_incidents_knowhow_no'),
        {
          not: {
            all: [
              inCondition('secprog_incidents_knowhow', 'secprog_incidents_knowhow_no'),
              inCondition('options', 'req_sensitive'),
            ],
          },
        },
      ],
    });
  });

  it('takes the text of a text-less question from the info before it, and strips HTML', async () => {
    const outcome = await imported(FIXTURE);
    const definition = definitionOf(outcome);
    const options = questionsOf(definition)[0]!;
    expect(options.text.en).toMatch(/^Select the options that describe your project/);
    expect(options.options?.[0]?.label.en).toMatch(/^Sensitive data \u2014 This project involves/);
    expect(definition.sections[1]?.description?.en).toMatch(
      /^Why this section matters: An information/,
    );
    const standard = questionsOf(definition).find((q) => q.key === 'secprog_standard')!;
    expect(standard.text.en).toContain('ISO 27001 (http://en.wikipedia.org/wiki/ISO/IEC_27001)');
    expect(standard.text.en).not.toMatch(/<|&mdash;/);
    expect(outcome.questionnaire.title).toEqual({
      en: 'Security and Privacy Programs Questionnaire',
    });
  });

  it('validates as a draft and says how many questions came without points', async () => {
    const outcome = await imported(FIXTURE);
    const validation = validateDefinition(outcome.questionnaire.definition, 'draft');
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    const scored = facts.countOf('radiogroup') + facts.countOf('checkgroup');
    expect(outcome.warnings).toContainEqual({
      location: 'questionnaire',
      message: `${scored} questions imported without points: VSAQ does not score answers; add points before publishing`,
    });
    // One summary per kind of approximation, not one per item.
    const html = outcome.warnings.filter((w) => w.message.startsWith('HTML formatting'));
    expect(html).toHaveLength(1);
    expect(outcome.warnings.some((w) => w.message.includes('9 warning tips'))).toBe(true);
  });

  it('reports progress up to the number of questions', async () => {
    const calls: [number, number][] = [];
    await imported(FIXTURE, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0]).toEqual([0, 46]);
    expect(calls.at(-1)).toEqual([46, 46]);
    expect(calls.map(([done]) => done)).toEqual([...Array(47).keys()]);
  });

  it('writes every text in the requested language', async () => {
    const outcome = await imported(FIXTURE, { language: 'zh-CN' });
    const definition = definitionOf(outcome);
    expect(definition.languages).toEqual(['zh-CN']);
    const texts = questionsOf(definition).flatMap((q) => [
      q.text,
      ...(q.help ? [q.help] : []),
      ...(q.knockout?.finding ? [q.knockout.finding] : []),
      ...(q.options ?? []).map((o) => o.label),
    ]);
    expect(texts.every((text) => Object.keys(text).join() === 'zh-CN')).toBe(true);
  });
});

describe('importVsaq: conversions', () => {
  it('maps each item type and keeps yes/no labels in help', async () => {
    const outcome = await imported(
      vsaq([
        {
          type: 'block',
          text: 'All types',
          items: [
            radio('r', ['r_a', 'r_b'], { defaultChoice: true }),
            { type: 'checkgroup', id: 'c', text: 'Pick', choices: [{ c_a: 'A' }, { c_b: 'B' }] },
            { type: 'yesno', id: 'y', text: 'Encrypted?', yes: 'Yes, always', no: 'Not yet' },
            { type: 'yesno', id: 'y2', text: 'Logged?', yes: 'Yes', no: 'No' },
            { type: 'yesno', id: 'y3', text: 'Audited?', yes: 'Every year', no: 'Never' },
            { type: 'check', id: 'k', text: 'I agree' },
            { type: 'line', id: 'l', text: 'Name', required: true },
            { type: 'line', id: 'n', text: 'Staff', inputType: 'number' },
            { type: 'box', id: 'b', text: 'Describe' },
            { type: 'upload', id: 'u', text: 'Upload the SOC 2 report' },
            { type: 'spacer' },
          ],
        },
      ]),
    );
    const questions = questionsOf(definitionOf(outcome));
    expect(questions.map((q) => [q.key, q.type])).toEqual([
      ['r', 'SINGLE_CHOICE'],
      ['c', 'MULTI_CHOICE'],
      ['y', 'BOOLEAN'],
      ['y2', 'BOOLEAN'],
      ['y3', 'BOOLEAN'],
      ['k', 'BOOLEAN'],
      ['l', 'TEXT'],
      ['n', 'NUMBER'],
      ['b', 'TEXT'],
      ['u', 'TEXT'],
    ]);
    expect(questions[0]!.options?.map((o) => [o.key, o.label.en])).toEqual([
      ['r_a', 'Label r_a'],
      ['r_b', 'Label r_b'],
      ['none', 'None of the above.'],
    ]);
    expect(questions[2]!.help?.en).toBe('Yes: Yes, always\nNo: Not yet');
    expect(questions[3]!.help).toBeUndefined();
    expect(questions[6]!.required).toBe(true);
    expect(questions[9]!.evidence).toBe('REQUIRED');
    const yesno = outcome.warnings.filter((w) => w.message.startsWith('yes/no questions'));
    expect(yesno).toEqual([
      {
        location: 'questionnaire[0].items[0].items[2]',
        message: expect.stringContaining('(2 times; the first is here)'),
      },
    ]);
    expect(
      outcome.warnings.some((w) => w.message.startsWith('file uploads became text questions')),
    ).toBe(true);
  });

  it('reads ids with VSAQ suffixes and ids of groups and text items', async () => {
    const questions = questionsOf(
      definitionOf(
        await imported(
          vsaq([
            {
              type: 'block',
              text: 'S',
              items: [
                { type: 'yesno', id: 'y', text: 'Y?', yes: 'Yes', no: 'No' },
                { type: 'check', id: 'k', text: 'K' },
                { type: 'line', id: 'l', text: 'L' },
                radio('r', ['r_a', 'r_b']),
                { type: 'box', id: 'b1', text: 'B1', cond: 'y/no' },
                { type: 'box', id: 'b2', text: 'B2', cond: 'y && k/yes' },
                { type: 'box', id: 'b3', text: 'B3', cond: 'l/value || r' },
              ],
            },
          ]),
        ),
      ),
    );
    expect(questions[4]!.visibleWhen).toEqual({ equals: { question: 'y', value: false } });
    expect(questions[5]!.visibleWhen).toEqual({
      all: [{ equals: { question: 'y', value: true } }, { equals: { question: 'k', value: true } }],
    });
    expect(questions[6]!.visibleWhen).toEqual({
      any: [{ answered: { question: 'l' } }, { answered: { question: 'r' } }],
    });
  });

  it('reads && and || left to right like VSAQ, and warns when they are mixed without parentheses', async () => {
    const outcome = await imported(
      vsaq([
        {
          type: 'block',
          text: 'S',
          items: [
            radio('a', ['a_y', 'a_n']),
            radio('b', ['b_y', 'b_n']),
            radio('c', ['c_y', 'c_n']),
            { type: 'line', id: 'l', text: 'L', cond: 'a_y || b_y && !c_y' },
          ],
        },
      ]),
    );
    expect(questionsOf(definitionOf(outcome))[3]!.visibleWhen).toEqual({
      all: [
        { any: [inCondition('a', 'a_y'), inCondition('b', 'b_y')] },
        { not: inCondition('c', 'c_y') },
      ],
    });
    expect(outcome.warnings).toContainEqual({
      location: 'questionnaire[0].items[0].items[3].cond',
      message: expect.stringContaining('read left to right'),
    });
  });

  it('places info texts: section description, text of a text-less question, otherwise help', async () => {
    const outcome = await imported(
      vsaq([
        { type: 'info', text: 'About this questionnaire.' },
        {
          type: 'block',
          text: 'First',
          items: [
            { type: 'info', text: 'Why this section matters.' },
            radio('a', ['a_y', 'a_n']),
            { type: 'info', text: 'Which of these apply?' },
            { type: 'checkgroup', id: 'b', choices: [{ b_1: 'One' }] },
            { type: 'info', text: 'Be <i>precise</i>.' },
            { type: 'line', id: 'c', text: 'Details' },
            {
              type: 'block',
              text: 'Nested part',
              cond: 'a_y',
              items: [{ type: 'line', id: 'd', text: 'More', cond: 'b_1' }],
            },
            { type: 'info', text: 'Thanks.' },
          ],
        },
      ]),
    );
    const definition = definitionOf(outcome);
    expect(outcome.questionnaire.description).toEqual({ en: 'About this questionnaire.' });
    expect(definition.sections[0]!.description).toEqual({
      en: 'Why this section matters.\n\nThanks.',
    });
    const [a, b, c, d] = questionsOf(definition);
    expect(a!.help).toBeUndefined();
    expect(b!.text).toEqual({ en: 'Which of these apply?' });
    expect(c!.help).toEqual({ en: 'Be precise.' });
    expect(d!.help).toEqual({ en: 'Nested part' });
    // The nested block's cond applies to the question inside it, with its own.
    expect(d!.visibleWhen).toEqual({ all: [inCondition('a', 'a_y'), inCondition('b', 'b_1')] });
  });

  it('combines tips on one question, defaults a missing severity and makes plain tips help', async () => {
    const outcome = await imported(
      vsaq([
        {
          type: 'block',
          text: 'S',
          items: [
            radio('a', ['a_y', 'a_n', 'a_x']),
            {
              type: 'tip',
              warn: 'yes',
              severity: 'medium',
              name: 'Said no',
              text: 'No.',
              cond: 'a_n',
            },
            { type: 'tip', warn: 'yes', severity: 'critical', text: '<b>Unknown</b>', cond: 'a_x' },
            { type: 'tip', text: 'Consider it.', cond: 'a_n' },
            radio('b', ['b_y', 'b_n']),
            { type: 'tip', warn: 'yes', text: 'Missing severity', cond: 'b_n' },
          ],
        },
      ]),
    );
    const [a, b] = questionsOf(definitionOf(outcome));
    expect(a!.knockout).toEqual({
      failWhen: { any: [inCondition('a', 'a_n'), inCondition('a', 'a_x')] },
      severity: 'CRITICAL',
      finding: { en: 'Said no\nNo.\n\nUnknown' },
    });
    expect(a!.help).toEqual({ en: 'Tip: Consider it.' });
    expect(b!.knockout).toEqual({
      failWhen: inCondition('b', 'b_n'),
      severity: 'MEDIUM',
      finding: { en: 'Missing severity' },
    });
    expect(outcome.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning tips without a severity became MEDIUM knockouts/),
        expect.stringMatching(/^2 warning tips .* test question "a"/),
      ]),
    );
  });

  it('attaches a tip that stands before the question it tests to that later question, with a warning', async () => {
    const outcome = await imported(
      vsaq([
        {
          type: 'block',
          text: 'S',
          items: [
            {
              type: 'tip',
              id: 'early',
              warn: 'yes',
              severity: 'high',
              text: 'Too early',
              cond: 'b_n',
            },
            radio('a', ['a_y', 'a_n']),
            radio('b', ['b_y', 'b_n']),
          ],
        },
      ]),
    );
    const [a, b] = questionsOf(definitionOf(outcome));
    expect(a!.knockout).toBeUndefined();
    expect(b!.knockout).toMatchObject({ failWhen: inCondition('b', 'b_n'), severity: 'HIGH' });
    expect(outcome.warnings).toContainEqual({
      location: 'questionnaire[0].items[0].items[0]',
      message: expect.stringContaining('the tip comes before the question it tests ("b"'),
    });
  });
});

describe('importVsaq: visibility references', () => {
  it('reads ^id as the conditions that show the item, across blocks', async () => {
    const outcome = await imported(
      vsaq([
        {
          type: 'block',
          text: 'S',
          items: [
            radio('a', ['a_y', 'a_n']),
            {
              type: 'block',
              id: 'more',
              text: 'More',
              cond: 'a_y',
              items: [
                radio('b', ['b_y', 'b_n']),
                { type: 'tip', id: 'tip_b', text: 'Hm', cond: 'b_n' },
              ],
            },
            { type: 'line', id: 'l', text: 'L', cond: '^more' },
            { type: 'line', id: 'm', text: 'M', cond: '!^tip_b' },
          ],
        },
      ]),
    );
    const [, , l, m] = questionsOf(definitionOf(outcome));
    expect(l!.visibleWhen).toEqual(inCondition('a', 'a_y'));
    expect(m!.visibleWhen).toEqual({
      not: { all: [inCondition('a', 'a_y'), inCondition('b', 'b_n')] },
    });
  });

  it('reports ^ references that go round in a circle', async () => {
    const errors = await failed(
      vsaq([
        {
          type: 'block',
          text: 'S',
          items: [
            radio('a', ['a_y', 'a_n']),
            { type: 'tip', id: 't1', text: 'One', cond: 'a_y && ^t2' },
            { type: 'tip', id: 't2', text: 'Two', cond: '^t1' },
          ],
        },
      ]),
    );
    expect(errors).toContainEqual({
      location: 'questionnaire[0].items[0].items[1].cond',
      message: 'the condition depends on its own visibility through "^" references',
    });
  });

  it("imports VSAQ's own test template shape: a text-less group after an info, a check tested with /yes", async () => {
    const outcome = await imported(
      JSON.stringify({
        version: 1,
        questionnaire: [
          {
            type: 'block',
            text: 'My questionnaire',
            items: [
              {
                type: 'block',
                id: 'network',
                text: 'Network section',
                items: [
                  { type: 'info', text: 'What security standards do you apply?' },
                  {
                    type: 'checkgroup',
                    defaultChoice: false,
                    choices: [{ standard_1: 'Standard 1' }, { standard_2: 'Standard 2' }],
                  },
                ],
              },
              {
                type: 'block',
                text: 'Data section',
                items: [
                  { type: 'check', id: 'data_warning', text: 'Click me to trigger a warning.' },
                  {
                    type: 'tip',
                    id: 'data_tip',
                    cond: 'data_warning/yes',
                    text: "You shouldn't click the box above.",
                    warn: 'yes',
                    severity: 'critical',
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const definition = definitionOf(outcome);
    expect(definition.sections.map((s) => [s.key, s.title.en])).toEqual([
      ['network', 'Network section'],
      ['Data_section', 'Data section'],
    ]);
    const [standards, warning] = questionsOf(definition);
    expect(standards).toMatchObject({
      key: 'standard',
      type: 'MULTI_CHOICE',
      text: { en: 'What security standards do you apply?' },
    });
    expect(warning!.knockout).toEqual({
      failWhen: { equals: { question: 'data_warning', value: true } },
      severity: 'CRITICAL',
      finding: { en: "You shouldn't click the box above." },
    });
  });
});

describe('importVsaq: broken files', () => {
  it('reports invalid JSON with line and column', async () => {
    const errors = await failed(
      '// header\n{\n  "questionnaire": [\n    {"type": "block" "items": []}\n  ]\n}',
    );
    expect(errors).toEqual([
      { location: 'line 4, column 22', message: 'expected "," or "}" but found a string' },
    ]);
  });

  it('reports an unterminated string concatenation', async () => {
    const errors = await failed(
      '{"questionnaire": [{"type": "block", "text": "a" +\n  ], "items": []}]}',
    );
    expect(errors).toEqual([
      {
        location: 'line 1, column 50',
        message: 'unterminated string concatenation: "+" must be followed by a string',
      },
    ]);
  });

  it('keeps // and + inside strings', async () => {
    const text =
      '// header\n{"questionnaire": [{"type": "block", "text": "T", "items": [{"type": "block", "text": "S", "items": [\n' +
      '{"type": "line", "id": "l", "text": "See http://example.com/a+b // here" +\n  " + more"}]}]}]}';
    const question = questionsOf(definitionOf(await imported(text)))[0]!;
    expect(question.text).toEqual({ en: 'See http://example.com/a+b // here + more' });
  });

  it('names the item path of a cond with an unknown id, and collects every error', async () => {
    const errors = await failed(
      vsaq([
        {
          type: 'block',
          text: 'S',
          items: [
            radio('a', ['a_y', 'a_n']),
            { type: 'line', id: 'l', text: 'L', cond: 'a_y && nowhere' },
            { type: 'slider', id: 's', text: 'S' },
            { type: 'line', id: 'm', text: 'M', cond: 'a_y &&' },
          ],
        },
      ]),
    );
    expect(errors).toEqual([
      {
        location: 'questionnaire[0].items[0].items[2].type',
        message: expect.stringMatching(/^unknown item type "slider"/),
      },
      {
        location: 'questionnaire[0].items[0].items[1].cond',
        message: '"nowhere" names no item or choice of this questionnaire',
      },
      {
        location: 'questionnaire[0].items[0].items[3].cond',
        message:
          'cannot read the condition "a_y &&": expected an id, "!" or "(" but found the end of the condition at character 7',
      },
    ]);
  });

  it('rejects a condition that reads a later question, at the cond that says so', async () => {
    const errors = await failed(
      vsaq([
        {
          type: 'block',
          text: 'S',
          cond: 'b_y',
          items: [radio('a', ['a_y', 'a_n']), radio('b', ['b_y', 'b_n'], { cond: 'b_n' })],
        },
      ]),
    );
    expect(errors).toEqual([
      {
        location: 'questionnaire[0].items[0].cond',
        message:
          '"b_y" refers to question "b" (questionnaire[0].items[0].items[1]), which comes after "a"; Assay conditions may only read earlier questions',
      },
      {
        location: 'questionnaire[0].items[0].items[1].cond',
        message: '"b_n" refers to question "b" itself; a question cannot depend on its own answer',
      },
    ]);
  });

  it('rejects duplicate ids, answers of items that have none, and a file that is not a questionnaire', async () => {
    const errors = await failed(
      vsaq([
        {
          type: 'block',
          id: 'blk',
          text: 'S',
          items: [radio('a', ['a_y', 'a']), { type: 'line', id: 'l', text: 'L', cond: 'blk' }],
        },
      ]),
    );
    expect(errors).toEqual([
      {
        location: 'questionnaire[0].items[0].items[0].choices[1]',
        message: 'the id "a" is already used at questionnaire[0].items[0].items[0]',
      },
      {
        location: 'questionnaire[0].items[0].items[1].cond',
        message:
          '"blk" is a block item, which has no answer to test; use "^blk" to test whether it is shown',
      },
    ]);
    expect(await failed('{"questionnaire": [{"type": "info", "text": "x"}]}')).toEqual([
      {
        location: 'questionnaire',
        message:
          'expected exactly one top-level block with "items"; VSAQ puts every item inside it',
      },
    ]);
    expect(await failed(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual([
      { location: 'file', message: 'the file is not UTF-8 text' },
    ]);
  });
});
