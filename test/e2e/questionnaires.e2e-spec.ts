import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canonicalJson } from '#audit';
import { Role } from '#core';
import { QUESTIONNAIRE_LIBRARY } from '#questionnaire';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
} from '../factories/identity.factory.js';
import {
  PUBLISH,
  UPDATE_DRAFT,
  VERSION_FIELDS,
  createTemplate,
  sampleDefinition,
  type VersionView,
} from '../factories/questionnaire.factory.js';
import { eventually } from '../utils/eventually.js';
import { bearer, uploadFile } from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const VSAQ_FILE = new URL(
  '../../libs/questionnaire/src/import/vsaq/samples/security_privacy_programs.vsaq',
  import.meta.url,
);

const IMPORT = `mutation($input: ImportQuestionnaireInput!) { importQuestionnaire(input: $input) { import {
  id format status processed total errors { location message } warnings { location message }
  template { id name } version { ${VERSION_FIELDS} definition } } } }`;
const IMPORT_STATE = `query($id: ID!) { questionnaireImport(id: $id) { id status processed total errors { location message }
  version { id questionCount } } }`;

interface ImportView {
  id: string;
  status: string;
  processed: number;
  total: number | null;
  errors: Array<{ location: string; message: string }>;
  warnings: Array<{ location: string; message: string }>;
  template: { id: string; name: string } | null;
  version: (VersionView & { definition: unknown }) | null;
}

/** The answerable items of the VSAQ file, counted by regular expressions over its text. */
function countVsaqQuestions(source: string): number {
  return (source.match(/"type"\s*:\s*"(radiogroup|checkgroup|yesno|line|box|upload)"/g) ?? [])
    .length;
}

