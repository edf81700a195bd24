import { describe, expect, it } from '@jest/globals';
import { validateDefinition, type TemplateDefinition } from '#questionnaire';
import { Answer } from './answer.entity.js';
import { carriedAnswers } from './carry-over.js';

const en = (text: string) => ({ en: text });

function definition(): TemplateDefinition {
  const result = validateDefinition({
    languages: ['en'],
    sections: [
      {
        key: 'security',
        title: en('Security'),
        questions: [
          { key: 'mfa', type: 'BOOLEAN', text: en('MFA?'), points: { yes: 1, no: 0 } },
          {
            key: 'hsm',
            type: 'BOOLEAN',
            text: en('HSM?'),
            allowNotApplicable: true,
            points: { yes: 1, no: 0 },
          },
          { key: 'sso', type: 'BOOLEAN', text: en('SSO?'), points: { yes: 1, no: 0 } },
          {
            key: 'tls',
            type: 'SINGLE_CHOICE',
            text: en('TLS?'),
            options: [
              { key: 'tls13', label: en('1.3'), points: 2 },
              { key: 'plain', label: en('none'), points: 0 },
            ],
          },
          {
            key: 'controls',
            type: 'MULTI_CHOICE',
            text: en('Controls?'),
            options: [
              { key: 'dlp', label: en('DLP'), points: 1 },
              { key: 'siem', label: en('SIEM'), points: 1 },
            ],
          },
          { key: 'days', type: 'NUMBER', text: en('Days?'), max: 90 },
          { key: 'notes', type: 'TEXT', text: en('Notes?') },
        ],
      },
    ],
  });
  if (!result.definition) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

const answer = (questionKey: string, fields: Partial<Answer> = {}) =>
  Object.assign(new Answer(), {
    questionKey,
    value: null,
    notApplicable: false,
    comment: null,
    evidenceFileIds: [],
    ...fields,
  });

describe('carriedAnswers', () => {
  it('carries the answers still valid under the new definition, with comment and evidence', () => {
    const previous = [
      answer('mfa', { value: true, comment: 'for admins', evidenceFileIds: ['f1'] }),
      answer('hsm', { notApplicable: true }),
      answer('controls', { value: ['dlp', 'siem'] }),
      answer('days', { value: 30 }),
    ];
    expect(carriedAnswers(definition(), previous)).toEqual([
      {
        questionKey: 'mfa',
        value: true,
        notApplicable: false,
        comment: 'for admins',
        evidenceFileIds: ['f1'],
        carriedOverFromId: previous[0]!.id,
      },
      {
        questionKey: 'hsm',
        value: null,
        notApplicable: true,
        comment: null,
        evidenceFileIds: [],
        carriedOverFromId: previous[1]!.id,
      },
      expect.objectContaining({ questionKey: 'controls', value: ['dlp', 'siem'] }),
      expect.objectContaining({ questionKey: 'days', value: 30 }),
    ]);
  });

  it('leaves behind removed questions, values no longer valid, empty answers and disallowed "not applicable"', () => {
    const previous = [
      answer('retired_question', { value: true }),
      answer('tls', { value: 'tls12' }),
      answer('controls', { value: ['dlp', 'antivirus'] }),
      answer('days', { value: 180 }),
      answer('mfa', { value: 'yes' }),
      answer('sso', { notApplicable: true }),
      answer('notes', { value: '   ' }),
      answer('hsm', { value: null }),
    ];
    expect(carriedAnswers(definition(), previous)).toEqual([]);
  });
});
