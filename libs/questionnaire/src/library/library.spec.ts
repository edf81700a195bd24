import { describe, expect, it } from '@jest/globals';
import {
  conditionQuestions,
  evaluateCondition,
  type AnswerState,
  type Condition,
} from '../definition/condition.js';
import {
  CHOICE_TYPES,
  SCORED_TYPES,
  type TemplateDefinition,
  type TemplateDefinitionInput,
} from '../definition/definition.schema.js';
import { validateDefinition } from '../definition/validate-definition.js';
import { visibleQuestionKeys } from '../definition/visibility.js';
import {
  BREACH_READINESS_QUICK_CHECK,
  PIPL_ENTRUSTED_PROCESSING,
  QUESTIONNAIRE_LIBRARY,
  VENDOR_PRIVACY_BASELINE,
  isLanguageNeutral,
  libraryTemplate,
  untranslatedStrings,
  untranslatedTemplateStrings,
  type LibraryTemplate,
} from './index.js';

type InputQuestion = TemplateDefinitionInput['sections'][number]['questions'][number];

function questionsOf(template: LibraryTemplate): InputQuestion[] {
  return template.definition.sections.flatMap((section) => section.questions);
}

function published(template: LibraryTemplate): TemplateDefinition {
  const result = validateDefinition(template.definition, 'publish');
  if (!result.valid) {
    throw new Error(`${template.key} is not publishable: ${JSON.stringify(result.errors)}`);
  }
  return result.definition;
}

/** Question key -> keys of the questions whose visibleWhen reads it. */
function followUpsByGate(template: LibraryTemplate): Map<string, string[]> {
  const gates = new Map<string, string[]>();
  for (const question of questionsOf(template)) {
    if (question.visibleWhen === undefined) continue;
    for (const gate of new Set(conditionQuestions(question.visibleWhen as Condition))) {
      gates.set(gate, [...(gates.get(gate) ?? []), question.key]);
    }
  }
  return gates;
}

/** Whether a question's knockout fails for this answer to it. */
function knocksOut(template: LibraryTemplate, key: string, answer: AnswerState): boolean {
  const question = questionsOf(template).find((candidate) => candidate.key === key);
  if (question?.knockout === undefined) throw new Error(`${key} has no knockout`);
  return evaluateCondition(question.knockout.failWhen as Condition, (asked) =>
    asked === key ? answer : undefined,
  );
}

const byKey = QUESTIONNAIRE_LIBRARY.map((template) => [template.key, template] as const);

describe('QUESTIONNAIRE_LIBRARY', () => {
  it('holds the baseline, PIPL and breach readiness templates under unique keys', () => {
    const keys = QUESTIONNAIRE_LIBRARY.map((template) => template.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        VENDOR_PRIVACY_BASELINE.key,
        'pipl-entrusted-processing',
        'breach-readiness-quick-check',
      ]),
    );
  });

  it('finds a template by key, and nothing for an unknown key', () => {
    for (const template of QUESTIONNAIRE_LIBRARY) {
      expect(libraryTemplate(template.key)).toBe(template);
    }
    expect(libraryTemplate('no-such-template')).toBeUndefined();
  });

  describe.each(byKey)('%s', (_key, template) => {
    it('is publishable', () => {
      const result = validateDefinition(template.definition, 'publish');
      // Comparing the list, not the flag, puts every error and its path in the failure message.
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('has a kebab-case key, a positive integer version and intended tiers', () => {
      expect(template.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Number.isInteger(template.version) && template.version >= 1).toBe(true);
      expect(template.intendedTiers.length).toBeGreaterThan(0);
      expect(new Set(template.intendedTiers).size).toBe(template.intendedTiers.length);
    });

    it('declares English and Simplified Chinese', () => {
      expect(template.definition.languages).toEqual(expect.arrayContaining(['en', 'zh-CN']));
    });

    it('has a name and description in both languages', () => {
      for (const text of [template.name, template.description]) {
        expect(text.en?.trim()).toBeTruthy();
        expect(text['zh-CN']?.trim()).toBeTruthy();
      }
    });

    it('has every string translated into Simplified Chinese', () => {
      expect(untranslatedTemplateStrings(template, 'en', 'zh-CN')).toEqual([]);
    });

    it('cites at least one reference for every question', () => {
      const unreferenced = questionsOf(template)
        .filter((question) => (question.references ?? []).length === 0)
        .map((question) => question.key);
      expect(unreferenced).toEqual([]);
    });

    it('gives points to every scored question and every option', () => {
      const unscored = questionsOf(template)
        .filter((question) => SCORED_TYPES.includes(question.type))
        .filter((question) =>
          CHOICE_TYPES.includes(question.type)
            ? (question.options ?? []).length === 0 ||
              (question.options ?? []).some((option) => option.points === undefined)
            : question.points === undefined,
        )
        .map((question) => question.key);
      expect(unscored).toEqual([]);
    });

    it('uses stable snake_case question keys', () => {
      const badKeys = questionsOf(template)
        .map((question) => question.key)
        .filter((key) => !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(key));
      expect(badKeys).toEqual([]);
    });

    it('has at least one knockout with a finding in both languages', () => {
      const knockouts = questionsOf(template).filter((question) => question.knockout);
      expect(knockouts.length).toBeGreaterThan(0);
      for (const question of knockouts) {
        expect(question.knockout?.finding?.en?.trim()).toBeTruthy();
        expect(question.knockout?.finding?.['zh-CN']?.trim()).toBeTruthy();
      }
    });
  });

  it.each([
    { template: VENDOR_PRIVACY_BASELINE, fewest: 60 },
    { template: PIPL_ENTRUSTED_PROCESSING, fewest: 20 },
    { template: BREACH_READINESS_QUICK_CHECK, fewest: 10 },
  ])('$template.key has at least $fewest questions', ({ template, fewest }) => {
    expect(questionsOf(template).length).toBeGreaterThanOrEqual(fewest);
  });

  it.each([
    ['baseline', VENDOR_PRIVACY_BASELINE],
    ['PIPL', PIPL_ENTRUSTED_PROCESSING],
  ] as const)('the %s template has knockouts and visibleWhen follow-ups', (_name, template) => {
    expect(questionsOf(template).filter((question) => question.knockout).length).toBeGreaterThan(1);
    expect(followUpsByGate(template).size).toBeGreaterThan(0);
  });

  it('the baseline gates follow-ups on at least three distinct questions', () => {
    expect(followUpsByGate(VENDOR_PRIVACY_BASELINE).size).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['sensitive personal information', /sensitive/],
    ['cross-border transfer', /cross_border|transfer/],
    ['sub-processors', /sub_?processor/],
  ])('the baseline has follow-ups gated on %s', (_topic, gateKey) => {
    const gated = [...followUpsByGate(VENDOR_PRIVACY_BASELINE)].filter(([gate]) =>
      gateKey.test(gate),
    );
    expect(gated.flatMap(([, followUps]) => followUps).length).toBeGreaterThan(0);
  });
});

