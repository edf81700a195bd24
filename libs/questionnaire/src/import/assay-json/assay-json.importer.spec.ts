import { describe, expect, it } from '@jest/globals';
import { validateDefinition } from '../../definition/validate-definition.js';
import type { ImportOutcome } from '../import-types.js';
import { importAssayJson } from './assay-json.importer.js';

const DEFINITION = {
  languages: ['en', 'zh-CN'],
  sections: [
    {
      key: 'security',
      title: { en: 'Security', 'zh-CN': '安全' },
      questions: [
        {
          key: 'mfa',
          type: 'BOOLEAN',
          text: { en: 'MFA?', 'zh-CN': '多因素认证？' },
          points: { yes: 5, no: 0 },
        },
      ],
    },
  ],
};

async function read(document: unknown): Promise<ImportOutcome> {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  return importAssayJson(Buffer.from(text, 'utf8'));
}

describe('importAssayJson', () => {
  it('imports the file with its title, description and canonical definition', async () => {
    const outcome = await read({
      format: 'assay.questionnaire',
      formatVersion: 1,
      title: { en: 'Baseline', 'zh-CN': '基线' },
      description: { en: 'For every vendor' },
      definition: DEFINITION,
    });
    expect(outcome).toEqual({
      ok: true,
      questionnaire: {
        title: { en: 'Baseline', 'zh-CN': '基线' },
        description: { en: 'For every vendor' },
        definition: validateDefinition(DEFINITION).definition,
      },
      questionCount: 1,
      warnings: [],
    });
  });

  it('accepts a bare definition document, with a byte order mark', async () => {
    const outcome = await read(`\uFEFF${JSON.stringify(DEFINITION)}`);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.questionnaire).toEqual({
      definition: validateDefinition(DEFINITION).definition,
    });
  });

  it('reports a JSON syntax error by line and column', async () => {
    const text = [
      '{',
      '  "format": "assay.questionnaire",',
      '  "definition": {',
      '    "languages": ["en"]',
      '    "sections": []',
      '  }',
      '}',
    ].join('\n');
    const outcome = await read(text);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]!.location).toBe('line 5, column 5');
    expect(outcome.errors[0]!.message).toMatch(/^not valid JSON: /);
  });

  it('places a truncated file at its end', async () => {
    const outcome = await read('{\n  "format": "assay.questionnaire",\n  "definition": {');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors[0]!.location).toBe('line 3, column 18');
  });

  it('rejects a different format marker and a newer format version', async () => {
    const outcome = await read({
      format: 'vsaq.questionnaire',
      formatVersion: 2,
      definition: DEFINITION,
    });
    expect(outcome).toEqual({
      ok: false,
      errors: [
        {
          location: 'format',
          message:
            'must be "assay.questionnaire", found "vsaq.questionnaire"; this is not an Assay questionnaire file',
        },
        {
          location: 'formatVersion',
          message: 'version 2 was written by a newer Assay; this one reads version 1',
        },
      ],
      warnings: [],
    });
  });

  it('checks the envelope: title shape, missing definition, unknown fields', async () => {
    const outcome = await read({
      format: 'assay.questionnaire',
      title: 'Baseline',
      author: 'me',
    });
    expect(outcome).toEqual({
      ok: false,
      errors: [
        { location: 'title', message: 'must map language tags to text, e.g. { "en": "..." }' },
        { location: 'definition', message: 'is required' },
      ],
      warnings: [{ location: 'author', message: 'unknown field "author" is ignored' }],
    });
    expect(await read([DEFINITION])).toEqual({
      ok: false,
      errors: [{ location: 'line 1', message: 'the file must hold a JSON object' }],
      warnings: [],
    });
  });

  it('reports definition problems at their paths', async () => {
    const broken = structuredClone(DEFINITION) as typeof DEFINITION & Record<string, unknown>;
    broken.sections[0]!.questions[0]!.type = 'YES_NO';
    const outcome = await read({
      format: 'assay.questionnaire',
      formatVersion: 1,
      definition: broken,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual([
      {
        location: 'definition sections[0].questions[0].type',
        message: expect.stringContaining('BOOLEAN') as unknown as string,
      },
    ]);
  });
});
