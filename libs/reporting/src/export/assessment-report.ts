import PDFDocument from 'pdfkit';
import { FINDING_SEVERITIES, type FindingSeverity } from '#questionnaire';
import { standardFontText, type PdfFont } from './pdf-font.js';

/** What the one-page assessment report shows, for management and auditors. */
export interface AssessmentReport {
  readonly organization: string;
  readonly vendor: {
    readonly name: string;
    readonly legalName: string | null;
    readonly tier: string;
  };
  /** Template name and version number, e.g. `Baseline v3`. */
  readonly questionnaire: string;
  readonly cycle: string;
  readonly status: string;
  readonly language: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  readonly sentAt: Date | null;
  readonly submittedAt: Date | null;
  readonly completedAt: Date | null;
  readonly score: {
    readonly computed: number | null;
    readonly override: number | null;
    readonly overrideJustification: string | null;
    readonly effective: number | null;
  };
  readonly sections: ReadonlyArray<{
    readonly title: string;
    readonly score: number | null;
    readonly earned: number;
    readonly possible: number;
    readonly counted: boolean;
  }>;
  readonly residualRating: string | null;
  readonly findings: {
    readonly total: number;
    readonly bySeverity: Readonly<Record<FindingSeverity, number>>;
    /** The most severe first. */
    readonly top: ReadonlyArray<{
      readonly severity: string;
      readonly status: string;
      readonly title: string;
      readonly dueDate: string | null;
    }>;
  };
  readonly decision: string | null;
  readonly decisionNote: string | null;
  /** Name and email of the member who reviewed it. */
  readonly reviewer: string | null;
  readonly generatedAt: Date;
}

/** A score as the report writes it: two decimals, or `-` when there is none. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '-' : score.toFixed(2);
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '-');

const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const RIGHT = PAGE.width - PAGE.margin;
const WIDTH = RIGHT - PAGE.margin;
/** Sections listed at most; the rest are counted in one line (all are in the XLSX export). */
export const MAX_REPORT_SECTIONS = 20;
/** Findings listed at most, the most severe first. */
export const MAX_REPORT_FINDINGS = 8;

/**
 * Draws the report on one A4 page and returns the PDF as a stream (end() already called). Every
 * line is cut to its width and placed at a fixed height, and the lists are capped, so nothing
 * wraps onto a second page. With no `font`, Helvetica writes what it can and a note at the foot
 * of the page says that some characters could not be shown, and how to fix it.
 */
