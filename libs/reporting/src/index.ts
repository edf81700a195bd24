export { REPORTING_ENTITIES, ReportingModule } from './reporting.module.js';
export {
  FINDING_SEVERITY_ORDER,
  FindingAgeBand,
  MAX_EXPIRY_WINDOW_DAYS,
  MAX_TREND_MONTHS,
  PortfolioService,
  type AssessmentCadence,
  type ComplianceGaps,
  type ExpiringAgreements,
  type FindingBucket,
  type HeatMapCell,
  type RiskHistoryEntry,
  type SectionAverage,
  type Severity,
  type StatusCount,
  type TierAverage,
  type TrendMonth,
} from './portfolio/portfolio.service.js';
export * from './export/index.js';
