import type { FindingStatus } from '#assessment';
import type { FindingSeverity } from '#questionnaire';
import type { VendorFilter, VendorOrder } from '#vendor';

/** What can be exported. */
export enum ExportKind {
  VendorRegister = 'VENDOR_REGISTER',
  AssessmentAnswers = 'ASSESSMENT_ANSWERS',
  Findings = 'FINDINGS',
  AssessmentReport = 'ASSESSMENT_REPORT',
}

export enum ExportFormat {
  Csv = 'CSV',
  Xlsx = 'XLSX',
  Pdf = 'PDF',
}

/** The findings filter of an export, as the `findings` connection applies it (row ids). */
export interface ExportFindingFilter {
  readonly vendorId?: string | null;
  readonly assessmentId?: string | null;
  readonly statuses?: readonly FindingStatus[] | null;
  readonly severities?: readonly FindingSeverity[] | null;
  readonly openOnly?: boolean | null;
}

/** What an export link remembers besides its kind and format (row ids, never global ids). */
export interface ExportParameters {
  readonly assessmentId?: string;
  /** The language question texts and section titles are written in. */
  readonly language?: string;
  readonly vendorFilter?: VendorFilter;
  readonly vendorOrder?: VendorOrder;
  readonly findingFilter?: ExportFindingFilter;
}

/** The formats each kind comes in. */
export const EXPORT_FORMATS: Readonly<Record<ExportKind, readonly ExportFormat[]>> = {
  [ExportKind.VendorRegister]: [ExportFormat.Csv, ExportFormat.Xlsx],
  [ExportKind.AssessmentAnswers]: [ExportFormat.Csv, ExportFormat.Xlsx],
  [ExportKind.Findings]: [ExportFormat.Csv, ExportFormat.Xlsx],
  [ExportKind.AssessmentReport]: [ExportFormat.Pdf],
};

/** Kinds about one assessment: they need its id. */
export const ASSESSMENT_KINDS: ReadonlySet<ExportKind> = new Set([
  ExportKind.AssessmentAnswers,
  ExportKind.AssessmentReport,
]);

export const MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  [ExportFormat.Csv]: 'text/csv; charset=utf-8',
  [ExportFormat.Xlsx]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ExportFormat.Pdf]: 'application/pdf',
};

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  [ExportFormat.Csv]: 'csv',
  [ExportFormat.Xlsx]: 'xlsx',
  [ExportFormat.Pdf]: 'pdf',
};

const STEMS: Readonly<Record<ExportKind, string>> = {
  [ExportKind.VendorRegister]: 'vendor-register',
  [ExportKind.AssessmentAnswers]: 'assessment-answers',
  [ExportKind.Findings]: 'findings',
  [ExportKind.AssessmentReport]: 'assessment-report',
};

/**
 * The download's file name: the kind, the vendor for an assessment, and the day, e.g.
 * `assessment-report-acme-hosting-2026-12-05.pdf`. Only letters (any script), digits and `-`
 * survive from the vendor's name.
 */
export function exportFileName(
  kind: ExportKind,
  format: ExportFormat,
  day: string,
  vendorName?: string | null,
): string {
  const vendor = vendorName
    ? vendorName
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
    : '';
  return `${[STEMS[kind], vendor, day].filter(Boolean).join('-')}.${EXTENSIONS[format]}`;
}
