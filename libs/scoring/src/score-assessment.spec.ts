import { describe, expect, it } from '@jest/globals';
import {
  NOT_APPLICABLE,
  validateDefinition,
  type AnswerState,
  type TemplateDefinition,
  type TemplateDefinitionInput,
} from '#questionnaire';
import {
  SCORING_ALGORITHM_VERSION,
  roundScore,
  scoreAssessment,
  type AssessmentScore,
  type QuestionScore,
} from './score-assessment.js';

const en = (text: string) => ({ en: text });
const option = (key: string, points: number) => ({ key, label: en(key), points });

/**
 * access (weight 1): mfa BOOLEAN 10/0 (knockout when no), mfa_method SINGLE_CHOICE weight 2
 * shown when mfa is yes (knockout when sms), controls MULTI_CHOICE with a negative option,
 * notes TEXT. retention (weight 3): days NUMBER 0-3650 (knockout above 365), review DATE,
 * purge BOOLEAN 6/2 weight 0.5.
 */
function example(): TemplateDefinitionInput {
  return {
    languages: ['en'],
    sections: [
      {
        key: 'access',
        title: en('Access'),
        questions: [
          {
            key: 'mfa',
            type: 'BOOLEAN',
            text: en('MFA for admins?'),
            required: true,
            points: { yes: 10, no: 0 },
            knockout: {
              failWhen: { equals: { question: 'mfa', value: false } },
              severity: 'HIGH',
              finding: en('Admins sign in without MFA'),
            },
          },
          {
            key: 'mfa_method',
            type: 'SINGLE_CHOICE',
            text: en('Which method?'),
            required: true,
            weight: 2,
            visibleWhen: { equals: { question: 'mfa', value: true } },
            options: [option('totp', 5), option('sms', 2), option('none', -3)],
            knockout: {
              failWhen: { in: { question: 'mfa_method', values: ['sms'] } },
              severity: 'CRITICAL',
            },
            flag: {
              when: { in: { question: 'mfa_method', values: ['none'] } },
              severity: 'LOW',
              finding: en('MFA is on, with no method named'),
            },
          },
          {
            key: 'controls',
            type: 'MULTI_CHOICE',
            text: en('Which controls?'),
            allowNotApplicable: true,
            options: [option('sso', 4), option('logs', 6), option('shared_accounts', -5)],
            flag: {
              when: { in: { question: 'controls', values: ['shared_accounts'] } },
              severity: 'MEDIUM',
              finding: en('Shared accounts are in use'),
            },
          },
          { key: 'notes', type: 'TEXT', text: en('Notes'), required: true },
        ],
      },
      {
        key: 'retention',
        title: en('Retention'),
        weight: 3,
        questions: [
          {
            key: 'days',
            type: 'NUMBER',
            text: en('Days kept'),
            min: 0,
            max: 3650,
            knockout: { failWhen: { gt: { question: 'days', value: 365 } }, severity: 'MEDIUM' },
            flag: {
              when: { gt: { question: 'days', value: 180 } },
              severity: 'LOW',
              finding: en('Kept for more than six months'),
            },
          },
          { key: 'review', type: 'DATE', text: en('Last review') },
          {
            key: 'purge',
            type: 'BOOLEAN',
            text: en('Purged on request?'),
            weight: 0.5,
            points: { yes: 6, no: 2 },
          },
        ],
      },
    ],
  } as TemplateDefinitionInput;
}

function definitionOf(input: TemplateDefinitionInput): TemplateDefinition {
  const validation = validateDefinition(input, 'draft');
  if (!validation.valid) throw new Error(JSON.stringify(validation.errors));
  return validation.definition;
}

const DEFINITION = definitionOf(example());

function question(result: AssessmentScore, key: string): QuestionScore {
  const found = result.sections.flatMap((s) => s.questions).find((q) => q.key === key);
  if (found === undefined) throw new Error(`no question ${key}`);
  return found;
}

const score = (answers: Record<string, AnswerState | unknown>) =>
  scoreAssessment(DEFINITION, answers as Record<string, AnswerState>);

