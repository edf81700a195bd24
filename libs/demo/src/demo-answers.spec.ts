import { describe, expect, it } from '@jest/globals';
import {
  NOT_APPLICABLE,
  QUESTIONNAIRE_LIBRARY,
  questionsOf,
  validateDefinition,
  type AnswerState,
  type TemplateDefinition,
} from '#questionnaire';
import { answerProblem, scoreAssessment } from '#scoring';
import { DEMO_VENDORS } from './demo-catalog.js';
import {
  generateAnswers,
  type AnswerPlan,
  type GeneratedAnswer,
  type Posture,
} from './demo-answers.js';
import { SeededRandom } from './random.js';

const definitions = QUESTIONNAIRE_LIBRARY.map((template) => {
  const validation = validateDefinition(template.definition, 'publish');
  if (!validation.valid) throw new Error(`${template.key} does not validate`);
  return { key: template.key, definition: validation.definition };
});

const states = (answers: readonly GeneratedAnswer[]): Record<string, AnswerState> =>
  Object.fromEntries(
    answers.map((answer) => [
      answer.questionKey,
      answer.notApplicable ? NOT_APPLICABLE : answer.value,
    ]),
  );

function plan(vendorKey: string, overrides: Partial<AnswerPlan> = {}): AnswerPlan {
  const vendor = DEMO_VENDORS.find((entry) => entry.key === vendorKey)!;
  return {
    vendor: {
      name: vendor.name,
      domain: `${vendor.key}.example`,
      profile: vendor.profile,
      subProcessors: vendor.subProcessors,
    },
    language: vendor.contacts[0]!.language,
    posture: 'good',
    gaps: [],
    today: '2025-06-30',
    ...overrides,
  };
}

function answer(definition: TemplateDefinition, answerPlan: AnswerPlan, seed = 1) {
  const answers = generateAnswers(definition, answerPlan, new SeededRandom(seed));
  return { answers, score: scoreAssessment(definition, states(answers)) };
}

describe('generated answers', () => {
  const vendors = ['stratus-cloud', 'paytong', 'brightwave', 'yunshan-data', 'sakura-biometrics'];
  const postures: Posture[] = ['strong', 'good', 'weak'];

  it.each(definitions)(
    'are valid, complete and free of findings without gaps ($key)',
    ({ definition }) => {
      const byKey = new Map(questionsOf(definition).map((question) => [question.key, question]));
      for (const vendor of vendors) {
        for (const posture of postures) {
          for (const seed of [1, 2, 3]) {
            const { answers, score } = answer(definition, plan(vendor, { posture }), seed);
            for (const given of answers) {
              const question = byKey.get(given.questionKey)!;
              if (given.notApplicable) expect(question.allowNotApplicable).toBe(true);
              else expect(answerProblem(question, given.value)).toBeNull();
              if (question.evidence === 'REQUIRED' && !given.notApplicable) {
                expect(given.evidence).toBeDefined();
              }
            }
            expect(score.unansweredRequired).toEqual([]);
            expect(score.failedKnockouts).toEqual([]);
            expect(score.flaggedAnswers).toEqual([]);
          }
        }
      }
    },
  );

  it('fail the knockouts and raise the flags they are told to', () => {
    const baseline = definitions.find((entry) => entry.key === 'vendor-privacy-baseline')!;
    const { score } = answer(
      baseline.definition,
      plan('kestrel-contact', { gaps: ['mfa_admin!', 'incident_drills', 'breach_notify_hours'] }),
    );
    expect(score.failedKnockouts.map((knockout) => knockout.questionKey)).toEqual(['mfa_admin']);
    expect(score.flaggedAnswers.map((flag) => flag.questionKey).sort()).toEqual([
      'breach_notify_hours',
      'incident_drills',
    ]);
    const breach = definitions.find((entry) => entry.key === 'breach-readiness-quick-check')!;
    expect(
      answer(
        breach.definition,
        plan('nordic-feedback', { gaps: ['log_retention_months!'] }),
      ).score.failedKnockouts.map((knockout) => knockout.questionKey),
    ).toEqual(['log_retention_months']);
  });

  it('describe the vendor: scope from its profile, text in its contact language', () => {
    const baseline = definitions.find((entry) => entry.key === 'vendor-privacy-baseline')!;
    const chinese = answer(baseline.definition, plan('paytong')).answers;
    const byKey = new Map(chinese.map((given) => [given.questionKey, given]));
    expect(byKey.get('data_jurisdictions')?.value).toEqual(['mainland_china']);
    expect(byKey.get('processes_sensitive_pi')?.value).toBe(true);
    expect(byKey.get('cross_border_processing')?.value).toBe(true);
    expect(String(byKey.get('transfer_destinations')?.value)).toMatch(/\p{Script=Han}/u);
    const english = answer(baseline.definition, plan('stratus-cloud')).answers;
    const subprocessors = english.find((given) => given.questionKey === 'subprocessor_list');
    expect(subprocessors?.value).toContain('Amazon Web Services');
    expect(String(subprocessors?.value)).not.toMatch(/\p{Script=Han}/u);
  });

  it('are the same for the same seed', () => {
    const { definition } = definitions[0]!;
    expect(answer(definition, plan('vaultline'), 7).answers).toEqual(
      answer(definition, plan('vaultline'), 7).answers,
    );
  });
});
