import type { GraphqlClient } from '../utils/graphql-client.js';

export const VERSION_FIELDS =
  'id number status revision questionCount checksum libraryKey libraryVersion publishedAt retiredAt languages sectionCount';

export interface VersionView {
  id: string;
  number: number;
  status: string;
  revision: number;
  questionCount: number;
  checksum: string | null;
  libraryKey: string | null;
  libraryVersion: number | null;
  publishedAt: string | null;
  retiredAt: string | null;
  languages: string[];
  sectionCount: number;
  definition?: unknown;
}

/** A small, complete two-language definition with a condition and a knockout. */
export function sampleDefinition(extraQuestions = 0): Record<string, unknown> {
  return {
    languages: ['en', 'zh-CN'],
    sections: [
      {
        key: 'encryption',
        title: { en: 'Encryption', 'zh-CN': '加密' },
        weight: 2,
        questions: [
          {
            key: 'tls',
            type: 'BOOLEAN',
            text: { en: 'Is data encrypted in transit?', 'zh-CN': '传输中的数据是否加密？' },
            required: true,
            points: { yes: 10, no: 0 },
            references: ['GDPR Art. 32'],
            knockout: {
              failWhen: { equals: { question: 'tls', value: false } },
              severity: 'HIGH',
              finding: { en: 'No encryption in transit', 'zh-CN': '传输未加密' },
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
          ...Array.from({ length: extraQuestions }, (_, i) => ({
            key: `extra_${i}`,
            type: 'TEXT',
            text: { en: `Describe control ${i}`, 'zh-CN': `请描述控制措施 ${i}` },
          })),
        ],
      },
    ],
  };
}

export async function createTemplate(
  gql: GraphqlClient,
  input: Record<string, unknown>,
): Promise<{ template: { id: string; name: string }; version: VersionView }> {
  const data = await gql.data<{
    createQuestionnaireTemplate: { template: { id: string; name: string }; version: VersionView };
  }>(
    `mutation($input: CreateQuestionnaireTemplateInput!) { createQuestionnaireTemplate(input: $input) { template { id name } version { ${VERSION_FIELDS} } } }`,
    { input },
  );
  return data.createQuestionnaireTemplate;
}

export const UPDATE_DRAFT = `mutation($input: UpdateDraftDefinitionInput!) { updateDraftDefinition(input: $input) { version { ${VERSION_FIELDS} definition } warnings { path message } } }`;
export const PUBLISH = `mutation($input: PublishTemplateVersionInput!) { publishTemplateVersion(input: $input) { version { ${VERSION_FIELDS} definition } } }`;
