import { Module } from '@nestjs/common';
import { IdentityModule } from '#identity';
import { QuestionnaireModule } from '#questionnaire';
import { RestAccessGuard } from '../http/rest-access.guard.js';
import { QuestionnaireExportController } from './questionnaire-export.controller.js';
import {
  TemplateByIdLoader,
  VersionByIdLoader,
  VersionsByTemplateLoader,
} from './questionnaire.loaders.js';
import { QuestionnaireTemplateResolver } from './questionnaire.resolver.js';
import {
  QuestionnaireImportResolver,
  TemplateVersionDiffResolver,
  TemplateVersionResolver,
} from './template-version.resolver.js';

@Module({
  imports: [QuestionnaireModule, IdentityModule],
  controllers: [QuestionnaireExportController],
  providers: [
    RestAccessGuard,
    QuestionnaireTemplateResolver,
    TemplateVersionResolver,
    TemplateVersionDiffResolver,
    QuestionnaireImportResolver,
    TemplateByIdLoader,
    VersionByIdLoader,
    VersionsByTemplateLoader,
  ],
  exports: [TemplateByIdLoader, VersionByIdLoader],
})
export class QuestionnaireApiModule {}
