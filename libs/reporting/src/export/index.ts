export {
  LIST_SEPARATOR,
  neutraliseFormula,
  restoreFormulaText,
  type CellType,
  type Column,
} from './cells.js';
export { formatScore, type AssessmentReport } from './assessment-report.js';
export type { IdEncoder } from './export-columns.js';
export {
  ASSESSMENT_KINDS,
  EXPORT_FORMATS,
  ExportFormat,
  ExportKind,
  type ExportFindingFilter,
  type ExportParameters,
} from './export-kind.js';
export { ExportLink } from './export-link.entity.js';
export { EXPORT_ENTITIES, ExportModule } from './export.module.js';
export {
  ExportService,
  type DownloadResult,
  type ExportFile,
  type ExportRequest,
  type ExportSink,
  type IssuedExport,
} from './export.service.js';
