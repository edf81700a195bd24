export * from './definition/condition.js';
export * from './definition/definition-diff.js';
export * from './definition/definition.schema.js';
export * from './definition/validate-definition.js';
export * from './definition/visibility.js';
export * from './import/import-types.js';
export { exportQuestionnaire } from './export/export-questionnaire.js';
export { QUESTIONNAIRE_LIBRARY, libraryTemplate } from './library/index.js';
export type { LibraryTemplate } from './library/library-template.js';
export { ImportStatus, QuestionnaireImport } from './questionnaire-import.entity.js';
export { QuestionnaireImportService, type ImportRequest } from './questionnaire-import.service.js';
export { QuestionnaireTemplate } from './questionnaire-template.entity.js';
export { QUESTIONNAIRE_ENTITIES, QuestionnaireModule } from './questionnaire.module.js';
export {
  QuestionnaireService,
  countQuestions,
  definitionChecksum,
  type DraftSource,
  type TemplateFields,
  type TemplateFilter,
  type TemplateStart,
} from './questionnaire.service.js';
export {
  TemplateVersionStatus,
  assertTemplateVersionMove,
  canMoveTemplateVersion,
} from './template-version-status.js';
export { TemplateVersion } from './template-version.entity.js';
