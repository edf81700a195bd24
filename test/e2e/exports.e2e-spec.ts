import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parse as parseCsv } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import pg from 'pg';
import readXlsxFile from 'read-excel-file/node';
import { extractText, getDocumentProxy } from 'unpdf';
import { Clock, RequestContext, Role, TransactionalConnection } from '#core';
import { formatScore, restoreFormulaText } from '#reporting';
import {
  SAVE_ANSWERS,
  SUBMIT_ASSESSMENT,
  addContact,
  invitationToken,
  publishQuestionnaire,
} from '../factories/assessment.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  type TestMember,
} from '../factories/identity.factory.js';
import { PROFILES, createVendor } from '../factories/vendor.factory.js';
import { freePort, startProcess, type RunningProcess } from '../utils/processes.js';
import { boxFont } from '../utils/box-font.js';
import { eventually } from '../utils/eventually.js';
import { bearer, uploadFile } from '../utils/files.js';
import { GraphqlClient, type GraphqlResponse } from '../utils/graphql-client.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/** Two sections with Chinese titles; a failed MFA knockout raises a HIGH finding. */
const DEFINITION = {
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
          evidence: 'OPTIONAL',
          points: { yes: 10, no: 0 },
        },
        {
          key: 'tls_version',
          type: 'SINGLE_CHOICE',
          text: { en: 'Lowest TLS version?', 'zh-CN': '最低 TLS 版本？' },
          options: [
            { key: 'tls12', label: { en: 'TLS 1.2', 'zh-CN': 'TLS 1.2 版' }, points: 5 },
            { key: 'tls13', label: { en: 'TLS 1.3', 'zh-CN': 'TLS 1.3 版' }, points: 10 },
          ],
        },
      ],
    },
    {
      key: 'access',
      title: { en: 'Access control', 'zh-CN': '访问控制' },
      weight: 1,
      questions: [
        {
          key: 'mfa',
          type: 'BOOLEAN',
          text: { en: 'Is MFA enforced?', 'zh-CN': '是否强制多因素认证？' },
          required: true,
          points: { yes: 10, no: 0 },
          knockout: {
            failWhen: { equals: { question: 'mfa', value: false } },
            severity: 'HIGH',
            finding: { en: 'No MFA', 'zh-CN': '未启用多因素认证' },
          },
        },
        { key: 'notes', type: 'TEXT', text: { en: 'Anything else?', 'zh-CN': '其他说明？' } },
      ],
    },
  ],
};

const QUESTION_TEXT_EN: Record<string, string> = Object.fromEntries(
  DEFINITION.sections.flatMap((section) =>
    (section.questions as Array<{ key: string; text: { en: string } }>).map((question) => [
      question.key,
      question.text.en,
    ]),
  ),
);

/** Every Chinese character the report may write: the test font has a glyph for each. */
const CHINESE = '深圳薪资服务加密访问控制传输中的数据是否最低版本强制多因素认证未启用其他说明？';
const VENDOR_NAME = '深圳薪资服务';

const REQUEST = `mutation($input: RequestExportInput!) { requestExport(input: $input) {
  download { url expiresAt fileName mediaType kind format } } }`;

interface Download {
  url: string;
  expiresAt: string;
  fileName: string;
  mediaType: string;
  kind: string;
  format: string;
}

/**
 * How much the serving API process's memory may grow while it serves a 100,000-row export.
 * Streaming measured about 5 MB (CSV) and 15 MB (XLSX) here; reading the rows into memory before
 * writing them, about 80 MB. The process runs with its old generation capped at 128 MB
 * (`--max-old-space-size`), so that V8 collects what the export has let go of before it grows
 * the heap: uncapped, V8 sometimes put off collecting until the garbage of a streamed export
 * alone had grown the process by about 75 MB (one run in three). What an export keeps still
 * counts in full.
 */
const MEMORY_BOUND = 48 * 1024 * 1024;

const codeOf = (response: GraphqlResponse<unknown>) => response.errors?.[0]?.extensions?.code;

/** Records of a CSV export, formulas restored, by header. */
function csvRecords(bytes: Buffer): Array<Record<string, string>> {
  const records = parseCsvSync(bytes, { bom: true, columns: true }) as Array<
    Record<string, string>
  >;
  return records.map((record) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => [key, restoreFormulaText(value)]),
    ),
  );
}

/** Rows of one sheet of an XLSX export, by header. */
async function xlsxRecords(bytes: Buffer, sheet = 0): Promise<Array<Record<string, unknown>>> {
  const sheets = await readXlsxFile(bytes);
  const [header, ...rows] = sheets[sheet]!.data;
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [String(name), row[i]])));
}

const nearly = (cell: unknown, iso: string | null) =>
  iso === null
    ? cell === null
    : cell instanceof Date && Math.abs(cell.getTime() - Date.parse(iso)) <= 1;