describe('scoreAssessment: one question type at a time', () => {
  it('BOOLEAN: yes earns its points, no earns its points, possible is the larger', () => {
    expect(question(score({ mfa: true }), 'mfa')).toMatchObject({
      status: 'SCORED',
      earned: 10,
      possible: 10,
      reason: '"yes" earns 10 of 10',
    });
    expect(question(score({ mfa: false }), 'mfa')).toMatchObject({
      status: 'SCORED',
      earned: 0,
      possible: 10,
      reason: '"no" earns 0 of 10',
    });
    // purge: yes 6, no 2, weight 0.5 -> no earns 1 of 3.
    expect(question(score({ purge: false }), 'purge')).toMatchObject({
      earned: 1,
      possible: 3,
      reason: '"no" earns 1 of 3 (weight 0.5)',
    });
  });

  it('SINGLE_CHOICE: the option points times the weight; negative points count as 0', () => {
    expect(question(score({ mfa: true, mfa_method: 'totp' }), 'mfa_method')).toMatchObject({
      earned: 10,
      possible: 10,
    });
    expect(question(score({ mfa: true, mfa_method: 'sms' }), 'mfa_method')).toMatchObject({
      status: 'SCORED',
      earned: 4,
      possible: 10,
      reason: '"sms" earns 4 of 10 (weight 2)',
    });
    expect(question(score({ mfa: true, mfa_method: 'none' }), 'mfa_method')).toMatchObject({
      earned: 0,
      possible: 10,
      reason: '"none" earns -6, counted as 0 of 10 (weight 2)',
    });
  });

  it('MULTI_CHOICE: the sum of the selected options, negative ones included, clamped', () => {
    // possible: 4 + 6 (the -5 option offers nothing).
    const of = (selected: string[]) => question(score({ controls: selected }), 'controls');
    expect(of(['sso', 'logs'])).toMatchObject({
      earned: 10,
      possible: 10,
      reason: '"sso", "logs" earn 10 of 10',
    });
    expect(of(['logs', 'shared_accounts'])).toMatchObject({ earned: 1, possible: 10 });
    expect(of(['sso', 'shared_accounts'])).toMatchObject({
      earned: 0,
      reason: '"sso", "shared_accounts" earn -1, counted as 0 of 10',
    });
    expect(of(['sso', 'sso'])).toMatchObject({ earned: 4 });
  });

  it('TEXT, NUMBER and DATE are unscored when answered, unanswered otherwise', () => {
    const result = score({ notes: 'all good', days: 30, review: '2024-02-29' });
    for (const key of ['notes', 'days', 'review']) {
      expect(question(result, key)).toMatchObject({ status: 'UNSCORED', earned: 0, possible: 0 });
    }
    expect(question(score({ notes: '  ' }), 'notes')).toMatchObject({
      status: 'UNANSWERED',
      earned: 0,
      possible: 0,
      reason: 'unanswered: not scored',
    });
  });
});

describe('scoreAssessment: a whole assessment by hand', () => {
  it('computes sections and the section-weighted overall score', () => {
    const result = score({
      mfa: true,
      mfa_method: 'totp',
      controls: ['sso'],
      notes: 'x',
      days: 30,
      purge: false,
    });
    const [access, retention] = result.sections;
    // access: 10 + 10 + 4 of 10 + 10 + 10 = 24 of 30.
    expect(access).toMatchObject({ earned: 24, possible: 30, applicable: true, counted: true });
    expect(access!.score).toBeCloseTo(80, 10);
    // retention: purge no = 1 of 3.
    expect(retention).toMatchObject({ earned: 1, possible: 3, weight: 3 });
    expect(retention!.score).toBeCloseTo(100 / 3, 10);
    // (1 × 80 + 3 × 33.33) / 4 = 45
    expect(result.score).toBeCloseTo(45, 10);
    expect(roundScore(result.score!)).toBe(45);
    expect(result).toMatchObject({
      algorithm: SCORING_ALGORITHM_VERSION,
      applicable: true,
      earned: 25,
      possible: 33,
      unansweredRequired: [],
      failedKnockouts: [],
      flaggedAnswers: [],
    });
    expect(access!.reason).toBe('24 of 30 points (80%), weight 1');
  });

  it('lists unanswered required visible questions in document order', () => {
    expect(score({}).unansweredRequired).toEqual(['mfa', 'notes']);
    expect(score({ mfa: true }).unansweredRequired).toEqual(['mfa_method', 'notes']);
    // Hidden questions are never missing, even when required.
    expect(score({ mfa: false, notes: 'n' }).unansweredRequired).toEqual([]);
  });

  it('gives unanswered scored questions 0 of their possible points', () => {
    const result = score({ mfa: true });
    expect(question(result, 'mfa_method')).toMatchObject({
      status: 'UNANSWERED',
      earned: 0,
      possible: 10,
      reason: 'unanswered: 0 of 10',
    });
    expect(result.sections[0]).toMatchObject({ earned: 10, possible: 30 });
  });

  it('ignores answers to unknown keys and inherited properties', () => {
    const plain = score({ mfa: true });
    expect(score({ mfa: true, ghost: 'boo', constructor: 'x' })).toEqual(plain);
    const inherited = Object.create({ mfa: false }) as Record<string, AnswerState>;
    expect(scoreAssessment(DEFINITION, inherited)).toEqual(score({}));
  });

  it('does not read Object.prototype members as answers to questions named after them', () => {
    const definition = definitionOf({
      languages: ['en'],
      sections: [
        {
          key: 'odd',
          title: en('Odd keys'),
          questions: [
            { key: 'constructor', type: 'TEXT', text: en('?'), required: true },
            {
              key: 'toString',
              type: 'BOOLEAN',
              text: en('?'),
              points: { yes: 1, no: 0 },
              visibleWhen: { answered: { question: 'constructor' } },
            },
          ],
        },
      ],
    });
    const result = scoreAssessment(definition, {});
    expect(result.sections[0]!.questions.map((q) => q.status)).toEqual(['UNANSWERED', 'HIDDEN']);
    expect(result.unansweredRequired).toEqual(['constructor']);
    const answered = scoreAssessment(definition, { constructor: 'text', toString: true });
    expect(answered.sections[0]!.questions.map((q) => q.status)).toEqual(['UNSCORED', 'SCORED']);
  });
});

