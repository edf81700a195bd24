import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from '@jest/globals';
import { extractText, getDocumentProxy } from 'unpdf';
import { boxFont } from '../../../../test/utils/box-font.js';
import { formatScore, renderAssessmentReport, type AssessmentReport } from './assessment-report.js';
import { loadPdfFont, standardFontText, type PdfFont } from './pdf-font.js';

const REPORT: AssessmentReport = {
  organization: 'Acme',
  vendor: { name: '深圳薪资服务', legalName: 'Shenzhen Payroll Services Ltd', tier: 'TIER_1' },
  questionnaire: 'Baseline v2',
  cycle: 'PERIODIC',
  status: 'COMPLETED',
  language: 'zh-CN',
  dueDate: '2027-03-31',
  sentAt: new Date('2027-03-01T09:00:00Z'),
  submittedAt: new Date('2027-03-10T09:00:00Z'),
  completedAt: new Date('2027-03-12T09:00:00Z'),
  score: { computed: 66.6666667, override: 60, overrideJustification: 'KMS', effective: 60 },
  sections: [
    { title: '加密', score: 75, earned: 15, possible: 20, counted: true },
    { title: 'Access control', score: 58.3333333, earned: 7, possible: 12, counted: true },
  ],
  residualRating: 'MEDIUM',
  findings: {
    total: 2,
    bySeverity: { LOW: 1, MEDIUM: 0, HIGH: 1, CRITICAL: 0 },
    top: [
      { severity: 'HIGH', status: 'OPEN', title: '传输未加密', dueDate: '2027-06-30' },
      { severity: 'LOW', status: 'RESOLVED', title: 'TLS 1.2 still accepted', dueDate: null },
    ],
  },
  decision: 'APPROVED_WITH_CONDITIONS',
  decisionNote: 'Move to TLS 1.3 by June.',
  reviewer: 'Rita Reviewer <rita@example.com>',
  generatedAt: new Date('2027-03-12T10:00:00Z'),
};

async function render(report: AssessmentReport, font: PdfFont | null) {
  const chunks: Buffer[] = [];
  await pipeline(
    renderAssessmentReport(report, font),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  const pdf = Buffer.concat(chunks);
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return { pdf, pages: document.numPages, text: text.replace(/\s+/g, ' ') };
}

describe('assessment report', () => {
  it('writes the scores, the rating, the findings and the decision on one page', async () => {
    const { pdf, pages, text } = await render(REPORT, null);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages).toBe(1);
    for (const expected of [
      '66.67',
      '60.00',
      '75.00',
      '58.33',
      'MEDIUM',
      'APPROVED_WITH_CONDITIONS',
      'Rita Reviewer <rita@example.com>',
      'Baseline v2',
      'HIGH 1',
      'TLS 1.2 still accepted',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('without a CJK font writes ? for what Helvetica cannot show, and says how to fix it', async () => {
    const { text } = await render(REPORT, null);
    expect(text).toContain('Shenzhen Payroll Services Ltd');
    expect(text).toContain('?????? ');
    expect(text).toContain('set EXPORT_PDF_FONT');
    // Never the Latin-1 mojibake pdfkit writes for characters its standard fonts lack.
    expect(text).not.toMatch(/[\u0080-\u00ff]{2}/);
  });

  it('with a font that has the glyphs, the Chinese text comes back as written', async () => {
    const data = boxFont('深圳薪资服务加密传输未加…');
    const { text, pages } = await render(REPORT, { path: 'box.ttf', data, face: null });
    expect(pages).toBe(1);
    expect(text).toContain('深圳薪资服务');
    expect(text).toContain('加密');
    expect(text).toContain('传输未加密');
    expect(text).toContain('66.67');
    expect(text).not.toContain('set EXPORT_PDF_FONT');
  });

  it('stays on one page however many sections and findings there are', async () => {
    const many: AssessmentReport = {
      ...REPORT,
      sections: Array.from({ length: 60 }, (_, i) => ({
        title: `Section ${i} ${'with a very long title '.repeat(6)}`,
        score: i,
        earned: i,
        possible: 100,
        counted: i % 7 !== 0,
      })),
      findings: {
        total: 300,
        bySeverity: { LOW: 100, MEDIUM: 100, HIGH: 50, CRITICAL: 50 },
        top: Array.from({ length: 300 }, (_, i) => ({
          severity: 'CRITICAL',
          status: 'OPEN',
          title: `Finding ${i} ${'x'.repeat(300)}`,
          dueDate: '2027-01-01',
        })),
      },
      decisionNote: 'note '.repeat(500),
    };
    const { pages, text } = await render(many, null);
    expect(pages).toBe(1);
    expect(text).toContain('and 41 more sections');
    expect(text).toContain('... 292 more');
  });

  it('formats scores with two decimals, and none as -', () => {
    expect([formatScore(75), formatScore(66.666), formatScore(null)]).toEqual([
      '75.00',
      '66.67',
      '-',
    ]);
  });
});

describe('report font', () => {
  it('keeps what Helvetica can write and marks the rest', () => {
    expect(standardFontText('Café – “ok” €5')).toEqual({ text: 'Café – “ok” €5', replaced: false });
    expect(standardFontText('深圳 Ltd')).toEqual({ text: '?? Ltd', replaced: true });
  });

  it('refuses at start-up a file that is not a font, naming the variable', async () => {
    await expect(loadPdfFont('/nonexistent/font.ttf', null)).rejects.toThrow(/EXPORT_PDF_FONT/);
    await expect(loadPdfFont(new URL(import.meta.url).pathname, null)).rejects.toThrow(
      /EXPORT_PDF_FONT: .* is not a TrueType or OpenType font/,
    );
  });
});