describe('exports', () => {
  let t: TestApp;
  let fontDir: string;
  let owner: TestMember;
  let admin: GraphqlClient;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let viewer: GraphqlClient;
  let vendorContact: GraphqlClient;
  let other: GraphqlClient;
  let assessmentId: string;
  let riskOwnerMemberId: string;

  const request = (client: GraphqlClient, input: Record<string, unknown>) =>
    client.request<{ requestExport: { download: Download } }>(REQUEST, { input });
  const link = async (client: GraphqlClient, input: Record<string, unknown>) => {
    const response = await request(client, input);
    if (response.errors?.length || !response.data) {
      throw new Error(`requestExport failed: ${JSON.stringify(response.errors)}`);
    }
    return response.data.requestExport.download;
  };
  /** The download, from the test server (the link names PUBLIC_URL). */
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const { pathname, search } = new URL(url);
    const response = await fetch(`${t.url}${pathname}${search}`, { headers });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const exported = async (client: GraphqlClient, input: Record<string, unknown>) => {
    const download = await link(client, input);
    const response = await get(download.url);
    expect(response.status).toBe(200);
    return { download, ...response };
  };
  const system = <T>(
    work: (query: (sql: string, params?: unknown[]) => Promise<T>) => Promise<T>,
  ) => {
    const connection = t.app.get(TransactionalConnection);
    return connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) => {
      const manager = await connection.manager(tx);
      return work((sql, params) => manager.query(sql, params) as Promise<T>);
    });
  };
  /** Audit events of `action`, newest first, each change's value after it parsed. */
  const auditEvents = async (action: string, client = admin) =>
    (
      await client.data<{
        auditEvents: {
          nodes: Array<{
            actorKind: string;
            actorId: string | null;
            entityId: string | null;
            changes: Array<{ field: string; after: string | null }>;
          }>;
        };
      }>(
        `query($action: String) { auditEvents(first: 50, filter: { action: $action }) {
          nodes { actorKind actorId entityId changes { field after } } } }`,
        { action },
      )
    ).auditEvents.nodes.map((event) => ({
      ...event,
      changes: Object.fromEntries(
        event.changes.map((change) => [
          change.field,
          change.after === null ? null : (JSON.parse(change.after) as unknown),
        ]),
      ) as Record<string, unknown>,
    }));

  beforeAll(async () => {
    fontDir = await mkdtemp(join(tmpdir(), 'assay-font-'));
    const fontPath = join(fontDir, 'boxes.ttf');
    await writeFile(fontPath, boxFont(CHINESE));
    t = await startTestApp({ env: { EXPORT_PDF_FONT: fontPath } });
    owner = await createOrganization(t.app, { name: 'Export Holdings' });
    admin = await signIn(t.gql, owner);
    procurement = await signIn(
      t.gql,
      await addMember(t.app, owner.organizationId, Role.Procurement),
    );
    const reviewer = await addMember(t.app, owner.organizationId, Role.RiskOwner);
    riskOwner = await signIn(t.gql, reviewer);
    viewer = await signIn(t.gql, await addMember(t.app, owner.organizationId, Role.Viewer));
    other = await signIn(t.gql, await createOrganization(t.app, { name: 'Other Org' }));
    const members = await admin.data<{
      members: { nodes: Array<{ id: string; user: { email: string } }> };
    }>('{ members { nodes { id user { email } } } }');
    riskOwnerMemberId = members.members.nodes.find((m) => m.user.email === reviewer.email)!.id;

    // The register: a Chinese vendor with an assessment, and two more.
    const vendor = await createVendor(procurement, {
      name: VENDOR_NAME,
      legalName: 'Shenzhen Payroll Services Ltd',
      country: 'CN',
      tags: ['payroll', 'hr'],
      riskOwnerId: riskOwnerMemberId,
      dataProfile: PROFILES.officeSupplies,
    });
    await createVendor(procurement, {
      name: '=HYPERLINK("http://evil.example","click")',
      country: 'US',
      tags: ['-formula'],
      dataProfile: PROFILES.marketingAgency,
    });
    await createVendor(procurement, {
      name: 'Acme Hosting',
      country: 'DE',
      dataProfile: PROFILES.itSupport,
    });

    const versionId = await publishQuestionnaire(admin, DEFINITION, 'Export baseline');
    const contact = await addContact(procurement, vendor.id);
    assessmentId = (
      await procurement.data<{ sendAssessment: { assessment: { id: string } } }>(
        `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`,
        {
          input: {
            vendorId: vendor.id,
            templateVersionId: versionId,
            contactId: contact.id,
            dueDate: '2099-12-31',
          },
        },
      )
    ).sendAssessment.assessment.id;
    const exchanged = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(
      `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`,
      { token: await invitationToken(t.config, contact.email) },
    );
    const vendorToken = exchanged.exchangeInvitation.accessToken;
    vendorContact = t.gql.withToken(vendorToken);
    const upload = await uploadFile(t.url, bearer(vendorToken), {
      name: 'tls-policy.txt',
      content: Buffer.from('We use TLS everywhere.\n'),
    });
    expect(upload.status).toBe(201);
    await vendorContact.data(SAVE_ANSWERS, {
      input: {
        assessmentId,
        answers: [
          {
            questionKey: 'tls',
            value: true,
            comment: '=SUM(1,1) all endpoints',
            evidenceFileIds: [upload.body.id],
            expectedRevision: 0,
          },
          { questionKey: 'tls_version', value: 'tls12', expectedRevision: 0 },
          { questionKey: 'mfa', value: false, expectedRevision: 0 },
          { questionKey: 'notes', value: '+ rotating keys yearly', expectedRevision: 0 },
        ],
      },
    });
    await vendorContact.data(SUBMIT_ASSESSMENT, { id: assessmentId });
    await riskOwner.data(
      `mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status } } }`,
      { id: assessmentId },
    );
    await riskOwner.data(
      `mutation($input: OverrideScoreInput!) { overrideScore(input: $input) { assessment { effectiveScore } } }`,
      { input: { assessmentId, score: 55, justification: 'MFA is on the roadmap' } },
    );
    await riskOwner.data(
      `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { id } } }`,
      {
        input: {
          vendorId: vendor.id,
          assessmentId,
          severity: 'LOW',
          title: '@TLS 1.2 still accepted',
          ownerId: riskOwnerMemberId,
          dueDate: '2099-06-30',
        },
      },
    );
    await riskOwner.data(
      `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) { assessment { status } } }`,
      {
        input: {
          assessmentId,
          decision: 'APPROVED_WITH_CONDITIONS',
          note: 'Enforce MFA by June',
        },
      },
    );
  });

  afterAll(async () => {
    await t?.close();
    if (fontDir) await rm(fontDir, { recursive: true, force: true });
  });

  describe('who may export', () => {
    it('refuses vendor contacts, anonymous callers, and another organization’s assessment', async () => {
      expect(
        codeOf(
          await request(vendorContact, { kind: 'ASSESSMENT_REPORT', format: 'PDF', assessmentId }),
        ),
      ).toBe('FORBIDDEN');
      expect(codeOf(await request(t.gql, { kind: 'VENDOR_REGISTER', format: 'CSV' }))).toBe(
        'UNAUTHENTICATED',
      );
      for (const kind of ['ASSESSMENT_ANSWERS', 'ASSESSMENT_REPORT']) {
        const response = await request(other, {
          kind,
          format: kind === 'ASSESSMENT_REPORT' ? 'PDF' : 'XLSX',
          assessmentId,
        });
        expect(codeOf(response)).toBe('NOT_FOUND');
      }
    });

    it('lets every member and read keys export; the link works for the one who asked only while allowed', async () => {
      for (const client of [admin, procurement, riskOwner, viewer]) {
        await exported(client, { kind: 'FINDINGS', format: 'CSV' });
      }
      const created = await admin.data<{ createApiKey: { key: string; apiKey: { id: string } } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`,
        { input: { name: 'BI', scopes: ['READ'] } },
      );
      const keyClient = new GraphqlClient(t.gql.url, { 'x-api-key': created.createApiKey.key });
      const viaKey = await exported(keyClient, { kind: 'VENDOR_REGISTER', format: 'CSV' });
      expect(csvRecords(viaKey.bytes)).toHaveLength(3);

      // A key without the read scope: the API never makes one (every key reads), so the scope
      // is taken away in the database, as a future narrower scope would leave it.
      const later = await link(keyClient, { kind: 'VENDOR_REGISTER', format: 'XLSX' });
      await system((query) =>
        query(`UPDATE api_key SET scopes = '{write}' WHERE id = $1`, [
          Buffer.from(created.createApiKey.apiKey.id, 'base64url').toString().split(':')[1],
        ]),
      );
      expect(codeOf(await request(keyClient, { kind: 'VENDOR_REGISTER', format: 'CSV' }))).toBe(
        'FORBIDDEN',
      );
      const refused = await get(later.url);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.bytes.toString()).errors[0].extensions.code).toBe('FORBIDDEN');

      // A member removed after asking: the link stops working.
      const leaver = await addMember(t.app, owner.organizationId, Role.Viewer);
      const leaverLink = await link(await signIn(t.gql, leaver), {
        kind: 'FINDINGS',
        format: 'XLSX',
      });
      const members = await admin.data<{
        members: { nodes: Array<{ id: string; user: { email: string } }> };
      }>('{ members { nodes { id user { email } } } }');
      await admin.data(
        `mutation($input: RemoveMemberInput!) { removeMember(input: $input) { removedMemberId } }`,
        {
          input: { memberId: members.members.nodes.find((m) => m.user.email === leaver.email)!.id },
        },
      );
      expect((await get(leaverLink.url)).status).toBe(403);
    });

    it('answers invalid combinations with coded errors and issues nothing', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ kind: 'VENDOR_REGISTER', format: 'PDF' }, 'input.format'],
        [{ kind: 'ASSESSMENT_REPORT', format: 'CSV', assessmentId }, 'input.format'],
        [{ kind: 'ASSESSMENT_ANSWERS', format: 'XLSX' }, 'input.assessmentId'],
        [{ kind: 'FINDINGS', format: 'CSV', assessmentId }, 'input.assessmentId'],
        [
          { kind: 'FINDINGS', format: 'CSV', vendorFilter: { tiers: ['TIER_1'] } },
          'input.vendorFilter',
        ],
        [
          { kind: 'VENDOR_REGISTER', format: 'CSV', findingFilter: { openOnly: true } },
          'input.findingFilter',
        ],
        [
          { kind: 'ASSESSMENT_ANSWERS', format: 'CSV', assessmentId, language: 'fr' },
          'input.language',
        ],
        [
          { kind: 'ASSESSMENT_ANSWERS', format: 'CSV', assessmentId: 'nonsense' },
          'input.assessmentId',
        ],
      ];
      const before = (await auditEvents('export.requested')).length;
      for (const [input, path] of cases) {
        const response = await request(admin, input);
        expect(response.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: expect.arrayContaining([expect.objectContaining({ path })]),
        });
      }
      expect((await auditEvents('export.requested')).length).toBe(before);
    });

    it('keeps only the hash of the token, refuses unknown ones, and audits who exported what', async () => {
      const download = await link(viewer, { kind: 'FINDINGS', format: 'CSV' });
      const token = new URL(download.url).searchParams.get('token')!;
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(new URL(download.url).pathname).toBe('/exports/download');
      const rows = await system((query) =>
        query(`SELECT token_hash FROM export_link WHERE token_hash = $1 OR token_hash = $2`, [
          token,
          createHash('sha256').update(token).digest('hex'),
        ]),
      );
      expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
      for (const bad of [`${token.slice(0, -2)}AA`, 'short', '']) {
        const response = await get(`${t.url}/exports/download?token=${bad}`);
        expect(response.status).toBe(401);
        expect(JSON.parse(response.bytes.toString()).errors[0].extensions.code).toBe(
          'UNAUTHENTICATED',
        );
      }
      expect((await get(download.url)).status).toBe(200);
      const [requested] = await auditEvents('export.requested');
      expect(requested).toMatchObject({
        actorKind: 'user',
        changes: { kind: 'FINDINGS', format: 'CSV', expiresAt: download.expiresAt },
      });
      // Recorded once the download has ended, which the client may see first.
      const downloaded = await eventually(
        async () =>
          (await auditEvents('export.downloaded')).find(
            (event) => event.entityId === requested!.entityId,
          ),
        { what: 'the audit event of the download' },
      );
      expect(downloaded).toMatchObject({
        actorKind: 'user',
        actorId: requested!.actorId,
        changes: { kind: 'FINDINGS', format: 'CSV', rowCount: 2, completed: true },
      });
    });
  });

  describe('what is exported', () => {
    const VENDORS = `query($filter: VendorFilterInput, $orderBy: VendorOrderInput) {
      vendors(first: 10, filter: $filter, orderBy: $orderBy) { nodes {
        id name legalName country lifecycle tier residualRating tags lastAssessedAt nextAssessmentDueAt
        inherentRisk { score computedTier regimes }
        riskOwner { user { email } } businessOwner { user { email } } } } }`;
    interface VendorNode {
      id: string;
      name: string;
      legalName: string | null;
      country: string | null;
      lifecycle: string;
      tier: string;
      residualRating: string | null;
      tags: string[];
      lastAssessedAt: string | null;
      nextAssessmentDueAt: string | null;
      inherentRisk: { score: number; computedTier: string; regimes: string[] };
      riskOwner: { user: { email: string } } | null;
      businessOwner: { user: { email: string } } | null;
    }
    const vendorNodes = async (variables: Record<string, unknown> = {}) =>
      (await viewer.data<{ vendors: { nodes: VendorNode[] } }>(VENDORS, variables)).vendors.nodes;

    it('the vendor register, as CSV and XLSX, holds what the vendors query returns', async () => {
      const orderBy = { field: 'INHERENT_RISK_SCORE', direction: 'DESC' };
      const nodes = await vendorNodes({ orderBy });
      expect(nodes).toHaveLength(3);
      const csv = await exported(viewer, {
        kind: 'VENDOR_REGISTER',
        format: 'CSV',
        vendorOrderBy: orderBy,
      });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        /^attachment; filename="vendor-register-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      expect(csv.headers.get('cache-control')).toBe('private, no-store');
      // The formula-looking name is neutralised in the file itself.
      expect(csv.bytes.toString('utf8')).toContain(
        `"'=HYPERLINK(""http://evil.example"",""click"")"`,
      );
      expect(csvRecords(csv.bytes)).toEqual(
        nodes.map((node) => ({
          ID: node.id,
          Name: node.name,
          'Legal name': node.legalName ?? '',
          Country: node.country ?? '',
          Lifecycle: node.lifecycle,
          'Computed tier': node.inherentRisk.computedTier,
          Tier: node.tier,
          'Inherent risk score': String(node.inherentRisk.score),
          'Residual rating': node.residualRating ?? '',
          'Risk owner': node.riskOwner?.user.email ?? '',
          'Business owner': node.businessOwner?.user.email ?? '',
          Tags: node.tags.join('; '),
          Regimes: node.inherentRisk.regimes.join('; '),
          'Next assessment due (UTC)': node.nextAssessmentDueAt ?? '',
          'Last assessed (UTC)': node.lastAssessedAt ?? '',
        })),
      );

      const xlsx = await exported(viewer, {
        kind: 'VENDOR_REGISTER',
        format: 'XLSX',
        vendorOrderBy: orderBy,
      });
      expect(xlsx.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const records = await xlsxRecords(xlsx.bytes);
      expect(
        records.map((record) => [
          record.ID,
          record.Name,
          record['Inherent risk score'],
          record.Tags,
        ]),
      ).toEqual(
        nodes.map((node) => [
          node.id,
          node.name,
          node.inherentRisk.score,
          node.tags.join('; ') || null,
        ]),
      );
      records.forEach((record, i) => {
        expect(nearly(record['Last assessed (UTC)'], nodes[i]!.lastAssessedAt)).toBe(true);
        expect(nearly(record['Next assessment due (UTC)'], nodes[i]!.nextAssessmentDueAt)).toBe(
          true,
        );
      });
      expect(records.find((record) => record.Name === VENDOR_NAME)).toMatchObject({
        'Legal name': 'Shenzhen Payroll Services Ltd',
        Country: 'CN',
        'Residual rating': nodes.find((node) => node.name === VENDOR_NAME)!.residualRating,
      });
    });

    it('applies the vendors filter as the vendors query does', async () => {
      for (const filter of [
        { countries: ['CN', 'US'] },
        { tags: ['PAYROLL'] },
        { search: 'acme' },
      ]) {
        const nodes = await vendorNodes({ filter });
        const csv = await exported(admin, {
          kind: 'VENDOR_REGISTER',
          format: 'CSV',
          vendorFilter: filter,
        });
        expect(csvRecords(csv.bytes).map((record) => record.ID)).toEqual(
          nodes.map((node) => node.id),
        );
        expect(nodes.length).toBeGreaterThan(0);
      }
    });

    it('findings, as CSV and XLSX, hold what the findings query returns, filter included', async () => {
      const FINDINGS = `query($filter: FindingFilterInput) { findings(first: 10, filter: $filter) { nodes {
        id vendor { name } assessment { id templateVersion { number template { name } } }
        severity title status owner { user { email } } dueDate createdAt resolvedAt } } }`;
      interface FindingNode {
        id: string;
        vendor: { name: string };
        assessment: {
          id: string;
          templateVersion: { number: number; template: { name: string } };
        } | null;
        severity: string;
        title: string;
        status: string;
        owner: { user: { email: string } } | null;
        dueDate: string | null;
        createdAt: string;
        resolvedAt: string | null;
      }
      for (const filter of [undefined, { severities: ['HIGH'] }, { assessmentId }]) {
        const nodes = (
          await riskOwner.data<{ findings: { nodes: FindingNode[] } }>(FINDINGS, { filter })
        ).findings.nodes;
        const csv = await exported(riskOwner, {
          kind: 'FINDINGS',
          format: 'CSV',
          findingFilter: filter,
        });
        expect(csvRecords(csv.bytes)).toEqual(
          nodes.map((node) => ({
            ID: node.id,
            Vendor: node.vendor.name,
            'Assessment ID': node.assessment?.id ?? '',
            Questionnaire: node.assessment
              ? `${node.assessment.templateVersion.template.name} v${node.assessment.templateVersion.number}`
              : '',
            Severity: node.severity,
            Title: node.title,
            Status: node.status,
            Owner: node.owner?.user.email ?? '',
            'Due date': node.dueDate ?? '',
            'Created (UTC)': node.createdAt,
            'Resolved (UTC)': node.resolvedAt ?? '',
          })),
        );
        const xlsx = await exported(riskOwner, {
          kind: 'FINDINGS',
          format: 'XLSX',
          findingFilter: filter,
        });
        const records = await xlsxRecords(xlsx.bytes);
        expect(
          records.map((record) => [record.ID, record.Title, record.Severity, record.Owner]),
        ).toEqual(
          nodes.map((node) => [node.id, node.title, node.severity, node.owner?.user.email ?? null]),
        );
        records.forEach((record, i) => {
          expect(nearly(record['Created (UTC)'], nodes[i]!.createdAt)).toBe(true);
          const due = nodes[i]!.dueDate;
          expect(nearly(record['Due date'], due && `${due}T00:00:00.000Z`)).toBe(true);
        });
      }
      // The title that starts with "@" is neutralised in the CSV file only.
      const all = await exported(riskOwner, { kind: 'FINDINGS', format: 'CSV' });
      expect(all.bytes.toString('utf8')).toContain(`'@TLS 1.2 still accepted`);
    });

    it("an assessment's answers and score breakdown hold what the assessment query returns", async () => {
      const ASSESSMENT = `query($id: ID!) { assessment(id: $id) {
        overallScore effectiveScore
        answers { questionKey value notApplicable comment evidenceFileIds }
        score { score sections { key weight earned possible score counted reason
          questions { key status earned possible reason } } } } }`;
      interface AssessmentView {
        overallScore: number;
        effectiveScore: number;
        answers: Array<{
          questionKey: string;
          value: unknown;
          comment: string | null;
          evidenceFileIds: string[];
        }>;
        score: {
          score: number;
          sections: Array<{
            key: string;
            weight: number;
            earned: number;
            possible: number;
            score: number;
            counted: boolean;
            reason: string;
            questions: Array<{
              key: string;
              status: string;
              earned: number;
              possible: number;
              reason: string;
            }>;
          }>;
        };
      }
      const view = (
        await viewer.data<{ assessment: AssessmentView }>(ASSESSMENT, { id: assessmentId })
      ).assessment;
      const questions = view.score.sections.flatMap((section) =>
        section.questions.map((question) => ({ section, question })),
      );
      const answerOf = (key: string) => view.answers.find((answer) => answer.questionKey === key);

      const csv = await exported(viewer, {
        kind: 'ASSESSMENT_ANSWERS',
        format: 'CSV',
        assessmentId,
        language: 'zh-CN',
      });
      expect(csv.download.fileName).toMatch(
        /^assessment-answers-深圳薪资服务-\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const records = csvRecords(csv.bytes);
      expect(
        records.map((record) => [record.Section, record['Question key'], record.Question]),
      ).toEqual([
        ['加密', 'tls', '传输中的数据是否加密？'],
        ['加密', 'tls_version', '最低 TLS 版本？'],
        ['访问控制', 'mfa', '是否强制多因素认证？'],
        ['访问控制', 'notes', '其他说明？'],
      ]);
      expect(records.map((record) => record.Answer)).toEqual([
        'Yes',
        'TLS 1.2 版',
        'No',
        '+ rotating keys yearly',
      ]);
      expect(records[3]!.Answer).toBe(answerOf('notes')!.value);
      expect(records[0]!.Comment).toBe(answerOf('tls')!.comment);
      expect(records[0]!.Evidence).toBe('tls-policy.txt');
      expect(answerOf('tls')!.evidenceFileIds).toHaveLength(1);
      records.forEach((record, i) => {
        const { section, question } = questions[i]!;
        expect(record).toMatchObject({
          'Question key': question.key,
          Earned: String(question.earned),
          Possible: String(question.possible),
          Status: question.status,
          Reason: question.reason,
          'Section weight': String(section.weight),
          'Section earned': String(section.earned),
          'Section possible': String(section.possible),
          'Section score': String(section.score),
          'Overall score': String(view.score.score),
        });
      });
      // The raw bytes neutralise the comment and the note that look like formulas.
      const text = csv.bytes.toString('utf8');
      expect(text).toContain(`'=SUM(1,1) all endpoints`);
      expect(text).toContain(`'+ rotating keys yearly`);

      const xlsx = await exported(viewer, {
        kind: 'ASSESSMENT_ANSWERS',
        format: 'XLSX',
        assessmentId,
      });
      const sheets = await readXlsxFile(xlsx.bytes);
      expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Answers', 'Scores']);
      const answers = await xlsxRecords(xlsx.bytes, 0);
      // The assessment's language (en) when none is asked for.
      expect(
        answers.map((record) => [record.Section, record.Question, record.Earned, record.Possible]),
      ).toEqual(
        questions.map(({ section, question }) => [
          DEFINITION.sections.find((s) => s.key === section.key)!.title.en,
          QUESTION_TEXT_EN[question.key],
          question.earned,
          question.possible,
        ]),
      );
      expect(answers[0]!.Comment).toBe('=SUM(1,1) all endpoints');
      const scores = await xlsxRecords(xlsx.bytes, 1);
      expect(scores).toEqual([
        ...view.score.sections.map((section) => ({
          'Section key': section.key,
          Section: DEFINITION.sections.find((s) => s.key === section.key)!.title.en,
          Weight: section.weight,
          Earned: section.earned,
          Possible: section.possible,
          Score: section.score,
          Counted: section.counted,
          Reason: section.reason,
        })),
        expect.objectContaining({ Section: 'Overall (computed)', Score: view.overallScore }),
        expect.objectContaining({
          Section: 'Overall (override)',
          Score: view.effectiveScore,
          Reason: 'MFA is on the roadmap',
        }),
      ]);
    });

    it('the assessment report is a one-page PDF with the scores, rating, findings and decision', async () => {
      const REPORT_VIEW = `query($id: ID!) { assessment(id: $id) { overallScore effectiveScore residualRating
        decision reviewer { user { email } } score { sections { key score } } findings { severity title } } }`;
      const view = (
        await viewer.data<{
          assessment: {
            overallScore: number;
            effectiveScore: number;
            residualRating: string;
            decision: string;
            reviewer: { user: { email: string } };
            score: { sections: Array<{ key: string; score: number }> };
            findings: Array<{ severity: string; title: string }>;
          };
        }>(REPORT_VIEW, { id: assessmentId })
      ).assessment;
      const pdf = await exported(viewer, {
        kind: 'ASSESSMENT_REPORT',
        format: 'PDF',
        assessmentId,
        language: 'zh-CN',
      });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const document = await getDocumentProxy(new Uint8Array(pdf.bytes));
      expect(document.numPages).toBe(1);
      const { text } = await extractText(document, { mergePages: true });
      expect(text).toContain(VENDOR_NAME);
      for (const expected of [
        formatScore(view.overallScore),
        formatScore(view.effectiveScore),
        ...view.score.sections.map((section) => formatScore(section.score)),
        '加密',
        '访问控制',
        view.residualRating,
        view.decision,
        view.reviewer.user.email,
        ...view.findings.map((finding) => finding.title),
      ]) {
        expect(text).toContain(expected);
      }
    });
  });

  describe('large exports', () => {
    const ROWS = 100_000;
    let bulk: GraphqlClient;

    let server: RunningProcess;
    let serverUrl: string;

    /** The resident memory of the API process serving the download, from /proc. */
    const serverRss = async () => {
      const status = await readFile(`/proc/${server.child.pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
    };

    /**
     * Downloads `url` from an API process of its own into `sink` while sampling that process's
     * RSS: the server alone is measured, not the test's parsing of what arrives.
     */
    const measured = async (url: string, sink: Writable) => {
      const baseline = await serverRss();
      let peak = baseline;
      const sampler = setInterval(() => {
        serverRss().then(
          (rss) => (peak = Math.max(peak, rss)),
          () => undefined,
        );
      }, 10);
      try {
        const { pathname, search } = new URL(url);
        const response = await fetch(`${serverUrl}${pathname}${search}`);
        expect(response.status).toBe(200);
        await pipeline(Readable.fromWeb(response.body! as never), sink);
      } finally {
        clearInterval(sampler);
      }
      return { growth: peak - baseline };
    };

    afterAll(async () => {
      await server?.stop('SIGTERM');
    });

    beforeAll(async () => {
      const port = await freePort();
      server = startProcess('node', ['--max-old-space-size=128', 'dist/apps/api/src/main.js'], {
        ...t.env,
        PORT: String(port),
        EXPORT_MAX_CONCURRENT: '1',
      });
      serverUrl = `http://127.0.0.1:${port}`;
      await eventually(
        async () => {
          if (server.child.exitCode !== null) throw new Error(`api exited:\n${server.output()}`);
          return (await fetch(`${serverUrl}/health/ready`).catch(() => null))?.ok ?? false;
        },
        { timeoutMs: 60_000, what: 'the API process to be ready' },
      );
      const bulkAdmin = await createOrganization(t.app, { name: 'Bulk Org' });
      bulk = await signIn(t.gql, bulkAdmin);
      const vendor = await createVendor(bulk, { name: 'Bulk Vendor' });
      const vendorId = Buffer.from(vendor.id, 'base64url').toString().split(':')[1];
      // Titles of about 200 characters: the CSV is over 30 MB, which a buffering export would
      // hold in memory several times over.
      await system((query) =>
        query(
          `INSERT INTO finding (id, organization_id, vendor_id, source, severity, title, status,
             due_date, created_at, updated_at, version)
           SELECT gen_random_uuid(), $1, $2, 'MANUAL', (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + n % 4],
             'Bulk finding #' || n || ' ' || repeat('lorem ipsum ', 15), 'OPEN',
             DATE '2099-01-01' + (n % 365), now() - n * interval '1 second', now(), 1
           FROM generate_series(1, ${ROWS}) AS n`,
          [bulkAdmin.organizationId, vendorId],
        ),
      );
    }, 120_000);

    it(`streams ${ROWS.toLocaleString('en')} findings as CSV with flat memory, and they parse back`, async () => {
      let count = 0;
      let ordered = true;
      const parser = parseCsv({ bom: true, columns: true });
      parser.on('data', (record: Record<string, string>) => {
        count += 1;
        if (!record.Title!.startsWith(`Bulk finding #${count} `)) ordered = false;
      });
      const download = await link(bulk, { kind: 'FINDINGS', format: 'CSV' });
      const { growth } = await measured(download.url, parser);
      expect(count).toBe(ROWS);
      expect(ordered).toBe(true);
      expect(growth).toBeLessThan(MEMORY_BOUND);
    }, 120_000);

    it(`streams ${ROWS.toLocaleString('en')} findings as XLSX with flat memory, and they parse back`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'assay-export-'));
      try {
        const file = join(dir, 'findings.xlsx');
        const download = await link(bulk, { kind: 'FINDINGS', format: 'XLSX' });
        const { growth } = await measured(download.url, createWriteStream(file));
        expect(growth).toBeLessThan(MEMORY_BOUND);
        // Read back with exceljs's streaming reader: row by row, in order.
        let count = 0;
        let ordered = true;
        const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {});
        for await (const worksheet of reader) {
          for await (const row of worksheet) {
            if (row.number === 1) continue;
            count += 1;
            if (!String(row.getCell(6).value).startsWith(`Bulk finding #${count} `))
              ordered = false;
          }
        }
        expect(count).toBe(ROWS);
        expect(ordered).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 180_000);

    it('streams EXPORT_MAX_CONCURRENT downloads at once; one more gets 429 until one ends', async () => {
      const download = await link(bulk, { kind: 'FINDINGS', format: 'CSV' });
      const { pathname, search } = new URL(download.url);
      const controller = new AbortController();
      const first = await fetch(`${serverUrl}${pathname}${search}`, { signal: controller.signal });
      const reader = first.body!.getReader();
      await reader.read();
      // The first download waits for its client, holding its connection: the second waits too.
      const second = await fetch(`${serverUrl}${pathname}${search}`);
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('5');
      expect(
        ((await second.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!
          .extensions.code,
      ).toBe('RATE_LIMITED');
      controller.abort();
      await reader.cancel().catch(() => undefined);
      // Once the first has ended, the same link works again.
      await eventually(
        async () => {
          const retried = await fetch(`${serverUrl}${pathname}${search}`);
          if (retried.status !== 200) {
            await retried.body?.cancel();
            return false;
          }
          await retried.body?.cancel();
          return true;
        },
        { what: 'the same link to download again' },
      );
    }, 60_000);

    it('ends the query when the client goes away, and audits the partial download', async () => {
      const download = await link(bulk, { kind: 'FINDINGS', format: 'CSV' });
      const { pathname, search } = new URL(download.url);
      const controller = new AbortController();
      const response = await fetch(`${t.url}${pathname}${search}`, { signal: controller.signal });
      // As the database owner: the app's roles may not read other sessions' queries.
      const owner = new pg.Client({ connectionString: t.database!.url });
      await owner.connect();
      const running = async () =>
        Number(
          (
            await owner.query<{ count: string }>(
              `SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND query LIKE '%AS "vendorName"%'
                  AND state <> 'idle' AND pid <> pg_backend_pid()`,
            )
          ).rows[0]!.count,
        );
      const reader = response.body!.getReader();
      await reader.read();
      // The client reads no further: the query waits, its cursor open, for the client.
      expect(await running()).toBe(1);
      controller.abort();
      await reader.cancel().catch(() => undefined);
      // The cursor is closed and its transaction over: nothing runs the export's query.
      await eventually(async () => (await running()) === 0, {
        what: 'the export query to end',
      });
      const partial = await eventually(
        async () =>
          (await auditEvents('export.downloaded', bulk)).find(
            (event) => event.changes.completed === false,
          ),
        { what: 'the audit event of the interrupted download' },
      );
      expect(partial.changes.rowCount).toBeLessThan(ROWS);
      await owner.end();
      // The server is fine afterwards.
      expect(
        (await get((await link(bulk, { kind: 'VENDOR_REGISTER', format: 'CSV' })).url)).status,
      ).toBe(200);
    }, 60_000);
  });

  describe('link lifetime', () => {
    it('lasts EXPORT_LINK_TTL_SECONDS (15 minutes by default), then is refused', async () => {
      const before = Date.now();
      const download = await link(viewer, { kind: 'VENDOR_REGISTER', format: 'CSV' });
      const lifetime = Date.parse(download.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(14 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 5_000);
      const clock = jest.spyOn(t.app.get(Clock), 'now');
      try {
        clock.mockReturnValue(new Date(Date.parse(download.expiresAt) - 1_000));
        const downloads = () =>
          system<Array<{ count: string }>>((query) =>
            query(`SELECT count(*) FROM audit_event WHERE action = 'export.downloaded'`),
          ).then((rows) => Number(rows[0]!.count));
        const before = await downloads();
        expect((await get(download.url)).status).toBe(200);
        await eventually(async () => (await downloads()) === before + 1);
        clock.mockReturnValue(new Date(Date.parse(download.expiresAt) + 1_000));
        const expired = await get(download.url);
        expect(expired.status).toBe(401);
        expect(JSON.parse(expired.bytes.toString()).errors[0].extensions.code).toBe(
          'UNAUTHENTICATED',
        );
      } finally {
        clock.mockRestore();
      }
    });
  });
});
