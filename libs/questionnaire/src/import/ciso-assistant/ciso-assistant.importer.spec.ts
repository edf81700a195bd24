import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { KEY_PATTERN } from '../../definition/definition.schema.js';
import { validateDefinition } from '../../definition/validate-definition.js';
import type { ImportOutcome } from '../import-types.js';
import { importCisoAssistant, normalizeLanguage } from './ciso-assistant.importer.js';

function sample(name: string): Buffer {
  // Samples that are not valid YAML are stored as .txt, out of prettier's reach.
  const file = name.endsWith('.txt') ? name : `${name}.yaml`;
  return readFileSync(new URL(`./samples/${file}`, import.meta.url));
}

async function imported(content: Buffer, language?: string) {
  const outcome = await importCisoAssistant(content, language ? { language } : undefined);
  if (!outcome.ok) throw new Error(`import failed: ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

async function failed(content: Buffer) {
  const outcome: ImportOutcome = await importCisoAssistant(content);
  if (outcome.ok) throw new Error('import succeeded');
  expect(outcome).not.toHaveProperty('questionnaire');
  return outcome;
}

const BASE = 'urn:test:risk:req_node:inline';

/** A one-framework library around the given requirement nodes, as YAML. */
function library(nodes: unknown[], extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    stringify({
      urn: 'urn:test:risk:library:inline',
      locale: 'en',
      ref_id: 'INLINE',
      name: 'Inline library',
      ...extra,
      objects: {
        framework: {
          urn: 'urn:test:risk:framework:inline',
          ref_id: 'INL',
          name: 'Inline framework',
          requirement_nodes: nodes,
        },
      },
    }),
  );
}

function yesNo(questionUrn: string, scored = true) {
  return {
    type: 'unique_choice',
    text: `Question ${questionUrn}?`,
    choices: [
      { urn: `${questionUrn}:choice:1`, value: 'Yes', ...(scored ? { add_score: 1 } : {}) },
      { urn: `${questionUrn}:choice:2`, value: 'No', ...(scored ? { add_score: 0 } : {}) },
    ],
  };
}

describe('importCisoAssistant', () => {
  describe('the sample library', () => {
    it('turns chapters into sections and questions into Assay questions, in file order', async () => {
      const outcome = await imported(sample('vendor-privacy'));
      const { definition, title, description } = outcome.questionnaire;
      expect(outcome.questionCount).toBe(7);
      expect(definition.languages).toEqual(['en', 'fr']);
      expect(title).toEqual({
        en: 'Vendor privacy assessment',
        fr: 'Évaluation de la confidentialité des fournisseurs',
      });
      expect(description).toEqual({
        en: 'Questions for processors that handle personal data.',
        fr: 'Questions pour les sous-traitants qui traitent des données personnelles.',
      });
      expect(
        definition.sections.map((section) => ({
          key: section.key,
          title: section.title,
          description: section.description,
          questions: section.questions.map((question) => [question.key, question.type]),
        })),
      ).toEqual([
        {
          // The questions before the first chapter get a section named after the framework.
          key: 'general',
          title: {
            en: 'Vendor privacy assessment',
            fr: 'Évaluation de la confidentialité des fournisseurs',
          },
          description: undefined,
          questions: [
            ['about:question:1', 'TEXT'],
            ['about:question:2', 'NUMBER'],
          ],
        },
        {
          key: 'governance',
          title: { en: 'GOV Governance', fr: 'GOV Gouvernance' },
          description: {
            en: 'Who is accountable for personal data.',
            fr: 'Qui est responsable des données personnelles.',
          },
          questions: [
            ['gov-1:question:1', 'BOOLEAN'],
            ['gov-1:question:2', 'DATE'],
          ],
        },
        {
          key: 'security',
          title: { en: 'SEC Security', fr: 'SEC Sécurité' },
          description: undefined,
          questions: [
            ['sec-1.1:question:1', 'SINGLE_CHOICE'],
            ['sec-1.1:question:2', 'MULTI_CHOICE'],
            ['sec-1.2:question:1', 'TEXT'],
          ],
        },
      ]);
    });

    it('carries texts, translations, requirement, weight and node context into each question', async () => {
      const { definition } = (await imported(sample('vendor-privacy'))).questionnaire;
      const [general, governance] = definition.sections;
      expect(general!.questions[0]).toMatchObject({
        text: {
          en: 'What is the legal name of your company?',
          fr: 'Quelle est la raison sociale de votre entreprise ?',
        },
        help: { en: 'About your company', fr: 'À propos de votre entreprise' },
        required: true,
        weight: 1,
        references: [],
      });
      // Untranslated text stays in the library's language only.
      expect(general!.questions[1]).toMatchObject({
        text: { en: 'How many employees can access customer personal data?' },
        required: false,
      });
      expect(governance!.questions[0]).toMatchObject({
        // The node's annotation has no French, so the composed help has none either.
        help: {
          en: 'GOV-1 Data protection officer\n\nGDPR Art. 37 requires a DPO for large-scale processing.',
        },
        weight: 2,
        references: ['VPA GOV-1'],
      });
      expect(governance!.questions[0]).not.toHaveProperty('points');
      // The node's annotation is told with its first question only.
      expect(governance!.questions[1]!.help).toEqual({ en: 'GOV-1 Data protection officer' });
    });

    it('maps choices to options, add_score to points and depends_on to visibleWhen', async () => {
      const { definition } = (await imported(sample('vendor-privacy'))).questionnaire;
      const security = definition.sections[2]!;
      expect(security.questions).toEqual([
        {
          key: 'sec-1.1:question:1',
          type: 'SINGLE_CHOICE',
          text: {
            en: 'Is personal data encrypted in transit?',
            fr: 'Les données personnelles sont-elles chiffrées en transit ?',
          },
          help: {
            en: 'SEC-1 Encryption › SEC-1.1 Encryption in transit\n\nProtection of personal data at rest and in transit.\n\nPartially: Some internal flows are not encrypted.',
          },
          required: true,
          weight: 1,
          options: [
            { key: 'choice:1', label: { en: 'Always', fr: 'Toujours' }, points: 10 },
            { key: 'choice:2', label: { en: 'Partially', fr: 'Partiellement' }, points: 5 },
            { key: 'choice:3', label: { en: 'Never', fr: 'Jamais' }, points: 0 },
          ],
          allowNotApplicable: false,
          evidence: 'OPTIONAL',
          references: ['VPA SEC-1.1'],
        },
        {
          key: 'sec-1.1:question:2',
          type: 'MULTI_CHOICE',
          text: { en: 'Which protocols protect data in transit?' },
          help: { en: 'SEC-1 Encryption › SEC-1.1 Encryption in transit' },
          required: true,
          weight: 1,
          options: [
            { key: 'choice:1', label: { en: 'TLS 1.3' } },
            { key: 'choice:2', label: { en: 'TLS 1.2' } },
            { key: 'choice:3', label: { en: 'SSH' } },
          ],
          allowNotApplicable: false,
          evidence: 'OPTIONAL',
          references: ['VPA SEC-1.1'],
          visibleWhen: {
            in: { question: 'sec-1.1:question:1', values: ['choice:1', 'choice:2'] },
          },
        },
        {
          key: 'sec-1.2:question:1',
          type: 'TEXT',
          text: { en: 'How do you rotate the keys of TLS 1.3 and SSH endpoints?' },
          help: { en: 'SEC-1 Encryption › SEC-1.2 Key management' },
          required: true,
          weight: 1,
          allowNotApplicable: false,
          evidence: 'NONE',
          references: ['VPA SEC-1.2'],
          // condition: all over a multiple choice: every listed choice must be selected.
          visibleWhen: {
            all: [
              { in: { question: 'sec-1.1:question:2', values: ['choice:1'] } },
              { in: { question: 'sec-1.1:question:2', values: ['choice:3'] } },
            ],
          },
        },
      ]);
    });

    it('validates as a draft and summarizes the questions that carry no points', async () => {
      const outcome = await imported(sample('vendor-privacy'));
      const validation = validateDefinition(outcome.questionnaire.definition, 'draft');
      expect(validation.errors).toEqual([]);
      expect(validation.valid).toBe(true);
      const summary = outcome.warnings.find((warning) => warning.message.includes('no points'));
      expect(summary?.location).toMatch(/^objects\.framework\.requirement_nodes \(line \d+/);
      expect(summary?.message).toContain('2 question(s)');
      expect(summary?.message).toContain('gov-1:question:1, sec-1.1:question:2');
    });

    it('reports progress question by question', async () => {
      const calls: [number, number][] = [];
      await importCisoAssistant(sample('vendor-privacy'), {
        onProgress: (processed, total) => calls.push([processed, total]),
      });
      expect(calls).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((processed) => [processed, 7]));
    });
  });

  describe('a real library excerpt (ANSSI MonAideCyber, Apache-2.0)', () => {
    it('imports in its own language with the annotations as help', async () => {
      const outcome = await imported(sample('anssi-mon-aide-cyber-excerpt'));
      const { definition, title } = outcome.questionnaire;
      expect(title).toEqual({ fr: 'ANSSI - Questionnaire MonAideCyber' });
      expect(definition.languages).toEqual(['fr']);
      expect(
        definition.sections.map((section) => [
          section.key,
          section.title.fr,
          section.questions.map((question) => [
            question.key,
            question.type,
            question.options?.length,
          ]),
        ]),
      ).toEqual([
        [
          'contexte',
          'Contexte',
          [
            ['contexte-nature-entite:question:1', 'SINGLE_CHOICE', 4],
            ['contexte-cyber-attaque-subie:question:1', 'SINGLE_CHOICE', 3],
            ['contexte-cyber-attaque-subie-oui-tiroir-type:question:1', 'MULTI_CHOICE', 9],
            ['contexte-cyber-attaque-subie-tiroir-plainte:question:1', 'SINGLE_CHOICE', 3],
          ],
        ],
        [
          'gouvernance',
          'Gouvernance',
          [['gouvernance-connaissance-rgpd-1:question:1', 'SINGLE_CHOICE', 4]],
        ],
      ]);
      const first = definition.sections[0]!.questions[0]!;
      expect(first.text).toEqual({ fr: 'Quelle est la nature de votre entité ?' });
      expect(first.options![1]).toEqual({
        key: 'choice:2',
        label: { fr: 'Entreprise privée (ex : TPE, PME, ETI)' },
      });
      expect(first.help?.fr).toMatch(/^## Entités publiques\n\nLes entités publiques/);
      expect(validateDefinition(definition, 'draft').valid).toBe(true);
    });

    it('warns that implementation groups and unscored choices were not converted', async () => {
      const { warnings } = await imported(sample('anssi-mon-aide-cyber-excerpt'));
      const messages = warnings.map((warning) => warning.message);
      expect(messages.some((message) => message.startsWith('5 question(s) carry no points'))).toBe(
        true,
      );
      expect(messages.some((message) => message.startsWith('implementation groups'))).toBe(true);
    });
  });

  describe('broken files', () => {
    it('reports bad YAML with its line and column', async () => {
      const outcome = await failed(sample('bad-yaml.txt'));
      expect(outcome.errors).toEqual([
        {
          location: 'line 11, column 11',
          message: expect.stringContaining('Nested mappings are not allowed') as unknown as string,
        },
      ]);
    });

    it('reports a depends_on naming an unknown question at its path', async () => {
      const outcome = await failed(sample('unknown-dependency'));
      expect(outcome.errors).toEqual([
        {
          location:
            'objects.framework.requirement_nodes[1].questions.urn:assay:risk:req_node:unknown-dependency:mfa:question:2.depends_on.question (line 37, column 25)',
          message:
            'refers to unknown question "urn:assay:risk:req_node:unknown-dependency:sso:question:1"',
        },
      ]);
    });

    it('rejects an unknown question type', async () => {
      const outcome = await failed(sample('unknown-type'));
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]!.location).toBe(
        'objects.framework.requirement_nodes[0].questions.urn:assay:risk:req_node:unknown-type:retention:question:1.type (line 19, column 19)',
      );
      expect(outcome.errors[0]!.message).toMatch(/^unknown question type "slider"/);
      expect(outcome.warnings).toEqual([]);
    });

    it('rejects a library without a framework', async () => {
      const outcome = await failed(sample('missing-framework'));
      expect(outcome.errors).toEqual([
        {
          location: 'objects.framework (line 7, column 3)',
          message: 'is required: this library has no framework, so it has no questions to import',
        },
      ]);
    });

    it('rejects a depends_on on a later question', async () => {
      const first = `${BASE}:a:question:1`;
      const second = `${BASE}:a:question:2`;
      const outcome = await failed(
        library([
          {
            urn: `${BASE}:a`,
            assessable: true,
            depth: 1,
            questions: {
              [first]: {
                ...yesNo(first),
                depends_on: { question: second, answers: [`${second}:choice:1`] },
              },
              [second]: yesNo(second),
            },
          },
        ]),
      );
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]!.location).toMatch(
        new RegExp(
          `^objects\\.framework\\.requirement_nodes\\[0\\]\\.questions\\.${first}\\.depends_on\\.question \\(line \\d+`,
        ),
      );
      expect(outcome.errors[0]!.message).toContain('which comes later in the file');
    });

    it('collects every error of the file, not just the first', async () => {
      const q1 = `${BASE}:a:question:1`;
      const q2 = `${BASE}:b:question:1`;
      const q3 = `${BASE}:b:question:2`;
      const q4 = `${BASE}:c:question:1`;
      const outcome = await failed(
        library([
          {
            urn: `${BASE}:a`,
            questions: {
              [q1]: {
                ...yesNo(q1),
                choices: [
                  { urn: `${q1}:choice:1`, value: 'Yes', add_score: 'ten' },
                  { urn: `${q1}:choice:2`, value: 'No' },
                ],
              },
            },
          },
          {
            urn: `${BASE}:b`,
            questions: {
              [q2]: { type: 'object_reference', text: 'Which asset?' },
              [q3]: {
                type: 'text',
                text: 'Why?',
                depends_on: { question: q1, answers: [`${q1}:choice:1`], condition: 'sometimes' },
              },
            },
          },
          {
            urn: `${BASE}:c`,
            questions: {
              [q4]: { ...yesNo(q4), choices: [{ urn: `${q4}:choice:1`, value: 'Yes' }] },
            },
          },
        ]),
      );
      expect(
        outcome.errors.map((error) => [error.location.replace(/ \(line .*\)$/, ''), error.message]),
      ).toEqual([
        [
          `objects.framework.requirement_nodes[0].questions.${q1}.choices[0].add_score`,
          'must be a number',
        ],
        [
          `objects.framework.requirement_nodes[1].questions.${q2}.type`,
          '"object_reference" questions point at CISO Assistant objects, which Assay does not have',
        ],
        [
          `objects.framework.requirement_nodes[1].questions.${q3}.depends_on.condition`,
          'must be "any" or "all", not "sometimes"',
        ],
        [
          `objects.framework.requirement_nodes[2].questions.${q4}.choices`,
          'a unique_choice question needs at least 2 choices',
        ],
      ]);
    });

    it('rejects a dependency answer that is not a choice of the question', async () => {
      const q1 = `${BASE}:a:question:1`;
      const q2 = `${BASE}:a:question:2`;
      const outcome = await failed(
        library([
          {
            urn: `${BASE}:a`,
            assessable: true,
            questions: {
              [q1]: yesNo(q1),
              [q2]: { ...yesNo(q2), depends_on: { question: q1, answers: [`${q1}:choice:3`] } },
            },
          },
        ]),
      );
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]!.location).toMatch(/\.depends_on\.answers\[0\] \(line \d+/);
      expect(outcome.errors[0]!.message).toBe(
        `"${q1}:choice:3" is not a choice of question "${q1}"`,
      );
    });

    it('rejects a framework without questions', async () => {
      const outcome = await failed(
        library([{ urn: `${BASE}:a`, assessable: true, depth: 1, name: 'A requirement' }]),
      );
      expect(outcome.errors[0]!.message).toContain('no requirement node has questions');
    });

    it('rejects a parent_urn cycle', async () => {
      const q = `${BASE}:a:question:1`;
      const outcome = await failed(
        library([
          { urn: `${BASE}:a`, parent_urn: `${BASE}:b`, questions: { [q]: yesNo(q) } },
          { urn: `${BASE}:b`, parent_urn: `${BASE}:a` },
        ]),
      );
      expect(outcome.errors.map((error) => error.message)).toContain(
        'its parent_urn chain forms a cycle',
      );
    });

    it('reports an empty file', async () => {
      const outcome = await failed(Buffer.from('# nothing here\n'));
      expect(outcome.errors).toEqual([{ location: 'document', message: 'the file is empty' }]);
    });
  });

  describe('conversions', () => {
    it('places questions after a chapter without ancestors in the chapter last opened', async () => {
      const q1 = `${BASE}:flat1:question:1`;
      const q2 = `${BASE}:flat2:question:1`;
      const { definition } = (
        await imported(
          library([
            { urn: `${BASE}:intro`, name: 'Introduction' },
            { urn: `${BASE}:flat1`, assessable: true, questions: { [q1]: yesNo(q1) } },
            { urn: `${BASE}:flat2`, assessable: true, questions: { [q2]: yesNo(q2) } },
          ]),
        )
      ).questionnaire;
      expect(definition.sections.map((section) => section.key)).toEqual(['intro']);
      expect(definition.sections[0]!.questions.map((question) => question.key)).toEqual([
        'flat1:question:1',
        'flat2:question:1',
      ]);
    });

    it('reads the plural objects.frameworks spelling', async () => {
      const q = `${BASE}:a:question:1`;
      const content = Buffer.from(
        stringify({
          urn: 'urn:test:risk:library:plural',
          locale: 'en',
          objects: {
            frameworks: [
              {
                urn: 'urn:test:risk:framework:inline',
                name: 'Plural',
                requirement_nodes: [{ urn: `${BASE}:a`, questions: { [q]: yesNo(q) } }],
              },
            ],
          },
        }),
      );
      const outcome = await imported(content);
      expect(outcome.questionnaire.title).toEqual({ en: 'Plural' });
      expect(outcome.questionCount).toBe(1);
    });

    it('makes a file question a text question that requires evidence', async () => {
      const q = `${BASE}:a:question:1`;
      const outcome = await imported(
        library([
          {
            urn: `${BASE}:a`,
            questions: { [q]: { type: 'file', text: 'Upload your ISO 27001 certificate' } },
          },
        ]),
      );
      expect(outcome.questionnaire.definition.sections[0]!.questions[0]).toMatchObject({
        type: 'TEXT',
        evidence: 'REQUIRED',
      });
      expect(
        outcome.warnings.some((warning) => warning.message.startsWith('a file question')),
      ).toBe(true);
    });

    it('uses the requested language when the library names no locale', async () => {
      const q = `${BASE}:a:question:1`;
      const content = library([{ urn: `${BASE}:a`, questions: { [q]: yesNo(q) } }], {
        locale: null,
      });
      const outcome = await imported(content, 'zh-CN');
      expect(outcome.questionnaire.definition.languages).toEqual(['zh-CN']);
      expect(outcome.questionnaire.title).toEqual({ 'zh-CN': 'Inline framework' });
    });

    it('declares the languages of translations and keeps the library locale first', async () => {
      const q = `${BASE}:a:question:1`;
      const outcome = await imported(
        library(
          [
            {
              urn: `${BASE}:a`,
              questions: {
                [q]: {
                  ...yesNo(q),
                  translations: { de: { text: 'Frage?' }, fr: { text: 'Question ?' } },
                },
              },
            },
          ],
          { locale: 'fr' },
        ),
      );
      const question = outcome.questionnaire.definition.sections[0]!.questions[0]!;
      expect(outcome.questionnaire.definition.languages).toEqual(['fr', 'de']);
      // The translation into the library's own language does not replace its text.
      expect(question.text).toEqual({ fr: `Question ${q}?`, de: 'Frage?' });
    });

    it('keeps long question URNs readable by their end and valid as keys', async () => {
      const node = `${BASE}:${'very-long-requirement-name-'.repeat(6)}end`;
      const q1 = `${node}:question:1`;
      const q2 = `${node}:question:2`;
      const { definition } = (
        await imported(library([{ urn: node, questions: { [q1]: yesNo(q1), [q2]: yesNo(q2) } }]))
      ).questionnaire;
      const keys = definition.sections[0]!.questions.map((question) => question.key);
      expect(keys[0]).toMatch(/end:question:1$/);
      expect(keys[1]).toMatch(/end:question:2$/);
      for (const key of keys) expect(key).toMatch(KEY_PATTERN);
    });
  });
});

describe('normalizeLanguage', () => {
  it.each([
    ['fr', 'fr'],
    ['EN', 'en'],
    ['pt_br', 'pt-BR'],
    ['zh', 'zh-CN'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('turns %s into %s', (locale, tag) => {
    expect(normalizeLanguage(locale)).toBe(tag);
  });

  it('refuses what is not a language tag', () => {
    expect(normalizeLanguage('english')).toBeUndefined();
    expect(normalizeLanguage('')).toBeUndefined();
  });
});
