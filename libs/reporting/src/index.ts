export { REPORTING_ENTITIES, ReportingModule } from './reporting.module.js';