describe('questionnaires', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let adminToken: string;
  let riskOwner: GraphqlClient;
  let procurement: GraphqlClient;
  let viewer: GraphqlClient;

  const templateCount = async () =>
    (
      await admin.data<{ questionnaireTemplates: { totalCount: number } }>(
        '{ questionnaireTemplates(first: 1) { totalCount } }',
      )
    ).questionnaireTemplates.totalCount;

  const runImport = async (gql: GraphqlClient, input: Record<string, unknown>) =>
    gql.request<{ importQuestionnaire: { import: ImportView } }>(IMPORT, { input });

  beforeAll(async () => {
    // Files over 20 KB import through the job, so both paths run here.
    t = await startTestApp({ env: { QUESTIONNAIRE_IMPORT_INLINE_MAX_BYTES: '20000' } });
    const adminMember = await createOrganization(t.app);
    adminToken = await signInToken(t.gql, adminMember);
    admin = t.gql.withToken(adminToken);
    const organizationId = adminMember.organizationId;
    riskOwner = await signIn(t.gql, await addMember(t.app, organizationId, Role.RiskOwner));
    procurement = t.gql.withToken(
      await signInToken(t.gql, await addMember(t.app, organizationId, Role.Procurement)),
    );
    viewer = await signIn(t.gql, await addMember(t.app, organizationId, Role.Viewer));
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('versions', () => {
    let templateId: string;
    let draft: VersionView;

    beforeAll(async () => {
      const created = await createTemplate(riskOwner, {
        name: 'Cloud vendors',
        description: 'For IaaS',
      });
      templateId = created.template.id;
      draft = created.version;
    });

    it('starts a template with an empty draft version 1 in English and Chinese', () => {
      expect(draft).toMatchObject({
        number: 1,
        status: 'DRAFT',
        questionCount: 0,
        checksum: null,
        languages: ['en', 'zh-CN'],
        sectionCount: 0,
      });
    });

    it('refuses a duplicate name, whatever its case, with CONFLICT', async () => {
      const response = await riskOwner.request(
        'mutation { createQuestionnaireTemplate(input: { name: "CLOUD vendors" }) { template { id } } }',
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('lets only admins and risk owners write, and every member read', async () => {
      const write =
        'mutation { createQuestionnaireTemplate(input: { name: "Mine" }) { template { id } } }';
      for (const gql of [procurement, viewer]) {
        expect((await gql.request(write)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const read = await viewer.data<{
        questionnaireTemplate: { name: string; draftVersion: { id: string } };
      }>(`query($id: ID!) { questionnaireTemplate(id: $id) { name draftVersion { id } } }`, {
        id: templateId,
      });
      expect(read.questionnaireTemplate).toEqual({
        name: 'Cloud vendors',
        draftVersion: { id: draft.id },
      });
    });

    it('rejects an invalid definition with every problem at its path, and keeps the draft', async () => {
      const broken = sampleDefinition() as {
        sections: Array<{ questions: Array<Record<string, unknown>> }>;
      };
      broken.sections[0]!.questions[1]!.visibleWhen = {
        equals: { question: 'later', value: true },
      };
      broken.sections[0]!.questions[0]!.type = 'SLIDER';
      const response = await riskOwner.request(UPDATE_DRAFT, {
        input: { versionId: draft.id, definition: broken, expectedRevision: draft.revision },
      });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.fields).toEqual([
        {
          path: 'input.definition.sections[0].questions[0].type',
          message: expect.stringContaining('BOOLEAN'),
        },
      ]);
      const unchanged = await riskOwner.data<{ templateVersion: VersionView }>(
        `query($id: ID!) { templateVersion(id: $id) { ${VERSION_FIELDS} } }`,
        { id: draft.id },
      );
      expect(unchanged.templateVersion.revision).toBe(draft.revision);
      expect(unchanged.templateVersion.questionCount).toBe(0);
    });

    it('replaces the draft, returning warnings of what publishing still needs', async () => {
      const definition = sampleDefinition() as {
        sections: Array<{ questions: Array<Record<string, unknown>> }>;
      };
      delete definition.sections[0]!.questions[0]!.points;
      const updated = await riskOwner.data<{
        updateDraftDefinition: {
          version: VersionView;
          warnings: Array<{ path: string; message: string }>;
        };
      }>(UPDATE_DRAFT, {
        input: { versionId: draft.id, definition, expectedRevision: draft.revision },
      });
      expect(updated.updateDraftDefinition.version).toMatchObject({
        revision: draft.revision + 1,
        questionCount: 2,
        sectionCount: 1,
      });
      expect(updated.updateDraftDefinition.warnings).toEqual([
        {
          path: 'sections[0].questions[0]',
          message: 'question "tls" has no points for yes and no; assign them before publishing',
        },
      ]);
      // Publishing refuses what is still missing, and says where.
      const refused = await riskOwner.request(PUBLISH, { input: { versionId: draft.id } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.fields).toEqual([
        {
          path: 'definition.sections[0].questions[0]',
          message:
            'question "tls" has no points for yes and no; a published version scores every question',
        },
      ]);
      draft = updated.updateDraftDefinition.version;
    });

    it('gives CONFLICT to a stale revision, and to one of two concurrent edits', async () => {
      const stale = await riskOwner.request(UPDATE_DRAFT, {
        input: {
          versionId: draft.id,
          definition: sampleDefinition(),
          expectedRevision: draft.revision - 1,
        },
      });
      expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(stale.errors?.[0]?.extensions?.current).toEqual({ revision: draft.revision });

      const edits = await Promise.all(
        [1, 2].map((extra) =>
          riskOwner.request<{ updateDraftDefinition: { version: VersionView } }>(UPDATE_DRAFT, {
            input: {
              versionId: draft.id,
              definition: sampleDefinition(extra),
              expectedRevision: draft.revision,
            },
          }),
        ),
      );
      const winners = edits.filter((edit) => !edit.errors);
      const losers = edits.filter((edit) => edit.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map((edit) => edit.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT']);
      const current = await riskOwner.data<{ templateVersion: VersionView }>(
        `query($id: ID!) { templateVersion(id: $id) { ${VERSION_FIELDS} } }`,
        { id: draft.id },
      );
      // The stored definition is the winner's, whole.
      expect(current.templateVersion.revision).toBe(draft.revision + 1);
      expect(current.templateVersion.questionCount).toBe(
        winners[0]!.data!.updateDraftDefinition.version.questionCount,
      );
      draft = current.templateVersion;
    });

    it('publishes a complete draft with the checksum of its canonical definition', async () => {
      const ready = await riskOwner.data<{ updateDraftDefinition: { version: VersionView } }>(
        UPDATE_DRAFT,
        {
          input: {
            versionId: draft.id,
            definition: sampleDefinition(),
            expectedRevision: draft.revision,
          },
        },
      );
      const published = await riskOwner.data<{
        publishTemplateVersion: { version: VersionView & { definition: unknown } };
      }>(PUBLISH, {
        input: {
          versionId: draft.id,
          expectedRevision: ready.updateDraftDefinition.version.revision,
        },
      });
      const version = published.publishTemplateVersion.version;
      expect(version.status).toBe('PUBLISHED');
      expect(version.publishedAt).not.toBeNull();
      expect(version.checksum).toBe(
        createHash('sha256').update(canonicalJson(version.definition)).digest('hex'),
      );
      draft = version;
    });

    it('never changes a published version: edits and a second publish are CONFLICT', async () => {
      const edit = await riskOwner.request(UPDATE_DRAFT, {
        input: {
          versionId: draft.id,
          definition: sampleDefinition(3),
          expectedRevision: draft.revision,
        },
      });
      expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const again = await riskOwner.request(PUBLISH, { input: { versionId: draft.id } });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const stored = await riskOwner.data<{ templateVersion: VersionView }>(
        `query($id: ID!) { templateVersion(id: $id) { ${VERSION_FIELDS} } }`,
        { id: draft.id },
      );
      expect(stored.templateVersion).toEqual(
        expect.objectContaining({
          revision: draft.revision,
          checksum: draft.checksum,
          questionCount: 2,
        }),
      );
    });

    it('clones a new draft, one at a time, and diffs two versions question by question', async () => {
      const CREATE_DRAFT = `mutation($input: CreateDraftVersionInput!) { createDraftVersion(input: $input) { version { ${VERSION_FIELDS} } } }`;
      const second = await riskOwner.data<{ createDraftVersion: { version: VersionView } }>(
        CREATE_DRAFT,
        {
          input: { templateId },
        },
      );
      expect(second.createDraftVersion.version).toMatchObject({
        number: 2,
        status: 'DRAFT',
        questionCount: 2,
      });
      const another = await riskOwner.request(CREATE_DRAFT, { input: { templateId } });
      expect(another.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      const changed = sampleDefinition() as {
        sections: Array<{ questions: Array<Record<string, unknown>> }>;
      };
      const questions = changed.sections[0]!.questions;
      questions[0]!.text = {
        en: 'Is all data encrypted in transit?',
        'zh-CN': '所有传输中的数据是否加密？',
      };
      questions.splice(1, 1, {
        key: 'at_rest',
        type: 'BOOLEAN',
        text: { en: 'Encrypted at rest?', 'zh-CN': '静态数据是否加密？' },
        points: { yes: 5, no: 0 },
      });
      await riskOwner.data(UPDATE_DRAFT, {
        input: {
          versionId: second.createDraftVersion.version.id,
          definition: changed,
          expectedRevision: second.createDraftVersion.version.revision,
        },
      });
      const diff = await viewer.data<{ templateVersionDiff: Record<string, unknown> }>(
        `query($from: ID!, $to: ID!) { templateVersionDiff(fromId: $from, toId: $to) {
          from { number } to { number } sectionsAdded sectionsRemoved
          questionsAdded { key section } questionsRemoved { key section }
          questionsChanged { key changes { field before after } } } }`,
        { from: draft.id, to: second.createDraftVersion.version.id },
      );
      expect(diff.templateVersionDiff).toEqual({
        from: { number: 1 },
        to: { number: 2 },
        sectionsAdded: [],
        sectionsRemoved: [],
        questionsAdded: [{ key: 'at_rest', section: 'encryption' }],
        questionsRemoved: [{ key: 'tls_version', section: 'encryption' }],
        questionsChanged: [
          {
            key: 'tls',
            changes: [
              {
                field: 'text.en',
                before: 'Is data encrypted in transit?',
                after: 'Is all data encrypted in transit?',
              },
              {
                field: 'text.zh-CN',
                before: '传输中的数据是否加密？',
                after: '所有传输中的数据是否加密？',
              },
            ],
          },
        ],
      });
    });

    it('retires a published version; a draft cannot be retired', async () => {
      const RETIRE = `mutation($input: RetireTemplateVersionInput!) { retireTemplateVersion(input: $input) { version { ${VERSION_FIELDS} } } }`;
      const template = await riskOwner.data<{
        questionnaireTemplate: { draftVersion: { id: string } };
      }>(`query($id: ID!) { questionnaireTemplate(id: $id) { draftVersion { id } } }`, {
        id: templateId,
      });
      const refused = await riskOwner.request(RETIRE, {
        input: { versionId: template.questionnaireTemplate.draftVersion.id },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const retired = await riskOwner.data<{ retireTemplateVersion: { version: VersionView } }>(
        RETIRE,
        {
          input: { versionId: draft.id },
        },
      );
      expect(retired.retireTemplateVersion.version).toMatchObject({
        status: 'RETIRED',
        checksum: draft.checksum,
      });
    });
  });

  it('validates a definition without saving it', async () => {
    const VALIDATE = `mutation($input: ValidateDefinitionInput!) { validateDefinition(input: $input) { validation { valid questionCount errors { path message } } } }`;
    const before = await templateCount();
    const partial = sampleDefinition() as { sections: Array<{ title: Record<string, string> }> };
    delete partial.sections[0]!.title['zh-CN'];
    const asDraft = await riskOwner.data<{
      validateDefinition: { validation: Record<string, unknown> };
    }>(VALIDATE, { input: { definition: partial } });
    expect(asDraft.validateDefinition.validation).toEqual({
      valid: true,
      questionCount: 2,
      errors: [],
    });
    const asPublished = await riskOwner.data<{
      validateDefinition: { validation: Record<string, unknown> };
    }>(VALIDATE, { input: { definition: partial, mode: 'PUBLISH' } });
    expect(asPublished.validateDefinition.validation).toEqual({
      valid: false,
      questionCount: null,
      errors: [{ path: 'sections[0].title.zh-CN', message: 'needs text in "zh-CN"' }],
    });
    expect(await templateCount()).toBe(before);
  });

  it('serves the built-in library and copies a template from it, published and ready to send', async () => {
    const library = await viewer.data<{
      questionnaireLibrary: Array<{
        key: string;
        version: number;
        questionCount: number;
        checksum: string;
        name: { en: string; zhCN: string };
      }>;
    }>('{ questionnaireLibrary { key version questionCount checksum name { en zhCN } } }');
    expect(library.questionnaireLibrary.map((entry) => entry.key)).toEqual(
      QUESTIONNAIRE_LIBRARY.map((entry) => entry.key),
    );
    const baseline = library.questionnaireLibrary.find(
      (entry) => entry.key === 'vendor-privacy-baseline',
    )!;
    expect(baseline.questionCount).toBeGreaterThanOrEqual(60);
    expect(baseline.name.zhCN).not.toBe(baseline.name.en);

    const copy = await createTemplate(admin, {
      name: 'Baseline',
      fromLibrary: 'vendor-privacy-baseline',
    });
    expect(copy.version).toMatchObject({
      number: 1,
      status: 'PUBLISHED',
      libraryKey: 'vendor-privacy-baseline',
      libraryVersion: baseline.version,
      questionCount: baseline.questionCount,
      checksum: baseline.checksum,
    });
    const unknown = await admin.request(
      'mutation { createQuestionnaireTemplate(input: { name: "X", fromLibrary: "sig-lite" }) { template { id } } }',
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.fromLibrary', message: '"sig-lite" is not a library template' }],
    });
  });

  describe('imports', () => {
    it('imports the VSAQ file through a job, with progress, into a new template', async () => {
      const source = await readFile(VSAQ_FILE, 'utf8');
      expect(Buffer.byteLength(source)).toBeGreaterThan(20_000);
      const started = await runImport(riskOwner, { format: 'VSAQ_JSON', content: source });
      expect(started.errors).toBeUndefined();
      expect(started.data!.importQuestionnaire.import.status).toBe('QUEUED');
      const id = started.data!.importQuestionnaire.import.id;
      const done = await eventually(
        async () => {
          const state = await riskOwner.data<{ questionnaireImport: ImportView }>(IMPORT_STATE, {
            id,
          });
          return (
            ['SUCCEEDED', 'FAILED'].includes(state.questionnaireImport.status) &&
            state.questionnaireImport
          );
        },
        { timeoutMs: 30_000, what: 'the import job' },
      );
      expect(done.errors).toEqual([]);
      expect(done.status).toBe('SUCCEEDED');
      const questions = countVsaqQuestions(source);
      expect(done).toMatchObject({
        processed: questions,
        total: questions,
        version: { questionCount: questions },
      });
    });

    it('imports a small file in the request and reports what was approximated', async () => {
      const definition = sampleDefinition();
      const content = JSON.stringify({
        format: 'assay.questionnaire',
        formatVersion: 1,
        definition,
      });
      const result = await runImport(riskOwner, {
        format: 'ASSAY_JSON',
        content,
        templateName: 'Imported from JSON',
      });
      expect(result.errors).toBeUndefined();
      const imported = result.data!.importQuestionnaire.import;
      expect(imported).toMatchObject({
        status: 'SUCCEEDED',
        template: { name: 'Imported from JSON' },
        version: { number: 1, status: 'DRAFT', questionCount: 2 },
      });
    });

    it('creates nothing from a file with errors, and returns every error located', async () => {
      const before = await templateCount();
      const broken = await runImport(riskOwner, {
        format: 'CISO_ASSISTANT_YAML',
        content: 'urn: x\nobjects:\n  framework: [unclosed\n',
      });
      expect(broken.errors).toBeUndefined();
      const failed = broken.data!.importQuestionnaire.import;
      expect(failed.status).toBe('FAILED');
      expect(failed.template).toBeNull();
      expect(failed.version).toBeNull();
      expect(failed.errors.length).toBeGreaterThan(0);
      expect(failed.errors[0]!.location).toMatch(/line \d+/);
      expect(await templateCount()).toBe(before);
    });

    it('refuses to import into a template that has a draft (CONFLICT)', async () => {
      const { template } = await createTemplate(riskOwner, { name: 'Has a draft' });
      const response = await runImport(riskOwner, {
        format: 'ASSAY_JSON',
        content: JSON.stringify({ definition: sampleDefinition() }),
        templateId: template.id,
      });
      expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('exports a version as JSON, CSV and XLSX that import back to an equal definition', async () => {
      const { version } = await createTemplate(admin, {
        name: 'Breach quick check',
        fromLibrary: 'breach-readiness-quick-check',
      });
      const original = await admin.data<{ templateVersion: { definition: unknown } }>(
        'query($id: ID!) { templateVersion(id: $id) { definition } }',
        { id: version.id },
      );
      for (const [format, importFormat] of [
        ['json', 'ASSAY_JSON'],
        ['csv', 'SPREADSHEET_CSV'],
        ['xlsx', 'SPREADSHEET_XLSX'],
      ] as const) {
        const response = await fetch(
          `${t.url}/template-versions/${version.id}/export?format=${format}`,
          {
            headers: bearer(adminToken),
          },
        );
        expect(response.status).toBe(200);
        const bytes = Buffer.from(await response.arrayBuffer());
        const input: Record<string, unknown> = {
          format: importFormat,
          templateName: `Round trip ${format}`,
        };
        if (format === 'xlsx') {
          const upload = await uploadFile(t.url, bearer(adminToken), {
            name: 'export.xlsx',
            content: bytes,
          });
          expect(upload.status).toBe(201);
          input.fileId = upload.body.id;
        } else {
          input.content = bytes.toString('utf8');
        }
        const result = await runImport(admin, input);
        expect(result.errors).toBeUndefined();
        expect(result.data!.importQuestionnaire.import.errors).toEqual([]);
        expect(result.data!.importQuestionnaire.import.version!.definition).toEqual(
          original.templateVersion.definition,
        );
      }
      const bad = await fetch(`${t.url}/template-versions/${version.id}/export?format=pdf`, {
        headers: bearer(adminToken),
      });
      expect(bad.status).toBe(400);
    });
  });
});
