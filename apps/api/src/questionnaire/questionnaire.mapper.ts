import {
  countQuestions,
  definitionChecksum,
  validateDefinition,
  type DefinitionDiff,
  type DefinitionValidation,
  type LibraryTemplate,
  type LocalizedText,
  type QuestionnaireImport,
  type QuestionnaireTemplate,
  type TemplateVersion,
} from '#questionnaire';
import { LocalizedTextModel } from '../agreement/agreement.model.js';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  DefinitionValidationModel,
  LibraryTemplateModel,
  QuestionnaireImportModel,
  QuestionnaireTemplateModel,
  TemplateVersionDiffModel,
  TemplateVersionModel,
} from './questionnaire.model.js';

export const QUESTIONNAIRE_TEMPLATE_TYPE = 'QuestionnaireTemplate';
export const TEMPLATE_VERSION_TYPE = 'TemplateVersion';
export const QUESTIONNAIRE_IMPORT_TYPE = 'QuestionnaireImport';

export function toTemplateModel(template: QuestionnaireTemplate): QuestionnaireTemplateModel {
  return Object.assign(new QuestionnaireTemplateModel(), {
    id: toGlobalId(QUESTIONNAIRE_TEMPLATE_TYPE, template.id),
    rowId: template.id,
    name: template.name,
    description: template.description,
    libraryKey: template.libraryKey,
    createdAt: template.createdAt,
    updatedAt: template.updatedAt,
  });
}

export function toVersionModel(version: TemplateVersion): TemplateVersionModel {
  return Object.assign(new TemplateVersionModel(), {
    id: toGlobalId(TEMPLATE_VERSION_TYPE, version.id),
    rowId: version.id,
    templateRowId: version.templateId,
    basedOnRowId: version.basedOnId,
    loadedDefinition: version.definition ?? null,
    number: version.number,
    status: version.status,
    revision: version.revision,
    questionCount: version.questionCount,
    checksum: version.checksum,
    libraryKey: version.libraryKey,
    libraryVersion: version.libraryVersion,
    publishedAt: version.publishedAt,
    retiredAt: version.retiredAt,
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
  });
}

export function toValidationModel(validation: DefinitionValidation): DefinitionValidationModel {
  return Object.assign(new DefinitionValidationModel(), {
    valid: validation.valid,
    errors: [...validation.errors],
    warnings: [...validation.warnings],
    questionCount: validation.valid ? countQuestions(validation.definition) : null,
    definition: validation.definition ?? null,
  });
}

export const toLocalizedText = (text: LocalizedText): LocalizedTextModel =>
  Object.assign(new LocalizedTextModel(), { en: text.en ?? '', zhCN: text['zh-CN'] ?? '' });

export function toLibraryTemplateModel(template: LibraryTemplate): LibraryTemplateModel {
  const definition = validateDefinition(template.definition, 'publish').definition!;
  return Object.assign(new LibraryTemplateModel(), {
    key: template.key,
    version: template.version,
    name: toLocalizedText(template.name),
    description: toLocalizedText(template.description),
    intendedTiers: [...template.intendedTiers],
    questionCount: countQuestions(definition),
    checksum: definitionChecksum(definition),
    definition,
  });
}

export function toDiffModel(
  fromRowId: string,
  toRowId: string,
  diff: DefinitionDiff,
): TemplateVersionDiffModel {
  return Object.assign(new TemplateVersionDiffModel(), {
    fromRowId,
    toRowId,
    languagesAdded: [...diff.languagesAdded],
    languagesRemoved: [...diff.languagesRemoved],
    sectionsAdded: [...diff.sectionsAdded],
    sectionsRemoved: [...diff.sectionsRemoved],
    sectionsChanged: diff.sectionsChanged.map((change) => ({
      ...change,
      changes: [...change.changes],
    })),
    questionsAdded: [...diff.questionsAdded],
    questionsRemoved: [...diff.questionsRemoved],
    questionsChanged: diff.questionsChanged.map((change) => ({
      ...change,
      changes: [...change.changes],
    })),
  });
}

export function toImportModel(row: QuestionnaireImport): QuestionnaireImportModel {
  return Object.assign(new QuestionnaireImportModel(), {
    id: toGlobalId(QUESTIONNAIRE_IMPORT_TYPE, row.id),
    rowId: row.id,
    templateRowId: row.templateId,
    versionRowId: row.versionId,
    format: row.format,
    status: row.status,
    language: row.language,
    processed: row.processed,
    total: row.total,
    errors: row.errors,
    warnings: row.warnings,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  });
}