describe('scoreAssessment: weights and applicability', () => {
  it('reports a section with nothing applicable as not applicable, not as 0 or 100', () => {
    // retention without purge holds only unscored questions.
    const input = example();
    const sections = input.sections as Array<{ questions: unknown[] }>;
    sections[1]!.questions = sections[1]!.questions.slice(0, 2);
    const result = scoreAssessment(definitionOf(input), { mfa: true, mfa_method: 'totp' });
    expect(result.sections[1]).toMatchObject({
      score: null,
      applicable: false,
      counted: false,
      possible: 0,
      reason: 'not applicable: no visible, applicable question offers points',
    });
    // Only access counts: 20 of 30.
    expect(result.score).toBeCloseTo(200 / 3, 10);
  });

  it('treats a section whose scored questions are all not applicable or hidden as not applicable', () => {
    const input = example();
    const sections = input.sections as Array<{ questions: unknown[] }>;
    sections[0]!.questions = sections[0]!.questions.slice(1, 3); // mfa_method (hidden) and controls
    const definition = definitionOf({
      ...input,
      sections: [
        {
          key: 'gate',
          title: en('Gate'),
          weight: 0,
          questions: [{ key: 'mfa', type: 'BOOLEAN', text: en('?'), points: { yes: 1, no: 0 } }],
        },
        ...(input.sections as []),
      ],
    } as TemplateDefinitionInput);
    const result = scoreAssessment(definition, {
      mfa: false,
      controls: NOT_APPLICABLE,
      purge: true,
    });
    expect(result.sections.map((s) => [s.key, s.applicable, s.counted, s.score])).toEqual([
      ['gate', true, false, 0],
      ['access', false, false, null],
      ['retention', true, true, 100],
    ]);
    expect(result.sections[0]!.reason).toBe('0 of 1 points (0%); weight 0: reported, not counted');
    expect(result.score).toBe(100);
  });

  it('has no overall score when no section counts', () => {
    const result = scoreAssessment(
      definitionOf({
        languages: ['en'],
        sections: [
          {
            key: 'only',
            title: en('Only'),
            questions: [
              { key: 'free', type: 'TEXT', text: en('?') },
              {
                key: 'na',
                type: 'BOOLEAN',
                text: en('?'),
                allowNotApplicable: true,
                points: { yes: 5, no: 0 },
              },
            ],
          },
        ],
      }),
      { free: 'text', na: NOT_APPLICABLE },
    );
    expect(result).toMatchObject({ score: null, applicable: false, earned: 0, possible: 0 });
  });

  it('question weight 0 offers nothing', () => {
    const input = example();
    const access = (input.sections as Array<{ questions: Array<Record<string, unknown>> }>)[0]!;
    access.questions[0]!.weight = 0;
    const result = scoreAssessment(definitionOf(input), { mfa: true });
    expect(question(result, 'mfa')).toMatchObject({ earned: 0, possible: 0, status: 'SCORED' });
  });
});