export function renderAssessmentReport(
  report: AssessmentReport,
  font: PdfFont | null,
): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: {
      Title: `Assessment report: ${report.vendor.name}`,
      Author: report.organization,
      Creator: 'Assay',
    },
  });
  const regular = font ? 'report' : 'Helvetica';
  const bold = font ? 'report' : 'Helvetica-Bold';
  if (font) doc.registerFont('report', font.data, font.face ?? undefined);
  let replaced = false;

  const clean = (text: string): string => {
    const spaced = text.replace(/\s+/g, ' ').trim();
    if (font) return spaced;
    const safe = standardFontText(spaced);
    replaced ||= safe.replaced;
    return safe.text;
  };
  /** `text` cut with `...` to fit `width` at the current font and size. */
  const fit = (text: string, width: number): string => {
    if (doc.widthOfString(text) <= width) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (doc.widthOfString(`${text.slice(0, middle)}...`) <= width) low = middle;
      else high = middle - 1;
    }
    return `${text.slice(0, low)}...`;
  };
  const write = (
    text: string,
    x: number,
    y: number,
    options: { width?: number; size?: number; bold?: boolean; align?: 'left' | 'right' } = {},
  ) => {
    const width = options.width ?? RIGHT - x;
    doc.font(options.bold ? bold : regular).fontSize(options.size ?? 9);
    const line = fit(clean(text), width);
    const offset = options.align === 'right' ? width - doc.widthOfString(line) : 0;
    doc.text(line, x + offset, y, { lineBreak: false });
  };
  const rule = (y: number) =>
    doc.moveTo(PAGE.margin, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor('#999999').stroke();

  let y = PAGE.margin;
  write('Assessment report', PAGE.margin, y, { size: 18, bold: true, width: WIDTH / 2 });
  write(`${report.organization} - ${day(report.generatedAt)}`, PAGE.margin + WIDTH / 2, y + 6, {
    width: WIDTH / 2,
    align: 'right',
    size: 8,
  });
  y += 30;
  write(report.vendor.name, PAGE.margin, y, { size: 14, bold: true });
  y += 20;
  write(
    [report.vendor.legalName, `inherent tier ${report.vendor.tier}`].filter(Boolean).join(' - '),
    PAGE.margin,
    y,
  );
  y += 18;
  const details: Array<[string, string]> = [
    ['Questionnaire', report.questionnaire],
    ['Cycle', report.cycle],
    ['Status', report.status],
    ['Language', report.language],
    ['Due', report.dueDate],
    ['Sent', day(report.sentAt)],
    ['Submitted', day(report.submittedAt)],
    ['Completed', day(report.completedAt)],
  ];
  details.forEach(([label, value], index) => {
    const x = PAGE.margin + (index % 2) * (WIDTH / 2);
    const rowY = y + Math.floor(index / 2) * 13;
    write(`${label}:`, x, rowY, { bold: true, width: 70 });
    write(value, x + 72, rowY, { width: WIDTH / 2 - 80 });
  });
  y += 4 * 13 + 8;
  rule(y);
  y += 10;

  write('Score', PAGE.margin, y, { size: 12, bold: true });
  y += 18;
  const scoreLines: Array<[string, string]> = [
    ['Overall score (computed)', formatScore(report.score.computed)],
  ];
  if (report.score.override !== null) {
    scoreLines.push([
      'Override',
      `${formatScore(report.score.override)}${report.score.overrideJustification ? ` - ${report.score.overrideJustification}` : ''}`,
    ]);
  }
  scoreLines.push(['Effective score', formatScore(report.score.effective)]);
  scoreLines.push(['Residual rating', report.residualRating ?? 'not rated yet']);
  for (const [label, value] of scoreLines) {
    write(`${label}:`, PAGE.margin, y, { bold: true, width: 140 });
    write(value, PAGE.margin + 145, y, { width: WIDTH - 145 });
    y += 13;
  }
  y += 6;
  write('Section', PAGE.margin, y, { bold: true, width: WIDTH - 200 });
  write('Score', RIGHT - 190, y, { bold: true, width: 60, align: 'right' });
  write('Points', RIGHT - 120, y, { bold: true, width: 120, align: 'right' });
  y += 13;
  if (report.sections.length === 0) {
    write('Not scored yet: the score is fixed when the vendor submits.', PAGE.margin, y);
    y += 12;
  }
  const shownSections =
    report.sections.length > MAX_REPORT_SECTIONS
      ? report.sections.slice(0, MAX_REPORT_SECTIONS - 1)
      : report.sections;
  for (const section of shownSections) {
    write(`${section.title}${section.counted ? '' : ' (not counted)'}`, PAGE.margin, y, {
      width: WIDTH - 200,
    });
    write(formatScore(section.score), RIGHT - 190, y, { width: 60, align: 'right' });
    write(`${formatScore(section.earned)} of ${formatScore(section.possible)}`, RIGHT - 120, y, {
      width: 120,
      align: 'right',
    });
    y += 12;
  }
  if (shownSections.length < report.sections.length) {
    write(
      `... and ${report.sections.length - shownSections.length} more sections (see the XLSX export)`,
      PAGE.margin,
      y,
    );
    y += 12;
  }
  y += 6;
  rule(y);
  y += 10;

  write(`Findings (${report.findings.total})`, PAGE.margin, y, { size: 12, bold: true });
  y += 18;
  write(
    [...FINDING_SEVERITIES]
      .reverse()
      .map((severity) => `${severity} ${report.findings.bySeverity[severity] ?? 0}`)
      .join('   '),
    PAGE.margin,
    y,
  );
  y += 14;
  for (const finding of report.findings.top.slice(0, MAX_REPORT_FINDINGS)) {
    write(finding.severity, PAGE.margin, y, { bold: true, width: 60 });
    write(finding.status, PAGE.margin + 62, y, { width: 90 });
    write(finding.title, PAGE.margin + 155, y, { width: WIDTH - 155 - 85 });
    write(finding.dueDate ? `due ${finding.dueDate}` : '', RIGHT - 80, y, {
      width: 80,
      align: 'right',
    });
    y += 12;
  }
  if (report.findings.total > Math.min(report.findings.top.length, MAX_REPORT_FINDINGS)) {
    write(
      `... ${report.findings.total - Math.min(report.findings.top.length, MAX_REPORT_FINDINGS)} more`,
      PAGE.margin,
      y,
    );
    y += 12;
  }
  y += 6;
  rule(y);
  y += 10;

  write('Decision', PAGE.margin, y, { size: 12, bold: true });
  y += 18;
  const decision: Array<[string, string]> = [
    ['Decision', report.decision ?? 'none yet'],
    ['Note', report.decisionNote ?? '-'],
    ['Reviewer', report.reviewer ?? '-'],
    ['Completed', day(report.completedAt)],
  ];
  for (const [label, value] of decision) {
    write(`${label}:`, PAGE.margin, y, { bold: true, width: 70 });
    write(value, PAGE.margin + 72, y, { width: WIDTH - 72 });
    y += 13;
  }

  const footY = PAGE.height - PAGE.margin - 10;
  if (replaced) {
    write(
      'Some characters could not be shown (?): set EXPORT_PDF_FONT to a font that has them, e.g. Noto Sans CJK.',
      PAGE.margin,
      footY - 12,
      { size: 7 },
    );
  }
  write('Written by Assay. Scores 0-100; times in UTC.', PAGE.margin, footY, { size: 7 });
  doc.end();
  return doc;
}
