import { describe, expect, it } from '@jest/globals';
import type { TemplateDefinition } from '#questionnaire';
import { scoreAssessment } from '#scoring';
import { csvCell } from './cells.js';
import {
  CSV_ANSWER_COLUMNS,
  XLSX_ANSWER_COLUMNS,
  answerRows,
  findingColumns,
  scoreRows,
  vendorRegisterColumns,
  type StoredAnswer,
  type VendorRegisterRow,
} from './export-columns.js';
import { ExportFormat, ExportKind, exportFileName } from './export-kind.js';

const ids = (type: string, id: string) => `${type}:${id}`;

const DEFINITION = {
  schemaVersion: 1,
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
          text: { en: 'Encrypted in transit?', 'zh-CN': '传输中是否加密？' },
          required: true,
          weight: 1,
          points: { yes: 10, no: 0 },
          allowNotApplicable: false,
          evidence: 'NONE',
          references: [],
        },
        {
          key: 'ciphers',
          type: 'MULTI_CHOICE',
          text: { en: 'Ciphers?' },
          required: false,
          weight: 1,
          options: [
            { key: 'aes', label: { en: 'AES', 'zh-CN': 'AES 算法' }, points: 5 },
            { key: 'chacha', label: { en: 'ChaCha20' }, points: 5 },
          ],
          allowNotApplicable: true,
          evidence: 'NONE',
          references: [],
        },
        {
          key: 'notes',
          type: 'TEXT',
          text: { en: 'Notes' },
          required: false,
          weight: 1,
          allowNotApplicable: false,
          evidence: 'NONE',
          references: [],
        },
      ],
    },
  ],
} as unknown as TemplateDefinition;

const ANSWERS: StoredAnswer[] = [
  {
    questionKey: 'tls',
    value: true,
    notApplicable: false,
    comment: '=1+1',
    evidenceNames: ['policy.pdf', 'scan.png'],
  },
  {
    questionKey: 'ciphers',
    value: ['aes', 'chacha'],
    notApplicable: false,
    comment: null,
    evidenceNames: [],
  },
];

describe('assessment answers', () => {
  const score = scoreAssessment(DEFINITION, { tls: true, ciphers: ['aes', 'chacha'] });

  it('lists every question in document order with its answer, points and section breakdown', () => {
    const rows = answerRows(DEFINITION, ANSWERS, score, 'zh-CN');
    expect(rows.map((row) => [row.section, row.questionKey, row.question, row.answer])).toEqual([
      ['加密', 'tls', '传输中是否加密？', 'Yes'],
      // No zh-CN text: the definition's first language.
      ['加密', 'ciphers', 'Ciphers?', 'AES 算法; ChaCha20'],
      ['加密', 'notes', 'Notes', null],
    ]);
    expect(rows[0]).toMatchObject({
      comment: '=1+1',
      earned: 10,
      possible: 10,
      status: 'SCORED',
      reason: score.sections[0]!.questions[0]!.reason,
      evidence: ['policy.pdf', 'scan.png'],
      sectionWeight: 2,
      sectionEarned: 20,
      sectionPossible: 20,
      sectionScore: 100,
      overallScore: 100,
    });
    expect(rows[2]).toMatchObject({ answer: null, status: 'UNANSWERED', earned: 0, possible: 0 });
  });

  it('shows not applicable, and leaves points empty before the assessment is scored', () => {
    const rows = answerRows(
      DEFINITION,
      [{ ...ANSWERS[1]!, value: null, notApplicable: true }],
      null,
      'en',
    );
    expect(rows[1]).toMatchObject({
      answer: 'Not applicable',
      earned: null,
      possible: null,
      sectionScore: null,
      overallScore: null,
    });
  });

  it('writes the CSV with the section breakdown on each row, the XLSX without', () => {
    const [row] = answerRows(DEFINITION, ANSWERS, score, 'en');
    const csv = Object.fromEntries(
      CSV_ANSWER_COLUMNS.map((column) => [column.header, csvCell(column.type, column.value(row!))]),
    );
    expect(csv).toEqual({
      Section: 'Encryption',
      'Question key': 'tls',
      Question: 'Encrypted in transit?',
      Answer: 'Yes',
      Comment: "'=1+1",
      Earned: '10',
      Possible: '10',
      Status: 'SCORED',
      Reason: score.sections[0]!.questions[0]!.reason,
      Evidence: 'policy.pdf; scan.png',
      'Section weight': '2',
      'Section earned': '20',
      'Section possible': '20',
      'Section score': '100',
      'Overall score': '100',
    });
    expect(XLSX_ANSWER_COLUMNS.map((column) => column.header)).not.toContain('Section score');
  });

  it('lists the score breakdown: sections, the computed score and an override', () => {
    const rows = scoreRows(DEFINITION, score, { score: 55, justification: 'manual' }, 'zh-CN');
    expect(rows.map((row) => [row.sectionKey, row.section, row.score])).toEqual([
      ['encryption', '加密', 100],
      [null, 'Overall (computed)', 100],
      [null, 'Overall (override)', 55],
    ]);
    expect(scoreRows(DEFINITION, null, null, 'en')).toEqual([]);
  });
});

describe('vendor register and findings columns', () => {
  it('map a vendor row to its cells', () => {
    const row: VendorRegisterRow = {
      id: 'v1',
      name: '@risky',
      legalName: null,
      country: 'CN',
      lifecycle: 'ACTIVE',
      computedTier: 'TIER_2',
      tier: 'TIER_1',
      inherentRiskScore: 44,
      residualRating: null,
      riskOwner: 'risk@example.com',
      businessOwner: null,
      tags: ['payroll', 'hr'],
      regimes: ['PIPL'],
      nextAssessmentDueAt: new Date('2027-06-01T00:00:00Z'),
      lastAssessedAt: null,
    };
    expect(
      vendorRegisterColumns(ids).map((column) => csvCell(column.type, column.value(row))),
    ).toEqual([
      'Vendor:v1',
      "'@risky",
      '',
      'CN',
      'ACTIVE',
      'TIER_2',
      'TIER_1',
      '44',
      '',
      'risk@example.com',
      '',
      'payroll; hr',
      'PIPL',
      '2027-06-01T00:00:00.000Z',
      '',
    ]);
  });

  it('map a finding row to its cells', () => {
    const cells = findingColumns(ids).map((column) =>
      csvCell(
        column.type,
        column.value({
          id: 'f1',
          vendorName: 'Acme',
          assessmentId: 'a1',
          questionnaire: 'Baseline',
          versionNumber: 2,
          severity: 'HIGH',
          title: 'No TLS',
          status: 'OPEN',
          owner: null,
          dueDate: '2027-01-31',
          createdAt: new Date('2027-01-01T00:00:00Z'),
          resolvedAt: null,
        }),
      ),
    );
    expect(cells).toEqual([
      'Finding:f1',
      'Acme',
      'Assessment:a1',
      'Baseline v2',
      'HIGH',
      'No TLS',
      'OPEN',
      '',
      '2027-01-31',
      '2027-01-01T00:00:00.000Z',
      '',
    ]);
  });

  it('name files by kind, vendor and day', () => {
    expect(exportFileName(ExportKind.Findings, ExportFormat.Csv, '2027-01-02')).toBe(
      'findings-2027-01-02.csv',
    );
    expect(
      exportFileName(
        ExportKind.AssessmentReport,
        ExportFormat.Pdf,
        '2027-01-02',
        ' 深圳 Payroll/../Services ',
      ),
    ).toBe('assessment-report-深圳-payroll-services-2027-01-02.pdf');
  });
});