describe('scoreAssessment: not applicable and hidden', () => {
  it('NOT_APPLICABLE leaves numerator and denominator when the question allows it', () => {
    const answered = score({ mfa: true, mfa_method: 'totp', controls: ['sso'] });
    const na = score({ mfa: true, mfa_method: 'totp', controls: NOT_APPLICABLE });
    expect(question(na, 'controls')).toMatchObject({
      status: 'NOT_APPLICABLE',
      earned: 0,
      possible: 0,
      reason: 'not applicable: leaves the denominator',
    });
    expect(answered.sections[0]).toMatchObject({ earned: 24, possible: 30 });
    expect(na.sections[0]).toMatchObject({ earned: 20, possible: 20, score: 100 });
  });

  it('NOT_APPLICABLE counts as unanswered when the question does not allow it', () => {
    const result = score({ mfa: NOT_APPLICABLE });
    expect(question(result, 'mfa')).toMatchObject({
      status: 'UNANSWERED',
      earned: 0,
      possible: 10,
      reason: 'unanswered: "not applicable" is not allowed for this question; 0 of 10',
    });
    expect(result.unansweredRequired).toContain('mfa');
    // And it does not fail the knockout (that needs a real "no").
    expect(result.failedKnockouts).toEqual([]);
  });

  it('hidden questions count nowhere, whatever their stored answer', () => {
    const result = score({ mfa: false, mfa_method: 'totp' });
    expect(question(result, 'mfa_method')).toMatchObject({
      status: 'HIDDEN',
      earned: 0,
      possible: 0,
      reason: 'hidden by its condition: not counted',
    });
    expect(result.sections[0]).toMatchObject({ earned: 0, possible: 20 });
    expect(score({ mfa: false, mfa_method: 'sms' })).toEqual(result);
  });
});

describe('scoreAssessment: malformed stored answers', () => {
  it.each([
    ['mfa', 'yes', 'unanswered: "yes" is not yes/no; 0 of 10'],
    ['controls', ['sso', 'vpn'], 'unanswered: "vpn" is not an option; 0 of 10'],
    ['controls', 'sso', 'unanswered: "sso" is not a list of option keys; 0 of 10'],
    ['days', -1, 'unanswered: -1 is below the minimum 0; not scored'],
    ['days', 5000, 'unanswered: 5000 is above the maximum 3650; not scored'],
    ['days', '12', 'unanswered: "12" is not a number; not scored'],
    ['review', '2023-02-29', 'unanswered: "2023-02-29" is not a YYYY-MM-DD date; not scored'],
    ['notes', 42, 'unanswered: 42 is not text; not scored'],
    ['purge', { yes: true }, 'unanswered: {"yes":true} is not yes/no; 0 of 3'],
  ])('%s = %j counts as unanswered with the reason', (key, value, reason) => {
    const result = score({ [key]: value });
    expect(question(result, key)).toMatchObject({ status: 'UNANSWERED', earned: 0, reason });
  });

  it('an option key that does not exist counts as unanswered and fails no knockout', () => {
    const result = score({ mfa: true, mfa_method: 'fido' });
    expect(question(result, 'mfa_method')).toMatchObject({
      status: 'UNANSWERED',
      reason: 'unanswered: "fido" is not an option; 0 of 10',
    });
    expect(result.unansweredRequired).toContain('mfa_method');
    expect(result.failedKnockouts).toEqual([]);
  });

  it('null and empty selections are no answer', () => {
    expect(question(score({ mfa: null }), 'mfa').reason).toBe('unanswered: 0 of 10');
    expect(question(score({ controls: [] }), 'controls').reason).toBe('unanswered: 0 of 10');
  });
});

describe('scoreAssessment: knockouts', () => {
  it('reports failed knockouts of visible, answered questions in document order', () => {
    const result = score({ mfa: true, mfa_method: 'sms', days: 400 });
    expect(result.failedKnockouts).toEqual([
      { questionKey: 'mfa_method', sectionKey: 'access', severity: 'CRITICAL', finding: null },
      { questionKey: 'days', sectionKey: 'retention', severity: 'MEDIUM', finding: null },
    ]);
    expect(score({ mfa: false }).failedKnockouts).toEqual([
      {
        questionKey: 'mfa',
        sectionKey: 'access',
        severity: 'HIGH',
        finding: { en: 'Admins sign in without MFA' },
      },
    ]);
  });

  it('does not fire a knockout on a hidden question', () => {
    // mfa_method = sms would fail CRITICAL, but mfa = no hides it.
    const result = score({ mfa: false, mfa_method: 'sms' });
    expect(result.failedKnockouts.map((k) => k.questionKey)).toEqual(['mfa']);
  });

  it('does not fire on unanswered or passing answers', () => {
    expect(score({}).failedKnockouts).toEqual([]);
    expect(score({ mfa: true, mfa_method: 'totp', days: 365 }).failedKnockouts).toEqual([]);
  });
});