describe('PIPL entrusted processing', () => {
  const definition = (): TemplateDefinition => published(PIPL_ENTRUSTED_PROCESSING);

  it('is meant for every tier', () => {
    expect([...PIPL_ENTRUSTED_PROCESSING.intendedTiers].sort()).toEqual([
      'TIER_1',
      'TIER_2',
      'TIER_3',
      'TIER_4',
    ]);
  });

  it('cites Articles 21, 38, 39, 40, 51, 55, 56 and 57', () => {
    const cited = new Set(
      questionsOf(PIPL_ENTRUSTED_PROCESSING).flatMap((question) => question.references ?? []),
    );
    for (const article of [21, 38, 39, 40, 51, 55, 56, 57]) {
      expect(cited).toContain(`PIPL Art. ${article}`);
    }
  });

  it('asks the cross-border questions only when personal information leaves China', () => {
    const crossBorder = ['overseas_recipients', 'art38_mechanism', 'separate_consent_information'];
    const stays = visibleQuestionKeys(definition(), { pi_leaves_china: false });
    const leaves = visibleQuestionKeys(definition(), { pi_leaves_china: true });
    for (const key of crossBorder) {
      expect(stays.has(key)).toBe(false);
      expect(leaves.has(key)).toBe(true);
    }
  });

  it('asks about sub-entrusted parties only when the vendor sub-entrusts', () => {
    const none = visibleQuestionKeys(definition(), { sub_entrustment: 'none' });
    const withConsent = visibleQuestionKeys(definition(), { sub_entrustment: 'specific_consent' });
    expect(none.has('sub_entrustee_obligations')).toBe(false);
    expect(withConsent.has('sub_entrustee_obligations')).toBe(true);
    expect(withConsent.has('sub_entrustee_list')).toBe(true);
  });

  it('knocks out a missing agreement, a missing Art. 38 mechanism and a missing notification procedure', () => {
    const template = PIPL_ENTRUSTED_PROCESSING;
    expect(knocksOut(template, 'written_entrustment_agreement', false)).toBe(true);
    expect(knocksOut(template, 'written_entrustment_agreement', true)).toBe(false);
    expect(knocksOut(template, 'art38_mechanism', 'none')).toBe(true);
    expect(knocksOut(template, 'art38_mechanism', 'standard_contract')).toBe(false);
    expect(knocksOut(template, 'breach_notification_procedure', false)).toBe(true);
    expect(knocksOut(template, 'sub_entrustment', 'without_consent')).toBe(true);
    expect(knocksOut(template, 'sub_entrustment', 'specific_consent')).toBe(false);
    expect(knocksOut(template, 'pipia_retention_years', 2)).toBe(true);
    expect(knocksOut(template, 'pipia_retention_years', 3)).toBe(false);
  });
});

