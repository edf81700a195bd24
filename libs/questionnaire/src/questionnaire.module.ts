import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { QuestionnaireImport } from './questionnaire-import.entity.js';
import { QuestionnaireImportService } from './questionnaire-import.service.js';
import { QuestionnaireTemplate } from './questionnaire-template.entity.js';
import { QuestionnaireService } from './questionnaire.service.js';
import { TemplateVersion } from './template-version.entity.js';

export const QUESTIONNAIRE_ENTITIES = [QuestionnaireTemplate, TemplateVersion, QuestionnaireImport];

/** Questionnaire templates, their versions, the built-in library and imports. */
@Module({
  imports: [DatabaseModule.forFeature(QUESTIONNAIRE_ENTITIES), AuditModule],
  providers: [QuestionnaireService, QuestionnaireImportService],
  exports: [QuestionnaireService, QuestionnaireImportService],
})
export class QuestionnaireModule {}