describe('scoreAssessment: flagged answers', () => {
  it('reports flagged answers of visible, answered questions in document order', () => {
    const result = score({
      mfa: true,
      mfa_method: 'none',
      controls: ['sso', 'shared_accounts'],
      days: 200,
    });
    expect(result.flaggedAnswers).toEqual([
      {
        questionKey: 'mfa_method',
        sectionKey: 'access',
        severity: 'LOW',
        finding: { en: 'MFA is on, with no method named' },
      },
      {
        questionKey: 'controls',
        sectionKey: 'access',
        severity: 'MEDIUM',
        finding: { en: 'Shared accounts are in use' },
      },
      {
        questionKey: 'days',
        sectionKey: 'retention',
        severity: 'LOW',
        finding: { en: 'Kept for more than six months' },
      },
    ]);
    expect(result.failedKnockouts).toEqual([]);
  });

  it('changes neither the score nor the knockouts', () => {
    const plain = definitionOf(example());
    for (const section of plain.sections) {
      for (const q of section.questions) delete (q as { flag?: unknown }).flag;
    }
    const answers = { mfa: true, mfa_method: 'none', controls: ['shared_accounts'], days: 200 };
    const flagged = score(answers);
    const unflagged = scoreAssessment(plain, answers);
    expect(unflagged.flaggedAnswers).toEqual([]);
    expect({ ...flagged, flaggedAnswers: [] }).toEqual(unflagged);
  });

  it('does not flag a question whose knockout fails', () => {
    const result = score({ days: 400 });
    expect(result.failedKnockouts.map((k) => k.questionKey)).toEqual(['days']);
    expect(result.flaggedAnswers).toEqual([]);
  });

  it('does not flag hidden, unanswered, not-applicable or malformed answers', () => {
    // mfa = no hides mfa_method.
    expect(score({ mfa: false, mfa_method: 'none' }).flaggedAnswers).toEqual([]);
    expect(score({}).flaggedAnswers).toEqual([]);
    expect(score({ controls: NOT_APPLICABLE }).flaggedAnswers).toEqual([]);
    expect(score({ controls: ['shared_accounts', 'nope'] }).flaggedAnswers).toEqual([]);
    expect(score({ days: 100 }).flaggedAnswers).toEqual([]);
  });
});

describe('scoreAssessment: scores kept between calls', () => {
  it('gives question scores that cannot be changed', () => {
    const result = scoreAssessment(definitionOf(example()), { mfa: true });
    const mfa = question(result, 'mfa') as { earned: number };
    expect(() => {
      mfa.earned = 0;
    }).toThrow(TypeError);
    expect(question(scoreAssessment(DEFINITION, { mfa: true }), 'mfa').earned).toBe(10);
  });

  it('does not take a string for the kept selection of the same option', () => {
    const definition = definitionOf(example());
    expect(question(scoreAssessment(definition, { controls: ['sso'] }), 'controls')).toMatchObject({
      status: 'SCORED',
      earned: 4,
    });
    expect(question(scoreAssessment(definition, { controls: 'sso' }), 'controls')).toMatchObject({
      status: 'UNANSWERED',
      reason: 'unanswered: "sso" is not a list of option keys; 0 of 10',
    });
  });

  it('scores every selection right, beyond the number of selections it keeps', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const definition = definitionOf({
      languages: ['en'],
      sections: [
        {
          key: 'many',
          title: en('Many'),
          questions: [
            {
              key: 'pick',
              type: 'MULTI_CHOICE',
              text: en('Pick'),
              options: keys.map((key, index) => option(key, index - 2)),
            },
          ],
        },
      ],
    } as TemplateDefinitionInput);
    const possible = keys.reduce((sum, _key, index) => sum + Math.max(0, index - 2), 0);
    for (let round = 0; round < 2; round += 1) {
      for (let mask = 1; mask < 1 << keys.length; mask += 1) {
        const selected = keys.filter((_key, index) => (mask >> index) & 1);
        const raw = selected.reduce((sum, key) => sum + keys.indexOf(key) - 2, 0);
        const result = question(scoreAssessment(definition, { pick: selected }), 'pick');
        expect(result).toMatchObject({
          status: 'SCORED',
          earned: Math.min(possible, Math.max(0, raw)),
          possible,
        });
      }
    }
  });
});
