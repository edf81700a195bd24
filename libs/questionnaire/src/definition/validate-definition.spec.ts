import { describe, expect, it } from '@jest/globals';
import type { TemplateDefinitionInput } from './definition.schema.js';
import { validateDefinition } from './validate-definition.js';

function sample(): TemplateDefinitionInput {
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
            knockout: { failWhen: { equals: { question: 'tls', value: false } }, severity: 'HIGH' },
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
    ],
  };
}

describe('validateDefinition', () => {
  it('accepts a valid definition and fills defaults', () => {
    const result = validateDefinition(sample(), 'publish');
    expect(result.errors).toEqual([]);
    expect(result.definition?.sections[0]?.questions[1]).toMatchObject({
      required: false,
      weight: 1,
      evidence: 'NONE',
      references: [],
      allowNotApplicable: false,
    });
  });
});