describe('breach readiness quick check', () => {
  const definition = (): TemplateDefinition => published(BREACH_READINESS_QUICK_CHECK);
  const types = new Set(questionsOf(BREACH_READINESS_QUICK_CHECK).map((q) => q.type));

  it('is meant for the two lowest tiers', () => {
    expect(BREACH_READINESS_QUICK_CHECK.intendedTiers).toEqual(['TIER_3', 'TIER_4']);
  });

  it('asks for the notification hours as a number and the last drill as a date', () => {
    expect(types).toContain('NUMBER');
    expect(types).toContain('DATE');
  });

  it('knocks out a notification commitment longer than 72 hours', () => {
    expect(knocksOut(BREACH_READINESS_QUICK_CHECK, 'notification_hours', 96)).toBe(true);
    expect(knocksOut(BREACH_READINESS_QUICK_CHECK, 'notification_hours', 72)).toBe(false);
    expect(knocksOut(BREACH_READINESS_QUICK_CHECK, 'notification_hours', 24)).toBe(false);
  });

  it('asks for the hours only after a notification commitment', () => {
    expect(
      visibleQuestionKeys(definition(), { notification_commitment: false }).has(
        'notification_hours',
      ),
    ).toBe(false);
    expect(
      visibleQuestionKeys(definition(), { notification_commitment: true }).has(
        'notification_hours',
      ),
    ).toBe(true);
  });
});

describe('untranslatedStrings', () => {
  function definition(): TemplateDefinitionInput {
    return {
      languages: ['en', 'zh-CN'],
      sections: [
        {
          key: 'security',
          title: { en: 'Security', 'zh-CN': '安全' },
          description: { en: 'How data is protected', 'zh-CN': '如何保护数据' },
          questions: [
            {
              key: 'certified',
              type: 'SINGLE_CHOICE',
              text: { en: 'Which certification do you hold?', 'zh-CN': '贵方持有哪项认证？' },
              help: { en: 'Upload the certificate.', 'zh-CN': '请上传证书。' },
              options: [
                { key: 'iso', label: { en: 'ISO/IEC 27001', 'zh-CN': 'ISO/IEC 27001' }, points: 5 },
                {
                  key: 'soc2',
                  label: { en: 'SOC 2 Type II', 'zh-CN': 'SOC 2 Type II' },
                  points: 5,
                },
                { key: 'none', label: { en: 'None', 'zh-CN': '无' }, points: 0 },
              ],
              knockout: {
                failWhen: { in: { question: 'certified', values: ['none'] } },
                severity: 'LOW',
                finding: { en: 'No certification.', 'zh-CN': '没有认证。' },
              },
            },
          ],
        },
      ],
    };
  }

  it('reports nothing for a fully translated definition with identical codes', () => {
    expect(untranslatedStrings(definition())).toEqual([]);
  });

  it('reports a missing or blank translation with its path and source text', () => {
    const doc = definition();
    const question = doc.sections[0]!.questions[0]!;
    question.help = { en: 'Upload the certificate.' };
    question.options![2]!.label = { en: 'None', 'zh-CN': '   ' };
    expect(untranslatedStrings(doc)).toEqual([
      { path: 'sections[0].questions[0].help', text: 'Upload the certificate.' },
      { path: 'sections[0].questions[0].options[2].label', text: 'None' },
    ]);
  });

  it('reports a translation that only repeats ordinary English', () => {
    const doc = definition();
    doc.sections[0]!.title = { en: 'Security', 'zh-CN': 'Security' };
    doc.sections[0]!.questions[0]!.knockout!.finding = {
      en: 'No certification.',
      'zh-CN': '  No certification. ',
    };
    expect(untranslatedStrings(doc)).toEqual([
      { path: 'sections[0].title', text: 'Security' },
      { path: 'sections[0].questions[0].knockout.finding', text: 'No certification.' },
    ]);
  });

  it('treats the reverse direction the same way', () => {
    const doc = definition();
    doc.sections[0]!.description = { en: '', 'zh-CN': '如何保护数据' };
    expect(untranslatedStrings(doc, 'zh-CN', 'en')).toEqual([
      { path: 'sections[0].description', text: '如何保护数据' },
    ]);
  });

  it('reports the name and description of a library template', () => {
    const template: LibraryTemplate = {
      key: 'sample',
      version: 1,
      name: { en: 'Sample', 'zh-CN': 'Sample' },
      description: { en: 'A sample questionnaire' },
      intendedTiers: ['TIER_4'],
      definition: definition(),
    };
    expect(untranslatedTemplateStrings(template)).toEqual([
      { path: 'name', text: 'Sample' },
      { path: 'description', text: 'A sample questionnaire' },
    ]);
  });
});

describe('isLanguageNeutral', () => {
  it.each([
    ['ISO/IEC 27001', true],
    ['ISO/IEC 27001:2022 A.5.24', true],
    ['SOC 2', true],
    ['SOC 2 Type II', true],
    ['AES-256', true],
    ['TLS 1.2', true],
    ['MFA', true],
    ['72', true],
    ['GDPR Art. 33', false],
    ['Type II', false],
    ['Yes', false],
    ['tls', false],
    ['Encryption', false],
    ['加密', false],
  ])('%s -> %s', (text, neutral) => {
    expect(isLanguageNeutral(text)).toBe(neutral);
  });
});
